import { Anchor, Group, Stack } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconArrowLeft } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { PageHeader } from "../../shared/PageHeader";
import { CampaignForm } from "./CampaignForm";
import { emptyCampaign } from "./campaignForm";
import { useCreateCampaign } from "./recruitmentApi";

/** A new campaign of a program: who is asked, until when, with which message and questions. */
export function NewCampaignPage() {
  const { t } = useTranslation();
  const { programId = "" } = useParams();
  const navigate = useNavigate();
  const create = useCreateCampaign(programId);

  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/programs/${programId}`} size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} aria-hidden />
          {t("recruitment.backToProgram")}
        </Group>
      </Anchor>
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
