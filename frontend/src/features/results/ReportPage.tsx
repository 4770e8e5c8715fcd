import { useEffect, type ReactNode } from "react";
import { Anchor, Box, Button, Center, Group, List, Stack, Text, Title } from "@mantine/core";
import { IconArrowLeft, IconPrinter } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { consoleUser, useMe } from "../auth/useMe";
import { formatDate, formatDateTime } from "../../i18n/format";
import { userLanguage } from "../../i18n/language";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { PageLoading } from "../../shared/PageParts";
import { useDocumentTitle } from "../../shared/useDocumentTitle";
import { useLanguage } from "../../shared/useLanguage";
import { useProgram } from "../programs/programsApi";
import { useResults } from "./resultsApi";
import { CheckInTable, FunnelTable, HealthTable, MetricsTable, MonthTable, ParticipationTable, ReciprocityTable, SurveysTable } from "./ResultsTables";
import "./report.css";

function Section({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <Box component="section" className="tandem-report-section" data-testid={testId}>
      <Title order={2} size="h4" mb="xs">
        {title}
      </Title>
      {children}
    </Box>
  );
}

/**
 * The program's results on one page to print or save as PDF: no navigation, its purpose and
 * success metrics first, then every figure of the Results tab as a table.
 */
export function ReportPage() {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const { programId = "" } = useParams();
  const me = useMe();
  const program = useProgram(programId);
  const results = useResults(programId, language);
  const user = me.data ? consoleUser(me.data) : null;
  // Opened on its own (a new tab), the page reads in the person's language as the console does.
  useEffect(() => {
    if (!user || !me.data) return;
    const wanted = userLanguage(user.locale, me.data.tenant.locale);
    if (wanted !== i18n.language) void i18n.changeLanguage(wanted);
  }, [user?.userId]);
  useDocumentTitle(program.data ? `${t("results.printable.title")}: ${program.data.design.name}` : t("results.printable.title"));

  const failed = [program, results].find((q) => q.isError);
  if (failed) {
    return (
      <Center p="lg">
        <ErrorAlert error={failed.error} onRetry={() => void failed.refetch()} />
      </Center>
    );
  }
  if (!program.data || !results.data) return <PageLoading tall />;
  const p = program.data;
  const r = results.data;
  const design = p.design;
  const date = (d: string | null | undefined) => (d ? formatDate(d, language, { timeZone: "UTC" }) : t("programs.notSet"));
  return (
    <Box className="tandem-report" p="xl" maw={960} mx="auto" data-testid="results-report">
      <Group justify="space-between" mb="lg" className="tandem-no-print">
        <Anchor component={Link} to={`/programs/${p.id}?tab=results`} size="sm">
          <Group gap={4}>
            <IconArrowLeft size={14} aria-hidden />
            {t("results.printable.back")}
          </Group>
        </Anchor>
        <Button leftSection={<IconPrinter size={16} aria-hidden />} onClick={() => window.print()}>
          {t("results.printable.print")}
        </Button>
      </Group>
      <Stack gap="lg">
        <div>
          <Text size="sm" c="dimmed">
            {t("results.printable.title")}
          </Text>
          <Title order={1} data-testid="report-program">
            {design.name}
          </Title>
          <Text size="sm" c="dimmed">
            {t("results.printable.asOf", { when: formatDateTime(new Date().toISOString(), language) })}
            {" · "}
            {t("results.printable.state")}: {t(`programs.states.${p.state}`)}
            {" · "}
            {t("results.printable.period")}: {t("results.printable.periodDates", { start: date(design.start_date), end: date(design.end_date) })}
          </Text>
        </div>
        <Section title={t("results.printable.purpose")} testId="report-purpose">
          <List size="sm">
            {design.purposes.map((purpose) => (
              <List.Item key={purpose}>
                {purpose === "custom" && design.custom_purpose ? design.custom_purpose : t(`programs.purposes.${purpose}`)}
              </List.Item>
            ))}
          </List>
        </Section>
        <Section title={t("results.metrics.title")} testId="report-metrics-section">
          <MetricsTable metrics={r.metrics} />
        </Section>
        <Section title={t("results.funnel.title")} testId="report-funnel">
          <FunnelTable funnel={r.funnel} />
        </Section>
        <Section title={t("results.sessions.title")} testId="report-sessions">
          {r.sessions_by_month.length === 0 ? <Text size="sm">{t("results.sessions.none")}</Text> : <MonthTable months={r.sessions_by_month} />}
        </Section>
        <Section title={t("results.health.title")} testId="report-health">
          <HealthTable health={r.health} />
        </Section>
        <Section title={t("tracking.reciprocity.title")} testId="report-reciprocity">
          <ReciprocityTable learning={r.learning} />
        </Section>
        <Section title={t("results.checkIns.title")} testId="report-check-ins">
          {r.check_ins.length === 0 ? <Text size="sm">{t("results.checkIns.none")}</Text> : <CheckInTable periods={r.check_ins} />}
        </Section>
        <Section title={t("results.surveys.title")} testId="report-surveys">
          <SurveysTable surveys={r.surveys} />
        </Section>
        <Section title={t("results.participation.title")} testId="report-participation">
          <ParticipationTable training={r.training} executives={r.executives} diversity={r.diversity} />
        </Section>
      </Stack>
    </Box>
  );
}
