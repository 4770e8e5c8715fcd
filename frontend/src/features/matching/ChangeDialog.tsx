import type { ReactNode } from "react";
import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/problem";
import type { ProposalChange } from "../../api/types";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { changeErrors } from "./changes";

interface Props {
  opened: boolean;
  title: string;
  /** What the change does, in words. */
  children: ReactNode;
  confirmLabel: string;
  busy: boolean;
  error: unknown;
  /** The change sent, whose pseudonyms a refusal's field errors are said with. */
  sent: ProposalChange | undefined;
  onClose: () => void;
  onConfirm: () => void;
}

/** Before a run's proposals are changed: the pairs made and undone, and that a new run starts. */
export function ChangeDialog({ opened, title, children, confirmLabel, busy, error, sent, onClose, onConfirm }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <Stack gap="sm" data-testid="change-dialog">
        {children}
        <Text size="sm" c="dimmed">
          {t("matching.changes.newRun")}
        </Text>
        {error !== null && error !== undefined && (
          <ErrorAlert error={error} extra={error instanceof ApiError && sent ? changeErrors(error.problem, sent).lines : []} />
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button loading={busy} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
