import type { ReactNode } from "react";
import { Badge, Group, Paper, Progress, SimpleGrid, Stack, Text, Tooltip } from "@mantine/core";
import { IconCertificate } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { MatchingRunView } from "../../api/types";
import { formatNumber } from "../../i18n/format";
import { useLanguage } from "../../shared/useLanguage";
import { formatScore } from "./runs";

function Stat({ label, value, hint, testId }: { label: string; value: ReactNode; hint?: string; testId: string }) {
  return (
    <Paper withBorder p="sm" radius="md" data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={`${testId}-value`}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

/** A run that has not finished: what it is doing, and how far it has got. */
export function RunProgress({ run }: { run: MatchingRunView }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} data-testid="run-progress">
      <Group justify="space-between">
        <Text size="sm">{t(`matching.stateHints.${run.state}`)}</Text>
        <Text size="sm" fw={500}>
          {t("matching.run.percent", { progress: run.progress })}
        </Text>
      </Group>
      <Progress value={run.progress} size="lg" striped animated aria-label={t("matching.run.progressLabel")} />
    </Stack>
  );
}

/** A finished run's totals, and what its certificate proves. */
export function RunSummary({ run }: { run: MatchingRunView }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const n = (value: number | null | undefined) => formatNumber(value ?? 0, language);
  return (
    <Stack gap="sm">
      <Group gap="sm">
        {run.proven_optimal ? (
          <Tooltip label={t("matching.run.provenOptimalHint")} multiline w={300} events={{ hover: true, focus: true, touch: true }}>
            <Badge color="teal" size="lg" leftSection={<IconCertificate size={14} />} tabIndex={0} data-testid="proven-optimal">
              {t("matching.run.provenOptimal")}
            </Badge>
          </Tooltip>
        ) : (
          run.mode === "stable" && (
            <Text size="sm" c="dimmed">
              {t("matching.run.stableHasNoCertificate")}
            </Text>
          )
        )}
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
        <Stat testId="run-pairs" label={t("matching.run.pairs")} value={n(run.pairs)} />
        <Stat testId="run-unmatched" label={t("matching.run.unmatched")} value={n(run.unmatched)} />
        <Stat testId="run-total" label={t("matching.run.total")} value={formatScore(run.total ?? 0, language)} />
        <Stat
          testId="run-blocking"
          label={t("matching.run.blockingPairs")}
          value={n(run.blocking_pairs)}
          hint={t("matching.run.blockingPairsHint")}
        />
        <Stat
          testId="run-barred"
          label={t("matching.run.barredPairs")}
          value={n(run.barred_pairs)}
          hint={t("matching.run.barredPairsHint", { count: run.candidate_pairs ?? 0, shown: n(run.candidate_pairs) })}
        />
      </SimpleGrid>
      {(run.roles_chosen ?? 0) > 0 && (
        <Text size="sm" c="dimmed">
          {t("matching.run.rolesChosen", { count: run.roles_chosen ?? 0, shown: n(run.roles_chosen) })}
        </Text>
      )}
    </Stack>
  );
}
