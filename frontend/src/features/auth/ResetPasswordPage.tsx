import { Alert, Anchor, Button, PasswordInput, Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconLinkOff } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate } from "react-router";
import { api, unwrapEmpty } from "../../api/client";
import { ApiError } from "../../api/problem";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { useProblemForm } from "../../shared/useProblemForm";
import { tokenFrom } from "../preferences/preferences";
import { AuthLayout } from "./AuthLayout";
import { sessionStore } from "./browserSession";
import { newPasswordRule } from "./validation";

function BadResetLink({ used }: { used: boolean }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" icon={<IconLinkOff size={18} />} title={t(used ? "auth.reset.usedTitle" : "auth.reset.invalidTitle")} role="alert">
      <Text size="sm">{t(used ? "auth.reset.usedBody" : "auth.reset.invalidBody")}</Text>
      <Anchor component={Link} to="/password/forgot" size="sm" mt="sm" display="inline-block">
        {t("auth.reset.askAgain")}
      </Anchor>
    </Alert>
  );
}

/** A refusal that says the link itself is no good (spent or expired, or not a link). */
function badLink(error: unknown): "used" | "invalid" | null {
  if (!(error instanceof ApiError)) return null;
  if (error.status === 410) return "used";
  if (error.status === 404) return "invalid";
  return null;
}

/** The password-reset email's link: choose a new password, then log in with it. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const token = tokenFrom(useLocation().search);
  const form = useForm({
    initialValues: { password: "", confirm: "" },
    validate: {
      password: newPasswordRule(t),
      confirm: (value, values) => (value !== values.password ? t("validation.passwordsDiffer") : null),
    },
  });
  const { failure, showError, clearFailure } = useProblemForm(form);
  const reset = useMutation({
    mutationFn: (password: string) =>
      unwrapEmpty(api.POST("/api/v1/auth/password-reset/confirm", { body: { token: token ?? "", password } })),
    onSuccess: () => {
      // The server ended every session of the account, this browser's too if it had one.
      if (sessionStore.load()) sessionStore.save(null, "logout");
      void navigate("/login?password=changed", { replace: true });
    },
    onError: showError,
  });

  const refused = badLink(reset.error);
  let body;
  if (!token || refused) body = <BadResetLink used={refused === "used"} />;
  else {
    body = (
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          clearFailure();
          reset.mutate(values.password);
        })}
      >
        <Stack>
          {failure && <ErrorAlert error={failure.error} extra={failure.unmatched} />}
          <PasswordInput
            label={t("fields.newPassword")}
            description={t("auth.passwordHint")}
            autoComplete="new-password"
            required
            {...form.getInputProps("password")}
          />
          <PasswordInput
            label={t("fields.confirmPassword")}
            autoComplete="new-password"
            required
            {...form.getInputProps("confirm")}
          />
          <Button type="submit" loading={reset.isPending} fullWidth>
            {t("auth.reset.submit")}
          </Button>
        </Stack>
      </form>
    );
  }
  return (
    <AuthLayout title={t("auth.reset.title")} subtitle={token && !refused ? t("auth.reset.subtitle") : undefined}>
      {body}
    </AuthLayout>
  );
}
