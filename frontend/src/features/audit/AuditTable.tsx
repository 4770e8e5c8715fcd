import { Code, Stack, Table, Text } from "@mantine/core";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { AuditEventView, MemberView } from "../../api/types";
import { formatDateTime } from "../../i18n/format";
import { useLanguage } from "../../shared/useLanguage";
import { actionKey, shortId, summarizeDetails, type Detail } from "./describeEvent";

const DETAIL_KEYS = ["member", "name", "email", "role", "from", "to", "scopes"] as const;

function detailLabel(key: string, t: TFunction): string {
  const known = DETAIL_KEYS.find((k) => k === key);
  return known ? t(`audit.detailKeys.${known}`) : key;
}

function detailValue(detail: Detail, t: TFunction): string {
  return detail.value.kind === "role" ? t(`roles.${detail.value.role}`) : detail.value.text;
}

function actor(event: AuditEventView, names: Map<string, string>, t: TFunction): string {
  if (event.actor_kind === "user") return (event.actor_id && names.get(event.actor_id)) || shortId(event.actor_id);
  if (event.actor_kind === "api_key") return t("audit.actorApiKey", { id: shortId(event.actor_id) });
  return t("audit.actorSystem");
}

export function AuditTable({ events, members }: { events: AuditEventView[]; members: MemberView[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const names = new Map(members.map((m) => [m.user_id, m.name]));
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("audit.when")}</Table.Th>
            <Table.Th>{t("audit.actor")}</Table.Th>
            <Table.Th>{t("audit.action")}</Table.Th>
            <Table.Th>{t("audit.details")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => {
            const key = actionKey(event.action);
            const member = event.target_kind === "user" && event.target_id ? names.get(event.target_id) : undefined;
            const details: Detail[] = [
              ...(member ? [{ key: "member", value: { kind: "text" as const, text: member } }] : []),
              ...summarizeDetails(event.details),
            ];
            return (
              <Table.Tr key={event.id}>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <Text size="sm">{formatDateTime(event.created_at, language)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{actor(event, names, t)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {key ? t(key) : event.action}
                  </Text>
                  <Code fz="xs" c="dimmed">
                    {event.action}
                  </Code>
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    {details.map((d) => (
                      <Text size="sm" key={d.key}>
                        <Text span c="dimmed" size="sm">
                          {detailLabel(d.key, t)}:
                        </Text>{" "}
                        {detailValue(d, t)}
                      </Text>
                    ))}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
