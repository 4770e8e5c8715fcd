import { useState } from "react";
import { Button, Group, Modal, Stack, Text, Textarea } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { usePausePair } from "./launchApi";

export const MAX_REASON = 500;

/** Pausing a pair asks why; the reason is shown to both members in the portal. */
export function PauseDialog({ pairId, onClose }: { pairId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const pause = usePausePair(pairId);
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  return (
    <Modal opened onClose={onClose} title={t("launch.pair.pauseTitle")} centered>
      <Stack gap="sm" data-testid="pause-dialog">
        <Text size="sm" c="dimmed">
          {t("launch.pair.pauseIntro")}
        </Text>
        <Textarea
          label={t("launch.pair.reason")}
          required
          autosize
          minRows={2}
          maxLength={MAX_REASON}
          value={reason}
          error={missing ? t("portal.errors.required") : undefined}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            setMissing(false);
          }}
        />
        {pause.isError && <ErrorAlert error={pause.error} />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button
            color="yellow"
            loading={pause.isPending}
            onClick={() => {
              if (!reason.trim()) return setMissing(true);
              pause.mutate(reason.trim(), { onSuccess: onClose });
            }}
          >
            {t("launch.pair.pause")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
