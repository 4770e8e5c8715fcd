import type { ReactNode } from "react";
import { Card, Center, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import type { MailboxMessage } from "../../api/types";
import { formatDateTime } from "../../i18n/format";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { HtmlFrame } from "../../shared/HtmlFrame";
import { LinkedText } from "../../shared/LinkedText";
import { PageHeader } from "../../shared/PageHeader";
import { useLanguage } from "../../shared/useLanguage";
import { TemplateName } from "../email/TemplateName";
import { useMailboxMessage } from "./mailboxApi";
import { readMessage } from "./message";
import { BackLink } from "../../shared/PageParts";

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" w={96} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" style={{ overflowWrap: "anywhere", minWidth: 0 }} component="div">
        {children}
      </Text>
    </Group>
  );
}

function Loading() {
  const { t } = useTranslation();
  return (
    <Center py="lg">
      <Loader size="sm" aria-label={t("common.loading")} />
    </Center>
  );
}

function MessageBody({ message }: { message: MailboxMessage }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const parsed = useQuery({
    queryKey: ["mailbox", "parsed", message.delivery.id],
    queryFn: () => readMessage(message.raw),
    staleTime: Infinity,
    retry: false,
  });
  if (parsed.isPending) return <Loading />;
  if (parsed.isError) return <ErrorAlert error={parsed.error} />;
  const mail = parsed.data;
  const sentAt = message.sent_at ?? message.delivery.sent_at;
  return (
    <Stack gap="lg">
      <Card withBorder padding="lg">
        <Title order={2} size="h3" mb="md" data-testid="mail-subject" style={{ overflowWrap: "anywhere" }}>
          {mail.subject || t("mailbox.noSubject")}
        </Title>
        <Stack gap={6}>
          <Field label={t("mailbox.from")}>{mail.from || "—"}</Field>
          <Field label={t("mailbox.to")}>{mail.to.join(", ") || message.delivery.to_email}</Field>
          <Field label={t("mailbox.sentAt")}>{sentAt ? formatDateTime(sentAt, language) : "—"}</Field>
          <Field label={t("mailbox.template")}>
            <TemplateName name={message.delivery.template} /> · {t(`language.names.${message.delivery.locale}`)}
          </Field>
        </Stack>
      </Card>
      <Card withBorder padding="lg">
        <Title order={3} size="h5" mb="sm">
          {t("mailbox.textPart")}
        </Title>
        {mail.text ? <LinkedText text={mail.text} testId="mail-text" /> : <Text c="dimmed">{t("mailbox.noPart")}</Text>}
      </Card>
      <Card withBorder padding="lg">
        <Title order={3} size="h5" mb="sm">
          {t("mailbox.htmlPart")}
        </Title>
        {mail.html ? (
          <HtmlFrame html={mail.html} title={t("mailbox.htmlFrame", { subject: mail.subject })} />
        ) : (
          <Text c="dimmed">{t("mailbox.noPart")}</Text>
        )}
      </Card>
    </Stack>
  );
}

export function MessagePage() {
  const { t } = useTranslation();
  const { deliveryId = "" } = useParams();
  const message = useMailboxMessage(deliveryId);
  return (
    <>
      <BackLink to="/mailbox" label={t("mailbox.back")} />
      <PageHeader title={t("mailbox.messageTitle")} />
      {message.isPending ? (
        <Loading />
      ) : message.isError ? (
        <ErrorAlert error={message.error} onRetry={() => void message.refetch()} />
      ) : (
        <MessageBody message={message.data} />
      )}
    </>
  );
}
