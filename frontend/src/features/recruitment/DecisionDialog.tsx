import { useState } from "react";
import { Button, Checkbox, Group, Modal, Stack, Text, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { ApplicationView, Decision } from "../../api/types";
import { formatNumber } from "../../i18n/format";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { useLanguage } from "../../shared/useLanguage";
import { DECISION_MESSAGE_LIMIT, decisionRequest } from "./decision";
import { useDecide } from "./recruitmentApi";

interface Props {
  application: ApplicationView;
  /** The decision being made, or null while the dialog is closed. */
  decision: Decision | null;
  onClose: () => void;
}

/** Deciding: an optional message for the applicant and whether to email them, then the decision itself. */
export function DecisionDialog({ application, decision, onClose }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const decide = useDecide();
  const [message, setMessage] = useState("");
  const [notify, setNotify] = useState(true);
  const tooLong = message.length > DECISION_MESSAGE_LIMIT;
  const close = () => {
    decide.reset();
    setMessage("");
    setNotify(true);
    onClose();
  };
  const name = application.person_name;
  return (
    <Modal opened={decision !== null} onClose={close} centered title={decision ? t(`recruitment.decideFor.${decision}`, { name }) : ""}>
      {decision && (
        <Stack gap="sm" data-testid="decision-dialog">
          <Checkbox label={t("recruitment.decision.notify")} checked={notify} onChange={(e) => setNotify(e.currentTarget.checked)} />
          <Textarea
            label={t("recruitment.decision.message")}
            description={t("recruitment.decision.messageHint", { max: formatNumber(DECISION_MESSAGE_LIMIT, language) })}
            autosize
            minRows={3}
            disabled={!notify}
            value={message}
            onChange={(e) => setMessage(e.currentTarget.value)}
            error={tooLong ? t("apply.errors.tooLong", { max: formatNumber(DECISION_MESSAGE_LIMIT, language) }) : undefined}
          />
          <Text size="sm" c="dimmed" data-testid="decision-email-note">
            {notify ? t("recruitment.decision.willEmail", { name, email: application.person_email }) : t("recruitment.decision.noEmail", { name })}
          </Text>
          {decide.isError && <ErrorAlert error={decide.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t("common.cancel")}
            </Button>
            <Button
              loading={decide.isPending}
              disabled={tooLong}
              onClick={() =>
                decide.mutate(
                  { applicationId: application.id, body: decisionRequest(decision, message, notify) },
                  {
                    onSuccess: () => {
                      notifications.show({ color: "teal", message: t(`recruitment.decided.${decision}`, { name }) });
                      close();
                    },
                  },
                )
              }
            >
              {t(`recruitment.decisions.${decision}`)}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
