import { Alert, Anchor, Button, Group, PasswordInput, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { api, unwrap } from "../../api/client";
import { safeNext } from "../../app/RequireSession";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { useProblemForm } from "../../shared/useProblemForm";
import { AuthLayout } from "./AuthLayout";
import { startSession, useSession } from "./useSession";
import { emailRule, passwordPresentRule } from "./validation";

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const session = useSession();
  const form = useForm({
    initialValues: { email: "", password: "" },
    validate: { email: emailRule(t), password: passwordPresentRule(t) },
  });
  const { failure, showError, clearFailure } = useProblemForm(form);
  const login = useMutation({
    mutationFn: (values: typeof form.values) =>
      unwrap(api.POST("/api/v1/auth/login", { body: { email: values.email.trim(), password: values.password } })),
    onSuccess: (data) => {
      startSession(data);
      void navigate(next, { replace: true });
    },
    onError: showError,
  });

  if (session && !login.isPending) return <Navigate to={next} replace />;

  return (
    <AuthLayout
      title={t("auth.login.title")}
      subtitle={t("auth.login.subtitle")}
      footer={
        <>
          {t("auth.login.noAccount")}{" "}
          <Anchor component={Link} to="/signup">
            {t("auth.login.signupLink")}
          </Anchor>
        </>
      }
    >
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          clearFailure();
          login.mutate(values);
        })}
      >
        <Stack>
          {params.get("password") === "changed" && (
            <Alert color="teal" title={t("auth.login.passwordChangedTitle")} role="status">
              {t("auth.login.passwordChangedBody")}
            </Alert>
          )}
          {params.get("expired") === "1" && (
            <Alert color="blue" title={t("auth.login.expiredTitle")}>
              {t("auth.login.expiredBody")}
            </Alert>
          )}
          {failure && <ErrorAlert error={failure.error} extra={failure.unmatched} />}
          <TextInput
            label={t("fields.email")}
            type="email"
            autoComplete="email"
            required
            {...form.getInputProps("email")}
          />
          <PasswordInput
            label={t("fields.password")}
            autoComplete="current-password"
            required
            {...form.getInputProps("password")}
          />
          <Group justify="flex-end" mt={-8}>
            <Anchor component={Link} to="/password/forgot" size="sm">
              {t("auth.login.forgotPassword")}
            </Anchor>
          </Group>
          <Button type="submit" loading={login.isPending} fullWidth>
            {t("auth.login.submit")}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
