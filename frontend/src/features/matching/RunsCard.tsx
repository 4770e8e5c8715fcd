import { Badge, Card, NavLink, Stack, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatDateTime, formatNumber } from "../../i18n/format";
import { ListState } from "../../shared/ListState";
import { useLanguage } from "../../shared/useLanguage";
import type { useMatchingRuns } from "./matchingApi";
import { RunStateBadge } from "./RunStateBadge";

/** The program's runs, newest first, the published marked; picking one shows it. */
export function RunsCard({
  runs,
  shownId,
  onPick,
  published,
}: {
  runs: ReturnType<typeof useMatchingRuns>;
  shownId: string | null;
  onPick: (runId: string) => void;
  /** The runs the program's pairs came from. */
  published: ReadonlySet<string>;
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
              rightSection={
                <Stack gap={2} align="flex-end">
                  <RunStateBadge state={run.state} />
                  {published.has(run.id) && (
                    <Badge color="grape" variant="light" data-testid="run-published">
                      {t("matching.publish.published")}
                    </Badge>
                  )}
                </Stack>
              }
              data-testid="run-item"
            />
          ))}
        </Stack>
      </ListState>
    </Card>
  );
}
