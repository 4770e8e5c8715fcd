import type { ReactNode } from "react";
import { LineChart } from "@mantine/charts";
import { Button, Card, Grid, Group, Stack, Text, Title } from "@mantine/core";
import { IconPrinter } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { ProgramView } from "../../api/types";
import { formatList, formatNumber } from "../../i18n/format";
import { CountBarChart } from "../../shared/CountBarChart";
import { ListState } from "../../shared/ListState";
import { useLanguage } from "../../shared/useLanguage";
import { formatMean, trendPoints } from "../feedback/results";
import { ReciprocityCard } from "../launch/ReciprocityCard";
import { ExportsCard } from "./ExportsCard";
import { MetricsCard } from "./MetricsCard";
import { funnelRows, healthRows, monthRows } from "./results";
import { useResults } from "./resultsApi";
import { CheckInTable, FunnelTable, HealthTable, MonthTable, ParticipationTable, SurveysTable } from "./ResultsTables";
import type { CheckInPeriod, HealthCounts, MonthSessions, ProgramFunnel } from "./types";

/** A card with a chart on one side and its numbers on the other (stacked on narrow screens). */
function ChartCard({ title, intro, chart, table, testId }: { title: string; intro?: string; chart: ReactNode; table: ReactNode; testId: string }) {
  return (
    <Card withBorder padding="lg" data-testid={testId}>
      <Title order={2} size="h4" mb="xs">
        {title}
      </Title>
      {intro && (
        <Text size="sm" c="dimmed" mb="sm">
          {intro}
        </Text>
      )}
      <Grid gap="md" align="center">
        <Grid.Col span={{ base: 12, md: 7 }}>{chart}</Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>{table}</Grid.Col>
      </Grid>
    </Card>
  );
}

function Funnel({ funnel }: { funnel: ProgramFunnel }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const n = (v: number) => formatNumber(v, language);
  const rows = funnelRows(funnel).map((r) => ({ step: t(`results.funnel.steps.${r.step}`), people: r.people }));
  const summary = t("results.funnel.chartSummary", {
    steps: formatList(rows.map((r) => t("results.funnel.chartStep", { step: r.step, people: n(r.people) })), language),
  });
  return (
    <ChartCard
      testId="results-funnel"
      title={t("results.funnel.title")}
      intro={t("results.funnel.intro")}
      chart={
        <CountBarChart
          summary={summary}
          data={rows}
          dataKey="step"
          series={{ name: "people", label: t("results.funnel.people"), color: "indigo.6" }}
          testId="funnel-chart"
        />
      }
      table={<FunnelTable funnel={funnel} />}
    />
  );
}

function Sessions({ months }: { months: readonly MonthSessions[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const n = (v: number) => formatNumber(v, language);
  const rows = monthRows(months, language);
  if (rows.length === 0) {
    return (
      <Card withBorder padding="lg" data-testid="results-sessions">
        <Title order={2} size="h4" mb="xs">
          {t("results.sessions.title")}
        </Title>
        <Text size="sm" c="dimmed" data-testid="sessions-none">
          {t("results.sessions.none")}
        </Text>
      </Card>
    );
  }
  const summary = t("results.sessions.chartSummary", {
    months: formatList(rows.map((r) => t("results.sessions.chartMonth", { month: r.label, sessions: n(r.sessions) })), language),
  });
  return (
    <ChartCard
      testId="results-sessions"
      title={t("results.sessions.title")}
      chart={
        <CountBarChart
          summary={summary}
          data={rows}
          dataKey="label"
          series={{ name: "sessions", label: t("results.sessions.sessions"), color: "teal.6" }}
          testId="sessions-chart"
        />
      }
      table={<MonthTable months={months} />}
    />
  );
}

function Health({ health }: { health: HealthCounts }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const n = (v: number) => formatNumber(v, language);
  const rows = healthRows(health);
  const data = rows.map((r) => ({ status: t(`tracking.health.${r.status}`), pairs: r.pairs }));
  const summary = formatList(data.map((d) => `${d.status} ${n(d.pairs)}`), language);
  return (
    <ChartCard
      testId="results-health"
      title={t("results.health.title")}
      chart={
        <CountBarChart
          summary={summary}
          height={180}
          data={data}
          dataKey="status"
          series={{ name: "pairs", label: t("results.health.pairs"), color: "indigo.6" }}
          testId="health-chart"
        />
      }
      table={<HealthTable health={health} />}
    />
  );
}

function CheckIns({ periods }: { periods: readonly CheckInPeriod[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const points = trendPoints(periods, language);
  if (points.length === 0) {
    return (
      <Card withBorder padding="lg" data-testid="results-check-ins">
        <Title order={2} size="h4" mb="xs">
          {t("results.checkIns.title")}
        </Title>
        <Text size="sm" c="dimmed" data-testid="results-check-ins-none">
          {t("results.checkIns.none")}
        </Text>
      </Card>
    );
  }
  const summary = t("feedback.checkIns.chartSummary", {
    points: formatList(
      points.map((p) =>
        t("feedback.checkIns.chartPoint", { period: p.label, average: p.average === null ? "—" : formatMean(p.average, language) }),
      ),
      language,
    ),
  });
  return (
    <ChartCard
      testId="results-check-ins"
      title={t("results.checkIns.title")}
      chart={
        <LineChart
          role="img"
          aria-label={summary}
          h={200}
          data={points}
          dataKey="label"
          series={[{ name: "average", label: t("feedback.checkIns.average"), color: "indigo.6" }]}
          valueFormatter={(v) => formatMean(v, language)}
          yAxisProps={{ domain: [1, 5], ticks: [1, 2, 3, 4, 5], width: 28 }}
          connectNulls={false}
          withTooltip={false}
          gridAxis="y"
          data-testid="results-check-ins-chart"
        />
      }
      table={<CheckInTable periods={periods} />}
    />
  );
}

/**
 * The program's results on its page: its success metrics first, then the funnel, sessions, pair
 * health, learning both ways, check-ins, surveys, training, executives and diversity, each chart
 * with its numbers; the tables as CSV, and a printable report.
 */
export function ResultsTab({ program, writer }: { program: ProgramView; writer: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const results = useResults(program.id, language);
  const data = results.data;
  return (
    <Stack gap="md">
      <Group justify="space-between" gap="sm">
        <Text size="sm" c="dimmed">
          {t("results.intro")}
        </Text>
        <Button component={Link} to={`/programs/${program.id}/report`} variant="default" leftSection={<IconPrinter size={16} aria-hidden />}>
          {t("results.report")}
        </Button>
      </Group>
      <ListState query={results} isEmpty={false} emptyText="">
        {data && (
          <Stack gap="md">
            <MetricsCard programId={program.id} metrics={data.metrics} writer={writer} />
            <Funnel funnel={data.funnel} />
            <Sessions months={data.sessions_by_month} />
            <Health health={data.health} />
            <CheckIns periods={data.check_ins} />
            <ReciprocityCard reciprocity={data.learning} />
            <Card withBorder padding="lg" data-testid="results-surveys-card">
              <Title order={2} size="h4" mb="xs">
                {t("results.surveys.title")}
              </Title>
              <Text size="sm" c="dimmed" mb="sm">
                {t("results.surveys.anonymityNote")}
              </Text>
              <SurveysTable surveys={data.surveys} />
            </Card>
            <Card withBorder padding="lg" data-testid="results-participation">
              <Title order={2} size="h4" mb="sm">
                {t("results.participation.title")}
              </Title>
              <ParticipationTable training={data.training} executives={data.executives} diversity={data.diversity} />
            </Card>
            <ExportsCard program={program} />
          </Stack>
        )}
      </ListState>
    </Stack>
  );
}
