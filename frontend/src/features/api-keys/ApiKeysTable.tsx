import { Badge, Code, Group, Table, Text, VisuallyHidden } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ApiKeyView } from "../../api/types";
import { formatDate, formatDateTime } from "../../i18n/format";
import { ConfirmButton } from "../../shared/ConfirmButton";
import { useLanguage } from "../../shared/useLanguage";
import { useRevokeApiKey } from "./apiKeysApi";

export function ApiKeysTable({ keys }: { keys: ApiKeyView[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const revoke = useRevokeApiKey();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("fields.keyName")}</Table.Th>
            <Table.Th>{t("apiKeys.prefix")}</Table.Th>
            <Table.Th>{t("fields.scopes")}</Table.Th>
            <Table.Th>{t("apiKeys.created")}</Table.Th>
            <Table.Th>{t("apiKeys.lastUsed")}</Table.Th>
            <Table.Th>{t("team.status")}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t("common.actions")}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {keys.map((key) => (
            <Table.Tr key={key.id} data-testid={`api-key-${key.name}`}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {key.name}
                </Text>
              </Table.Td>
              <Table.Td>
                <Code>{key.prefix}…</Code>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {key.scopes.map((scope) => (
                    <Badge key={scope} variant="outline" size="sm">
                      {t(`apiKeys.scope.${scope}`)}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatDate(key.created_at, language)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={key.last_used_at ? undefined : "dimmed"}>
                  {key.last_used_at ? formatDateTime(key.last_used_at, language) : t("apiKeys.neverUsed")}
                </Text>
              </Table.Td>
              <Table.Td>
                {key.revoked_at ? (
                  <Badge color="gray" variant="light">
                    {t("apiKeys.revokedOn", { when: formatDate(key.revoked_at, language) })}
                  </Badge>
                ) : (
                  <Badge color="teal" variant="light">
                    {t("apiKeys.active")}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td ta="right">
                {!key.revoked_at && (
                  <ConfirmButton
                    label={t("apiKeys.revoke")}
                    aria-label={t("apiKeys.revokeNamed", { name: key.name })}
                    title={t("apiKeys.revokeTitle")}
                    message={t("apiKeys.revokeBody", { name: key.name })}
                    confirmLabel={t("apiKeys.revoke")}
                    onConfirm={() => revoke.mutateAsync(key.id)}
                  />
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
