import { Badge, Card, Group, Stack, Text, Title, UnstyledButton } from "@mantine/core";
import { IconChevronRight } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useDocumentTitle } from "../../shared/useDocumentTitle";
import { HealthBadge } from "../tracking/HealthBadge";
import { pairRole } from "../tracking/types";
import { usePortalMeContext } from "./PortalLayout";
import type { PortalPairSummary } from "./types";

function PairRow({ pair }: { pair: PortalPairSummary }) {
  const { t } = useTranslation();
  return (
    <UnstyledButton component={Link} to={`/portal/pairs/${pair.id}`} data-testid="portal-pair" data-pair={pair.id}>
      <Card withBorder padding="md" radius="md">
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <Stack gap={4} style={{ minWidth: 0 }}>
            <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
              {pair.program_name}
            </Text>
            <Text fw={600} style={{ overflowWrap: "anywhere" }} data-testid="portal-partner">
              {t(`portal.pairs.with.${pairRole(pair.role)}`, { name: pair.partner_name })}
            </Text>
            <Group gap="xs">
              <HealthBadge health={pair.health} />
              {pair.state !== "active" && (
                <Badge color="gray" variant="outline">
                  {t(`tracking.states.${pair.state}`)}
                </Badge>
              )}
            </Group>
          </Stack>
          <IconChevronRight size={20} aria-hidden style={{ flexShrink: 0 }} />
        </Group>
      </Card>
    </UnstyledButton>
  );
}

/** The participant's pairs, one card each, leading to the pair's page. */
export function PortalHomePage() {
  const { t } = useTranslation();
  const me = usePortalMeContext();
  useDocumentTitle(t("portal.home.title"));
  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t("portal.home.hello", { name: me.person.name })}
        </Title>
        <Text c="dimmed">{t("portal.home.intro")}</Text>
      </Stack>
      {me.pairs.length === 0 ? (
        <Card withBorder padding="lg">
          <Text c="dimmed" data-testid="portal-no-pairs">
            {t("portal.home.noPairs")}
          </Text>
        </Card>
      ) : (
        <Stack gap="sm" data-testid="portal-pairs">
          {me.pairs.map((pair) => (
            <PairRow key={pair.id} pair={pair} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}
