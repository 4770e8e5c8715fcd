import { useState } from "react";
import { LineChart } from "@mantine/charts";
import { Badge, Button, Card, Group, NumberInput, Paper, Progress, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconPencilPlus } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { formatList } from "../../i18n/format";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { useLanguage } from "../../shared/useLanguage";
import { useProblemForm } from "../../shared/useProblemForm";
import { formatWithUnit, isManual, metricStatus, metricTrend, progressTowards, type MetricStatus } from "./results";
import { useRecordMetricValue } from "./resultsApi";
import type { MetricResult } from "./types";

const STATUS_COLORS: Record<MetricStatus, string> = { met: "teal", notYet: "orange", notMeasured: "gray" };

/** A manual metric's value, entered by a writer: the number and, optionally, the day it stands for. */
function ValueForm({ programId, metric, onDone }: { programId: string; metric: MetricResult; onDone: () => void }) {
  const { t } = useTranslation();
  const record = useRecordMetricValue(programId);
  const form = useForm<{ [key: string]: unknown; value: number | string; recorded_on: string }>({
    initialValues: { value: "", recorded_on: "" },
  });
  const { failure, showError, clearFailure } = useProblemForm(form);
  return (
    <form
      data-testid="metric-value-form"
      onSubmit={form.onSubmit((values) => {
        clearFailure();
        const value = typeof values.value === "number" ? values.value : Number.parseFloat(values.value);
        if (!Number.isFinite(value)) {
          form.setFieldError("value", t("validation.required"));
          return;
        }
        record.mutate(
          { metric: metric.name, value, recorded_on: values.recorded_on.trim() === "" ? null : values.recorded_on },
          {
            onSuccess: () => {
              notifications.show({ color: "teal", message: t("results.metrics.saved", { name: metric.name }) });
              onDone();
            },
            onError: showError,
          },
        );
      })}
    >
      <Stack gap="xs">
        <Group align="flex-end" gap="xs" wrap="wrap">
          <NumberInput label={t("results.metrics.value")} w={140} decimalScale={2} {...form.getInputProps("value")} />
          <TextInput type="date" label={t("results.metrics.recordedOn")} {...form.getInputProps("recorded_on")} />
        </Group>
        {failure && <ErrorAlert error={failure.error} extra={failure.unmatched} />}
        <Group gap="xs">
          <Button type="submit" size="xs" loading={record.isPending}>
            {t("results.metrics.save")}
          </Button>
          <Button size="xs" variant="default" onClick={onDone}>
            {t("results.metrics.cancel")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Trend({ metric }: { metric: MetricResult }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const points = metricTrend(metric.trend, language);
  if (points.length < 2) return null;
  const shown = (v: number) => formatWithUnit(v, metric.unit, language);
  const summary = t("results.metrics.chartSummary", {
    name: metric.name,
    points: formatList(points.map((p) => t("results.metrics.chartPoint", { on: p.label, value: shown(p.value) })), language),
  });
  return (
    <LineChart
      role="img"
      aria-label={summary}
      h={120}
      data={points}
      dataKey="label"
      series={[{ name: "value", label: t("results.metrics.measured"), color: "indigo.6" }]}
      valueFormatter={shown}
      withTooltip={false}
      gridAxis="y"
      yAxisProps={{ width: 40 }}
      referenceLines={[{ y: metric.target, label: t("results.metrics.target"), color: "teal.6" }]}
      data-testid="metric-trend"
    />
  );
}

/** One success metric: measured against its target, where the number comes from, its trend. */
function Metric({ programId, metric, writer }: { programId: string; metric: MetricResult; writer: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [entering, setEntering] = useState(false);
  const status = metricStatus(metric);
  return (
    <Paper withBorder p="md" radius="md" data-testid="metric" data-name={metric.name}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Text fw={600} style={{ overflowWrap: "anywhere" }}>
            {metric.name}
          </Text>
          <Badge color={STATUS_COLORS[status]} variant="light" style={{ flexShrink: 0 }} data-testid="metric-status">
            {t(`results.metrics.status.${status}`)}
          </Badge>
        </Group>
        <Group gap="xl" align="flex-end">
          <div>
            <Text size="xs" c="dimmed">
              {t("results.metrics.measured")}
            </Text>
            <Text size="xl" fw={700} data-testid="metric-measured">
              {formatWithUnit(metric.measured, metric.unit, language)}
            </Text>
          </div>
          <div>
            <Text size="xs" c="dimmed">
              {t("results.metrics.target")}
            </Text>
            <Text size="lg" data-testid="metric-target">
              {formatWithUnit(metric.target, metric.unit, language)}
            </Text>
          </div>
        </Group>
        <Progress value={progressTowards(metric.measured, metric.target)} color={STATUS_COLORS[status]} size="sm" aria-hidden />
        <Text size="sm" c="dimmed" data-testid="metric-source">
          {t("results.metrics.from", { source: t(`results.sources.${metric.source}`) })}
        </Text>
        {metric.question && (
          <Text size="xs" c="dimmed">
            {t("results.metrics.question", { key: metric.question })}
          </Text>
        )}
        {metric.measured_by.trim() !== "" && (
          <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
            {t("results.metrics.measuredBy", { text: metric.measured_by })}
          </Text>
        )}
        <Trend metric={metric} />
        {writer && isManual(metric) && !entering && (
          <Group>
            <Button size="xs" variant="light" leftSection={<IconPencilPlus size={14} aria-hidden />} onClick={() => setEntering(true)}>
              {t("results.metrics.enter")}
            </Button>
          </Group>
        )}
        {writer && isManual(metric) && entering && <ValueForm programId={programId} metric={metric} onDone={() => setEntering(false)} />}
      </Stack>
    </Paper>
  );
}

/** The program's success metrics, each measured against its target; writers enter manual ones' values. */
export function MetricsCard({ programId, metrics, writer }: { programId: string; metrics: readonly MetricResult[]; writer: boolean }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="lg" data-testid="results-metrics">
      <Title order={2} size="h4" mb="sm">
        {t("results.metrics.title")}
      </Title>
      {metrics.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("results.metrics.none")}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          {metrics.map((m) => (
            <Metric key={m.name} programId={programId} metric={m} writer={writer} />
          ))}
        </SimpleGrid>
      )}
    </Card>
  );
}
