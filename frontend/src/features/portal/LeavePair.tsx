import { useState } from "react";
import { Alert, Button, Group, List, Modal, Stack, Text, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconDoorExit } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { useProblemForm } from "../../shared/useProblemForm";
import { characters, leavingBody, leavingErrors, MAX_LEAVING_REASON, stillRuns } from "./pairForms";
import { useLeavePair } from "./portalApi";
import type { PortalPair } from "./types";

interface DialogProps {
  pair: PortalPair;
  /** Held by the page's section, which stays as the pair ends and the dialog closes. */
  leave: ReturnType<typeof useLeavePair>;
  onClose: () => void;
  onLeft: () => void;
}

function LeaveDialog({ pair, leave, onClose, onLeft }: DialogProps) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { reason: "" },
    validate: (values) => Object.fromEntries(Object.entries(leavingErrors(values)).map(([k, key]) => [k, t(key, { max: MAX_LEAVING_REASON })])),
  });
  const { failure, showError, clearFailure } = useProblemForm(form);
  const count = characters(form.getValues().reason);
  return (
    <Modal opened onClose={onClose} title={t("portal.leave.title")} centered>
      <form
        noValidate
        data-testid="leave-dialog"
        onSubmit={form.onSubmit((values) => {
          clearFailure();
          leave.mutate(leavingBody(values.reason), { onSuccess: onLeft, onError: showError });
        })}
      >
        <Stack gap="sm">
          <Text size="sm">{t("portal.leave.whatHappens")}</Text>
          <List size="sm" spacing={4} data-testid="leave-effects">
            <List.Item>{t("portal.leave.pairEnds", { name: pair.partner.name, program: pair.program.name })}</List.Item>
            <List.Item>{t("portal.leave.partnerTold", { name: pair.partner.name })}</List.Item>
            <List.Item>{t("portal.leave.teamTold")}</List.Item>
          </List>
          <Text size="sm" c="dimmed">
            {t("portal.leave.final")}
          </Text>
          {failure && <ErrorAlert error={failure.error} extra={failure.unmatched} />}
          <Stack gap={4}>
            <Textarea
              label={t("portal.leave.reason")}
              description={t("portal.leave.reasonHint")}
              autosize
              minRows={3}
              maxRows={8}
              maxLength={MAX_LEAVING_REASON}
              {...form.getInputProps("reason")}
            />
            <Text size="xs" c={count > MAX_LEAVING_REASON ? "red" : "dimmed"} ta="right" data-testid="leave-reason-count">
              {t("portal.leave.count", { typed: count, max: MAX_LEAVING_REASON })}
            </Text>
          </Stack>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" color="red" loading={leave.isPending}>
              {t("portal.leave.confirm")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * The way out, quiet at the foot of the page while the pair runs: a confirmation that says what
 * leaving does, with an optional reason for the program's team; then a short notice.
 */
export function LeavePair({ pair }: { pair: PortalPair }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [left, setLeft] = useState(false);
  const leave = useLeavePair(pair.id);
  return (
    <>
      {left && (
        <Alert color="gray" icon={<IconDoorExit size={18} />} title={t("portal.leave.leftTitle")} data-testid="pair-left">
          {t("portal.leave.leftBody")}
        </Alert>
      )}
      {!left && stillRuns(pair.state) && (
        <Group justify="center">
          <Button variant="subtle" color="red" size="compact-sm" onClick={() => setConfirming(true)}>
            {t("portal.leave.action")}
          </Button>
        </Group>
      )}
      {confirming && (
        <LeaveDialog
          pair={pair}
          leave={leave}
          onClose={() => setConfirming(false)}
          onLeft={() => {
            setConfirming(false);
            setLeft(true);
          }}
        />
      )}
    </>
  );
}
