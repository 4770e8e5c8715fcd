import { Card, Center, Loader, Paper, SimpleGrid, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../i18n/format";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { ListState } from "../../shared/ListState";
import { PageHeader } from "../../shared/PageHeader";
import { useLanguage } from "../../shared/useLanguage";
import { DeadJobsTable } from "./DeadJobsTable";
import { DEPTH_FIGURES, depthColor } from "./jobs";
import { useDeadJobs, useQueueDepth } from "./jobsApi";

function DepthFigures() {
  const { t } = useTranslation();
  const language = useLanguage();
  const depth = useQueueDepth();
  if (depth.isPending) {
    return (
      <Center py="md">
        <Loader size="sm" aria-label={t("common.loading")} />
      </Center>
    );
  }
  if (depth.isError) return <ErrorAlert error={depth.error} onRetry={() => void depth.refetch()} />;
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
      {DEPTH_FIGURES.map((figure) => (
        <Paper key={figure} withBorder p="md" radius="md" data-testid={`depth-${figure}`}>
          <Text size="sm" c="dimmed">
            {t(`jobs.depth.${figure}`)}
          </Text>
          <Text fz={28} fw={700} c={depthColor(figure, depth.data[figure])}>
            {formatNumber(depth.data[figure], language)}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

export function JobQueuePage() {
  const { t } = useTranslation();
  const dead = useDeadJobs();
  return (
    <>
      <PageHeader title={t("jobs.title")} description={t("jobs.subtitle")} />
      <DepthFigures />
      <Card withBorder padding="lg" mt="lg">
        <Title order={2} size="h4" mb="xs">
          {t("jobs.deadTitle")}
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          {t("jobs.deadHint")}
        </Text>
        <ListState query={dead.query} isEmpty={dead.items.length === 0} emptyText={t("jobs.deadEmpty")}>
          <DeadJobsTable jobs={dead.items} />
        </ListState>
      </Card>
    </>
  );
}
