import { BarChart } from "@mantine/charts";
import { formatNumber } from "../i18n/format";
import { useLanguage } from "./useLanguage";

/**
 * Counts as bars, each with its number on it, in whole steps: the console's count charts
 * (a program's funnel, sessions by month, pair health, the reciprocity distribution). Screen
 * readers get `summary` instead of the drawing; the figures are also in a table beside it.
 */
export function CountBarChart<Row extends object>({
  data,
  dataKey,
  series,
  summary,
  height = 220,
  testId,
}: {
  data: Row[];
  /** The field that names each bar. */
  dataKey: keyof Row & string;
  /** The field that holds each count, its label and colour. */
  series: { name: string; label: string; color: string };
  summary: string;
  height?: number;
  testId: string;
}) {
  const language = useLanguage();
  return (
    <BarChart
      role="img"
      aria-label={summary}
      h={height}
      data={data as Record<string, unknown>[]}
      dataKey={dataKey}
      series={[series]}
      valueFormatter={(v) => formatNumber(v, language)}
      withBarValueLabel
      withTooltip={false}
      gridAxis="y"
      yAxisProps={{ allowDecimals: false, width: 36 }}
      barChartProps={{ margin: { top: 16 } }}
      data-testid={testId}
    />
  );
}
