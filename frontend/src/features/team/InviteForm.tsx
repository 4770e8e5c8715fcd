import { Button, Grid, Select, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { Locale, Role } from "../../api/types";
import { useConsoleUser, useTenant } from "../../app/AppLayout";
import { asLanguage } from "../../i18n/language";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { RoleDescription } from "../../shared/RoleDescription";
import { useProblemForm } from "../../shared/useProblemForm";
import { LocaleSelect } from "../auth/LocaleSelect";
import { assignableRoles } from "../auth/permissions";
import { emailRule } from "../auth/validation";
import { undeliverable } from "./invitationStatus";
import { useInvite } from "./teamApi";

export function InviteForm() {
  const { t } = useTranslation();
  const me = useConsoleUser();
  const tenant = useTenant();
  const roles = assignableRoles(me.role);
  const invite = useInvite();
  const initialValues: { email: string; role: Role; locale: Locale } = {
    email: "",
    role: "viewer",
    locale: tenant.locale,
  };
  const form = useForm({ initialValues, validate: { email: emailRule(t) } });
  const { failure, showError, clearFailure } = useProblemForm(form);

  return (
    <form
      noValidate
      aria-label={t("team.inviteTitle")}
      onSubmit={form.onSubmit((values) => {
        clearFailure();
        invite.mutate(
          { email: values.email.trim(), role: values.role, locale: values.locale },
          {
            onSuccess: (sent) => {
              form.reset();
              notifications.show(
                undeliverable(sent)
                  ? {
                      color: "yellow",
                      message: t("team.invitedNoEmail", { email: sent.invitation.email, reason: sent.email.reason ?? "" }),
                    }
                  : { color: "teal", message: t("team.invited", { email: sent.invitation.email }) },
              );
            },
            onError: showError,
          },
        );
      })}
    >
      {failure && (
        <div style={{ marginBottom: 12 }}>
          <ErrorAlert error={failure.error} extra={failure.unmatched} />
        </div>
      )}
      <Grid align="flex-end">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <TextInput label={t("fields.email")} type="email" required {...form.getInputProps("email")} />
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 3 }}>
          <Select
            label={t("fields.role")}
            allowDeselect={false}
            data={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            {...form.getInputProps("role")}
            onChange={(value) => {
              const role = roles.find((r) => r === value);
              if (role) form.setFieldValue("role", role);
            }}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 2 }}>
          <LocaleSelect
            label={t("fields.emailLanguage")}
            {...form.getInputProps("locale")}
            onChange={(value) => {
              const locale = asLanguage(value);
              if (locale) form.setFieldValue("locale", locale);
            }}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 3 }}>
          <Button type="submit" fullWidth loading={invite.isPending}>
            {t("team.invite")}
          </Button>
        </Grid.Col>
      </Grid>
      <RoleDescription role={form.getValues().role} withName testId="invite-role-description" />
    </form>
  );
}
