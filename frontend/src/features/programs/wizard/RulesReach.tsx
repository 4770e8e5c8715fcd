import { Group, Loader, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconAlertTriangle, IconUsers } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useLanguage } from "../../../shared/useLanguage";
import { useReach } from "../programsApi";
import { reachLine, reachRequest, reachWords } from "./reach";
import type { RuleRole, WizardValues } from "./wizardState";

/** How long editing pauses before the counts follow the rules. */
const REACH_PAUSE_MS = 400;

/** Who the rules so far reach in the directory; `current` is false while the answer shown belongs to older rules. */
export function useRulesReach(values: WizardValues) {
  const request = reachRequest(values);
  const [settled] = useDebouncedValue(request, REACH_PAUSE_MS);
  const query = useReach(settled);
  return { query, current: request !== null && settled === request && !query.isPlaceholderData };
}

export type RulesReach = ReturnType<typeof useRulesReach>;

/** "These rules admit 31 of 240 people" beside one role's rules, or a warning that they admit no one. */
export function ReachLine({ reach, role }: { reach: RulesReach; role: RuleRole }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { query, current } = reach;
  if (query.isError) {
    return (
      <Text size="sm" c="dimmed" mt="sm" data-testid={`reach-${role}`}>
        {t("programs.reach.failed")}
      </Text>
    );
  }
  if (!query.data) return query.isFetching ? <Loader size="xs" mt="sm" aria-label={t("common.loading")} /> : null;
  const line = reachLine(query.data, role);
  if (!line) return null;
  const none = line.key === "none";
  return (
    <Group
      gap={6}
      mt="sm"
      wrap="nowrap"
      c={none ? "orange.8" : undefined}
      data-testid={`reach-${role}`}
      aria-live="polite"
      aria-busy={!current}
      style={{ opacity: current ? 1 : 0.6 }}
    >
      {none ? <IconAlertTriangle size={16} aria-hidden /> : <IconUsers size={16} aria-hidden />}
      <Text size="sm" fw={none ? 600 : undefined}>
        {reachWords(line, t, language)}
      </Text>
    </Group>
  );
}

/** Said once for all roles in place of "0 of 0": with nobody in the directory there is nothing to count. */
export function EmptyDirectoryNote({ reach }: { reach: RulesReach }) {
  const { t } = useTranslation();
  if (reach.query.data?.people !== 0) return null;
  return (
    <Text size="sm" c="dimmed" data-testid="reach-empty-directory">
      {t("programs.reach.emptyDirectory")}
    </Text>
  );
}
