import { Alert, Anchor, Stack, Text } from "@mantine/core";
import { IconLinkOff } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { InvitationPreview } from "../../api/types";
import { formatDateTime } from "../../i18n/format";
import { RoleDescription } from "../../shared/RoleDescription";
import { useLanguage } from "../../shared/useLanguage";

/** Who invites whom, to which company and role, and until when: read before anyone signs in. */
export function InvitationSummary({ preview }: { preview: InvitationPreview }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const role = t(`roles.${preview.role}`);
  const offer = preview.inviter
    ? t("auth.invitation.offer", { inviter: preview.inviter, company: preview.company, role })
    : t("auth.invitation.offerNoInviter", { company: preview.company, role });
  return (
    <Stack gap={6} mb="lg" data-testid="invitation-summary">
      <Text fw={600} data-testid="invitation-offer">
        {offer}
      </Text>
      <RoleDescription role={preview.role} testId="invitation-role-description" />
      <Text size="sm" data-testid="invitation-email">
        {t("auth.invitation.forEmail", { email: preview.email })}
      </Text>
      <Text size="sm" c="dimmed" data-testid="invitation-expiry">
        {t("auth.invitation.validUntil", { when: formatDateTime(preview.expires_at, language) })}
      </Text>
    </Stack>
  );
}

/** The link itself is no good: said in words, with the way back to logging in. */
export function BadInvitationLink({ kind }: { kind: "unknown" | "gone" }) {
  const { t } = useTranslation();
  return (
    <Alert
      color="red"
      icon={<IconLinkOff size={18} />}
      title={t(kind === "gone" ? "auth.invitation.goneTitle" : "auth.invitation.unknownTitle")}
      role="alert"
      data-testid="invitation-link-refused"
    >
      <Text size="sm">{t(kind === "gone" ? "auth.invitation.goneBody" : "auth.invitation.unknownBody")}</Text>
      <Anchor component={Link} to="/login" size="sm" mt="sm" display="inline-block">
        {t("auth.invitation.toLogin")}
      </Anchor>
    </Alert>
  );
}
