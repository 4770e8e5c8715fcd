import { useMemo, useState } from "react";
import { Alert, Card, Center, Grid, Loader, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ProgramView, RevealedPerson } from "../../api/types";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { laterFirst } from "./comparison";
import { ComparisonCard } from "./ComparisonCard";
import { EditsCard } from "./EditsCard";
import { useMatchingEdits, useMatchingRuns, useMatchingSettings, usePairs } from "./matchingApi";
import { PairsCard } from "./PairsCard";
import { publishable, publishedRuns } from "./publish";
import { revealMap } from "./reveal";
import { inProgress, runnable as canRun, shownRunId } from "./runs";
import { RunSettingsCard } from "./RunSettingsCard";
import { RunsCard } from "./RunsCard";
import { RunView } from "./RunView";

/**
 * Step 4 of the method on the program page: settings and "Run matching" (writers, while the
 * program recruits, matches or is active), the program's published pairs, the run shown with its
 * proposals in blind review and its publishing, the previous runs (one of which may be compared
 * with the run shown), and the locks and forbids. Revealed names live in this tab's state only,
 * so they are gone once the tab or the page is left.
 */
export function MatchingTab({ program, writer }: { program: ProgramView; writer: boolean }) {
  const { t } = useTranslation();
  const runnable = canRun(program.state);
  const settings = useMatchingSettings(program.id, writer && runnable);
  const runs = useMatchingRuns(program.id);

  const pairs = usePairs(program.id);
  const published = useMemo(() => publishedRuns(runs.items), [runs.items]);
  const [picked, setPicked] = useState<string | null>(null);
  const [compared, setCompared] = useState<{ shown: string; other: string } | null>(null);
  const [revealedPeople, setRevealedPeople] = useState<Readonly<Record<string, RevealedPerson[]>>>({});
  const runId = shownRunId(picked, runs.items);
  const shownRun = runs.items.find((r) => r.id === runId);
  // A run has pseudonyms once it is done: the edits are read again then, named by them.
  const doneRunId = shownRun?.state === "done" ? shownRun.id : null;
  const edits = useMatchingEdits(program.id, doneRunId);
  const people = runId ? revealedPeople[runId] : undefined;
  const revealed = useMemo(() => (people ? revealMap(people) : null), [people]);
  const working = runs.items.some((r) => inProgress(r.state));
  const comparedId = compared && compared.shown === runId ? compared.other : null;
  const otherRun = runs.items.find((r) => r.id === comparedId);
  const ordered = shownRun && otherRun ? laterFirst(shownRun, otherRun) : null;

  let settingsCard = null;
  if (writer && !runnable) {
    settingsCard = (
      <Alert color="gray" data-testid="matching-closed">
        {t("matching.settings.notRunnable", { state: t(`programs.states.${program.state}`) })}
      </Alert>
    );
  } else if (writer && settings.isPending) {
    settingsCard = (
      <Center py="md">
        <Loader size="sm" aria-label={t("common.loading")} />
      </Center>
    );
  } else if (writer && settings.isError) {
    settingsCard = <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />;
  } else if (writer && settings.data) {
    settingsCard = <RunSettingsCard
        programId={program.id}
        settings={settings.data}
        working={working}
        freeOnly={program.state === "active"}
        onStarted={(run) => setPicked(run.id)}
      />;
  }

  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, lg: 8 }}>
        <Stack gap="md">
          {settingsCard}
          {(publishable(program.state) || pairs.items.length > 0) && <PairsCard pairs={pairs} kind={program.design.kind} programId={program.id} writer={writer} />}
          {runId ? (
            <RunView
              key={runId}
              runId={runId}
              programId={program.id}
              programState={program.state}
              kind={program.design.kind}
              published={published.has(runId)}
              writer={writer}
              edits={edits.data ?? []}
              revealed={revealed}
              onRevealed={(id, found) => setRevealedPeople((all) => ({ ...all, [id]: found }))}
              onStarted={(run) => setPicked(run.id)}
            />
          ) : (
            !runs.query.isPending &&
            !runs.query.isError && (
              <Card withBorder padding="lg">
                <Text c="dimmed">{t(writer && runnable ? "matching.noRunsYet" : "matching.noRuns")}</Text>
              </Card>
            )
          )}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 4 }}>
        <Stack gap="md">
          <RunsCard
            runs={runs}
            shownId={runId}
            onPick={setPicked}
            published={published}
            comparedId={comparedId}
            onCompare={(other) => setCompared(runId && other !== comparedId ? { shown: runId, other } : null)}
          />
          {ordered && <ComparisonCard after={ordered.after} before={ordered.before} onClose={() => setCompared(null)} />}
          <EditsCard programId={program.id} edits={edits} revealed={revealed} runShown={doneRunId !== null} writer={writer} />
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
