import { Alert, Badge, Card, Center, Group, Loader, Stack, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../i18n/format";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { useLanguage } from "../../shared/useLanguage";
import { useMatchingRun } from "./matchingApi";
import { RunStateBadge } from "./RunStateBadge";
import { RunProgress, RunSummary } from "./RunSummary";

/** The run shown: where it is, and once done its totals. */
export function RunView({ runId }: { runId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const run = useMatchingRun(runId);

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
        {r.state === "done" && <RunSummary run={r} />}
      </Card>
    </Stack>
  );
}
