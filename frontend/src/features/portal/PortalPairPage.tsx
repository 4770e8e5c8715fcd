import { Alert, Badge, Card, Group, Stack, Text, Title } from "@mantine/core";
import { IconPlayerPause } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { BackLink, PageLoading } from "../../shared/PageParts";
import { useDocumentTitle } from "../../shared/useDocumentTitle";
import { useLanguage } from "../../shared/useLanguage";
import { HealthBadge } from "../tracking/HealthBadge";
import { KickoffDetails } from "../tracking/KickoffDetails";
import { ReciprocityView } from "../tracking/ReciprocityView";
import { pairRole, type PairRole } from "../tracking/types";
import { GoalsCard } from "./GoalsCard";
import { LearningCard } from "./LearningCard";
import { LeavePair } from "./LeavePair";
import { NotesCard } from "./NotesCard";
import { stillRuns, trainingFor } from "./pairForms";
import { PartnerCard } from "./PartnerCard";
import { usePortalPair } from "./portalApi";
import { viewerZone } from "./PortalLayout";
import { ProgramCard } from "./ProgramCard";
import { SessionsCard } from "./SessionsCard";
import { StoryCard } from "./StoryCard";
import { TrainingCard } from "./TrainingCard";
import type { PortalPair } from "./types";

/** How the two sides of the reciprocity index are called for this member. */
function sideNames(pair: PortalPair, role: PairRole, you: string, t: (key: "tracking.reciprocity.firstPartner" | "tracking.reciprocity.secondPartner") => string) {
  if (role === "mentor") return { mentor: you, mentee: pair.partner.name };
  if (role === "mentee") return { mentor: pair.partner.name, mentee: you };
  return { mentor: t("tracking.reciprocity.firstPartner"), mentee: t("tracking.reciprocity.secondPartner") };
}

function PairView({ pair }: { pair: PortalPair }) {
  const { t } = useTranslation();
  const zone = viewerZone();
  const you = t("portal.you");
  const nameOf = (id: string) => (id === pair.me ? you : id === pair.partner.id ? pair.partner.name : t("portal.someoneElse"));
  const active = pair.state === "active";
  const role = pairRole(pair.role);
  const sides = sideNames(pair, role, you, t);
  const training = trainingFor(pair.training, role);
  const running = stillRuns(pair.state);
  const trainingCard = (
    <TrainingCard pairId={pair.id} programId={pair.program.id} role={role} training={pair.training} editable={running} />
  );
  // Unfinished training comes first while the pair goes on.
  const trainingFirst = running && training.some((m) => !m.done);
  useDocumentTitle(pair.partner.name);
  return (
    <Stack gap="md">
      <BackLink to="/portal" label={t("portal.pairs.back")} />
      <Stack gap={4}>
        <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }} data-testid="pair-program">
          {pair.program.name}
        </Text>
        <Title order={1} size="h2" style={{ overflowWrap: "anywhere" }}>
          {t(`portal.pairs.with.${role}`, { name: pair.partner.name })}
        </Title>
        <Group gap="xs">
          <Badge variant="outline">{t(`tracking.roles.${role}`)}</Badge>
          {!active && <Badge color="gray">{t(`tracking.states.${pair.state}`)}</Badge>}
        </Group>
        <HealthBadge health={pair.health} withReasons />
      </Stack>
      {pair.state === "paused" && (
        <Alert color="yellow" icon={<IconPlayerPause size={18} />} title={t("portal.pairs.pausedTitle")} data-testid="pair-paused">
          {pair.paused_reason ? t("portal.pairs.pausedBecause", { reason: pair.paused_reason }) : t("portal.pairs.pausedBody")}
        </Alert>
      )}
      {pair.kickoff && (
        <Card withBorder padding="md">
          <Title order={2} size="h4" mb="xs">
            {t("tracking.kickoff.title")}
          </Title>
          <KickoffDetails kickoff={pair.kickoff} viewerZone={zone} />
        </Card>
      )}
      {trainingFirst && trainingCard}
      <PartnerCard partner={pair.partner} viewerZone={zone} />
      <SessionsCard pair={pair} zone={zone} nameOf={nameOf} />
      <LearningCard pair={pair} zone={zone} nameOf={nameOf} />
      <Card withBorder padding="md" data-testid="reciprocity-card">
        <Title order={2} size="h4" mb="xs">
          {t("tracking.reciprocity.title")}
        </Title>
        <ReciprocityView reciprocity={pair.reciprocity} mentorName={sides.mentor} menteeName={sides.mentee} />
      </Card>
      <GoalsCard pairId={pair.id} goals={pair.goals} editable={active} />
      <StoryCard pairId={pair.id} story={pair.story ?? null} me={pair.me} partnerId={pair.partner.id} partnerName={pair.partner.name} editable={stillRuns(pair.state)} />
      <NotesCard pairId={pair.id} />
      {!trainingFirst && trainingCard}
      <ProgramCard program={pair.program} />
      <LeavePair pair={pair} />
    </Stack>
  );
}

/** One pair, as its member sees it: the partner, the program, and everything the two track together. */
export function PortalPairPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { pairId = "" } = useParams();
  const pair = usePortalPair(pairId, language);
  if (pair.isPending) return <PageLoading />;
  if (pair.isError) {
    return (
      <Stack>
        <BackLink to="/portal" label={t("portal.pairs.back")} />
        <ErrorAlert error={pair.error} onRetry={() => void pair.refetch()} />
      </Stack>
    );
  }
  return <PairView pair={pair.data} />;
}
