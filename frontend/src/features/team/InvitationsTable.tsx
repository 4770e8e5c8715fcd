import { Badge, Table, Text, VisuallyHidden } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { InvitationView } from "../../api/types";
import { formatDate, formatDateTime } from "../../i18n/format";
import { ConfirmButton } from "../../shared/ConfirmButton";
import { RoleBadge } from "../../shared/RoleBadge";
import { useLanguage } from "../../shared/useLanguage";
import { isExpired } from "./invitationStatus";
import { useWithdrawInvitation } from "./teamApi";

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
                <ConfirmButton
                  label={t("team.withdraw")}
                  aria-label={t("team.withdrawNamed", { email: invitation.email })}
                  title={t("team.withdrawTitle")}
                  message={t("team.withdrawBody", { email: invitation.email })}
                  confirmLabel={t("team.withdraw")}
                  onConfirm={() => withdraw.mutateAsync(invitation.id)}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
