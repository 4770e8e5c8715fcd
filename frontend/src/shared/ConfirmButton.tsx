import { useState, type ReactNode } from "react";
import { Button, Group, Modal, Text, type ButtonProps } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "./ErrorAlert";

interface Props extends Omit<ButtonProps, "onClick"> {
  label: string;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<unknown>;
  "aria-label"?: string;
}

/** A destructive action that asks first and shows the server's answer if it fails. */
export function ConfirmButton({ label, title, message, confirmLabel, onConfirm, ...buttonProps }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      setOpen(false);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button color="red" variant="subtle" size="xs" {...buttonProps} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={title} centered>
        <Text size="sm">{message}</Text>
        {error !== null && (
          <div style={{ marginTop: 12 }}>
            <ErrorAlert error={error} />
          </div>
        )}
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={() => setOpen(false)}>
            {t("common.cancel")}
          </Button>
          <Button color="red" loading={busy} onClick={() => void confirm()}>
            {confirmLabel}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
