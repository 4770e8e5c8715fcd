import { Card, NavLink, Stack, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatDateTime, formatNumber } from "../../i18n/format";
import { ListState } from "../../shared/ListState";
import { useLanguage } from "../../shared/useLanguage";
import type { useMatchingRuns } from "./matchingApi";
import { RunStateBadge } from "./RunStateBadge";

/** The program's runs, newest first; picking one shows it. */
export function RunsCard({
  runs,
  shownId,
  onPick,
}: {
  runs: ReturnType<typeof useMatchingRuns>;
  shownId: string | null;
  onPick: (runId: string) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Card withBorder padding="lg" data-testid="runs">
      <Title order={2} size="h4" mb="sm">
        {t("matching.runs.title")}
      </Title>
      <ListState query={runs.query} isEmpty={runs.items.length === 0} emptyText={t("matching.runs.empty")}>
        <Stack gap={4}>
          {runs.items.map((run) => (
            <NavLink
              key={run.id}
              component="button"
              active={run.id === shownId}
              aria-current={run.id === shownId ? "true" : undefined}
              onClick={() => onPick(run.id)}
              label={formatDateTime(run.created_at, language)}
              description={
                run.state === "done"
                  ? t("matching.runs.described", {
                      mode: t(`matching.modes.${run.mode}`),
                      count: run.pairs ?? 0,
                      shown: formatNumber(run.pairs ?? 0, language),
                    })
                  : t(`matching.modes.${run.mode}`)
              }
              rightSection={<RunStateBadge state={run.state} />}
              data-testid="run-item"
            />
          ))}
        </Stack>
      </ListState>
    </Card>
  );
}
