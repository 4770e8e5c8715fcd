import { useState } from "react";
import { Alert, Anchor, Button, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconMailForward } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrapEmpty } from "../../api/client";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { useProblemForm } from "../../shared/useProblemForm";
import { AuthLayout } from "./AuthLayout";
import { emailRule } from "./validation";

function BackToLogin() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/login">
      {t("auth.forgot.backToLogin")}
    </Anchor>
  );
}

/**
 * Asks for a link to choose a new password. The server answers alike whether or not an
 * account uses the address, and so does this page: it never tells who has an account.
 */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const form = useForm({ initialValues: { email: "" }, validate: { email: emailRule(t) } });
  const { failure, showError, clearFailure } = useProblemForm(form);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const request = useMutation({
    mutationFn: (email: string) => unwrapEmpty(api.POST("/api/v1/auth/password-reset", { body: { email } })),
    onSuccess: (_, email) => setSentTo(email),
    onError: showError,
  });

  if (sentTo) {
    return (
      <AuthLayout title={t("auth.forgot.sentTitle")} footer={<BackToLogin />}>
        <Stack>
          <Alert color="teal" icon={<IconMailForward size={18} />} role="status">
            <Text size="sm" data-testid="reset-sent-to">
              {t("auth.forgot.sentBody", { email: sentTo })}
            </Text>
          </Alert>
          <Text size="sm" c="dimmed">
            {t("auth.forgot.sentValidity")}
          </Text>
          <Anchor
            component="button"
            type="button"
            size="sm"
            onClick={() => {
              request.reset();
              setSentTo(null);
            }}
          >
            {t("auth.forgot.otherAddress")}
          </Anchor>
        </Stack>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title={t("auth.forgot.title")} subtitle={t("auth.forgot.subtitle")} footer={<BackToLogin />}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          clearFailure();
          request.mutate(values.email.trim());
        })}
      >
        <Stack>
          {failure && <ErrorAlert error={failure.error} extra={failure.unmatched} />}
          <TextInput label={t("fields.email")} type="email" autoComplete="email" required {...form.getInputProps("email")} />
          <Button type="submit" loading={request.isPending} fullWidth>
            {t("auth.forgot.submit")}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
