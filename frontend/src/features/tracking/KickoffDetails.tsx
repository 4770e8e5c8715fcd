import { Anchor, Badge, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { httpLink } from "../../shared/links";
import { useLanguage } from "../../shared/useLanguage";
import { eventTimes } from "./time";
import type { Kickoff } from "./types";

/** When and where a kickoff is: in the viewer's time, and in the event's when their clocks differ. */
export function KickoffDetails({ kickoff, viewerZone }: { kickoff: Kickoff; viewerZone: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const times = eventTimes(kickoff.starts_at, kickoff.ends_at, kickoff.time_zone, viewerZone, language);
  const link = kickoff.video_link ? httpLink(kickoff.video_link) : null;
  return (
    <Stack gap={6} data-testid="kickoff">
      {kickoff.cancelled && (
        <Badge color="red" variant="light" data-testid="kickoff-cancelled">
          {t("tracking.kickoff.cancelled")}
        </Badge>
      )}
      <div>
        <Text size="xs" c="dimmed">
          {t("tracking.kickoff.yourTime", { zone: viewerZone })}
        </Text>
        <Text size="sm" fw={600} data-testid="kickoff-your-time">
          {times.viewer}
        </Text>
      </div>
      {times.event && (
        <div>
          <Text size="xs" c="dimmed">
            {t("tracking.kickoff.eventTime", { zone: kickoff.time_zone })}
          </Text>
          <Text size="sm" data-testid="kickoff-event-time">
            {times.event}
          </Text>
        </div>
      )}
      {kickoff.place && (
        <Text size="sm" style={{ overflowWrap: "anywhere" }} data-testid="kickoff-place">
          {t("tracking.kickoff.placeText", { place: kickoff.place })}
        </Text>
      )}
      {link && (
        <Anchor href={link} target="_blank" rel="noreferrer" size="sm" style={{ overflowWrap: "anywhere" }} data-testid="kickoff-video">
          {t("tracking.kickoff.join")}
        </Anchor>
      )}
      {kickoff.agenda && (
        <Text size="sm" c="dimmed" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
          {kickoff.agenda}
        </Text>
      )}
    </Stack>
  );
}
