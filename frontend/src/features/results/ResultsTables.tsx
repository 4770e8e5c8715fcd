// The results' figures as tables: beside the charts on the Results tab, and alone in the printable report.
import { Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../i18n/format";
import { useLanguage } from "../../shared/useLanguage";
import type { LearningSummary } from "../launch/types";
import { distributionRows, formatIndex } from "../tracking/reciprocity";
import { formatMean, formatNps, trendPoints } from "../feedback/results";
import { formatWithUnit, formatFigure, formatPercentShare, funnelRows, healthRows, metricStatus, monthRows } from "./results";
import type { CheckInPeriod, ExecutivesInPairs, HealthCounts, MetricResult, MonthSessions, PairDiversity, ProgramFunnel, SurveySummary, TrainingSummary } from "./types";

export function FunnelTable({ funnel }: { funnel: ProgramFunnel }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Table data-testid="funnel-numbers">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t("results.funnel.step")}</Table.Th>
          <Table.Th ta="right">{t("results.funnel.people")}</Table.Th>
          <Table.Th ta="right">{t("results.funnel.ofInvited")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {funnelRows(funnel).map((r) => (
          <Table.Tr key={r.step} data-testid={`funnel-${r.step}`}>
            <Table.Td>{t(`results.funnel.steps.${r.step}`)}</Table.Td>
            <Table.Td ta="right">{formatNumber(r.people, language)}</Table.Td>
            <Table.Td ta="right">{formatPercentShare(r.ofInvited, language)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function MonthTable({ months }: { months: readonly MonthSessions[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const n = (v: number) => formatNumber(v, language);
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table data-testid="sessions-numbers">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("results.sessions.month")}</Table.Th>
            <Table.Th ta="right">{t("results.sessions.sessions")}</Table.Th>
            <Table.Th ta="right">{t("results.sessions.hours")}</Table.Th>
            <Table.Th ta="right">{t("results.sessions.pairsMeeting")}</Table.Th>
            <Table.Th ta="right">{t("results.sessions.perPair")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {monthRows(months, language).map((m) => (
            <Table.Tr key={m.month} data-testid="sessions-month">
              <Table.Td>{m.label}</Table.Td>
              <Table.Td ta="right">{n(m.sessions)}</Table.Td>
              <Table.Td ta="right">{formatFigure(m.hours, language)}</Table.Td>
              <Table.Td ta="right">{n(m.pairsMeeting)}</Table.Td>
              <Table.Td ta="right">{m.perPair === null ? "—" : formatFigure(m.perPair, language)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function HealthTable({ health }: { health: HealthCounts }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Table data-testid="health-numbers">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t("results.health.status")}</Table.Th>
          <Table.Th ta="right">{t("results.health.pairs")}</Table.Th>
          <Table.Th ta="right">{t("results.health.share")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {healthRows(health).map((r) => (
          <Table.Tr key={r.status} data-testid={`health-${r.status}`}>
            <Table.Td>{t(`tracking.health.${r.status}`)}</Table.Td>
            <Table.Td ta="right">{formatNumber(r.pairs, language)}</Table.Td>
            <Table.Td ta="right">{formatPercentShare(r.share, language)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function CheckInTable({ periods }: { periods: readonly CheckInPeriod[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Table.ScrollContainer minWidth={320}>
      <Table data-testid="results-check-ins-numbers">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("feedback.checkIns.period")}</Table.Th>
            <Table.Th ta="right">{t("feedback.checkIns.answered")}</Table.Th>
            <Table.Th ta="right">{t("feedback.checkIns.average")}</Table.Th>
            <Table.Th ta="right">{t("feedback.checkIns.learnedShare")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {trendPoints(periods, language).map((p) => {
            const period = periods.find((x) => x.period === p.period);
            return (
              <Table.Tr key={p.period} data-testid="results-check-in-period">
                <Table.Td>{p.label}</Table.Td>
                <Table.Td ta="right">
                  {t("feedback.checkIns.answeredOf", { answered: formatNumber(p.answered, language), asked: formatNumber(p.asked, language) })}
                </Table.Td>
                <Table.Td ta="right" data-testid="results-check-in-average">
                  {p.average === null ? "—" : formatMean(p.average, language)}
                </Table.Td>
                <Table.Td ta="right">{formatPercentShare(period?.learned_share, language)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function SurveysTable({ surveys }: { surveys: readonly SurveySummary[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (surveys.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t("results.surveys.none")}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table data-testid="results-surveys">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("results.surveys.survey")}</Table.Th>
            <Table.Th>{t("feedback.surveys.audience")}</Table.Th>
            <Table.Th>{t("results.surveys.state")}</Table.Th>
            <Table.Th ta="right">{t("results.surveys.answered")}</Table.Th>
            <Table.Th ta="right">{t("results.surveys.respondents")}</Table.Th>
            <Table.Th ta="right">{t("results.surveys.nps")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {surveys.map((s) => (
            <Table.Tr key={s.id} data-testid="results-survey">
              <Table.Td style={{ overflowWrap: "anywhere" }}>{s.title}</Table.Td>
              <Table.Td>{t(`feedback.surveys.audiences.${s.audience}`)}</Table.Td>
              <Table.Td>{t(`feedback.surveys.states.${s.state}`)}</Table.Td>
              <Table.Td ta="right">
                {t("feedback.surveys.answeredOf", { answered: formatNumber(s.answered, language), invited: formatNumber(s.invited, language) })}
              </Table.Td>
              <Table.Td ta="right" data-testid="results-survey-respondents">
                {s.respondents === null || s.respondents === undefined ? t("results.surveys.fewerThanFive") : formatNumber(s.respondents, language)}
              </Table.Td>
              <Table.Td ta="right">{s.nps === null || s.nps === undefined ? "—" : formatNps(s.nps, language)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function ParticipationTable({
  training,
  executives,
  diversity,
}: {
  training: TrainingSummary;
  executives: ExecutivesInPairs;
  diversity: PairDiversity;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const n = (v: number) => formatNumber(v, language);
  const rows: { key: string; label: string; share: number | null | undefined; detail: string }[] = [
    {
      key: "training",
      label: t("results.participation.training"),
      share: training.share,
      detail: t("results.participation.trainingOf", { part: n(training.completed), whole: n(training.people) }),
    },
    {
      key: "executives",
      label: t("results.participation.executives"),
      share: executives.share,
      detail: t("results.participation.executivesOf", {
        part: n(executives.with_executive),
        whole: n(executives.pairs),
        executives: n(executives.executives),
      }),
    },
    {
      key: "cross-department",
      label: t("results.participation.crossDepartment"),
      share: diversity.cross_department_share,
      detail: t("results.participation.pairsOf", { part: n(diversity.cross_department), whole: n(diversity.pairs) }),
    },
    {
      key: "cross-function",
      label: t("results.participation.crossFunction"),
      share: diversity.cross_function_share,
      detail: t("results.participation.pairsOf", { part: n(diversity.cross_function), whole: n(diversity.pairs) }),
    },
    {
      key: "cross-region",
      label: t("results.participation.crossRegion"),
      share: diversity.cross_region_share,
      detail: t("results.participation.pairsOf", { part: n(diversity.cross_region), whole: n(diversity.pairs) }),
    },
  ];
  return (
    <Table data-testid="participation-numbers">
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.key} data-testid={`participation-${r.key}`}>
            <Table.Td>{r.label}</Table.Td>
            <Table.Td ta="right" fw={600}>
              {formatPercentShare(r.share, language)}
            </Table.Td>
            <Table.Td>
              <Text size="sm" c="dimmed">
                {r.detail}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The success metrics as one table (the printable report). */
export function MetricsTable({ metrics }: { metrics: readonly MetricResult[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (metrics.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t("results.metrics.none")}
      </Text>
    );
  }
  return (
    <Table data-testid="report-metrics">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t("programs.metric.name")}</Table.Th>
          <Table.Th ta="right">{t("results.metrics.measured")}</Table.Th>
          <Table.Th ta="right">{t("results.metrics.target")}</Table.Th>
          <Table.Th>{t("results.metrics.statusLabel")}</Table.Th>
          <Table.Th>{t("results.metrics.source")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {metrics.map((m) => (
          <Table.Tr key={m.name} data-testid="report-metric">
            <Table.Td style={{ overflowWrap: "anywhere" }}>{m.name}</Table.Td>
            <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
              {formatWithUnit(m.measured, m.unit, language)}
            </Table.Td>
            <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
              {formatWithUnit(m.target, m.unit, language)}
            </Table.Td>
            <Table.Td>{t(`results.metrics.status.${metricStatus(m)}`)}</Table.Td>
            <Table.Td>
              <Text size="sm">{t(`results.sources.${m.source}`)}</Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Learning both ways as figures: the index, the pairs that recorded learning, the distribution (the printable report). */
export function ReciprocityTable({ learning }: { learning: LearningSummary }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const n = (v: number) => formatNumber(v, language);
  return (
    <Table data-testid="reciprocity-table">
      <Table.Tbody>
        <Table.Tr>
          <Table.Td>{t("tracking.reciprocity.index")}</Table.Td>
          <Table.Td ta="right">{formatIndex(learning.index, language) ?? "—"}</Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Td>{t("launch.reciprocity.pairs")}</Table.Td>
          <Table.Td ta="right">{n(learning.pairs_with_learning)}</Table.Td>
        </Table.Tr>
        {distributionRows(learning.distribution, language).map((row) => (
          <Table.Tr key={row.bucket}>
            <Table.Td>{`${t("launch.reciprocity.bucket")} ${row.bucket}`}</Table.Td>
            <Table.Td ta="right">{n(row.pairs)}</Table.Td>
          </Table.Tr>
        ))}
        <Table.Tr>
          <Table.Td>{t("launch.reciprocity.seniorLearned")}</Table.Td>
          <Table.Td ta="right">
            {learning.senior_learned_share === null || learning.senior_learned_share === undefined
              ? "—"
              : formatPercentShare(learning.senior_learned_share * 100, language)}
          </Table.Td>
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}
