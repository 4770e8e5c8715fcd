import type { ReactNode } from "react";
import { Badge, Group, Paper, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatList, formatNumber } from "../../i18n/format";
import { useLanguage } from "../../shared/useLanguage";
import { formatInZone } from "./time";
import type { PairSession } from "./types";

interface Props {
  sessions: readonly PairSession[];
  /** The zone the times are read in (the viewer's). */
  zone: string;
  /** A member's name by person id ("You" for the viewer in the portal). */
  nameOf: (personId: string) => string;
  /** The viewer, when they are a member (the portal): "only you took part". */
  me?: string;
  /** A badge or buttons for a session (its state for the viewer, confirm and correct). */
  aside?: (session: PairSession) => ReactNode;
  emptyText: string;
}

/**
 * A pair's sessions, the latest first: when, how long, how, about what, who logged it, and who
 * took part when it was only one of the two.
 */
export function SessionList({ sessions, zone, nameOf, me, aside, emptyText }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (sessions.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="sessions-empty">
        {emptyText}
      </Text>
    );
  }
  const latestFirst = [...sessions].sort((a, b) => Date.parse(b.held_at) - Date.parse(a.held_at));
  return (
    <Stack gap="xs" data-testid="sessions">
      {latestFirst.map((s) => (
        <Paper key={s.id} withBorder p="sm" radius="md" data-testid="session" data-session={s.id}>
          <Group justify="space-between" align="flex-start" gap="xs">
            <Stack gap={2} style={{ minWidth: 0, flex: "1 1 200px" }}>
              <Text size="sm" fw={600}>
                {formatInZone(s.held_at, language, zone)}
              </Text>
              <Text size="sm">
                {t("tracking.sessions.summary", {
                  minutes: formatNumber(s.minutes, language),
                  format: t(`tracking.formats.${s.format}`),
                })}
              </Text>
              {s.topics.length > 0 && (
                <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }} data-testid="session-topics">
                  {formatList(s.topics, language)}
                </Text>
              )}
              <TookPart session={s} nameOf={nameOf} me={me} />
              <Text size="xs" c="dimmed">
                {t(s.planned ? "tracking.sessions.plannedBy" : "tracking.sessions.loggedBy", { name: nameOf(s.logged_by) })}
              </Text>
            </Stack>
            {aside ? aside(s) : <SessionState session={s} />}
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}

/** Who took part, when only one of the two did; nothing when both did. */
function TookPart({ session, nameOf, me }: { session: PairSession; nameOf: (personId: string) => string; me?: string }) {
  const { t } = useTranslation();
  const only = session.took_part.length === 1 ? session.took_part[0] : undefined;
  if (only === undefined) return null;
  return (
    <Text size="sm" data-testid="session-took-part">
      {only === me ? t("tracking.sessions.onlyYou") : t("tracking.sessions.onlyOne", { name: nameOf(only) })}
    </Text>
  );
}

/** Confirmed, corrected, or waiting for the other member: as a manager reads it. */
export function SessionState({ session }: { session: PairSession }) {
  const { t } = useTranslation();
  if (session.confirmed_at) {
    return (
      <Badge color={session.corrected ? "blue" : "teal"} variant="light" data-testid="session-state">
        {t(session.corrected ? "tracking.sessions.corrected" : "tracking.sessions.confirmed")}
      </Badge>
    );
  }
  return (
    <Badge color="gray" variant="light" data-testid="session-state">
      {t(Date.parse(session.held_at) > Date.now() ? "tracking.sessions.planned" : "tracking.sessions.unconfirmed")}
    </Badge>
  );
}
