import type { ReactNode } from "react";
import { Anchor, Card, List, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatDate, formatNumber } from "../../i18n/format";
import { httpLink } from "../../shared/links";
import { useLanguage } from "../../shared/useLanguage";
import { datesKey, hasCommitment, purposeWords } from "../apply/programFacts";
import type { ProgramOutline } from "../tracking/types";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      {children}
    </div>
  );
}

/** What the program is for, when it runs, how much time it asks, and its resources. */
export function ProgramCard({ program }: { program: ProgramOutline }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const date = (d: string | null | undefined) => (d ? formatDate(d, language, { timeZone: "UTC" }) : "");
  const dates = datesKey(program);
  const purposes = purposeWords(program);
  return (
    <Card withBorder padding="md" data-testid="program">
      <Title order={2} size="h4" mb="xs">
        {t("portal.program.title")}
      </Title>
      <Stack gap="xs">
        {purposes.length > 0 && (
          <Fact label={t("apply.facts.purpose")}>
            <Text size="sm" style={{ overflowWrap: "anywhere" }}>
              {purposes.map((p) => ("text" in p ? p.text : t(p.key))).join(t("apply.facts.listSeparator"))}
            </Text>
          </Fact>
        )}
        {dates && (
          <Fact label={t("programs.dates")}>
            <Text size="sm">{t(dates, { start: date(program.start_date), end: date(program.end_date) })}</Text>
          </Fact>
        )}
        {hasCommitment(program) && (
          <Fact label={t("programs.commitment")}>
            <Text size="sm" data-testid="program-commitment">
              {t("programs.commitmentText", {
                meetings: formatNumber(program.meetings_per_month, language),
                minutes: formatNumber(program.minutes_per_meeting, language),
              })}
            </Text>
          </Fact>
        )}
        {program.resources.length > 0 && (
          <Fact label={t("portal.program.resources")}>
            <List size="sm" spacing={4}>
              {program.resources.map((r, i) => {
                const link = httpLink(r.link);
                return (
                  <List.Item key={`${r.title}-${i}`} style={{ overflowWrap: "anywhere" }}>
                    {link ? (
                      <Anchor href={link} target="_blank" rel="noreferrer" size="sm">
                        {r.title}
                      </Anchor>
                    ) : (
                      r.title
                    )}
                    {r.description && (
                      <Text size="xs" c="dimmed">
                        {r.description}
                      </Text>
                    )}
                  </List.Item>
                );
              })}
            </List>
          </Fact>
        )}
      </Stack>
    </Card>
  );
}
