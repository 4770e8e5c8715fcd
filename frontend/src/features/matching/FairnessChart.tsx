import { BarChart } from "@mantine/charts";
import { Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatList } from "../../i18n/format";
import { useLanguage } from "../../shared/useLanguage";
import { formatPercent, groupAxisWidth, type RateChart } from "./fairness";

const BAR = "blue.6";
const FLAGGED = "red.6";

/**
 * An attribute's groups as horizontal bars of their match rate, the flagged ones in red, with a
 * line at four-fifths of the best group's rate. What it shows is also said in words: to screen
 * readers as the chart's label, and on the page by naming the flagged groups under it.
 */
export function FairnessChart({ attribute, chart, testId }: { attribute: string; chart: RateChart; testId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const percent = (rate: number) => formatPercent(rate / 100, language);
  const data = chart.bars.map((b) => ({ group: b.group, rate: b.rate, color: b.flagged ? FLAGGED : BAR }));
  const bars = formatList(
    chart.bars.map((b) => t(b.flagged ? "matching.fairness.chartBarFlagged" : "matching.fairness.chartBar", { group: b.group, rate: percent(b.rate) })),
    language,
  );
  const summary = [t("matching.fairness.chartSummary", { attribute, bars })];
  if (chart.best && chart.line !== null) {
    summary.push(t("matching.fairness.chartLine", { line: percent(chart.line), best: chart.best.group, bestRate: percent(chart.best.rate) }));
  }
  return (
    <Stack gap={4} data-testid={testId}>
      <BarChart
        role="img"
        aria-label={summary.join(" ")}
        h={48 + 36 * data.length}
        data={data}
        dataKey="group"
        orientation="vertical"
        series={[{ name: "rate", label: t("matching.fairness.matchRate"), color: BAR }]}
        valueFormatter={percent}
        withBarValueLabel
        withTooltip={false}
        gridAxis="x"
        xAxisProps={{ domain: [0, 100], ticks: [0, 20, 40, 60, 80, 100] }}
        yAxisProps={{ width: groupAxisWidth(chart.bars.map((b) => b.group)) }}
        referenceLines={
          chart.line === null
            ? []
            : [{ x: chart.line, color: FLAGGED, strokeDasharray: "4 4", label: t("matching.fairness.lineLabel", { rate: percent(chart.line) }), labelPosition: "top" }]
        }
        barChartProps={{ margin: { top: 20, right: 48 } }}
        maxBarWidth={24}
      />
      {chart.line !== null && (
        <Text size="sm" c={chart.flagged.length > 0 ? "red" : "dimmed"} fw={chart.flagged.length > 0 ? 600 : undefined} data-testid={`${testId}-flagged`}>
          {chart.flagged.length > 0
            ? t("matching.fairness.chartFlagged", { count: chart.flagged.length, groups: formatList(chart.flagged, language), line: percent(chart.line) })
            : t("matching.fairness.chartNoneFlagged", { line: percent(chart.line) })}
        </Text>
      )}
    </Stack>
  );
}
