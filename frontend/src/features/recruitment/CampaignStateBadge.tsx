import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ApplicationStatus, CampaignState } from "../../api/types";

const CAMPAIGN_COLORS: Record<CampaignState, string> = { draft: "gray", open: "teal", closed: "dark" };
const STATUS_COLORS: Record<ApplicationStatus, string> = {
  unconfirmed: "gray",
  submitted: "blue",
  accepted: "teal",
  waitlisted: "yellow",
  declined: "red",
  withdrawn: "dark",
};

export function CampaignStateBadge({ state }: { state: CampaignState }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={CAMPAIGN_COLORS[state]}>
      {t(`recruitment.states.${state}`)}
    </Badge>
  );
}

export function ApplicationStatusBadge({ status }: { status: ApplicationStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATUS_COLORS[status]}>
      {t(`recruitment.statuses.${status}`)}
    </Badge>
  );
}
