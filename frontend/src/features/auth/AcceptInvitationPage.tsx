import { Alert, Anchor, Button, PasswordInput, Radio, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { api, unwrap } from "../../api/client";
import { currentLanguage } from "../../i18n";
import { rememberLanguage } from "../../i18n/language";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { useProblemForm } from "../../shared/useProblemForm";
import { AuthLayout } from "./AuthLayout";
import { startSession } from "./useSession";
import { newPasswordRule, passwordPresentRule, requiredText } from "./validation";

type Mode = "new" | "existing";

export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get("token")?.trim() ?? "";
  const form = useForm({
    initialValues: { mode: "new" as Mode, name: "", password: "" },
    validate: {
      name: (value, values) => (values.mode === "new" ? requiredText(t)(value) : null),
      password: (value, values) => (values.mode === "new" ? newPasswordRule(t)(value) : passwordPresentRule(t)(value)),
    },
  });
  const { failure, showError, clearFailure } = useProblemForm(form);
  const accept = useMutation({
    mutationFn: (v: typeof form.values) =>
      unwrap(
        api.POST("/api/v1/auth/invitations/accept", {
          body: { token, password: v.password, ...(v.mode === "new" ? { name: v.name.trim() } : {}) },
        }),
      ),
    onSuccess: async (data) => {
      // The person read this page in a language they chose: keep it for them, on every device.
      const language = currentLanguage();
      rememberLanguage(localStorage, language);
      startSession(data);
      await unwrap(api.PATCH("/api/v1/me", { body: { locale: language } })).catch(() => undefined);
      void navigate("/", { replace: true });
    },
    onError: showError,
  });
  const isNew = form.values.mode === "new";

  return (
    <AuthLayout title={t("auth.accept.title")} subtitle={t("auth.accept.subtitle")}>
      {!token ? (
        <Alert color="red" title={t("auth.accept.noTokenTitle")} role="alert">
          {t("auth.accept.noTokenBody")}{" "}
          <Anchor component={Link} to="/login">
            {t("auth.signup.loginLink")}
          </Anchor>
        </Alert>
      ) : (
        <form
          noValidate
          onSubmit={form.onSubmit((values) => {
            clearFailure();
            accept.mutate(values);
          })}
        >
          <Stack>
            {failure && <ErrorAlert error={failure.error} extra={failure.unmatched} />}
            <Radio.Group label={t("auth.accept.modeLabel")} {...form.getInputProps("mode")}>
              <Stack gap="xs" mt="xs">
                <Radio value="new" label={t("auth.accept.modeNew")} />
                <Radio value="existing" label={t("auth.accept.modeExisting")} />
              </Stack>
            </Radio.Group>
            {isNew && (
              <TextInput label={t("fields.yourName")} autoComplete="name" required {...form.getInputProps("name")} />
            )}
            <PasswordInput
              label={isNew ? t("fields.newPassword") : t("fields.password")}
              description={isNew ? t("auth.passwordHint") : undefined}
              autoComplete={isNew ? "new-password" : "current-password"}
              required
              {...form.getInputProps("password")}
            />
            <Button type="submit" loading={accept.isPending} fullWidth>
              {t("auth.accept.submit")}
            </Button>
          </Stack>
        </form>
      )}
    </AuthLayout>
  );
}
