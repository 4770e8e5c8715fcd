import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useConsoleUser } from "../../app/AppLayout";
import { ErrorAlert } from "../../shared/ErrorAlert";

interface Props {
  opened: boolean;
  busy: boolean;
  error: unknown;
  onClose: () => void;
  onConfirm: () => void;
}

/** Before names are shown: what is revealed, and that the audit log records who asked and when. */
export function RevealDialog({ opened, busy, error, onClose, onConfirm }: Props) {
  const { t } = useTranslation();
  const user = useConsoleUser();
  return (
    <Modal opened={opened} onClose={onClose} title={t("matching.reveal.title")} centered>
      <Stack gap="sm" data-testid="reveal-dialog">
        <Text size="sm">{t("matching.reveal.body")}</Text>
        <Text size="sm" fw={500} data-testid="reveal-audited">
          {t("matching.reveal.audited", { name: user.name })}
        </Text>
        <Text size="sm" c="dimmed">
          {t("matching.reveal.memoryOnly")}
        </Text>
        {error !== null && error !== undefined && <ErrorAlert error={error} />}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button color="orange" loading={busy} onClick={onConfirm}>
            {t("matching.reveal.confirm")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
