import { Card, Grid, Group, List, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatList, formatNumber } from "../../i18n/format";
import { CountBarChart } from "../../shared/CountBarChart";
import { useLanguage } from "../../shared/useLanguage";
import { formatPercent } from "../matching/fairness";
import { distributionRows, formatIndex, indexLevel, topTopics, type TopicCount } from "../tracking/reciprocity";
import type { LearningSummary } from "./types";

function Topics({ title, topics, testId }: { title: string; topics: readonly TopicCount[]; testId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const top = topTopics(topics);
  return (
    <Paper withBorder p="sm" radius="md" data-testid={testId}>
      <Text size="sm" fw={600} mb={4}>
        {title}
      </Text>
      {top.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("launch.reciprocity.noTopics")}
        </Text>
      ) : (
        <List size="sm" spacing={2}>
          {top.map((x) => (
            <List.Item key={x.topic}>
              <Group gap={6} wrap="nowrap">
                <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                  {x.topic}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatNumber(x.count, language)}
                </Text>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
    </Paper>
  );
}

/**
 * Whether learning goes both ways across the program: its index, how the pairs spread over it
 * (a chart, and its numbers beside it), what each side learned, and how often seniors learned
 * from juniors.
 */
export function ReciprocityCard({ reciprocity }: { reciprocity: LearningSummary }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const n = (v: number) => formatNumber(v, language);
  const rows = distributionRows(reciprocity.distribution, language);
  const index = formatIndex(reciprocity.index, language);
  const summary = t("launch.reciprocity.chartSummary", {
    buckets: formatList(rows.map((r) => t("launch.reciprocity.chartBucket", { bucket: r.bucket, pairs: n(r.pairs) })), language),
  });
  return (
    <Card withBorder padding="lg" data-testid="program-reciprocity">
      <Title order={2} size="h4" mb="xs">
        {t("tracking.reciprocity.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("launch.reciprocity.intro")}
      </Text>
      <Stack gap="md">
        <Group gap="lg" align="flex-end" wrap="wrap">
          <div>
            <Text size="xs" c="dimmed">
              {t("tracking.reciprocity.index")}
            </Text>
            <Text size="xl" fw={700} data-testid="program-reciprocity-index">
              {index ?? "—"}
            </Text>
            <Text size="sm" c="dimmed">
              {t(`tracking.reciprocity.levels.${indexLevel(reciprocity.index)}`)}
            </Text>
          </div>
          <Text size="sm" data-testid="pairs-with-learning">
            {t("launch.reciprocity.pairsWithLearning", { count: reciprocity.pairs_with_learning, shown: n(reciprocity.pairs_with_learning) })}
          </Text>
        </Group>
        {rows.length > 0 && (
          <Grid gap="md" align="center">
            <Grid.Col span={{ base: 12, sm: 8 }}>
              <CountBarChart
                summary={summary}
                height={200}
                data={rows}
                dataKey="bucket"
                series={{ name: "pairs", label: t("launch.reciprocity.pairs"), color: "indigo.6" }}
                testId="reciprocity-chart"
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <Table data-testid="reciprocity-numbers">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("launch.reciprocity.bucket")}</Table.Th>
                    <Table.Th ta="right">{t("launch.reciprocity.pairs")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((r) => (
                    <Table.Tr key={r.bucket}>
                      <Table.Td>{r.bucket}</Table.Td>
                      <Table.Td ta="right">{n(r.pairs)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Grid.Col>
          </Grid>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Topics testId="topics-mentees" title={t("launch.reciprocity.learnedByMentees")} topics={reciprocity.topics_learned_by_mentees} />
          <Topics testId="topics-mentors" title={t("launch.reciprocity.learnedByMentors")} topics={reciprocity.topics_learned_by_mentors} />
        </SimpleGrid>
        <Paper withBorder p="sm" radius="md" data-testid="senior-learned">
          <Text size="xs" c="dimmed">
            {t("launch.reciprocity.seniorLearned")}
          </Text>
          {reciprocity.senior_learned_share === null || reciprocity.senior_learned_share === undefined ? (
            <Text size="sm" c="dimmed">
              {t("launch.reciprocity.noSeniority")}
            </Text>
          ) : (
            <>
              <Text size="xl" fw={700} data-testid="senior-learned-share">
                {formatPercent(reciprocity.senior_learned_share, language)}
              </Text>
              <Text size="sm" c="dimmed">
                {t("launch.reciprocity.seniorLearnedOf", {
                  part: n(reciprocity.senior_learned_pairs),
                  whole: n(reciprocity.pairs_with_seniority),
                })}
              </Text>
            </>
          )}
        </Paper>
      </Stack>
    </Card>
  );
}
