import { Stack } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { PageHeader } from "../../shared/PageHeader";
import { CampaignForm } from "./CampaignForm";
import { emptyCampaign } from "./campaignForm";
import { useCreateCampaign } from "./recruitmentApi";
import { BackLink } from "../../shared/PageParts";

/** A new campaign of a program: who is asked, until when, with which message and questions. */
export function NewCampaignPage() {
  const { t } = useTranslation();
  const { programId = "" } = useParams();
  const navigate = useNavigate();
  const create = useCreateCampaign(programId);

  return (
    <Stack gap="md">
      <BackLink to={`/programs/${programId}`} label={t("recruitment.backToProgram")} />
      <PageHeader title={t("recruitment.newCampaign")} description={t("recruitment.newSubtitle")} />
      <CampaignForm
        programId={programId}
        initialValues={emptyCampaign()}
        submitLabel={t("recruitment.create")}
        busy={create.isPending}
        save={(input) => create.mutateAsync(input)}
        onSaved={(campaign) => {
          notifications.show({ color: "teal", message: t("recruitment.created", { name: campaign.name }) });
          void navigate(`/campaigns/${campaign.id}`);
        }}
      />
    </Stack>
  );
}
