import { useState, type ReactNode } from "react";
import { Alert, Badge, Button, Card, Grid, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconPlayerPause, IconPlayerPlay } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { useConsoleUser } from "../../app/AppLayout";
import { formatDate } from "../../i18n/format";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { PageHeader } from "../../shared/PageHeader";
import { BackLink, PageLoading } from "../../shared/PageParts";
import { useLanguage } from "../../shared/useLanguage";
import { canWriteDirectory } from "../auth/permissions";
import { sideNames } from "../matching/sides";
import { useProgram } from "../programs/programsApi";
import { GoalStatusBadge } from "../tracking/GoalStatusBadge";
import { HealthBadge } from "../tracking/HealthBadge";
import { LearningList } from "../tracking/LearningList";
import { ReciprocityView } from "../tracking/ReciprocityView";
import { SessionList } from "../tracking/SessionList";
import { StoryView } from "../tracking/StoryView";
import { browserTimeZone } from "../tracking/time";
import type { Goal } from "../tracking/types";
import { useConsolePair, useFeatureStory, useResumePair } from "./launchApi";
import { PauseDialog } from "./PauseDialog";
import type { ConsolePair, PairMemberFacts } from "./types";

function Member({ member, side }: { member: PairMemberFacts; side: string }) {
  const { t } = useTranslation();
  const job = [member.title, member.department].filter((f): f is string => Boolean(f));
  return (
    <Paper withBorder p="sm" radius="md" data-testid="pair-member">
      <Text size="xs" c="dimmed">
        {side}
      </Text>
      <Group gap="xs">
        <Text fw={600}>{member.name}</Text>
        {member.is_executive && (
          <Badge size="sm" variant="light" color="grape" data-testid="executive">
            {t("launch.pair.executive")}
          </Badge>
        )}
      </Group>
      {job.length > 0 && (
        <Text size="sm" c="dimmed">
          {job.join(" · ")}
        </Text>
      )}
    </Paper>
  );
}

function Goals({ goals }: { goals: readonly Goal[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (goals.length === 0) return <Text size="sm" c="dimmed">{t("launch.pair.noGoals")}</Text>;
  return (
    <Stack gap="xs">
      {goals.map((g) => (
        <Paper key={g.id} withBorder p="sm" radius="md" data-testid="goal">
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text size="sm" fw={600} style={{ overflowWrap: "anywhere" }}>
              {g.title}
            </Text>
            <GoalStatusBadge status={g.status} />
          </Group>
          {g.target_date && (
            <Text size="xs" c="dimmed">
              {t("tracking.goals.by", { when: formatDate(g.target_date, language, { timeZone: "UTC" }) })}
            </Text>
          )}
          {g.progress_note && (
            <Text size="sm" mt={4} style={{ whiteSpace: "pre-wrap" }}>
              {g.progress_note}
            </Text>
          )}
        </Paper>
      ))}
    </Stack>
  );
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <Card withBorder padding="lg" data-testid={testId}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Card>
  );
}

function PairView({ pair, writer }: { pair: ConsolePair; writer: boolean }) {
  const { t } = useTranslation();
  const program = useProgram(pair.program_id);
  const resume = useResumePair(pair.id);
  const feature = useFeatureStory();
  const [pausing, setPausing] = useState(false);
  const sides = sideNames(program.data?.design.kind ?? "reverse");
  const names = new Map([
    [pair.mentor.id, pair.mentor.name],
    [pair.mentee.id, pair.mentee.name],
  ]);
  const nameOf = (id: string) => names.get(id) ?? t("portal.someoneElse");
  return (
    <Stack gap="md">
      <BackLink to={`/programs/${pair.program_id}?tab=launch`} label={program.data?.design.name ?? t("launch.pair.back")} />
      <PageHeader
        title={t("launch.pairs.names", { mentor: pair.mentor.name, mentee: pair.mentee.name })}
        actions={
          writer && (
            <Group gap="sm">
              {pair.state === "active" && (
                <Button variant="default" leftSection={<IconPlayerPause size={16} />} onClick={() => setPausing(true)}>
                  {t("launch.pair.pause")}
                </Button>
              )}
              {pair.state === "paused" && (
                <Button leftSection={<IconPlayerPlay size={16} />} loading={resume.isPending} onClick={() => resume.mutate(undefined)}>
                  {t("launch.pair.resume")}
                </Button>
              )}
            </Group>
          )
        }
      />
      {resume.isError && <ErrorAlert error={resume.error} />}
      <Group gap="sm">
        <HealthBadge health={pair.health} withReasons />
        {pair.state !== "active" && <Badge color="gray" data-testid="pair-state">{t(`tracking.states.${pair.state}`)}</Badge>}
      </Group>
      {pair.state === "paused" && (
        <Alert color="yellow" icon={<IconPlayerPause size={18} />} data-testid="pair-paused">
          {pair.paused_reason ? t("launch.pair.pausedBecause", { reason: pair.paused_reason }) : t("launch.pair.paused")}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Member member={pair.mentor} side={t(`matching.sides.${sides.first}`)} />
        <Member member={pair.mentee} side={t(`matching.sides.${sides.second}`)} />
      </SimpleGrid>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="md">
            <Section title={t("portal.sessions.title")} testId="pair-sessions">
              <SessionList sessions={pair.sessions} zone={browserTimeZone()} nameOf={nameOf} emptyText={t("launch.pair.noSessions")} />
            </Section>
            <Section title={t("portal.learning.title")} testId="pair-learning">
              <LearningList entries={pair.learning} nameOf={nameOf} emptyText={t("launch.pair.noLearning")} />
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            <Section title={t("tracking.reciprocity.title")} testId="pair-reciprocity">
              <ReciprocityView reciprocity={pair.reciprocity} mentorName={pair.mentor.name} menteeName={pair.mentee.name} />
            </Section>
            <Section title={t("portal.goals.title")} testId="pair-goals">
              <Goals goals={pair.goals} />
            </Section>
            <Section title={t("launch.stories.story")} testId="pair-story">
              {pair.story ? (
                <Stack gap="sm">
                  <StoryView story={pair.story} />
                  {!pair.story.published && (
                    <Text size="sm" c="dimmed">
                      {t("launch.stories.notPublished")}
                    </Text>
                  )}
                  {feature.isError && <ErrorAlert error={feature.error} />}
                  {writer && pair.story.published && (
                    <Group>
                      <Button
                        size="xs"
                        variant="light"
                        loading={feature.isPending}
                        onClick={() => feature.mutate({ pairId: pair.id, featured: !pair.story?.featured })}
                      >
                        {t(pair.story.featured ? "launch.stories.unfeature" : "launch.stories.feature")}
                      </Button>
                    </Group>
                  )}
                </Stack>
              ) : (
                <Text size="sm" c="dimmed">
                  {t("launch.stories.none")}
                </Text>
              )}
            </Section>
            <Text size="xs" c="dimmed" data-testid="notes-stay-private">
              {t("launch.pair.notesPrivate")}
            </Text>
          </Stack>
        </Grid.Col>
      </Grid>
      {pausing && <PauseDialog pairId={pair.id} onClose={() => setPausing(false)} />}
    </Stack>
  );
}

/** A pair seen by the program team: everything the two track together, but never their private notes. */
export function PairPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const user = useConsoleUser();
  const { pairId = "" } = useParams();
  const pair = useConsolePair(pairId, language);
  if (pair.isPending) return <PageLoading />;
  if (pair.isError) {
    return (
      <Stack>
        <BackLink to="/programs" label={t("programs.back")} />
        <ErrorAlert error={pair.error} onRetry={() => void pair.refetch()} />
      </Stack>
    );
  }
  return <PairView pair={pair.data} writer={canWriteDirectory(user.role)} />;
}
