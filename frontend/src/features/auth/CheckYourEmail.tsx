import { Alert, Anchor, Button, Stack, Text } from "@mantine/core";
import { IconMailCheck } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { AuthLayout } from "./AuthLayout";

interface Props {
  email: string;
  sending: boolean;
  /** The last "Send again" went through. */
  resent: boolean;
  error: unknown;
  onSendAgain: () => void;
  onStartAgain: () => void;
}

/** After sign-up: the link that finishes it is on its way to `email`. */
export function CheckYourEmail({ email, sending, resent, error, onSendAgain, onStartAgain }: Props) {
  const { t } = useTranslation();
  return (
    <AuthLayout title={t("auth.signup.checkTitle")}>
      <Stack>
        <Alert color="teal" icon={<IconMailCheck size={18} />} role="status">
          <Text size="sm" data-testid="signup-sent-to">
            {t("auth.signup.checkSent", { email })}
          </Text>
        </Alert>
        <Text size="sm" c="dimmed">
          {t("auth.signup.checkValidity")}
        </Text>
        {error !== null && <ErrorAlert error={error} />}
        {resent && !sending && (
          <Text size="sm" role="status">
            {t("auth.signup.sentAgain")}
          </Text>
        )}
        <Button variant="light" loading={sending} onClick={onSendAgain} fullWidth>
          {t("auth.signup.sendAgain")}
        </Button>
        <Text size="sm" ta="center">
          {t("auth.signup.wrongAddress")}{" "}
          <Anchor component="button" type="button" onClick={onStartAgain}>
            {t("auth.signup.startAgain")}
          </Anchor>
        </Text>
      </Stack>
    </AuthLayout>
  );
}
