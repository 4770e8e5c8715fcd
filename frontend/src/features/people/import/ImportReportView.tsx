import { Alert, Badge, Group, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ImportReport } from "../../../api/types";
import { formatNumber } from "../../../i18n/format";
import { useLanguage } from "../../../shared/useLanguage";

function Count({ label, value, testId }: { label: string; value: number; testId: string }) {
  const language = useLanguage();
  return (
    <Badge variant="light" size="lg" color="gray" data-testid={testId} tt="none">
      {label}: {formatNumber(value, language)}
    </Badge>
  );
}

/** What an import did (or, in a dry run, would do), and every refused row with its line number. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const refused = report.errors.length > 0;
  let color = "teal";
  let title = t("people.import.reportWritten");
  if (report.dry_run) {
    color = refused ? "orange" : "teal";
    title = refused ? t("people.import.reportDryRunErrors") : t("people.import.reportDryRunOk");
  } else if (!report.written) {
    color = "red";
    title = t("people.import.reportNothingWritten");
  } else if (refused) {
    color = "orange";
    title = t("people.import.reportPartly");
  }
  return (
    <Alert color={color} title={title} data-testid="import-report">
      <Group gap="xs" mb={refused || report.ignored_columns.length > 0 ? "sm" : 0}>
        <Count label={t("people.import.rows")} value={report.rows} testId="report-rows" />
        <Count label={t("people.import.accepted")} value={report.accepted} testId="report-accepted" />
        <Count label={t("people.import.created")} value={report.created} testId="report-created" />
        <Count label={t("people.import.updated")} value={report.updated} testId="report-updated" />
      </Group>
      {report.ignored_columns.length > 0 && (
        <Text size="sm" mb="sm">
          {t("people.import.ignoredColumns", { columns: report.ignored_columns.join(", ") })}
        </Text>
      )}
      {refused && (
        <Table.ScrollContainer minWidth={480}>
          <Table withTableBorder bg="white" aria-label={t("people.import.errorsTitle")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("people.import.line")}</Table.Th>
                <Table.Th>{t("people.import.field")}</Table.Th>
                <Table.Th>{t("people.import.problem")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.errors.map((e, i) => (
                <Table.Tr key={`${e.line}-${e.field ?? ""}-${i}`} data-testid={`row-error-${e.line}`}>
                  <Table.Td>{e.line}</Table.Td>
                  <Table.Td>{e.field ? t(`people.fields.${e.field}`) : "—"}</Table.Td>
                  <Table.Td>{e.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Alert>
  );
}
