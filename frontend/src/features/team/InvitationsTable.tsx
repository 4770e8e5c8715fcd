import { Badge, Button, Group, Table, Text, VisuallyHidden } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconSend } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { InvitationView } from "../../api/types";
import { formatDate, formatDateTime } from "../../i18n/format";
import { ConfirmButton } from "../../shared/ConfirmButton";
import { describeError } from "../../shared/errors";
import { RoleBadge } from "../../shared/RoleBadge";
import { useLanguage } from "../../shared/useLanguage";
import { isExpired, undeliverable } from "./invitationStatus";
import { useResendInvitation, useWithdrawInvitation } from "./teamApi";

/** Sends the invitation again with a new link; the list then shows its new expiry. */
function ResendButton({ invitation }: { invitation: InvitationView }) {
  const { t } = useTranslation();
  const resend = useResendInvitation();
  const email = invitation.email;
  return (
    <Button
      variant="subtle"
      size="xs"
      leftSection={<IconSend size={14} aria-hidden />}
      aria-label={t("team.resendNamed", { email })}
      loading={resend.isPending}
      onClick={() =>
        resend.mutate(invitation.id, {
          onSuccess: (sent) =>
            notifications.show(
              undeliverable(sent)
                ? { color: "yellow", message: t("team.resentNoEmail", { email, reason: sent.email.reason ?? "" }) }
                : { color: "teal", message: t("team.resent", { email }) },
            ),
          onError: (error) => {
            const { title, detail } = describeError(error, t);
            notifications.show({ color: "red", title: t("team.resendFailed", { email }), message: `${title}. ${detail}`.trim() });
          },
        })
      }
    >
      {t("team.resend")}
    </Button>
  );
}

export function InvitationsTable({ invitations }: { invitations: InvitationView[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const withdraw = useWithdrawInvitation();
  const now = Date.now();
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("fields.email")}</Table.Th>
            <Table.Th>{t("fields.role")}</Table.Th>
            <Table.Th>{t("team.sent")}</Table.Th>
            <Table.Th>{t("team.status")}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t("common.actions")}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invitations.map((invitation) => (
            <Table.Tr key={invitation.id} data-testid={`invitation-${invitation.email}`}>
              <Table.Td>
                <Text size="sm">{invitation.email}</Text>
              </Table.Td>
              <Table.Td>
                <RoleBadge role={invitation.role} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatDate(invitation.created_at, language)}</Text>
              </Table.Td>
              <Table.Td>
                {isExpired(invitation, now) ? (
                  <Badge color="orange" variant="light">
                    {t("team.expired")}
                  </Badge>
                ) : (
                  <Text size="sm">
                    {t("team.expiresAt", { when: formatDateTime(invitation.expires_at, language) })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right">
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  <ResendButton invitation={invitation} />
                  <ConfirmButton
                    label={t("team.withdraw")}
                    aria-label={t("team.withdrawNamed", { email: invitation.email })}
                    title={t("team.withdrawTitle")}
                    message={t("team.withdrawBody", { email: invitation.email })}
                    confirmLabel={t("team.withdraw")}
                    onConfirm={() => withdraw.mutateAsync(invitation.id)}
                  />
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
