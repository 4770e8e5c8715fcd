import { useState } from "react";
import { Button, Card, Group, Modal, Stack, Switch, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { useTenant } from "../../app/AppLayout";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { PageHeader } from "../../shared/PageHeader";
import { meQueryKey } from "../auth/useMe";

function useSensitiveSwitch() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (enabled: boolean) =>
      unwrap(api.PATCH("/api/v1/tenant/settings", { body: { sensitive_attributes_enabled: enabled } })),
    // The switch lives in GET /me; people's pages show or hide the attributes from it.
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: meQueryKey }), client.invalidateQueries({ queryKey: ["people"] })]),
  });
}

/** Owners and admins decide whether gender and age band are kept, for fairness reports. */
export function PrivacyPage() {
  const { t } = useTranslation();
  const tenant = useTenant();
  const change = useSensitiveSwitch();
  const [confirming, setConfirming] = useState(false);
  const enabled = tenant.sensitive_attributes_enabled;

  function set(next: boolean) {
    change.mutate(next, {
      onSuccess: () => {
        setConfirming(false);
        notifications.show({ color: "teal", message: next ? t("privacy.turnedOn") : t("privacy.turnedOff") });
      },
    });
  }

  return (
    <>
      <PageHeader title={t("privacy.title")} description={t("privacy.subtitle")} />
      <Card withBorder padding="lg" maw={720}>
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t("privacy.sensitiveTitle")}
          </Title>
          <Text size="sm">{t("privacy.sensitiveBody")}</Text>
          <Text size="sm" c="dimmed">
            {t("privacy.sensitiveWho")}
          </Text>
          <Switch
            mt="xs"
            size="md"
            label={t("privacy.switchLabel")}
            checked={enabled}
            disabled={change.isPending}
            onChange={(e) => (e.currentTarget.checked ? set(true) : setConfirming(true))}
          />
          {change.isError && !confirming && <ErrorAlert error={change.error} />}
        </Stack>
      </Card>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t("privacy.offTitle")} centered>
        <Text size="sm">{t("privacy.offBody")}</Text>
        {change.isError && (
          <div style={{ marginTop: 12 }}>
            <ErrorAlert error={change.error} />
          </div>
        )}
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={() => setConfirming(false)}>
            {t("common.cancel")}
          </Button>
          <Button color="red" loading={change.isPending} onClick={() => set(false)}>
            {t("privacy.offConfirm")}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
