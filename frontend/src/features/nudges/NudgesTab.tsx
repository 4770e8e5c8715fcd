import { useEffect, useState } from "react";
import { Alert, Anchor, Badge, Button, Card, Group, NumberInput, Select, Stack, Switch, Table, Text, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconLock } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiError } from "../../api/problem";
import type { ProgramView } from "../../api/types";
import { formatDateTime, formatNumber } from "../../i18n/format";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { ListState } from "../../shared/ListState";
import { useLanguage } from "../../shared/useLanguage";
import { useProblemForm } from "../../shared/useProblemForm";
import { daysProblem, formPath, hasFixedTiming, peopleInLog, stateColor, toFormValues, toRequest, type NudgeFormValues } from "./nudges";
import { useNudgeSettings, useProgramNudges, useSaveNudgeSettings } from "./nudgesApi";
import type { NudgeLogEntry, NudgeSettings } from "./types";

function SettingsForm({ programId, settings, writer }: { programId: string; settings: NudgeSettings; writer: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const save = useSaveNudgeSettings(programId);
  const form = useForm<NudgeFormValues>({
    initialValues: toFormValues(settings),
    validate: (values) => {
      const errors: Record<string, string> = {};
      values.rules.forEach((r, i) => {
        if (!hasFixedTiming(r.rule) && daysProblem(r.days)) errors[`rules.${i}.days`] = t("nudges.settings.daysProblem");
      });
      return errors;
    },
  });
  const { failure, showError, clearFailure } = useProblemForm(form);
  // A saved answer becomes the form's starting point.
  useEffect(() => {
    form.setInitialValues(toFormValues(settings));
  }, [settings]);
  const values = form.getValues();
  return (
    <form
      data-testid="nudge-settings"
      onSubmit={form.onSubmit((v) => {
        clearFailure();
        save.mutate(toRequest(v), {
          onSuccess: (saved) => {
            form.setValues(toFormValues(saved));
            form.resetDirty(toFormValues(saved));
            notifications.show({ color: "teal", message: t("nudges.settings.saved") });
          },
          onError: (error) => {
            // The server names fields like `rules[2].days`: the form's paths are `rules.2.days`.
            if (error instanceof ApiError && error.problem.errors?.length) {
              const mapped = error.problem.errors.map((e) => ({ ...e, field: e.field ? formPath(e.field) : e.field }));
              const fieldErrors: Record<string, string> = {};
              for (const e of mapped) if (e.field && e.field.startsWith("rules.")) fieldErrors[e.field] = e.message;
              if (Object.keys(fieldErrors).length === mapped.length) {
                form.setErrors(fieldErrors);
                return;
              }
            }
            showError(error);
          },
        });
      })}
    >
      <Stack gap="md">
        <Switch
          label={t("nudges.settings.paused")}
          description={t("nudges.settings.pausedHint")}
          disabled={!writer}
          {...form.getInputProps("paused", { type: "checkbox" })}
          data-testid="nudges-paused"
        />
        <Text size="sm" c="dimmed" data-testid="nudges-cap">
          {t("nudges.settings.cap", { cap: formatNumber(settings.weekly_cap, language) })}
        </Text>
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="sm" data-testid="nudge-rules">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("nudges.settings.rule")}</Table.Th>
                <Table.Th>{t("nudges.settings.on")}</Table.Th>
                <Table.Th>{t("nudges.settings.days")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {values.rules.map((r, i) => {
                const name = t(`nudges.rules.${r.rule}`);
                return (
                  <Table.Tr key={r.rule} data-testid={`nudge-rule-${r.rule}`}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t(`nudges.ruleHints.${r.rule}`)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Switch
                        aria-label={t("nudges.settings.switchOf", { rule: name })}
                        disabled={!writer}
                        {...form.getInputProps(`rules.${i}.enabled`, { type: "checkbox" })}
                      />
                    </Table.Td>
                    <Table.Td w={140}>
                      {hasFixedTiming(r.rule) ? (
                        <Text size="sm">{t("nudges.settings.fixed")}</Text>
                      ) : (
                        <NumberInput
                          aria-label={t("nudges.settings.daysOf", { rule: name })}
                          min={1}
                          max={90}
                          allowDecimal={false}
                          readOnly={!writer}
                          w={100}
                          {...form.getInputProps(`rules.${i}.days`)}
                        />
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {failure && <ErrorAlert error={failure.error} extra={failure.unmatched} />}
        {writer ? (
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t("nudges.settings.save")}
            </Button>
          </Group>
        ) : (
          <Alert color="gray" icon={<IconLock size={16} />} data-testid="nudges-read-only">
            {t("nudges.settings.readOnly")}
          </Alert>
        )}
      </Stack>
    </form>
  );
}

/** A nudge's state as a badge in the console's language. */
export function NudgeStateBadge({ entry }: { entry: Pick<NudgeLogEntry, "state"> }) {
  const { t } = useTranslation();
  return (
    <Badge color={stateColor(entry.state)} variant="light" data-testid="nudge-state">
      {t(`nudges.states.${entry.state}`)}
    </Badge>
  );
}

/** Log rows: who, which rule in words, the state, why, and when. */
export function NudgeLogTable({ entries, withPerson = true, programNames }: {
  entries: readonly NudgeLogEntry[];
  withPerson?: boolean;
  /** For a person's log across programs: each program's name. */
  programNames?: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="xs" data-testid="nudge-log-table">
        <Table.Thead>
          <Table.Tr>
            {withPerson && <Table.Th>{t("nudges.log.person")}</Table.Th>}
            {programNames && <Table.Th>{t("nudges.log.program")}</Table.Th>}
            <Table.Th>{t("nudges.log.rule")}</Table.Th>
            <Table.Th>{t("nudges.log.state")}</Table.Th>
            <Table.Th>{t("nudges.log.reason")}</Table.Th>
            <Table.Th>{t("nudges.log.when")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((e) => (
            <Table.Tr key={e.id} data-testid="nudge-row" data-rule={e.rule}>
              {withPerson && (
                <Table.Td>
                  <Anchor component={Link} to={`/people/${e.person_id}`} size="sm">
                    {e.name}
                  </Anchor>
                </Table.Td>
              )}
              {programNames && (
                <Table.Td>
                  <Anchor component={Link} to={`/programs/${e.program_id}?tab=nudges`} size="sm">
                    {programNames.get(e.program_id) ?? "—"}
                  </Anchor>
                </Table.Td>
              )}
              <Table.Td>
                <Text size="sm">{t(`nudges.rules.${e.rule}`)}</Text>
              </Table.Td>
              <Table.Td>
                <NudgeStateBadge entry={e} />
              </Table.Td>
              <Table.Td maw={320}>
                <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                  {e.reason ?? ""}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatDateTime(e.sent_at ?? e.created_at, language)}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function NudgeLog({ programId }: { programId: string }) {
  const { t } = useTranslation();
  const [personId, setPersonId] = useState<string | null>(null);
  const everyone = useProgramNudges(programId, null);
  const log = useProgramNudges(programId, personId);
  const people = peopleInLog(everyone.data ?? []);
  return (
    <Card withBorder padding="lg" data-testid="nudge-log">
      <Group justify="space-between" mb="sm" align="flex-end" gap="sm">
        <Title order={2} size="h4">
          {t("nudges.log.title")}
        </Title>
        <Select
          label={t("nudges.log.filter")}
          placeholder={t("nudges.log.everyone")}
          data={people}
          value={personId}
          onChange={setPersonId}
          clearable
          searchable
          w={260}
          disabled={people.length === 0}
        />
      </Group>
      <ListState query={log} isEmpty={(log.data ?? []).length === 0} emptyText={personId ? t("nudges.log.emptyPerson") : t("nudges.log.empty")}>
        <NudgeLogTable entries={log.data ?? []} />
      </ListState>
    </Card>
  );
}

/** The program's nudges: its rules (writers change them), the pause, the weekly cap, and the log. */
export function NudgesTab({ program, writer }: { program: ProgramView; writer: boolean }) {
  const { t } = useTranslation();
  const settings = useNudgeSettings(program.id);
  const open = program.state !== "archived";
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t("nudges.intro")}
      </Text>
      <Card withBorder padding="lg">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4">
            {t("nudges.settings.title")}
          </Title>
          {settings.data?.paused && (
            <Badge color="orange" variant="light">
              {t("nudges.settings.pausedBadge")}
            </Badge>
          )}
        </Group>
        <ListState query={settings} isEmpty={false} emptyText="">
          {settings.data && <SettingsForm programId={program.id} settings={settings.data} writer={writer && open} />}
        </ListState>
      </Card>
      <NudgeLog programId={program.id} />
    </Stack>
  );
}
