import { useState } from "react";
import { Button, Card, CopyButton, Group, Stack, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconCheck, IconCopy, IconPencil } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import type { CampaignState, CampaignView } from "../../api/types";
import { useConsoleUser } from "../../app/AppLayout";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { PageHeader } from "../../shared/PageHeader";
import { canWriteDirectory } from "../auth/permissions";
import { ApplicationsCard } from "./ApplicationsCard";
import { CampaignDetails } from "./CampaignDetails";
import { CampaignStateBadge } from "./CampaignStateBadge";
import { FunnelChart } from "./FunnelChart";
import { InviteesCard } from "./InviteesCard";
import { InviteesTable } from "./InviteesTable";
import { OpenCampaignDialog } from "./OpenCampaignDialog";
import { useCampaign, useCampaignFunnel, useCampaignTransition } from "./recruitmentApi";
import { BackLink, PageLoading } from "../../shared/PageParts";

const NEXT: Record<CampaignState, CampaignState[]> = { draft: ["open"], open: ["closed"], closed: [] };

function StateCard({ campaign, writer }: { campaign: CampaignView; writer: boolean }) {
  const { t } = useTranslation();
  const move = useCampaignTransition(campaign.id);
  const [confirming, setConfirming] = useState(false);
  const go = (to: CampaignState) =>
    move.mutate(to, {
      onSuccess: (c) => {
        setConfirming(false);
        notifications.show({ color: "teal", message: t("recruitment.moved", { state: t(`recruitment.states.${c.state}`) }) });
      },
    });
  return (
    <Card withBorder padding="lg">
      <Stack gap="sm">
        <Group gap={6} data-testid="campaign-state">
          <CampaignStateBadge state={campaign.state} />
          <Text size="sm" c="dimmed">
            · {t(`recruitment.audience.${campaign.kind}`)}
          </Text>
        </Group>
        {writer && NEXT[campaign.state].length > 0 && (
          <Group gap="sm">
            {NEXT[campaign.state].map((to) => (
              <Button
                key={to}
                variant={to === "open" ? "filled" : "default"}
                loading={move.isPending}
                onClick={() => {
                  move.reset();
                  if (to === "open") setConfirming(true);
                  else go(to);
                }}
              >
                {t(`recruitment.moveTo.${to}`)}
              </Button>
            ))}
          </Group>
        )}
        <OpenCampaignDialog
          campaign={campaign}
          opened={confirming}
          busy={move.isPending}
          error={move.error}
          onClose={() => setConfirming(false)}
          onConfirm={() => go("open")}
        />
        {move.isError && !confirming && (
          <div data-testid="campaign-transition-refused">
            <ErrorAlert error={move.error} />
          </div>
        )}
        {campaign.public_link && (
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <TextInput
              label={t("recruitment.publicLink")}
              value={campaign.public_link}
              readOnly
              style={{ flex: 1 }}
              data-testid="public-link"
              onFocus={(e) => e.currentTarget.select()}
            />
            <CopyButton value={campaign.public_link}>
              {({ copied, copy }) => (
                <Button variant="default" onClick={copy} leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}>
                  {copied ? t("recruitment.copied") : t("recruitment.copyLink")}
                </Button>
              )}
            </CopyButton>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

export function CampaignPage() {
  const { t } = useTranslation();
  const { campaignId = "" } = useParams();
  const user = useConsoleUser();
  const writer = canWriteDirectory(user.role);
  const campaign = useCampaign(campaignId);
  const funnel = useCampaignFunnel(campaignId);

  if (campaign.isPending) return <PageLoading />;
  if (campaign.isError) return <ErrorAlert error={campaign.error} onRetry={() => void campaign.refetch()} />;
  const c = campaign.data;
  return (
    <Stack gap="md">
      <BackLink to={`/programs/${c.program_id}`} label={t("recruitment.backToProgram")} />
      <PageHeader
        title={c.name}
        description={t("recruitment.campaignSubtitle")}
        actions={
          writer &&
          c.state !== "closed" && (
            <Button component={Link} to={`/campaigns/${c.id}/edit`} variant="default" leftSection={<IconPencil size={16} />}>
              {t("recruitment.edit.open")}
            </Button>
          )
        }
      />
      <StateCard campaign={c} writer={writer} />
      <CampaignDetails campaign={c} />
      {writer && c.kind === "closed" && c.state !== "closed" && <InviteesCard campaignId={c.id} />}
      {c.kind === "closed" && <InviteesTable campaignId={c.id} />}
      <Card withBorder padding="lg">
        <Title order={2} size="h4" mb="md">
          {t("recruitment.funnelTitle")}
        </Title>
        <FunnelChart funnel={funnel} testId="campaign-funnel" />
      </Card>
      <ApplicationsCard campaignId={c.id} writer={writer} />
    </Stack>
  );
}
