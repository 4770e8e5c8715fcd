import { useState } from "react";
import { Alert, Button, Card, Checkbox, Grid, List, MultiSelect, NumberInput, Stack, Switch, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDebouncedValue } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import type { InviteesAdded } from "../../api/types";
import { formatNumber } from "../../i18n/format";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { useLanguage } from "../../shared/useLanguage";
import { useProblemForm } from "../../shared/useProblemForm";
import { NO_FILTERS } from "../people/filters";
import { usePeople } from "../people/peopleApi";
import { emptyInvitees, INVITEE_FIELD_ALIASES, toInviteesRequest, type InviteeValues, type InviteMode } from "./invitees";
import { useAddInvitees } from "./recruitmentApi";

/** Who was added, and everyone asked for who was not, with the server's reason. */
function InviteResult({ result }: { result: InviteesAdded }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const skipped = result.skipped.length;
  return (
    <Alert color={skipped > 0 ? "yellow" : "teal"} role="status" data-testid="invitees-added">
      <Text size="sm">
        {t("recruitment.invitees.added", { added: result.added, invitees: result.invitees })}
        {skipped > 0 && ` ${t("recruitment.invitees.skipped", { count: skipped, shown: formatNumber(skipped, language) })}`}
      </Text>
      {skipped > 0 && (
        <List size="sm" mt={4} data-testid="invitees-skipped">
          {result.skipped.map((p) => (
            <List.Item key={p.person_id}>{t("recruitment.invitees.skippedPerson", { name: p.name, reason: p.reason })}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

/** Closed campaigns: invite people picked by name, or everyone matching a directory filter. */
export function InviteesCard({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<InviteMode>("filter");
  const form = useForm<InviteeValues>({ initialValues: emptyInvitees() });
  const { failure, showError, clearFailure } = useProblemForm(form, INVITEE_FIELD_ALIASES);
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 300);
  const people = usePeople({ ...NO_FILTERS, q: debounced });
  const add = useAddInvitees(campaignId);

  const options = people.items.map((p) => ({ value: p.id, label: `${p.name} <${p.email}>` }));

  return (
    <Card withBorder padding="lg">
      <Title order={2} size="h4" mb="xs">
        {t("recruitment.invitees.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t("recruitment.invitees.hint")}
      </Text>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          clearFailure();
          add.reset();
          add.mutate(toInviteesRequest(mode, values), { onError: showError });
        })}
      >
        <Stack gap="sm">
          <Switch
            label={t("recruitment.invitees.pickPeople")}
            checked={mode === "people"}
            onChange={(e) => {
              setMode(e.currentTarget.checked ? "people" : "filter");
              form.clearErrors();
            }}
          />
          {mode === "people" ? (
            <MultiSelect
              label={t("recruitment.invitees.people")}
              searchable
              searchValue={search}
              onSearchChange={setSearch}
              data={options}
              nothingFoundMessage={t("recruitment.invitees.nobody")}
              {...form.getInputProps("person_ids")}
            />
          ) : (
            <Grid>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <TextInput label={t("people.fields.department")} {...form.getInputProps("department")} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <TextInput label={t("people.fields.function")} {...form.getInputProps("function")} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <TextInput label={t("people.fields.region")} {...form.getInputProps("region")} />
              </Grid.Col>
              <Grid.Col span={{ base: 6, sm: 3 }}>
                <NumberInput label={t("programs.rule.levelMin")} min={1} max={20} {...form.getInputProps("level_min")} />
              </Grid.Col>
              <Grid.Col span={{ base: 6, sm: 3 }}>
                <NumberInput label={t("programs.rule.levelMax")} min={1} max={20} {...form.getInputProps("level_max")} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 3 }}>
                <TextInput label={t("people.fields.skills")} {...form.getInputProps("skill")} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 3 }} style={{ alignSelf: "flex-end" }}>
                <Checkbox label={t("programs.rule.executivesOnly")} {...form.getInputProps("executives_only", { type: "checkbox" })} />
              </Grid.Col>
            </Grid>
          )}
          <Checkbox label={t("recruitment.invitees.eligibleOnly")} {...form.getInputProps("eligible_only", { type: "checkbox" })} />
          {failure && <ErrorAlert error={failure.error} extra={failure.unmatched} />}
          {add.isSuccess && <InviteResult result={add.data} />}
          <div>
            <Button type="submit" loading={add.isPending} disabled={mode === "people" && form.getValues().person_ids.length === 0}>
              {t("recruitment.invitees.add")}
            </Button>
          </div>
        </Stack>
      </form>
    </Card>
  );
}
