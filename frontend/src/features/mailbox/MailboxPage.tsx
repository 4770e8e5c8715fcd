import { Alert, Anchor, Card, Code, Stack, Table, Text } from "@mantine/core";
import { IconInfoCircle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { DeliveryView } from "../../api/types";
import { formatDateTime } from "../../i18n/format";
import { ListState } from "../../shared/ListState";
import { PageHeader } from "../../shared/PageHeader";
import { useLanguage } from "../../shared/useLanguage";
import { TemplateName } from "../email/TemplateName";
import { useMailbox, useMailboxSettings } from "./mailboxApi";

function MailboxTable({ messages }: { messages: DeliveryView[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("mailbox.to")}</Table.Th>
            <Table.Th>{t("mailbox.subject")}</Table.Th>
            <Table.Th>{t("mailbox.sentAt")}</Table.Th>
            <Table.Th>{t("mailbox.template")}</Table.Th>
            <Table.Th>{t("fields.language")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {messages.map((m) => (
            <Table.Tr key={m.id} data-testid={`mail-${m.to_email}`}>
              <Table.Td>
                <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                  {m.to_email}
                </Text>
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/mailbox/${m.id}`} size="sm" fw={500}>
                  {m.subject || t("mailbox.noSubject")}
                </Anchor>
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Text size="sm">{m.sent_at ? formatDateTime(m.sent_at, language) : "—"}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  <TemplateName name={m.template} />
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{t(`language.names.${m.locale}`)}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Where the links in these emails lead, and where the server keeps them. */
function MailboxSettingsText() {
  const { t } = useTranslation();
  const settings = useMailboxSettings();
  if (!settings.data) return null;
  return (
    <Stack gap={2} mt="xs">
      <Text size="sm" data-testid="mailbox-public-url">
        {t("mailbox.linksPointTo")} <Code style={{ overflowWrap: "anywhere" }}>{settings.data.public_url}</Code>
      </Text>
      <Text size="sm" data-testid="mailbox-outbox">
        {t("mailbox.outboxFolder")} <Code style={{ overflowWrap: "anywhere" }}>{settings.data.outbox}</Code>
      </Text>
    </Stack>
  );
}

/** Emails the server wrote to its outbox instead of sending: how someone trying Tandem follows their links. */
export function MailboxPage() {
  const { t } = useTranslation();
  const mail = useMailbox();
  return (
    <>
      <PageHeader title={t("mailbox.title")} description={t("mailbox.subtitle")} />
      <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />} mb="lg">
        {t("mailbox.explanation")}
        <MailboxSettingsText />
      </Alert>
      <Card withBorder padding="lg">
        <ListState query={mail.query} isEmpty={mail.items.length === 0} emptyText={t("mailbox.empty")}>
          <MailboxTable messages={mail.items} />
        </ListState>
      </Card>
    </>
  );
}
