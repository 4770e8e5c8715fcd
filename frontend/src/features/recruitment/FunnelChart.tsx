import { BarChart } from "@mantine/charts";
import { Center, Group, Loader, Text } from "@mantine/core";
import type { UseQueryResult } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { Funnel } from "../../api/types";
import { formatNumber } from "../../i18n/format";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { useLanguage } from "../../shared/useLanguage";
import { funnelBars } from "./campaignForm";

/** invited → emailed → opened → applied → accepted, as bars, with the figures also in text. */
export function FunnelChart({ funnel, testId }: { funnel: UseQueryResult<Funnel>; testId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (funnel.isPending) {
    return (
      <Center py="md">
        <Loader size="sm" aria-label={t("common.loading")} />
      </Center>
    );
  }
  if (funnel.isError) return <ErrorAlert error={funnel.error} onRetry={() => void funnel.refetch()} />;
  const data = funnelBars(funnel.data).map((b) => ({ step: t(`recruitment.funnel.${b.step}`), count: b.count, key: b.step }));
  return (
    <div data-testid={testId}>
      <BarChart
        h={220}
        data={data}
        dataKey="step"
        series={[{ name: "count", label: t("recruitment.funnel.people"), color: "indigo.6" }]}
        withBarValueLabel
        valueFormatter={(value) => formatNumber(value, language)}
        tickLine="y"
        yAxisProps={{ allowDecimals: false }}
      />
      <Group gap="md" mt="xs" wrap="wrap">
        {data.map((d) => (
          <Text key={d.key} size="sm" data-testid={`${testId}-${d.key}`}>
            {d.step}: <b>{formatNumber(d.count, language)}</b>
          </Text>
        ))}
      </Group>
    </div>
  );
}
