import { ActionIcon, Badge, Card, Group, NavLink, Stack, Title, Tooltip } from "@mantine/core";
import { IconArrowsDiff } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { formatDateTime, formatNumber } from "../../i18n/format";
import { ListState } from "../../shared/ListState";
import { useLanguage } from "../../shared/useLanguage";
import type { useMatchingRuns } from "./matchingApi";
import { RunStateBadge } from "./RunStateBadge";

interface Props {
  runs: ReturnType<typeof useMatchingRuns>;
  shownId: string | null;
  onPick: (runId: string) => void;
  /** The runs the program's pairs came from. */
  published: ReadonlySet<string>;
  /** The run the shown one is compared with, if any. */
  comparedId: string | null;
  onCompare: (runId: string) => void;
}

/** The program's runs, newest first, the published marked; picking one shows it, and another finished run may be compared with it. */
export function RunsCard({ runs, shownId, onPick, published, comparedId, onCompare }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const shownDone = runs.items.some((r) => r.id === shownId && r.state === "done");
  return (
    <Card withBorder padding="lg" data-testid="runs">
      <Title order={2} size="h4" mb="sm">
        {t("matching.runs.title")}
      </Title>
      <ListState query={runs.query} isEmpty={runs.items.length === 0} emptyText={t("matching.runs.empty")}>
        <Stack gap={4}>
          {runs.items.map((run) => {
            const when = formatDateTime(run.created_at, language);
            const comparable = shownDone && run.state === "done" && run.id !== shownId;
            return (
              <Group key={run.id} gap={4} wrap="nowrap" data-testid="run-item">
                <NavLink
                  component="button"
                  active={run.id === shownId}
                  aria-current={run.id === shownId ? "true" : undefined}
                  onClick={() => onPick(run.id)}
                  label={when}
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
                  style={{ flex: 1 }}
                />
                {comparable && (
                  <Tooltip label={t("matching.compare.with", { when })}>
                    <ActionIcon
                      variant={run.id === comparedId ? "filled" : "subtle"}
                      aria-label={t("matching.compare.with", { when })}
                      aria-pressed={run.id === comparedId}
                      onClick={() => onCompare(run.id)}
                      data-testid="compare-run"
                    >
                      <IconArrowsDiff size={18} />
                    </ActionIcon>
                  </Tooltip>
                )}
              </Group>
            );
          })}
        </Stack>
      </ListState>
    </Card>
  );
}
