import type { ReactNode } from "react";
import { Anchor, Card, Center, Divider, Group, Loader, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { IconCircleCheck, IconMailForward } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatNumber } from "../../i18n/format";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { useLanguage } from "../../shared/useLanguage";
import { countInvitations } from "../team/invitationStatus";
import { useInvitationSample } from "../team/teamApi";
import { OperationsAttention } from "./OperationsAttention";

/** The team and operations, for admins: open invitations, failed emails, dead jobs. */
export function AttentionCard() {
  const { t } = useTranslation();
  const language = useLanguage();
  const sample = useInvitationSample(true);

  let body: ReactNode;
  if (sample.isPending) {
    body = (
      <Center py="md">
        <Loader size="sm" aria-label={t("common.loading")} />
      </Center>
    );
  } else if (sample.isError) {
    body = <ErrorAlert error={sample.error} onRetry={() => void sample.refetch()} />;
  } else {
    const counts = countInvitations(sample.data, Date.now());
    const shown = (n: number) => `${formatNumber(n, language)}${counts.more ? "+" : ""}`;
    body =
      counts.pending + counts.expired === 0 ? (
        <Group gap="sm">
          <ThemeIcon color="teal" variant="light" aria-hidden>
            <IconCircleCheck size={18} />
          </ThemeIcon>
          <Text>{t("home.nothingPending")}</Text>
        </Group>
      ) : (
        <Stack gap="xs">
          <Group gap="sm" wrap="nowrap">
            <ThemeIcon color="indigo" variant="light" aria-hidden>
              <IconMailForward size={18} />
            </ThemeIcon>
            <Text data-testid="pending-invitations">
              {t("home.pendingInvitations", { count: counts.pending, shown: shown(counts.pending) })}
            </Text>
          </Group>
          {counts.expired > 0 && (
            <Text size="sm" c="orange.8">
              {t("home.expiredInvitations", { count: counts.expired, shown: shown(counts.expired) })}
            </Text>
          )}
          <Anchor component={Link} to="/settings/team" size="sm">
            {t("home.openTeam")}
          </Anchor>
        </Stack>
      );
  }

  return (
    <Card withBorder padding="lg">
      <Title order={2} size="h4" mb="md">
        {t("home.operations")}
      </Title>
      <Stack gap="md">
        {body}
        <Divider />
        <OperationsAttention />
      </Stack>
    </Card>
  );
}
