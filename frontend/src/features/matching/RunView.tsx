import { Alert, Badge, Card, Center, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { MatchingRunView, ProgramKind } from "../../api/types";
import { formatDateTime, formatNumber } from "../../i18n/format";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { ListState } from "../../shared/ListState";
import { useLanguage } from "../../shared/useLanguage";
import { useMatchingRun, useProposals, useUnmatched } from "./matchingApi";
import { ProposalCard } from "./ProposalCard";
import { RunStateBadge } from "./RunStateBadge";
import { RunProgress, RunSummary } from "./RunSummary";
import { UnmatchedCard } from "./UnmatchedCard";

function Proposals({ run, kind }: { run: MatchingRunView; kind: ProgramKind }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { query, items } = useProposals(run.id, language);
  return (
    <div data-testid="proposals">
      <Title order={3} size="h5" mb="sm">
        {t("matching.proposals.title", { count: run.pairs ?? 0, shown: formatNumber(run.pairs ?? 0, language) })}
      </Title>
      <ListState query={query} isEmpty={items.length === 0} emptyText={t("matching.proposals.empty")}>
        <Stack gap="sm">
          {items.map((p) => (
            <ProposalCard key={p.id} proposal={p} kind={kind} />
          ))}
        </Stack>
      </ListState>
    </div>
  );
}

/** The run shown: where it is, and once done its totals, its proposals in blind review and the unmatched. */
export function RunView({ runId, kind }: { runId: string; kind: ProgramKind }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const run = useMatchingRun(runId);
  const done = run.data?.state === "done";
  const unmatched = useUnmatched(runId, language, done);

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
            </Group>
          </div>
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
            <Text size="sm" c="dimmed">
              {t("matching.proposals.blind")}
            </Text>
            <Proposals run={r} kind={kind} />
          </Stack>
        )}
      </Card>
      {done && <UnmatchedCard unmatched={unmatched} kind={kind} />}
    </Stack>
  );
}
