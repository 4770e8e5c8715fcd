import { Card, Center, CloseButton, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { IconArrowDownRight, IconArrowUpRight } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { ComparedPair, MatchingRunView } from "../../api/types";
import { formatDateTime, formatNumber } from "../../i18n/format";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { useLanguage } from "../../shared/useLanguage";
import { BlindPerson } from "./BlindPerson";
import { formatChange, summarise, type RateMove } from "./comparison";
import { formatPercent, nameGroup } from "./fairness";
import { useComparison } from "./matchingApi";
import { formatScore } from "./runs";

function Count({ label, value, testId }: { label: string; value: number; testId: string }) {
  const language = useLanguage();
  return (
    <Paper withBorder p="xs" radius="md" data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="lg" fw={700} data-testid={`${testId}-value`}>
        {formatNumber(value, language)}
      </Text>
    </Paper>
  );
}

function PairList({ title, pairs, score, testId }: { title: string; pairs: ComparedPair[]; score: (p: ComparedPair) => number | null | undefined; testId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (pairs.length === 0) return null;
  return (
    <div data-testid={testId}>
      <Title order={4} size="h6" mb={4}>
        {title}
      </Title>
      <Stack gap={4}>
        {pairs.map((p) => {
          const value = score(p);
          return (
            <Paper key={`${p.mentor.pseudonym}-${p.mentee.pseudonym}`} withBorder p="xs" radius="md" data-testid="compared-pair">
              <SimpleGrid cols={2} spacing="xs">
                <BlindPerson person={p.mentor} revealed={null} />
                <BlindPerson person={p.mentee} revealed={null} />
              </SimpleGrid>
              {value !== null && value !== undefined && (
                <Text size="xs" c="dimmed" mt={4}>
                  {t("matching.compare.score", { score: formatScore(value, language) })}
                </Text>
              )}
            </Paper>
          );
        })}
      </Stack>
    </div>
  );
}

function RateMoves({ moved, unmoved }: { moved: RateMove[]; unmoved: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <div data-testid="compare-rates">
      <Title order={4} size="h6" mb={4}>
        {t("matching.compare.rates")}
      </Title>
      {moved.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("matching.compare.noMoves")}
        </Text>
      ) : (
        <Table fz="sm" horizontalSpacing={6} verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("matching.compare.group")}</Table.Th>
              <Table.Th ta="right">{t("matching.compare.before")}</Table.Th>
              <Table.Th ta="right">{t("matching.compare.after")}</Table.Th>
              <Table.Th ta="right">{t("matching.compare.change")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {moved.map((m) => {
              const group = nameGroup(m.attribute, m.group, t);
              const up = m.points > 0;
              const Arrow = up ? IconArrowUpRight : IconArrowDownRight;
              return (
                <Table.Tr key={`${m.attribute}-${group}`} data-testid={`rate-${m.attribute}-${group}`}>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {t(`matching.fairness.attributes.${m.attribute}`)}
                    </Text>
                    {group}
                  </Table.Td>
                  <Table.Td ta="right">{formatPercent(m.before, language)}</Table.Td>
                  <Table.Td ta="right">{formatPercent(m.after, language)}</Table.Td>
                  <Table.Td ta="right">
                    <Group gap={2} justify="flex-end" wrap="nowrap" c={up ? "teal" : "red"} data-testid="rate-change">
                      <Arrow size={14} aria-hidden />
                      {t("matching.compare.points", { change: formatChange(m.points, language) })}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {moved.length > 0 && unmoved > 0 && (
        <Text size="xs" c="dimmed" mt={4}>
          {t("matching.compare.unmoved", { count: unmoved, shown: formatNumber(unmoved, language) })}
        </Text>
      )}
    </div>
  );
}

/** How the later of two runs differs from the earlier: kept, added and removed pairs, the totals and the rates. */
export function ComparisonCard({ after, before, onClose }: { after: MatchingRunView; before: MatchingRunView; onClose: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const comparison = useComparison(after.id, before.id);
  let body;
  if (comparison.isPending) {
    body = (
      <Center py="md">
        <Loader size="sm" aria-label={t("common.loading")} />
      </Center>
    );
  } else if (comparison.isError) {
    body = <ErrorAlert error={comparison.error} onRetry={() => void comparison.refetch()} />;
  } else {
    const c = comparison.data;
    const s = summarise(c);
    body = (
      <Stack gap="sm">
        <SimpleGrid cols={3} spacing="xs">
          <Count testId="compare-kept" label={t("matching.compare.kept")} value={s.kept} />
          <Count testId="compare-added" label={t("matching.compare.added")} value={s.added} />
          <Count testId="compare-removed" label={t("matching.compare.removed")} value={s.removed} />
        </SimpleGrid>
        <Group gap="md">
          <Text size="sm" fw={500} data-testid="compare-total">
            {t("matching.compare.total", { change: formatChange(s.totalChange, language) })}
          </Text>
          <Text size="sm" fw={500} data-testid="compare-pairs">
            {t("matching.compare.pairs", { change: formatChange(s.pairsChange, language) })}
          </Text>
        </Group>
        {s.added === 0 && s.removed === 0 ? (
          <Text size="sm" c="dimmed">
            {t("matching.compare.same")}
          </Text>
        ) : (
          <>
            <Text size="xs" c="dimmed">
              {t("matching.compare.pseudonyms")}
            </Text>
            <PairList testId="compare-removed-pairs" title={t("matching.compare.removedTitle")} pairs={c.removed} score={(p) => p.before} />
            <PairList testId="compare-added-pairs" title={t("matching.compare.addedTitle")} pairs={c.added} score={(p) => p.after} />
          </>
        )}
        <RateMoves moved={s.moved} unmoved={s.unmoved} />
      </Stack>
    );
  }
  return (
    <Card withBorder padding="md" data-testid="comparison">
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb="xs">
        <div>
          <Title order={2} size="h4">
            {t("matching.compare.title")}
          </Title>
          <Text size="xs" c="dimmed">
            {t("matching.compare.between", {
              after: formatDateTime(after.created_at, language),
              before: formatDateTime(before.created_at, language),
            })}
          </Text>
        </div>
        <CloseButton aria-label={t("matching.compare.close")} onClick={onClose} />
      </Group>
      {body}
    </Card>
  );
}
