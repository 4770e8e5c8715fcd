import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconCheck, IconCopy } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { ApiKeyCreated } from "../../api/types";

/** The whole key, shown this one time. */
export function SecretModal({ created, onClose }: { created: ApiKeyCreated | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={created !== null}
      onClose={onClose}
      title={t("apiKeys.secretTitle", { name: created?.api_key.name ?? "" })}
      size="lg"
      centered
      closeOnClickOutside={false}
    >
      {created && (
        <Stack>
          <Alert color="yellow" icon={<IconAlertTriangle size={18} />} title={t("apiKeys.secretWarningTitle")}>
            {t("apiKeys.secretWarning")}
          </Alert>
          <Text size="sm" fw={500} id="api-key-secret-label">
            {t("apiKeys.secretLabel")}
          </Text>
          <Code block aria-labelledby="api-key-secret-label" data-testid="api-key-secret" style={{ wordBreak: "break-all", whiteSpace: "pre-wrap" }}>
            {created.secret}
          </Code>
          <Group justify="space-between">
            <CopyButton value={created.secret}>
              {({ copied, copy }) => (
                <Button
                  variant={copied ? "light" : "filled"}
                  color={copied ? "teal" : undefined}
                  leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  onClick={copy}
                >
                  {copied ? t("apiKeys.copied") : t("apiKeys.copy")}
                </Button>
              )}
            </CopyButton>
            <Button variant="default" onClick={onClose}>
              {t("apiKeys.stored")}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
