import { useState } from "react";
import { Badge, Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { SessionList } from "../tracking/SessionList";
import type { PairSession } from "../tracking/types";
import { CorrectSessionDialog } from "./CorrectSessionDialog";
import { LogSessionForm } from "./LogSessionForm";
import { pastTopics } from "./pairForms";
import { useConfirmSession } from "./portalApi";
import { sessionStatus } from "./sessionForm";
import type { PortalPair } from "./types";

const STATUS_COLOR = { planned: "blue", awaitingPartner: "gray", confirmed: "teal", corrected: "teal" } as const;

/** The pair's sessions: log or plan one, and confirm (or correct) the ones the partner logged. */
export function SessionsCard({ pair, zone, nameOf }: { pair: PortalPair; zone: string; nameOf: (id: string) => string }) {
  const { t } = useTranslation();
  const [logging, setLogging] = useState(false);
  const [correcting, setCorrecting] = useState<PairSession | null>(null);
  const confirm = useConfirmSession(pair.id);
  const suggestions = pastTopics([...pair.sessions, ...pair.learning]);
  const active = pair.state === "active";
  const now = new Date();

  const aside = (session: PairSession) => {
    const status = sessionStatus(session, pair.me, now);
    if (status === "awaitingMe" && active) {
      return (
        <Group gap={6} data-testid="session-awaiting-me">
          <Button
            size="compact-sm"
            loading={confirm.isPending && confirm.variables.sessionId === session.id}
            onClick={() => confirm.mutate({ sessionId: session.id, body: {} })}
          >
            {t("portal.sessions.confirm")}
          </Button>
          <Button size="compact-sm" variant="default" onClick={() => setCorrecting(session)}>
            {t("portal.sessions.correct")}
          </Button>
        </Group>
      );
    }
    if (status === "awaitingMe") return <Badge color="gray" variant="light">{t("tracking.sessions.unconfirmed")}</Badge>;
    return (
      <Badge color={STATUS_COLOR[status]} variant="light" data-testid="session-state" data-status={status}>
        {t(`portal.sessions.status.${status}`, { name: pair.partner.name })}
      </Badge>
    );
  };

  return (
    <Card withBorder padding="md" data-testid="sessions-card">
      <Group justify="space-between" mb="xs" gap="xs">
        <Title order={2} size="h4">
          {t("portal.sessions.title")}
        </Title>
        {active && !logging && (
          <Button size="compact-sm" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setLogging(true)}>
            {t("portal.sessions.log")}
          </Button>
        )}
      </Group>
      <Stack gap="sm">
        {logging && (
          <LogSessionForm
            pairId={pair.id}
            zone={zone}
            minutesPerMeeting={pair.program.minutes_per_meeting}
            suggestions={suggestions}
            me={pair.me}
            partner={pair.partner}
            onDone={() => setLogging(false)}
          />
        )}
        {confirm.isError && <ErrorAlert error={confirm.error} />}
        <Text size="xs" c="dimmed">
          {t("portal.sessions.timesIn", { zone })}
        </Text>
        <SessionList sessions={pair.sessions} zone={zone} nameOf={nameOf} me={pair.me} aside={aside} emptyText={t("portal.sessions.empty")} />
      </Stack>
      {correcting && (
        <CorrectSessionDialog
          key={correcting.id}
          pairId={pair.id}
          session={correcting}
          zone={zone}
          me={pair.me}
          partner={pair.partner}
          suggestions={suggestions}
          onClose={() => setCorrecting(null)}
        />
      )}
    </Card>
  );
}
