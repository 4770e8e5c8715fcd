import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ProgramState, ProgramView } from "../../api/types";
import { formatNumber } from "../../i18n/format";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { useLanguage } from "../../shared/useLanguage";

interface Props {
  program: ProgramView;
  /** The state asked for, or null while the dialog is closed. */
  to: ProgramState | null;
  /** How many open campaigns the move closes. */
  closing: number;
  busy: boolean;
  error: unknown;
  onClose: () => void;
  onConfirm: (to: ProgramState) => void;
}

/** A lifecycle move says what it does (and which campaigns it closes) before it is made. */
export function TransitionDialog({ program, to, closing, busy, error, onClose, onConfirm }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Modal opened={to !== null} onClose={onClose} centered title={to ? t("programs.transition.title", { state: t(`programs.states.${to}`) }) : ""}>
      {to && (
        <Stack gap="sm" data-testid="transition-dialog">
          <Text size="sm">{t(`programs.transition.does.${to}`, { name: program.design.name })}</Text>
          {closing > 0 && (
            <Text size="sm" fw={500} data-testid="transition-closes">
              {t("programs.transition.closesCampaigns", { count: closing, shown: formatNumber(closing, language) })}
            </Text>
          )}
          {error !== null && error !== undefined && (
            <div data-testid="transition-refused">
              <ErrorAlert error={error} />
            </div>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button loading={busy} onClick={() => onConfirm(to)}>
              {t(`programs.moveTo.${to}`)}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
