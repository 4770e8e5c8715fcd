import { Alert, Card, List, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { IconScale } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { AttributeReport, FairnessReport, GroupName } from "../../api/types";
import { formatNumber } from "../../i18n/format";
import { useLanguage } from "../../shared/useLanguage";
import { flagOf, flagParams, formatPercent, nameGroup, rateChart } from "./fairness";
import { FairnessChart } from "./FairnessChart";
import { formatScore } from "./runs";

function AttributeTable({ report }: { report: AttributeReport }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const attribute = t(`matching.fairness.attributes.${report.attribute}`);
  const name = (group: GroupName) => nameGroup(report.attribute, group, t);
  return (
    <div data-testid={`fairness-${report.attribute}`}>
      <Title order={4} size="h5" mb="xs">
        {attribute}
      </Title>
      {report.groups.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("matching.fairness.tooSmall")}
        </Text>
      ) : (
        <Stack gap="xs">
          <FairnessChart attribute={attribute} chart={rateChart(report, name)} testId="fairness-chart" />
          <Table.ScrollContainer minWidth={480}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("matching.fairness.group")}</Table.Th>
                  <Table.Th ta="right">{t("matching.fairness.applicants")}</Table.Th>
                  <Table.Th ta="right">{t("matching.fairness.matched")}</Table.Th>
                  <Table.Th ta="right">{t("matching.fairness.matchRate")}</Table.Th>
                  <Table.Th ta="right">{t("matching.fairness.meanScore")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.groups.map((g) => {
                  const flagged = flagOf(report, g.group) !== null;
                  const label = name(g.group);
                  return (
                    <Table.Tr
                      key={label}
                      bg={flagged ? "var(--mantine-color-red-light)" : undefined}
                      data-testid={`group-${label}`}
                      data-flagged={flagged}
                    >
                      <Table.Td>
                        <Text size="sm">{label}</Text>
                        {flagged && (
                          <Text size="xs" c="red" fw={700}>
                            {t("matching.fairness.belowFourFifths")}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td ta="right">{formatNumber(g.applicants, language)}</Table.Td>
                      <Table.Td ta="right">{formatNumber(g.matched, language)}</Table.Td>
                      <Table.Td ta="right">{formatPercent(g.match_rate, language)}</Table.Td>
                      <Table.Td ta="right">{g.mean_score === null || g.mean_score === undefined ? "—" : formatScore(g.mean_score, language)}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {report.flags.map((flag) => (
            <Alert key={name(flag.group)} color="red" variant="light" icon={<IconScale size={18} />} data-testid="fairness-flag">
              {t("matching.fairness.flag", { attribute, ...flagParams(flag, name, language) })}
            </Alert>
          ))}
        </Stack>
      )}
    </div>
  );
}

function Share({ label, share, testId }: { label: string; share: number | null | undefined; testId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Paper withBorder p="sm" radius="md" data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      {share === null || share === undefined ? (
        <Text size="sm" c="dimmed">
          {t("matching.fairness.noShare")}
        </Text>
      ) : (
        <Text size="xl" fw={700}>
          {formatPercent(share, language)}
        </Text>
      )}
    </Paper>
  );
}

/**
 * Per attribute, how each group fared (a chart of match rates against the four-fifths line, the
 * numbers in a table, the flags in words), the pairs' crossings, and executives.
 */
export function FairnessCard({ fairness }: { fairness: FairnessReport }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const exec = fairness.executives;
  const n = (value: number) => formatNumber(value, language);
  return (
    <Card withBorder padding="lg" data-testid="fairness">
      <Title order={3} size="h4" mb="xs">
        {t("matching.fairness.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t("matching.fairness.intro")}
      </Text>
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Share testId="share-department" label={t("matching.fairness.crossDepartment")} share={fairness.cross_department_share} />
          <Share testId="share-function" label={t("matching.fairness.crossFunction")} share={fairness.cross_function_share} />
          <Share testId="share-region" label={t("matching.fairness.crossRegion")} share={fairness.cross_region_share} />
        </SimpleGrid>
        <div data-testid="executives">
          <Title order={4} size="h5" mb="xs">
            {t("matching.fairness.executives")}
          </Title>
          <List size="sm">
            <List.Item>{t("matching.fairness.executiveApplicants", { count: exec.applicants, shown: n(exec.applicants) })}</List.Item>
            <List.Item>
              {t("matching.fairness.executivePairs", {
                count: exec.pairs,
                shown: n(exec.pairs),
                asMentor: n(exec.pairs_as_mentor),
                asMentee: n(exec.pairs_as_mentee),
              })}
            </List.Item>
          </List>
        </div>
        {fairness.attributes.map((report) => (
          <AttributeTable key={report.attribute} report={report} />
        ))}
      </Stack>
    </Card>
  );
}
