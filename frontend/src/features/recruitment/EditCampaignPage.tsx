import { Alert, Stack } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconLock } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { PageHeader } from "../../shared/PageHeader";
import { CampaignForm } from "./CampaignForm";
import { fromCampaignView } from "./campaignForm";
import { useCampaign, useReplaceCampaign } from "./recruitmentApi";
import { BackLink, PageLoading } from "../../shared/PageParts";

/** Changes a campaign while it is a draft or open; a closed campaign is explained, not offered. */
export function EditCampaignPage() {
  const { t } = useTranslation();
  const { campaignId = "" } = useParams();
  const navigate = useNavigate();
  const campaign = useCampaign(campaignId);
  const replace = useReplaceCampaign(campaignId);

  if (campaign.isPending) return <PageLoading />;
  if (campaign.isError) return <ErrorAlert error={campaign.error} onRetry={() => void campaign.refetch()} />;
  const c = campaign.data;
  return (
    <Stack gap="md">
      <BackLink to={`/campaigns/${c.id}`} label={c.name} />
      <PageHeader title={t("recruitment.edit.title", { name: c.name })} description={t("recruitment.edit.subtitle")} />
      {c.state === "closed" ? (
        <Alert color="yellow" icon={<IconLock size={18} />} title={t("recruitment.edit.closedTitle")}>
          {t("recruitment.edit.closedBody")}
        </Alert>
      ) : (
        <CampaignForm
          programId={c.program_id}
          initialValues={fromCampaignView(c)}
          kindLocked={c.state === "open"}
          submitLabel={t("recruitment.edit.save")}
          busy={replace.isPending}
          save={(input) => replace.mutateAsync(input)}
          onSaved={(saved) => {
            notifications.show({ color: "teal", message: t("recruitment.edit.saved", { name: saved.name }) });
            void navigate(`/campaigns/${saved.id}`);
          }}
        />
      )}
    </Stack>
  );
}
