import { Button, Checkbox, Grid, Group, NumberInput, TagsInput, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { PersonView } from "../../api/types";
import { asLanguage } from "../../i18n/language";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { useProblemForm } from "../../shared/useProblemForm";
import { LocaleSelect } from "../auth/LocaleSelect";
import { useReplacePerson } from "./peopleApi";
import { toFormValues, toPersonInput } from "./personForm";

const TEXT_FIELDS = [
  "department", "function", "region", "location", "title", "manager_external_id", "time_zone",
] as const;

/** Replaces a person; the API's field errors appear beside their fields. */
export function PersonForm({ person, withSensitive, onDone }: { person: PersonView; withSensitive: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const replace = useReplacePerson(person.id);
  const form = useForm({ initialValues: toFormValues(person) });
  const { failure, showError, clearFailure } = useProblemForm(form);
  const label = (field: string) => t(`people.fields.${field}` as "people.fields.name");

  return (
    <form
      noValidate
      aria-label={t("people.editTitle")}
      onSubmit={form.onSubmit((values) => {
        clearFailure();
        replace.mutate(toPersonInput(values, withSensitive), {
          onSuccess: () => {
            notifications.show({ color: "teal", message: t("people.saved", { name: values.name }) });
            onDone();
          },
          onError: showError,
        });
      })}
    >
      {failure && <ErrorAlert error={failure.error} extra={failure.unmatched} />}
      <Grid mt={failure ? "sm" : 0}>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <TextInput label={label("external_id")} required {...form.getInputProps("external_id")} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <TextInput label={label("name")} required {...form.getInputProps("name")} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <TextInput label={label("name_reading")} {...form.getInputProps("name_reading")} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <TextInput label={label("email")} type="email" required {...form.getInputProps("email")} />
        </Grid.Col>
        {TEXT_FIELDS.map((field) => (
          <Grid.Col key={field} span={{ base: 12, sm: 4 }}>
            <TextInput label={label(field)} {...form.getInputProps(field)} />
          </Grid.Col>
        ))}
        <Grid.Col span={{ base: 6, sm: 4 }}>
          <NumberInput label={label("job_level")} min={1} max={20} allowDecimal={false} {...form.getInputProps("job_level")} />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 4 }}>
          <TextInput label={label("hire_date")} type="date" {...form.getInputProps("hire_date")} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <LocaleSelect
            label={label("preferred_locale")}
            {...form.getInputProps("preferred_locale")}
            onChange={(value) => {
              const locale = asLanguage(value);
              if (locale) form.setFieldValue("preferred_locale", locale);
            }}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TagsInput label={label("languages")} {...form.getInputProps("languages")} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TagsInput label={label("skills")} {...form.getInputProps("skills")} />
        </Grid.Col>
        {withSensitive && (
          <>
            <Grid.Col span={{ base: 6, sm: 4 }}>
              <TextInput label={label("gender")} {...form.getInputProps("gender")} />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 4 }}>
              <TextInput label={label("age_band")} {...form.getInputProps("age_band")} />
            </Grid.Col>
          </>
        )}
        <Grid.Col span={12}>
          <Checkbox label={label("is_executive")} {...form.getInputProps("is_executive", { type: "checkbox" })} />
        </Grid.Col>
      </Grid>
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onDone}>
          {t("common.cancel")}
        </Button>
        <Button type="submit" loading={replace.isPending}>
          {t("people.save")}
        </Button>
      </Group>
    </form>
  );
}
