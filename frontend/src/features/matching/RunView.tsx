import { useState } from "react";
import { Alert, Badge, Box, Button, Card, Center, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { IconEye } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { MatchingEditView, MatchingRunView, ProgramKind, ProgramState, RevealedPerson, UnmatchedView } from "../../api/types";
import { formatDateTime, formatNumber } from "../../i18n/format";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { ListState } from "../../shared/ListState";
import { useLanguage } from "../../shared/useLanguage";
import { FairnessCard } from "./FairnessCard";
import { ManualPair } from "./ManualPair";
import { useMatchingRun, useProposals, useReveal, useUnmatched } from "./matchingApi";
import { ProposalCard } from "./ProposalCard";
import { PublishPanel } from "./PublishPanel";
import { editOf, type Revealed } from "./reveal";
import { RevealDialog } from "./RevealDialog";
import { RunStateBadge } from "./RunStateBadge";
import { RunProgress, RunSummary } from "./RunSummary";
import { UnmatchedCard } from "./UnmatchedCard";

interface Props {
  runId: string;
  programId: string;
  programState: ProgramState;
  kind: ProgramKind;
  /** Whether this run is among the published. */
  published: boolean;
  writer: boolean;
  edits: readonly MatchingEditView[];
  revealed: Revealed | null;
  onRevealed: (runId: string, people: RevealedPerson[]) => void;
  /** A change of this run's proposals started a new run. */
  onStarted: (run: MatchingRunView) => void;
}

type ProposalsProps = Pick<Props, "kind" | "writer" | "edits" | "revealed" | "onStarted"> & {
  run: MatchingRunView;
  unmatched: readonly UnmatchedView[];
};

function Proposals({ run, kind, writer, edits, revealed, onStarted, unmatched }: ProposalsProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { query, items } = useProposals(run.id, language);
  const pairs = items.map((p) => ({ id: p.id, mentor: p.mentor.pseudonym, mentee: p.mentee.pseudonym }));
  return (
    <div data-testid="proposals">
      <Title order={3} size="h5" mb="sm">
        {t("matching.proposals.title", { count: run.pairs ?? 0, shown: formatNumber(run.pairs ?? 0, language) })}
      </Title>
      <ListState query={query} isEmpty={items.length === 0} emptyText={t("matching.proposals.empty")}>
        <Stack gap="sm">
          {items.map((p) => {
            const edit = editOf(p, edits);
            return (
              <ProposalCard
                key={p.id}
                proposal={p}
                run={run}
                kind={kind}
                revealed={revealed}
                decision={edit?.kind ?? null}
                writer={writer}
                others={pairs.filter((o) => o.id !== p.id)}
                onStarted={onStarted}
              />
            );
          })}
        </Stack>
      </ListState>
      {writer && !query.isPending && (
        <Box mt="md">
          <ManualPair run={run} kind={kind} proposals={items} unmatched={unmatched} onStarted={onStarted} />
        </Box>
      )}
    </div>
  );
}

/**
 * The run shown: where it is, and once done its totals, publishing, proposals, the unmatched
 * and the fairness report.
 */
export function RunView(props: Props) {
  const { runId, programId, programState, kind, published, writer, edits, revealed, onRevealed, onStarted } = props;
  const { t } = useTranslation();
  const language = useLanguage();
  const run = useMatchingRun(runId);
  const done = run.data?.state === "done";
  const unmatched = useUnmatched(runId, language, done);
  const reveal = useReveal();
  const [asking, setAsking] = useState(false);

  if (run.isPending) {
    return (
      <Center py="lg">
        <Loader size="sm" aria-label={t("common.loading")} />
      </Center>
    );
  }
  if (run.isError) return <ErrorAlert error={run.error} onRetry={() => void run.refetch()} />;
  const r = run.data;
  return (
    <Stack gap="md">
      <Card withBorder padding="lg" data-testid="run">
        <Group justify="space-between" align="flex-start" mb="md">
          <div>
            <Title order={2} size="h4">
              {t("matching.run.title", { when: formatDateTime(r.created_at, language) })}
            </Title>
            <Group gap="xs" mt={4}>
              <Badge variant="default">{t(`matching.modes.${r.mode}`)}</Badge>
              <RunStateBadge state={r.state} />
              {published && (
                <Badge color="grape" variant="light" data-testid="run-published">
                  {t("matching.publish.published")}
                </Badge>
              )}
            </Group>
          </div>
          {done &&
            (revealed ? (
              <Badge color="orange" variant="light" size="lg" leftSection={<IconEye size={14} />} data-testid="names-shown">
                {t("matching.reveal.shown")}
              </Badge>
            ) : (
              writer && (
                <Button
                  variant="light"
                  color="orange"
                  leftSection={<IconEye size={16} />}
                  onClick={() => {
                    reveal.reset();
                    setAsking(true);
                  }}
                >
                  {t("matching.reveal.open")}
                </Button>
              )
            ))}
        </Group>
        {r.state === "failed" && (
          <Alert color="red" title={t("matching.run.failed")} data-testid="run-failed">
            {r.error}
          </Alert>
        )}
        {r.state !== "done" && r.state !== "failed" && <RunProgress run={r} />}
        {done && (
          <Stack gap="lg">
            <RunSummary run={r} />
            <PublishPanel run={r} programId={programId} programState={programState} published={published} writer={writer} />
            {!revealed && (
              <Text size="sm" c="dimmed">
                {t("matching.proposals.blind")}
              </Text>
            )}
            <Proposals
              run={r}
              kind={kind}
              writer={writer}
              edits={edits}
              revealed={revealed}
              onStarted={onStarted}
              unmatched={unmatched.data ?? []}
            />
          </Stack>
        )}
      </Card>
      {done && <UnmatchedCard unmatched={unmatched} kind={kind} revealed={revealed} />}
      {done && r.fairness && <FairnessCard fairness={r.fairness} />}
      <RevealDialog
        opened={asking}
        busy={reveal.isPending}
        error={reveal.error}
        onClose={() => setAsking(false)}
        onConfirm={() =>
          reveal.mutate(r.id, {
            onSuccess: (people) => {
              onRevealed(r.id, people);
              setAsking(false);
            },
          })
        }
      />
    </Stack>
  );
}
