import { Card, Group, List, Progress, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../i18n/format";
import { ListState } from "../../shared/ListState";
import { useLanguage } from "../../shared/useLanguage";
import { completionPercent, inProgress, notStarted } from "./training";
import { useTrainingReport } from "./launchApi";

/** Training before the kickoff: completion per role in numbers and bars, and who has not started. */
export function TrainingCard({ programId }: { programId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const report = useTrainingReport(programId);
  const n = (v: number) => formatNumber(v, language);
  const data = report.data;
  const waiting = data ? notStarted(data) : [];
  return (
    <Card withBorder padding="lg" data-testid="training-report">
      <Title order={2} size="h4" mb="xs">
        {t("launch.training.title")}
      </Title>
      <ListState query={report} isEmpty={!data || data.modules.length === 0} emptyText={t("launch.training.noModules")}>
        {data && (
          <Stack gap="md">
            <Table.ScrollContainer minWidth={340}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("launch.training.role")}</Table.Th>
                    <Table.Th ta="right">{t("launch.training.people")}</Table.Th>
                    <Table.Th ta="right">{t("launch.training.completed")}</Table.Th>
                    <Table.Th ta="right">{t("launch.training.notStarted")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.by_role.map((row) => {
                    const percent = completionPercent(row);
                    return (
                      <Table.Tr key={row.role} data-testid={`training-${row.role}`}>
                        <Table.Td>{t(`tracking.roles.${row.role}`)}</Table.Td>
                        <Table.Td ta="right">{n(row.people)}</Table.Td>
                        <Table.Td ta="right" data-testid="training-completed">
                          <Group gap={6} justify="flex-end" wrap="nowrap">
                            <Text size="sm">{n(row.completed)}</Text>
                            <Text size="xs" c="dimmed">{`(${n(percent)}%)`}</Text>
                          </Group>
                          <Progress value={percent} color="teal" size="sm" mt={4} aria-label={t("launch.training.shareOf", { role: t(`tracking.roles.${row.role}`) })} />
                        </Table.Td>
                        <Table.Td ta="right">{n(row.not_started)}</Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Text size="sm" c="dimmed">
              {t("launch.training.inProgress", { count: inProgress(data), shown: n(inProgress(data)) })}
            </Text>
            <div data-testid="training-not-started">
              <Text size="sm" fw={600} mb={4}>
                {t("launch.training.whoNotStarted")}
              </Text>
              {waiting.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t("launch.training.everyoneStarted")}
                </Text>
              ) : (
                <List size="sm" spacing={2}>
                  {waiting.map((p) => (
                    <List.Item key={p.person_id}>{t("launch.training.personRole", { name: p.name, role: t(`tracking.roles.${p.role}`) })}</List.Item>
                  ))}
                </List>
              )}
            </div>
          </Stack>
        )}
      </ListState>
    </Card>
  );
}
