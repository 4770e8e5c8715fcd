import { useState } from "react";
import { Button, Card, Group, Paper, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useTranslation } from "react-i18next";
import { formatDate } from "../../i18n/format";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { useLanguage } from "../../shared/useLanguage";
import { useProblemForm } from "../../shared/useProblemForm";
import { GoalStatusBadge } from "../tracking/GoalStatusBadge";
import type { Goal } from "../tracking/types";
import { goalBody, goalErrors, MAX_GOAL_TITLE, MAX_NOTE, progressChange } from "./pairForms";
import { useAddGoal, useChangeGoal } from "./portalApi";

function AddGoal({ pairId, onDone }: { pairId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const add = useAddGoal(pairId);
  const form = useForm({
    initialValues: { title: "", target_date: "" },
    validate: (values) => Object.fromEntries(Object.entries(goalErrors(values)).map(([k, key]) => [k, t(key, { max: MAX_GOAL_TITLE })])),
  });
  const { failure, showError, clearFailure } = useProblemForm(form);
  return (
    <form
      noValidate
      data-testid="goal-form"
      onSubmit={form.onSubmit((values) => {
        clearFailure();
        add.mutate(goalBody(values), { onSuccess: onDone, onError: showError });
      })}
    >
      <Stack gap="sm">
        {failure && <ErrorAlert error={failure.error} extra={failure.unmatched} />}
        <TextInput label={t("portal.goals.goal")} required maxLength={MAX_GOAL_TITLE} {...form.getInputProps("title")} />
        <TextInput type="date" label={t("portal.goals.targetDate")} {...form.getInputProps("target_date")} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={add.isPending}>
            {t("portal.goals.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function GoalItem({ goal, pairId, editable }: { goal: Goal; pairId: string; editable: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const change = useChangeGoal(pairId);
  const [note, setNote] = useState<string | null>(null);
  const status = (to: Goal["status"]) => change.mutate({ goalId: goal.id, body: { status: to } });
  return (
    <Paper withBorder p="sm" radius="md" data-testid="goal" data-status={goal.status}>
      <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
        <Text size="sm" fw={600} style={{ overflowWrap: "anywhere", minWidth: 0 }} data-testid="goal-title">
          {goal.title}
        </Text>
        <GoalStatusBadge status={goal.status} />
      </Group>
      {goal.target_date && (
        <Text size="xs" c="dimmed">
          {t("tracking.goals.by", { when: formatDate(goal.target_date, language, { timeZone: "UTC" }) })}
        </Text>
      )}
      {goal.progress_note && note === null && (
        <Text size="sm" mt={4} style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }} data-testid="goal-progress">
          {goal.progress_note}
        </Text>
      )}
      {change.isError && <ErrorAlert error={change.error} />}
      {note !== null ? (
        <Stack gap="xs" mt="xs">
          <Textarea label={t("portal.goals.progress")} autosize minRows={2} maxLength={MAX_NOTE} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" size="compact-sm" onClick={() => setNote(null)}>
              {t("common.cancel")}
            </Button>
            <Button size="compact-sm" loading={change.isPending} onClick={() => change.mutate({ goalId: goal.id, body: progressChange(note) }, { onSuccess: () => setNote(null) })}>
              {t("portal.goals.saveProgress")}
            </Button>
          </Group>
        </Stack>
      ) : (
        editable && (
          <Group gap={6} mt="xs">
            {goal.status === "open" ? (
              <>
                <Button size="compact-sm" variant="light" color="teal" disabled={change.isPending} onClick={() => status("done")}>
                  {t("portal.goals.markDone")}
                </Button>
                <Button size="compact-sm" variant="subtle" color="gray" disabled={change.isPending} onClick={() => status("dropped")}>
                  {t("portal.goals.drop")}
                </Button>
              </>
            ) : (
              <Button size="compact-sm" variant="subtle" disabled={change.isPending} onClick={() => status("open")}>
                {t("portal.goals.reopen")}
              </Button>
            )}
            <Button size="compact-sm" variant="subtle" onClick={() => setNote(goal.progress_note ?? "")}>
              {t("portal.goals.updateProgress")}
            </Button>
          </Group>
        )
      )}
    </Paper>
  );
}

/** Goals the two share: added by either, marked done or dropped, with a note on progress. */
export function GoalsCard({ pairId, goals, editable }: { pairId: string; goals: readonly Goal[]; editable: boolean }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  return (
    <Card withBorder padding="md" data-testid="goals">
      <Group justify="space-between" mb="xs" gap="xs">
        <Title order={2} size="h4">
          {t("portal.goals.title")}
        </Title>
        {editable && !adding && (
          <Button size="compact-sm" variant="light" onClick={() => setAdding(true)}>
            {t("portal.goals.add")}
          </Button>
        )}
      </Group>
      <Stack gap="xs">
        {adding && <AddGoal pairId={pairId} onDone={() => setAdding(false)} />}
        {goals.length === 0 && !adding && (
          <Text size="sm" c="dimmed">
            {t("portal.goals.empty")}
          </Text>
        )}
        {goals.map((g) => (
          <GoalItem key={g.id} goal={g} pairId={pairId} editable={editable} />
        ))}
      </Stack>
    </Card>
  );
}
