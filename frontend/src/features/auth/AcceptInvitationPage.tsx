import { useEffect } from "react";
import { Alert, Anchor, Button, Center, Loader, PasswordInput, Radio, Stack, TextInput } from "@mantine/core";
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
import { useInvitationPreview } from "./invitationApi";
import { acceptMode, badInvitationLink, invitationLink } from "./invitationPreview";
import { BadInvitationLink, InvitationSummary } from "./InvitationSummary";
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
    onError: (error) => {
      if (!badInvitationLink(error)) showError(error);
    },
  });
  // Once accepted, the link is used up: the session that begins clears the cached answer, and
  // asking again would only be answered 410 Gone while the page gives way to the home page.
  const preview = useInvitationPreview(token, accept.isIdle || accept.isError);
  const link = invitationLink(token, preview);

  // The server knows whether the address has an account: the page asks for what it needs.
  const knownMode = link.kind === "ready" ? acceptMode(link) : null;
  useEffect(() => {
    if (knownMode) form.setFieldValue("mode", knownMode);
    // Only the answer matters: `form` is a new object on every render.
  }, [knownMode]);

  const refused = badInvitationLink(accept.error);
  const isNew = form.values.mode === "new";
  let body;
  if (link.kind === "missing") {
    body = (
      <Alert color="red" title={t("auth.accept.noTokenTitle")} role="alert">
        {t("auth.accept.noTokenBody")}{" "}
        <Anchor component={Link} to="/login">
          {t("auth.signup.loginLink")}
        </Anchor>
      </Alert>
    );
  } else if (link.kind === "unknown" || link.kind === "gone") {
    body = <BadInvitationLink kind={link.kind} />;
  } else if (refused) {
    body = <BadInvitationLink kind={refused} />;
  } else if (link.kind === "loading") {
    body = (
      <Center py="lg">
        <Loader size="sm" aria-label={t("common.loading")} />
      </Center>
    );
  } else {
    body = (
      <>
        {link.kind === "ready" && <InvitationSummary preview={link.preview} />}
        {link.kind === "failed" && (
          <div style={{ marginBottom: 16 }}>
            <ErrorAlert error={link.error} onRetry={() => void preview.refetch()} />
          </div>
        )}
        <form
          noValidate
          onSubmit={form.onSubmit((values) => {
            clearFailure();
            accept.mutate(values);
          })}
        >
          <Stack>
            {failure && <ErrorAlert error={failure.error} extra={failure.unmatched} />}
            {link.kind === "ready" ? (
              link.preview.has_account && (
                <Alert color="blue" variant="light" data-testid="invitation-has-account">
                  {t("auth.invitation.hasAccount", { email: link.preview.email })}
                </Alert>
              )
            ) : (
              <Radio.Group label={t("auth.accept.modeLabel")} {...form.getInputProps("mode")}>
                <Stack gap="xs" mt="xs">
                  <Radio value="new" label={t("auth.accept.modeNew")} />
                  <Radio value="existing" label={t("auth.accept.modeExisting")} />
                </Stack>
              </Radio.Group>
            )}
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
            {!isNew && (
              <Anchor component={Link} to="/password/forgot" size="sm">
                {t("auth.login.forgotPassword")}
              </Anchor>
            )}
            <Button type="submit" loading={accept.isPending} fullWidth>
              {t("auth.accept.submit")}
            </Button>
          </Stack>
        </form>
      </>
    );
  }

  const linkWorks = link.kind !== "missing" && link.kind !== "unknown" && link.kind !== "gone" && !refused;
  return (
    <AuthLayout title={t("auth.accept.title")} subtitle={linkWorks && link.kind !== "ready" ? t("auth.accept.subtitle") : undefined}>
      {body}
    </AuthLayout>
  );
}
