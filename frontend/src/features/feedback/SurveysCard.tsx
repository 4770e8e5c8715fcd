import { useEffect, useState } from "react";
import { Badge, Button, Card, Collapse, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconChartBar, IconPlus } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { ProgramKind } from "../../api/types";
import { formatNumber } from "../../i18n/format";
import { ConfirmButton } from "../../shared/ConfirmButton";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { ListState } from "../../shared/ListState";
import { useLanguage } from "../../shared/useLanguage";
import { useCloseSurvey, useDeleteSurvey, useOpenSurvey, useRemindSurvey, useSurveys } from "./feedbackApi";
import { NewSurveyForm } from "./NewSurveyForm";
import { formatDay } from "./results";
import { SurveyResults } from "./SurveyResults";
import { TemplateEditorButton } from "./TemplateEditor";
import type { SurveyState, SurveyView } from "./types";

const STATE_COLOR: Record<SurveyState, string> = { draft: "gray", open: "teal", closed: "dark" };

export function SurveyStateBadge({ state }: { state: SurveyState }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATE_COLOR[state]} variant="light" data-testid="survey-state">
      {t(`feedback.surveys.states.${state}`)}
    </Badge>
  );
}

/** What writers may do with a survey in its state: open or delete a draft, remind or close an open one. */
function SurveyActions({ programId, survey, onOpened }: { programId: string; survey: SurveyView; onOpened: () => void }) {
  const { t } = useTranslation();
  const open = useOpenSurvey(programId);
  const close = useCloseSurvey(programId);
  const remind = useRemindSurvey(programId);
  const remove = useDeleteSurvey(programId);
  const error = open.error ?? remind.error;
  return (
    <Stack gap="xs">
      {error && <ErrorAlert error={error} />}
      <Group gap="xs">
        {survey.state === "draft" && (
          <>
            <Button
              size="xs"
              loading={open.isPending}
              onClick={() =>
                open.mutate(survey.id, {
                  onSuccess: (s) => {
                    notifications.show({ color: "teal", message: t("feedback.surveys.opened", { title: s.title }) });
                    onOpened();
                  },
                })
              }
            >
              {t("feedback.surveys.open")}
            </Button>
            <ConfirmButton
              label={t("feedback.surveys.delete")}
              title={t("feedback.surveys.deleteTitle")}
              message={t("feedback.surveys.deleteBody", { title: survey.title })}
              confirmLabel={t("feedback.surveys.delete")}
              onConfirm={() => remove.mutateAsync(survey.id)}
            />
          </>
        )}
        {survey.state === "open" && (
          <>
            <Button
              size="xs"
              variant="light"
              loading={remind.isPending}
              disabled={survey.answered >= survey.invited}
              onClick={() =>
                remind.mutate(survey.id, {
                  onSuccess: () => notifications.show({ color: "teal", message: t("feedback.surveys.reminded") }),
                })
              }
            >
              {t("feedback.surveys.remind")}
            </Button>
            <ConfirmButton
              label={t("feedback.surveys.close")}
              title={t("feedback.surveys.closeTitle")}
              message={t("feedback.surveys.closeBody", { title: survey.title })}
              confirmLabel={t("feedback.surveys.close")}
              onConfirm={() => close.mutateAsync(survey.id)}
            />
          </>
        )}
      </Group>
    </Stack>
  );
}

interface ItemProps {
  programId: string;
  survey: SurveyView;
  writer: boolean;
  onOpened: () => void;
}

function SurveyItem({ programId, survey, writer, onOpened }: ItemProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [showing, setShowing] = useState(false);
  const n = (v: number) => formatNumber(v, language);
  const kindName = t(`feedback.surveys.kinds.${survey.kind}`);
  const asked = t("feedback.surveys.asked", { audience: t(`feedback.surveys.audiences.${survey.audience}`) });
  return (
    <Paper withBorder p="md" radius="md" data-testid="survey" data-survey={survey.id}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="xs">
          <div>
            <Text fw={600} data-testid="survey-title" style={{ overflowWrap: "anywhere" }}>
              {survey.title}
            </Text>
            <Text size="sm" c="dimmed" data-testid="survey-summary">
              {survey.title === kindName ? asked : t("feedback.surveys.summary", { kind: kindName, asked })}
            </Text>
          </div>
          <Group gap={6}>
            {survey.anonymous && (
              <Badge variant="outline" color="indigo">
                {t("feedback.surveys.anonymousBadge")}
              </Badge>
            )}
            <SurveyStateBadge state={survey.state} />
          </Group>
        </Group>
        <Group gap="lg" wrap="wrap">
          {survey.state === "open" && survey.invited === 0 ? (
            // Opening queues the invitations: until they are written, nobody counts as asked.
            <Text size="sm" c="dimmed" data-testid="survey-sending">
              {t("feedback.surveys.sending")}
            </Text>
          ) : (
            survey.state !== "draft" && (
              <Text size="sm" data-testid="survey-answered">
                {t("feedback.surveys.answeredOf", { answered: n(survey.answered), invited: n(survey.invited) })}
              </Text>
            )
          )}
          {survey.closes_on && (
            <Text size="sm" c="dimmed">
              {t(survey.state === "closed" ? "feedback.surveys.closedOn" : "feedback.surveys.closesOnDay", { day: formatDay(survey.closes_on, language) })}
            </Text>
          )}
        </Group>
        <Group justify="space-between" gap="xs">
          {writer ? <SurveyActions programId={programId} survey={survey} onOpened={onOpened} /> : <span />}
          {survey.state !== "draft" && (
            <Button
              size="xs"
              variant="subtle"
              leftSection={<IconChartBar size={14} aria-hidden />}
              aria-expanded={showing}
              onClick={() => setShowing((s) => !s)}
            >
              {t(showing ? "feedback.surveys.hideResults" : "feedback.surveys.showResults")}
            </Button>
          )}
        </Group>
        <Collapse expanded={showing}>{showing && <SurveyResults programId={programId} surveyId={survey.id} />}</Collapse>
      </Stack>
    </Paper>
  );
}

/** The program's surveys: their state and answers, their results; writers create, open, remind, close and delete them. */
export function SurveysCard({ programId, programKind, writer }: { programId: string; programKind: ProgramKind; writer: boolean }) {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  const [following, setFollowing] = useState(false);
  const surveys = useSurveys(programId, following);
  // Opening queues the invitations; the count of people asked is followed for half a minute.
  useEffect(() => {
    if (!following) return;
    const stop = setTimeout(() => setFollowing(false), 30_000);
    return () => clearTimeout(stop);
  }, [following]);
  const list = surveys.data ?? [];
  return (
    <Card withBorder padding="lg" data-testid="surveys">
      <Group justify="space-between" mb="xs" gap="xs">
        <Title order={2} size="h4">
          {t("feedback.surveys.title")}
        </Title>
        {writer && (
          <Group gap="xs">
            <TemplateEditorButton />
            {!creating && (
              <Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setCreating(true)}>
                {t("feedback.surveys.new")}
              </Button>
            )}
          </Group>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {t("feedback.surveys.intro")}
      </Text>
      {creating && (
        <Paper withBorder p="md" radius="md" mb="md">
          <NewSurveyForm programId={programId} programKind={programKind} onDone={() => setCreating(false)} />
        </Paper>
      )}
      <ListState query={surveys} isEmpty={list.length === 0} emptyText={t("feedback.surveys.empty")}>
        <Stack gap="sm">
          {[...list].reverse().map((s) => (
            <SurveyItem key={s.id} programId={programId} survey={s} writer={writer} onOpened={() => setFollowing(true)} />
          ))}
        </Stack>
      </ListState>
    </Card>
  );
}
