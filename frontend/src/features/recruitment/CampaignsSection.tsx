import { Anchor, Button, Card, Center, Group, Loader, Stack, Table, Text, Title } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatDateTime } from "../../i18n/format";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { useLanguage } from "../../shared/useLanguage";
import { CampaignStateBadge } from "./CampaignStateBadge";
import { FunnelChart } from "./FunnelChart";
import { useCampaigns, useProgramFunnel } from "./recruitmentApi";

/** On the program page: its campaigns, a way to start one, and the program's funnel. */
export function CampaignsSection({ programId, writer }: { programId: string; writer: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const campaigns = useCampaigns(programId);
  const funnel = useProgramFunnel(programId);

  let list;
  if (campaigns.isPending) {
    list = (
      <Center py="md">
        <Loader size="sm" aria-label={t("common.loading")} />
      </Center>
    );
  } else if (campaigns.isError) {
    list = <ErrorAlert error={campaigns.error} onRetry={() => void campaigns.refetch()} />;
  } else if (campaigns.data.length === 0) {
    list = <Text c="dimmed">{t("recruitment.noCampaigns")}</Text>;
  } else {
    list = (
      <Table.ScrollContainer minWidth={480}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("recruitment.fields.name")}</Table.Th>
              <Table.Th>{t("recruitment.fields.kind")}</Table.Th>
              <Table.Th>{t("recruitment.state")}</Table.Th>
              <Table.Th>{t("recruitment.fields.deadline")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {campaigns.data.map((c) => (
              <Table.Tr key={c.id} data-testid={`campaign-${c.name}`}>
                <Table.Td>
                  <Anchor component={Link} to={`/campaigns/${c.id}`}>
                    {c.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{t(`recruitment.kinds.${c.kind}`)}</Table.Td>
                <Table.Td>
                  <CampaignStateBadge state={c.state} />
                </Table.Td>
                <Table.Td>{c.deadline ? formatDateTime(c.deadline, language) : t("recruitment.noDeadline")}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );
  }

  return (
    <Card withBorder padding="lg">
      <Group justify="space-between" mb="md">
        <Title order={2} size="h4">
          {t("recruitment.campaigns")}
        </Title>
        {writer && (
          <Button component={Link} to={`/programs/${programId}/campaigns/new`} leftSection={<IconPlus size={16} />} size="sm">
            {t("recruitment.newCampaign")}
          </Button>
        )}
      </Group>
      <Stack gap="lg">
        {list}
        <div>
          <Title order={3} size="h5" mb="xs">
            {t("recruitment.programFunnel")}
          </Title>
          <FunnelChart funnel={funnel} testId="program-funnel" />
        </div>
      </Stack>
    </Card>
  );
}
