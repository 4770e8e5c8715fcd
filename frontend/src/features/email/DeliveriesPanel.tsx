import { useState } from "react";
import { Badge, Select, Stack, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { DELIVERY_STATES, type DeliveryState, type DeliveryView } from "../../api/types";
import { formatDateTime, formatNumber } from "../../i18n/format";
import { ListState } from "../../shared/ListState";
import { useLanguage } from "../../shared/useLanguage";
import { useDeliveries } from "./emailApi";
import { TemplateName } from "./TemplateName";
import { deliveryStateColor } from "./templates";

export function DeliveryStateBadge({ state }: { state: DeliveryState }) {
  const { t } = useTranslation();
  return (
    <Badge color={deliveryStateColor(state)} variant="light">
      {t(`email.states.${state}`)}
    </Badge>
  );
}

function DeliveriesTable({ items }: { items: DeliveryView[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("email.deliveries.created")}</Table.Th>
            <Table.Th>{t("mailbox.to")}</Table.Th>
            <Table.Th>{t("mailbox.subject")}</Table.Th>
            <Table.Th>{t("email.deliveries.state")}</Table.Th>
            <Table.Th>{t("email.deliveries.attempts")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((d) => (
            <Table.Tr key={d.id} data-testid={`delivery-${d.to_email}`}>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Text size="sm">{formatDateTime(d.created_at, language)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                  {d.to_email}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{d.subject || <TemplateName name={d.template} />}</Text>
                <Text size="xs" c="dimmed">
                  <TemplateName name={d.template} /> · {t(`language.names.${d.locale}`)}
                </Text>
              </Table.Td>
              <Table.Td miw={130}>
                <Stack gap={2} align="flex-start">
                  <DeliveryStateBadge state={d.state} />
                  {d.reason && (
                    <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                      {d.reason}
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatNumber(d.attempts, language)}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

const ALL = "all";

/** Recent emails and where each stands, filtered by state. */
export function DeliveriesPanel({ initialState = null }: { initialState?: DeliveryState | null }) {
  const { t } = useTranslation();
  const [state, setState] = useState<DeliveryState | null>(initialState);
  const deliveries = useDeliveries(state);
  return (
    <Stack gap="md">
      <Select
        label={t("email.deliveries.filter")}
        w={{ base: "100%", sm: 240 }}
        allowDeselect={false}
        value={state ?? ALL}
        onChange={(value) => setState(DELIVERY_STATES.find((s) => s === value) ?? null)}
        data={[
          { value: ALL, label: t("email.deliveries.allStates") },
          ...DELIVERY_STATES.map((s) => ({ value: s, label: t(`email.states.${s}`) })),
        ]}
      />
      <ListState query={deliveries.query} isEmpty={deliveries.items.length === 0} emptyText={t("email.deliveries.empty")}>
        <DeliveriesTable items={deliveries.items} />
      </ListState>
    </Stack>
  );
}
