import { Badge, Button, Collapse, Grid, Group, Paper, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconArrowRight, IconBan, IconChevronDown, IconChevronRight, IconLock } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { EditKind, MatchingRunView, ProgramKind, ProposalView } from "../../api/types";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { useLanguage } from "../../shared/useLanguage";
import { BlindPerson } from "./BlindPerson";
import { useAddEdit } from "./matchingApi";
import type { PseudonymPair } from "./changes";
import { PartsBreakdown } from "./PartsBreakdown";
import { ProposalChanges } from "./ProposalChanges";
import type { Revealed } from "./reveal";
import { formatScore } from "./runs";
import { sideNames } from "./sides";

interface Props {
  proposal: ProposalView;
  run: MatchingRunView;
  kind: ProgramKind;
  revealed: Revealed | null;
  /** What holds for this pair from the next run on, as far as this page can tell. */
  decision: EditKind | null;
  writer: boolean;
  /** The run's other proposals, for a swap. */
  others: readonly PseudonymPair[];
  onStarted: (run: MatchingRunView) => void;
}

/** One proposed pair in blind review: who, the score and why, the breakdown on demand, lock and forbid. */
export function ProposalCard({ proposal, run, kind, revealed, decision, writer, others, onStarted }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [open, { toggle }] = useDisclosure(false);
  const edit = useAddEdit(run.program_id);
  const sides = sideNames(kind);
  const { mentor, mentee } = proposal;
  const pair = { mentor: mentor.pseudonym, mentee: mentee.pseudonym };

  function decide(choice: EditKind) {
    edit.mutate(
      { kind: choice, run_id: run.id, ...pair },
      {
        onSuccess: () => {
          notifications.show({ color: "teal", message: t(`matching.proposals.done.${choice}`, pair) });
        },
      },
    );
  }

  return (
    <Paper withBorder p="md" radius="md" data-testid={`proposal-${mentor.pseudonym}-${mentee.pseudonym}`} data-locked={proposal.locked}>
      <Stack gap="sm">
        <Grid gap="sm" align="center">
          <Grid.Col span={{ base: 12, sm: 5 }}>
            <BlindPerson person={mentor} side={t(`matching.sides.${sides.first}`)} revealed={revealed} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 1 }} visibleFrom="sm">
            <IconArrowRight size={18} aria-hidden />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <BlindPerson person={mentee} side={t(`matching.sides.${sides.second}`)} revealed={revealed} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 2 }}>
            <Text size="xs" c="dimmed" ta={{ base: "left", sm: "right" }}>
              {t("matching.proposals.score")}
            </Text>
            <Text size="xl" fw={700} ta={{ base: "left", sm: "right" }} data-testid="score">
              {formatScore(proposal.score, language)}
            </Text>
          </Grid.Col>
        </Grid>
        <Group gap="xs">
          {proposal.locked && (
            <Badge color="blue" variant="light" leftSection={<IconLock size={12} />} data-testid="locked">
              {t("matching.proposals.locked")}
            </Badge>
          )}
          {decision === "lock" && !proposal.locked && (
            <Badge color="blue" variant="outline" data-testid="locked-next">
              {t("matching.proposals.lockedNext")}
            </Badge>
          )}
          {decision === "forbid" && (
            <Badge color="red" variant="outline" data-testid="forbidden-next">
              {t("matching.proposals.forbiddenNext")}
            </Badge>
          )}
        </Group>
        <Text size="sm" data-testid="explanation">
          {proposal.explanation}
        </Text>
        <Group justify="space-between" gap="xs">
          <Button
            variant="subtle"
            size="compact-sm"
            px={0}
            onClick={toggle}
            aria-expanded={open}
            leftSection={open ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
          >
            {t("matching.proposals.breakdown")}
          </Button>
          {writer && (
            <Group gap="xs">
              <Button
                size="compact-sm"
                variant="light"
                leftSection={<IconLock size={14} />}
                disabled={decision === "lock"}
                loading={edit.isPending && edit.variables?.kind === "lock"}
                aria-label={t("matching.proposals.lockPair", pair)}
                onClick={() => decide("lock")}
              >
                {t("matching.proposals.lock")}
              </Button>
              <Button
                size="compact-sm"
                variant="light"
                color="red"
                leftSection={<IconBan size={14} />}
                disabled={decision === "forbid"}
                loading={edit.isPending && edit.variables?.kind === "forbid"}
                aria-label={t("matching.proposals.forbidPair", pair)}
                onClick={() => decide("forbid")}
              >
                {t("matching.proposals.forbid")}
              </Button>
            </Group>
          )}
        </Group>
        {writer && <ProposalChanges run={run} kind={kind} pair={pair} others={others} onStarted={onStarted} />}
        {edit.isError && <ErrorAlert error={edit.error} />}
        <Collapse expanded={open}>
          <PartsBreakdown parts={proposal.parts} kind={kind} />
        </Collapse>
      </Stack>
    </Paper>
  );
}
