import { Badge, Card, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { InviteeView } from "../../api/types";
import { formatDateTime } from "../../i18n/format";
import { ListState } from "../../shared/ListState";
import { useLanguage } from "../../shared/useLanguage";
import { ApplicationStatusBadge } from "./CampaignStateBadge";
import { applicationKey, emailStateKey } from "./inviteeList";
import { useInvitees } from "./recruitmentApi";

const EMAIL_COLORS: Record<string, string> = { sent: "teal", failed: "red", suppressed: "dark", retrying: "yellow" };

function EmailCell({ invitee }: { invitee: InviteeView }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const when = invitee.opened_at ?? invitee.emailed_at;
  return (
    <>
      <Badge variant="light" color={EMAIL_COLORS[invitee.email_state ?? ""] ?? "gray"}>
        {t(emailStateKey(invitee))}
      </Badge>
      {when && (
        <Text size="xs" c="dimmed">
          {t(invitee.opened_at ? "recruitment.inviteeList.openedAt" : "recruitment.inviteeList.emailedAt", {
            when: formatDateTime(when, language),
          })}
        </Text>
      )}
      {invitee.reminded_at && (
        <Text size="xs" c="dimmed">
          {t("recruitment.inviteeList.remindedAt", { when: formatDateTime(invitee.reminded_at, language) })}
        </Text>
      )}
    </>
  );
}

/** A closed campaign's invite list: what became of each person's email and application. */
export function InviteesTable({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const { query, items } = useInvitees(campaignId);
  return (
    <Card withBorder padding="lg">
      <Title order={2} size="h4" mb="md">
        {t("recruitment.inviteeList.title")}
      </Title>
      <ListState query={query} isEmpty={items.length === 0} emptyText={t("recruitment.inviteeList.empty")}>
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" data-testid="invitee-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("fields.name")}</Table.Th>
                <Table.Th>{t("fields.language")}</Table.Th>
                <Table.Th>{t("recruitment.inviteeList.email")}</Table.Th>
                <Table.Th>{t("recruitment.inviteeList.application")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((i) => (
                <Table.Tr key={i.person_id} data-testid={`invitee-${i.email}`}>
                  <Table.Td>
                    <Text size="sm">{i.name}</Text>
                    <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                      {i.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>{t(`language.names.${i.language}`)}</Table.Td>
                  <Table.Td data-testid="invitee-email">
                    <EmailCell invitee={i} />
                  </Table.Td>
                  <Table.Td data-testid="invitee-application">
                    {i.application ? (
                      <ApplicationStatusBadge status={i.application} />
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t(applicationKey(i.application))}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </ListState>
    </Card>
  );
}
