import { useState } from "react";
import { Card, Stack, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ApiKeyCreated } from "../../api/types";
import { ListState } from "../../shared/ListState";
import { PageHeader } from "../../shared/PageHeader";
import { useApiKeys } from "./apiKeysApi";
import { ApiKeysTable } from "./ApiKeysTable";
import { CreateApiKeyForm } from "./CreateApiKeyForm";
import { SecretModal } from "./SecretModal";

export function ApiKeysPage() {
  const { t } = useTranslation();
  const keys = useApiKeys();
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);
  return (
    <>
      <PageHeader title={t("apiKeys.title")} description={t("apiKeys.subtitle")} />
      <Stack gap="lg">
        <Card withBorder padding="lg">
          <Title order={2} size="h4" mb="md">
            {t("apiKeys.createTitle")}
          </Title>
          <CreateApiKeyForm onCreated={setCreated} />
        </Card>
        <Card withBorder padding="lg">
          <Title order={2} size="h4" mb="md">
            {t("apiKeys.listTitle")}
          </Title>
          <ListState query={keys.query} isEmpty={keys.items.length === 0} emptyText={t("apiKeys.empty")}>
            <ApiKeysTable keys={keys.items} />
          </ListState>
        </Card>
      </Stack>
      <SecretModal created={created} onClose={() => setCreated(null)} />
    </>
  );
}
