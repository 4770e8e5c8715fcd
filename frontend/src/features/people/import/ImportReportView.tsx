import { Alert, Badge, Group, List, Stack, Table, Text, Title } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { ImportReport, ProblemSummary, RowError } from "../../../api/types";
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

/** The problems by cause, the most common first, each with the first lines that have it. */
function SummaryList({ summary }: { summary: readonly ProblemSummary[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} data-testid="report-summary">
      <Title order={3} size="h5">
        {t("people.import.summaryTitle")}
      </Title>
      <List size="sm" spacing={2}>
        {summary.map((s) => (
          <List.Item key={`${s.code}-${s.field ?? ""}-${s.message}`}>
            <Text span size="sm" fw={500}>
              {t("people.import.summaryRows", { count: s.rows, message: s.message })}
            </Text>{" "}
            <Text span size="sm" c="dimmed">
              (
              {s.rows > s.lines.length
                ? t("people.import.summaryMoreLines", { lines: s.lines.join(", ") })
                : t("people.import.summaryLines", { count: s.lines.length, lines: s.lines.join(", ") })}
              )
            </Text>
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

/** Problems by line: refused rows (errors), or rows imported otherwise than written (warnings). */
function LineTable({ items, kind }: { items: readonly RowError[]; kind: "error" | "warning" }) {
  const { t } = useTranslation();
  const title = kind === "error" ? t("people.import.errorsTitle") : t("people.import.warningsTitle");
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table withTableBorder bg="white" aria-label={title}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("people.import.line")}</Table.Th>
            <Table.Th>{t("people.import.field")}</Table.Th>
            <Table.Th>{t("people.import.value")}</Table.Th>
            <Table.Th>{kind === "error" ? t("people.import.problem") : t("people.import.warning")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((e, i) => (
            <Table.Tr key={`${e.line}-${e.field ?? ""}-${i}`} data-testid={`row-${kind}-${e.line}`}>
              <Table.Td>{e.line}</Table.Td>
              <Table.Td>{e.field ? t(`people.fields.${e.field}`) : "—"}</Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {e.value ?? "—"}
                </Text>
              </Table.Td>
              <Table.Td>{e.message}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

type ReportTitle =
  | "people.import.reportDryRunErrors"
  | "people.import.reportDryRunOk"
  | "people.import.reportNothingWritten"
  | "people.import.reportPartly"
  | "people.import.reportWritten";

function reportTitle(report: ImportReport): { color: string; title: ReportTitle } {
  const refused = report.errors.length > 0;
  if (report.dry_run) {
    return refused
      ? { color: "orange", title: "people.import.reportDryRunErrors" }
      : { color: "teal", title: "people.import.reportDryRunOk" };
  }
  if (!report.written) return { color: "red", title: "people.import.reportNothingWritten" };
  if (refused) return { color: "orange", title: "people.import.reportPartly" };
  return { color: "teal", title: "people.import.reportWritten" };
}

/**
 * What an import did (or, in a dry run, would do): the counts, the problems by cause, every
 * refused row with its line and value, then the warnings on rows imported otherwise than written.
 */
export function ImportReportView({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const { color, title } = reportTitle(report);
  return (
    <Stack gap="sm" data-testid="import-report">
      <Alert color={color} title={t(title)}>
        <Stack gap="sm">
          <Group gap="xs">
            <Count label={t("people.import.rows")} value={report.rows} testId="report-rows" />
            <Count label={t("people.import.accepted")} value={report.accepted} testId="report-accepted" />
            <Count label={t("people.import.created")} value={report.created} testId="report-created" />
            <Count label={t("people.import.updated")} value={report.updated} testId="report-updated" />
          </Group>
          {report.ignored_columns.length > 0 && (
            <Text size="sm">{t("people.import.ignoredColumns", { columns: report.ignored_columns.join(", ") })}</Text>
          )}
          {report.summary.length > 0 && <SummaryList summary={report.summary} />}
          {report.errors.length > 0 && <LineTable items={report.errors} kind="error" />}
        </Stack>
      </Alert>
      {report.warnings.length > 0 && (
        <Alert color="yellow" variant="outline" icon={<IconAlertTriangle size={18} />} title={t("people.import.warningsTitle")} data-testid="import-warnings">
          <LineTable items={report.warnings} kind="warning" />
        </Alert>
      )}
    </Stack>
  );
}
