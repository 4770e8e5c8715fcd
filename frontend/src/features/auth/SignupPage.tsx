import { useEffect, useState } from "react";
import { Anchor, Button, PasswordInput, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap } from "../../api/client";
import { asLanguage } from "../../i18n/language";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { useLanguage } from "../../shared/useLanguage";
import { useProblemForm } from "../../shared/useProblemForm";
import { AuthLayout } from "./AuthLayout";
import { CheckYourEmail } from "./CheckYourEmail";
import { LocaleSelect } from "./LocaleSelect";
import { emailRule, newPasswordRule, requiredText } from "./validation";

/**
 * Sign-up asks for the company and the owner, then sends a link to the address: the account
 * exists once the link is opened (/signup/verify). The server answers alike for an address
 * that already has an account (it emails that person a notice instead), so the page does too.
 */
export function SignupPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const form = useForm({
    initialValues: { company_name: "", owner_name: "", email: "", password: "", locale: language },
    validate: {
      company_name: requiredText(t),
      owner_name: requiredText(t),
      email: emailRule(t),
      password: newPasswordRule(t),
    },
  });
  const { failure, showError, clearFailure } = useProblemForm(form);
  // Where the link went, once the server took the sign-up; and how often "Send again" was used.
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [resends, setResends] = useState(0);

  // Until the person picks a language for the account, it follows the page's language.
  useEffect(() => {
    if (!form.isDirty("locale")) {
      form.setFieldValue("locale", language);
      form.resetDirty({ ...form.getValues(), locale: language });
    }
  }, [language]);

  const signup = useMutation({
    mutationFn: (v: typeof form.values) =>
      unwrap(
        api.POST("/api/v1/auth/signup", {
          body: {
            company_name: v.company_name.trim(),
            owner_name: v.owner_name.trim(),
            email: v.email.trim(),
            password: v.password,
            locale: v.locale,
          },
        }),
      ),
    onSuccess: (data, values) => {
      setSentTo(data.email || values.email.trim());
    },
    onError: showError,
  });

  if (sentTo) {
    return (
      <CheckYourEmail
        email={sentTo}
        sending={signup.isPending}
        resent={signup.isSuccess && resends > 0}
        error={signup.isError ? signup.error : null}
        onSendAgain={() => {
          setResends((n) => n + 1);
          signup.mutate(form.getValues());
        }}
        onStartAgain={() => {
          signup.reset();
          clearFailure();
          setResends(0);
          setSentTo(null);
        }}
      />
    );
  }

  return (
    <AuthLayout
      title={t("auth.signup.title")}
      subtitle={t("auth.signup.subtitle")}
      footer={
        <>
          {t("auth.signup.haveAccount")}{" "}
          <Anchor component={Link} to="/login">
            {t("auth.signup.loginLink")}
          </Anchor>
        </>
      }
    >
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          clearFailure();
          signup.mutate(values);
        })}
      >
        <Stack>
          {failure && <ErrorAlert error={failure.error} extra={failure.unmatched} />}
          <TextInput label={t("fields.companyName")} autoComplete="organization" required {...form.getInputProps("company_name")} />
          <TextInput label={t("fields.yourName")} autoComplete="name" required {...form.getInputProps("owner_name")} />
          <TextInput label={t("fields.email")} type="email" autoComplete="email" required {...form.getInputProps("email")} />
          <PasswordInput
            label={t("fields.password")}
            description={t("auth.passwordHint")}
            autoComplete="new-password"
            required
            {...form.getInputProps("password")}
          />
          <LocaleSelect
            label={t("fields.language")}
            description={t("auth.signup.languageHint")}
            {...form.getInputProps("locale")}
            onChange={(value) => {
              const locale = asLanguage(value);
              if (locale) form.setFieldValue("locale", locale);
            }}
          />
          <Button type="submit" loading={signup.isPending} fullWidth>
            {t("auth.signup.submit")}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
