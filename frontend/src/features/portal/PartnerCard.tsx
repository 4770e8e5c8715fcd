import { Card, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatLanguages } from "../../i18n/format";
import { useLanguage } from "../../shared/useLanguage";
import { differenceFrom, formatClock, isTimeZone } from "../tracking/time";
import { useNow } from "../tracking/useNow";
import type { Partner } from "./types";

function Fact({ label, children, testId }: { label: string; children: string; testId: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ overflowWrap: "anywhere" }} data-testid={testId}>
        {children}
      </Text>
    </div>
  );
}

/** Who the partner is, what languages they speak, and what time it is where they are. */
export function PartnerCard({ partner, viewerZone }: { partner: Partner; viewerZone: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const now = useNow();
  const job = [partner.title, partner.department].filter((f): f is string => Boolean(f));
  const zone = partner.time_zone && isTimeZone(partner.time_zone) ? partner.time_zone : null;
  const difference = zone ? differenceFrom(zone, viewerZone, now, language) : null;
  return (
    <Card withBorder padding="md" data-testid="partner">
      <Title order={2} size="h4" mb="xs">
        {t("portal.partner.title")}
      </Title>
      <Stack gap="xs">
        <div>
          <Text fw={600} style={{ overflowWrap: "anywhere" }} data-testid="partner-name">
            {partner.name}
          </Text>
          {job.length > 0 && (
            <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
              {job.join(" · ")}
            </Text>
          )}
        </div>
        {partner.languages.length > 0 && (
          <Fact label={t("portal.partner.languages")} testId="partner-languages">
            {formatLanguages(partner.languages, language)}
          </Fact>
        )}
        {zone && difference && (
          <Fact label={t("portal.partner.localTime", { zone })} testId="partner-local-time">
            {t("portal.partner.clock", {
              time: formatClock(now, language, zone),
              difference: difference.key === "tracking.time.sameAsYou" ? t(difference.key) : t(difference.key, { count: difference.count, hours: difference.hours }),
            })}
          </Fact>
        )}
      </Stack>
    </Card>
  );
}
