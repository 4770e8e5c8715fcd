import { Button, Checkbox, Grid, Group, NumberInput, TagsInput, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/problem";
import type { PersonView } from "../../api/types";
import { useTenant } from "../../app/AppLayout";
import { asLanguage } from "../../i18n/language";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { useProblemForm } from "../../shared/useProblemForm";
import { LocaleSelect } from "../auth/LocaleSelect";
import { useCreatePerson, useReplacePerson } from "./peopleApi";
import { conflictField, emptyFormValues, toFormValues, toPersonInput } from "./personForm";

const TEXT_FIELDS = [
  "department", "function", "region", "location", "title", "manager_external_id", "time_zone",
] as const;

interface Props {
  /** The person to change; without one, the form adds a new person. */
  person?: PersonView;
  withSensitive: boolean;
  onCancel: () => void;
  onSaved: (saved: PersonView) => void;
}

/**
 * Adds or replaces a person. The API's field errors appear beside their fields, and so does a
 * conflict that names one (an employee ID or email another person has).
 */
export function PersonForm({ person, withSensitive, onCancel, onSaved }: Props) {
  const { t } = useTranslation();
  const tenant = useTenant();
  const create = useCreatePerson();
  const replace = useReplacePerson(person?.id ?? "");
  const save = person ? replace : create;
  const form = useForm({ initialValues: person ? toFormValues(person) : emptyFormValues(tenant.locale) });
  const { failure, showError, clearFailure } = useProblemForm(form);
  const label = (field: string) => t(`people.fields.${field}` as "people.fields.name");

  function refused(error: unknown) {
    const field = error instanceof ApiError ? conflictField(error.problem) : null;
    if (field && error instanceof ApiError) {
      form.setFieldError(field, error.problem.detail || error.problem.title);
      return;
    }
    showError(error);
  }

  return (
    <form
      noValidate
      aria-label={t(person ? "people.editTitle" : "people.newTitle")}
      onSubmit={form.onSubmit((values) => {
        clearFailure();
        save.mutate(toPersonInput(values, withSensitive), {
          onSuccess: (saved) => {
            notifications.show({ color: "teal", message: t(person ? "people.saved" : "people.created", { name: saved.name }) });
            onSaved(saved);
          },
          onError: refused,
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
        <Button variant="default" onClick={onCancel}>
          {t("common.cancel")}
        </Button>
        <Button type="submit" loading={save.isPending}>
          {t(person ? "people.save" : "people.create")}
        </Button>
      </Group>
    </form>
  );
}
