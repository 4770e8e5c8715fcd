import { useEffect, useState } from "react";
import { LineChart } from "@mantine/charts";
import { Anchor, Badge, Button, Card, Grid, Group, Stack, Table, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconSend } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatDateTime, formatList, formatNumber } from "../../i18n/format";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { ListState } from "../../shared/ListState";
import { useLanguage } from "../../shared/useLanguage";
import { useAskForCheckIns, useCheckIns } from "./feedbackApi";
import { formatDay, formatMean, formatShare, trendPoints } from "./results";
import type { CheckInReport } from "./types";

/** The mean score per period as a line (1–5), with the same numbers in a table beside it. */
function Trend({ report }: { report: CheckInReport }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const points = trendPoints(report.periods, language);
  if (points.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="check-ins-none">
        {t("feedback.checkIns.none")}
      </Text>
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
    <Grid gap="md" align="center">
      <Grid.Col span={{ base: 12, md: 6 }}>
        <LineChart
          role="img"
          aria-label={summary}
          h={220}
          data={points}
          dataKey="label"
          series={[{ name: "average", label: t("feedback.checkIns.average"), color: "indigo.6" }]}
          valueFormatter={(v) => formatMean(v, language)}
          yAxisProps={{ domain: [1, 5], ticks: [1, 2, 3, 4, 5], width: 28 }}
          connectNulls={false}
          withTooltip={false}
          gridAxis="y"
          data-testid="check-ins-chart"
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Table.ScrollContainer minWidth={320}>
          <Table data-testid="check-ins-periods">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("feedback.checkIns.period")}</Table.Th>
                <Table.Th ta="right">{t("feedback.checkIns.answered")}</Table.Th>
                <Table.Th ta="right">{t("feedback.checkIns.average")}</Table.Th>
                <Table.Th ta="right">{t("feedback.checkIns.learnedShare")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {points.map((p) => {
                const period = report.periods.find((x) => x.period === p.period);
                return (
                  <Table.Tr key={p.period} data-testid="check-in-period">
                    <Table.Td>{p.label}</Table.Td>
                    <Table.Td ta="right">
                      {t("feedback.checkIns.answeredOf", { answered: formatNumber(p.answered, language), asked: formatNumber(p.asked, language) })}
                    </Table.Td>
                    <Table.Td ta="right" data-testid="check-in-period-average">
                      {p.average === null ? "—" : formatMean(p.average, language)}
                    </Table.Td>
                    <Table.Td ta="right">
                      {period?.learned_share === null || period?.learned_share === undefined ? "—" : formatShare(period.learned_share, language)}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Grid.Col>
    </Grid>
  );
}

const scoreColor = (score: number) => (score <= 2 ? "red" : score === 3 ? "yellow" : "teal");

/** Each member's latest check-in, lowest scores first, with what they wrote. */
function Latest({ report }: { report: CheckInReport }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (report.latest.length === 0) return null;
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t("feedback.checkIns.latest")}
      </Title>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="xs" data-testid="check-ins-latest">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("feedback.checkIns.person")}</Table.Th>
              <Table.Th>{t("feedback.checkIns.score")}</Table.Th>
              <Table.Th>{t("feedback.checkIns.learned")}</Table.Th>
              <Table.Th>{t("feedback.checkIns.comment")}</Table.Th>
              <Table.Th>{t("feedback.checkIns.when")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.latest.map((row) => (
              <Table.Tr key={`${row.person_id}-${row.pair_id}`} data-testid="check-in-row" data-person={row.person_id}>
                <Table.Td>
                  <Anchor component={Link} to={`/pairs/${row.pair_id}`} size="sm">
                    {row.name}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {t("feedback.checkIns.periodOf", { day: formatDay(row.period, language) })}
                  </Text>
                </Table.Td>
                <Table.Td data-testid="check-in-score">
                  {row.score === null || row.score === undefined ? (
                    <Text size="sm" c="dimmed">
                      {t("feedback.checkIns.notAnswered")}
                    </Text>
                  ) : (
                    <Badge color={scoreColor(row.score)} variant="light" size="lg">
                      {formatNumber(row.score, language)}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {row.learned === true ? t("feedback.checkIns.yes") : row.learned === false ? t("feedback.checkIns.no") : "—"}
                  </Text>
                </Table.Td>
                <Table.Td maw={360}>
                  <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }} data-testid="check-in-comment">
                    {row.comment ?? ""}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{row.answered_at ? formatDateTime(row.answered_at, language) : "—"}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

/** Pulse check-ins: the trend, each member's latest answer, and (for writers, while active) asking now. */
export function CheckInsCard({ programId, canAsk }: { programId: string; canAsk: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [following, setFollowing] = useState(false);
  const report = useCheckIns(programId, following);
  const ask = useAskForCheckIns(programId);
  // The emails go out in the background: the counts are followed for half a minute.
  useEffect(() => {
    if (!following) return;
    const stop = setTimeout(() => setFollowing(false), 30_000);
    return () => clearTimeout(stop);
  }, [following]);
  const data = report.data;
  return (
    <Card withBorder padding="lg" data-testid="check-ins">
      <Group justify="space-between" mb="xs" gap="xs">
        <Title order={2} size="h4">
          {t("feedback.checkIns.title")}
        </Title>
        {canAsk && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconSend size={14} aria-hidden />}
            loading={ask.isPending}
            onClick={() =>
              ask.mutate(undefined, {
                onSuccess: (asked) => {
                  setFollowing(true);
                  notifications.show({ color: "teal", message: t("feedback.checkIns.asked", { day: formatDay(asked.period, language) }) });
                },
              })
            }
          >
            {t("feedback.checkIns.ask")}
          </Button>
        )}
      </Group>
      {data && (
        <Text size="sm" c="dimmed" mb="sm">
          {t("feedback.checkIns.intro", {
            cadence: t(`programs.cadences.${data.cadence}`),
            day: formatDay(data.current_period, language),
          })}
        </Text>
      )}
      {ask.isError && <ErrorAlert error={ask.error} />}
      <ListState query={report} isEmpty={false} emptyText="">
        {data && (
          <Stack gap="lg">
            <Trend report={data} />
            <Latest report={data} />
          </Stack>
        )}
      </ListState>
    </Card>
  );
}
