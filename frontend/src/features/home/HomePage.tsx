import type { ReactNode } from "react";
import { Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useConsoleUser, useTenant } from "../../app/AppLayout";
import { formatDate } from "../../i18n/format";
import { PageHeader } from "../../shared/PageHeader";
import { RoleBadge } from "../../shared/RoleBadge";
import { useLanguage } from "../../shared/useLanguage";
import { canAdminister, canWriteDirectory } from "../auth/permissions";
import { AttentionCard } from "./AttentionCard";
import { GettingStartedCard } from "./GettingStartedCard";
import { NeedsAttentionCard } from "./NeedsAttentionCard";
import { ProgramsCard } from "./ProgramsCard";
import { RecruitmentCard } from "./RecruitmentCard";

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group justify="space-between" wrap="nowrap" gap="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <div style={{ textAlign: "right", minWidth: 0 }}>{children}</div>
    </Group>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const user = useConsoleUser();
  const tenant = useTenant();
  return (
    <>
      <PageHeader title={t("home.title", { name: user.name })} description={t("home.subtitle")} documentTitle={t("nav.home")} />
      {canAdminister(user.role) && <GettingStartedCard />}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Card withBorder padding="lg">
          <Title order={2} size="h4" mb="md">
            {t("home.company")}
          </Title>
          <Stack gap="sm">
            <Row label={t("home.companyName")}>
              <Text fw={600} data-testid="home-tenant">
                {tenant.name}
              </Text>
            </Row>
            <Row label={t("home.companyLanguage")}>
              <Text size="sm">{t(`language.names.${tenant.locale}`)}</Text>
            </Row>
            <Row label={t("home.companySince")}>
              <Text size="sm">{formatDate(tenant.created_at, language)}</Text>
            </Row>
          </Stack>
        </Card>
        <Card withBorder padding="lg">
          <Title order={2} size="h4" mb="md">
            {t("home.you")}
          </Title>
          <Stack gap="sm">
            <Row label={t("fields.name")}>
              <Text fw={600}>{user.name}</Text>
            </Row>
            <Row label={t("fields.email")}>
              <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                {user.email}
              </Text>
            </Row>
            <Row label={t("fields.role")}>
              <RoleBadge role={user.role} />
            </Row>
          </Stack>
        </Card>
        <NeedsAttentionCard admin={canAdminister(user.role)} />
        <ProgramsCard />
        {canAdminister(user.role) && <AttentionCard />}
        {canWriteDirectory(user.role) && <RecruitmentCard />}
      </SimpleGrid>
    </>
  );
}
