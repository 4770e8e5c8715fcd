import { useEffect, useState } from "react";
import { Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { IconCalendarPlus } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../i18n/format";
import { ConfirmButton } from "../../shared/ConfirmButton";
import { ListState } from "../../shared/ListState";
import { useLanguage } from "../../shared/useLanguage";
import { KickoffDetails } from "../tracking/KickoffDetails";
import { browserTimeZone } from "../tracking/time";
import { KickoffForm } from "./KickoffForm";
import { useCancelKickoff, useKickoff } from "./launchApi";

/** The program's kickoff: when and where, how many have it in their calendar; writers set, move or cancel it. */
export function KickoffCard({ programId, writer }: { programId: string; writer: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [following, setFollowing] = useState(false);
  const kickoff = useKickoff(programId, following);
  const cancel = useCancelKickoff(programId);
  const [editing, setEditing] = useState(false);
  // After a save, the invitations go out in the background: the count is followed for half a minute.
  useEffect(() => {
    if (!following) return;
    const stop = setTimeout(() => setFollowing(false), 30_000);
    return () => clearTimeout(stop);
  }, [following]);
  const current = kickoff.data && !kickoff.data.cancelled ? kickoff.data : null;
  return (
    <Card withBorder padding="lg" data-testid="kickoff-card">
      <Group justify="space-between" mb="xs" gap="xs">
        <Title order={2} size="h4">
          {t("tracking.kickoff.title")}
        </Title>
        {writer && !editing && kickoff.isSuccess && (
          <Button size="xs" variant="light" leftSection={<IconCalendarPlus size={14} aria-hidden />} onClick={() => setEditing(true)}>
            {t(current ? "launch.kickoff.move" : "launch.kickoff.set")}
          </Button>
        )}
      </Group>
      <ListState query={kickoff} isEmpty={false} emptyText="">
        {editing ? (
          <KickoffForm
            programId={programId}
            kickoff={kickoff.data ?? null}
            onDone={(saved) => {
              setEditing(false);
              if (saved) setFollowing(true);
            }}
          />
        ) : current ? (
          <Stack gap="sm">
            <KickoffDetails kickoff={current} viewerZone={browserTimeZone()} />
            {current.invited !== null && current.invited !== undefined && (
              <Text size="sm" data-testid="kickoff-invited">
                {t("launch.kickoff.invited", { count: current.invited, shown: formatNumber(current.invited, language) })}
                {following && (
                  <Text span size="sm" c="dimmed" ml={6}>
                    {t("launch.kickoff.sending")}
                  </Text>
                )}
              </Text>
            )}
            {writer && (
              <Group>
                <ConfirmButton
                  label={t("launch.kickoff.cancel")}
                  title={t("launch.kickoff.cancelTitle")}
                  message={t("launch.kickoff.cancelBody")}
                  confirmLabel={t("launch.kickoff.cancel")}
                  onConfirm={() => cancel.mutateAsync()}
                />
              </Group>
            )}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed" data-testid="kickoff-none">
            {t(kickoff.data?.cancelled ? "launch.kickoff.wasCancelled" : "launch.kickoff.none")}
          </Text>
        )}
      </ListState>
    </Card>
  );
}
