import type { ReactNode } from "react";
import { Anchor, Badge, Card, Group, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { IconCircleCheck } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatNumber } from "../../i18n/format";
import { ListState } from "../../shared/ListState";
import { useLanguage } from "../../shared/useLanguage";
import { formatDay } from "../feedback/results";
import { useAttention } from "../results/resultsApi";
import { attentionCount } from "./attention";

function Section({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <Stack gap={6} data-testid={testId}>
      <Text fw={600} size="sm">
        {title}
      </Text>
      {children}
    </Stack>
  );
}

/**
 * What needs attention now across the company's active programs: pairs at risk or inactive (with
 * why), check-ins left unanswered, surveys closing this week, and emails that failed.
 */
export function NeedsAttentionCard({ admin }: { admin: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const attention = useAttention(language);
  const data = attention.data;
  const n = (v: number) => formatNumber(v, language);
  return (
    <Card withBorder padding="lg" data-testid="needs-attention">
      <Title order={2} size="h4" mb="md">
        {t("home.needsAttention.title")}
      </Title>
      <ListState query={attention} isEmpty={false} emptyText="">
        {data &&
          (attentionCount(data) === 0 ? (
            <Group gap="sm" wrap="nowrap" data-testid="needs-attention-empty">
              <ThemeIcon color="teal" variant="light" aria-hidden>
                <IconCircleCheck size={18} />
              </ThemeIcon>
              <Text size="sm">{t("home.needsAttention.empty")}</Text>
            </Group>
          ) : (
            <Stack gap="md">
              {data.pairs.length > 0 && (
                <Section title={t("home.needsAttention.pairs")} testId="attention-pairs">
                  {data.pairs.map((p) => (
                    <Stack key={p.pair_id} gap={2} data-testid="attention-pair">
                      <Group gap="xs" wrap="wrap">
                        <Anchor component={Link} to={`/pairs/${p.pair_id}`} size="sm">
                          {t("home.needsAttention.pairNames", { mentor: p.mentor, mentee: p.mentee })}
                        </Anchor>
                        <Badge size="sm" variant="light" color={p.status === "inactive" ? "red" : "yellow"}>
                          {t(`tracking.health.${p.status}`)}
                        </Badge>
                      </Group>
                      <Text size="xs" c="dimmed">
                        {p.program}
                        {p.reasons.length > 0 ? ` · ${p.reasons.join(t("tracking.health.reasonSeparator"))}` : ""}
                      </Text>
                    </Stack>
                  ))}
                </Section>
              )}
              {data.check_ins_overdue.length > 0 && (
                <Section title={t("home.needsAttention.checkIns")} testId="attention-check-ins">
                  {data.check_ins_overdue.map((c) => (
                    <Anchor key={c.program_id} component={Link} to={`/programs/${c.program_id}?tab=feedback`} size="sm">
                      {t("home.needsAttention.checkInsOf", { count: c.unanswered, shown: n(c.unanswered), program: c.program })}
                    </Anchor>
                  ))}
                </Section>
              )}
              {data.surveys_closing.length > 0 && (
                <Section title={t("home.needsAttention.surveys")} testId="attention-surveys">
                  {data.surveys_closing.map((s) => (
                    <Anchor key={s.survey_id} component={Link} to={`/programs/${s.program_id}?tab=feedback`} size="sm">
                      {t("home.needsAttention.surveyCloses", {
                        title: s.title,
                        program: s.program,
                        day: formatDay(s.closes_on, language),
                        answered: n(s.answered),
                        invited: n(s.invited),
                      })}
                    </Anchor>
                  ))}
                </Section>
              )}
              {data.failed_emails > 0 && (
                <Stack gap={2} data-testid="attention-failed-emails">
                  <Text size="sm">{t("home.needsAttention.failedEmails", { count: data.failed_emails, shown: n(data.failed_emails) })}</Text>
                  {admin && (
                    <Anchor component={Link} to="/settings/email?tab=deliveries&state=failed" size="sm">
                      {t("home.needsAttention.openDeliveries")}
                    </Anchor>
                  )}
                </Stack>
              )}
            </Stack>
          ))}
      </ListState>
    </Card>
  );
}
