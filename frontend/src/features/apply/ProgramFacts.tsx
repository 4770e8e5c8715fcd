import type { ReactNode } from "react";
import { Anchor, List, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { PublicCampaign } from "../../api/types";
import { formatDate, formatNumber } from "../../i18n/format";
import { useLanguage } from "../../shared/useLanguage";
import { datesKey, hasCommitment, purposeWords, trainingFor } from "./programFacts";

function Fact({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <div data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      {children}
    </div>
  );
}

/** What the program is before anyone applies: who runs it, what for, when, how much time and what training. */
export function ProgramFacts({ campaign }: { campaign: PublicCampaign }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const c = campaign;
  const date = (d: string | null | undefined) => (d ? formatDate(d, language, { timeZone: "UTC" }) : "");
  const dates = datesKey(c);
  const training = trainingFor(c);
  const purposes = purposeWords(c);
  return (
    <Stack gap="sm" data-testid="apply-facts">
      <Fact label={t("apply.facts.company")} testId="apply-company">
        <Text size="sm">{c.company}</Text>
      </Fact>
      {purposes.length > 0 && (
        <Fact label={t("apply.facts.purpose")} testId="apply-purposes">
          <Text size="sm" style={{ overflowWrap: "anywhere" }}>
            {purposes.map((p) => ("text" in p ? p.text : t(p.key))).join(t("apply.facts.listSeparator"))}
          </Text>
        </Fact>
      )}
      {dates && (
        <Fact label={t("programs.dates")} testId="apply-dates">
          <Text size="sm">{t(dates, { start: date(c.start_date), end: date(c.end_date) })}</Text>
        </Fact>
      )}
      {hasCommitment(c) && (
        <Fact label={t("programs.commitment")} testId="apply-commitment">
          <Text size="sm">
            {t("programs.commitmentText", {
              meetings: formatNumber(c.meetings_per_month, language),
              minutes: formatNumber(c.minutes_per_meeting, language),
            })}
          </Text>
        </Fact>
      )}
      {training.length > 0 && (
        <Fact label={t("apply.facts.training")} testId="apply-training">
          <List size="sm" spacing={2}>
            {training.map((m, i) => (
              <List.Item key={`${m.title}-${i}`}>
                {m.url ? (
                  <Anchor href={m.url} target="_blank" rel="noreferrer" size="sm">
                    {m.title}
                  </Anchor>
                ) : (
                  m.title
                )}{" "}
                <Text span size="xs" c="dimmed">
                  {t(`apply.facts.trainingRoles.${m.role}`)}
                </Text>
              </List.Item>
            ))}
          </List>
        </Fact>
      )}
    </Stack>
  );
}
