import type { ReactNode } from "react";
import { Anchor, Card, Center, Loader, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { CampaignView } from "../../api/types";
import { formatDateTime } from "../../i18n/format";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { useLanguage } from "../../shared/useLanguage";
import { usePrograms } from "../programs/programsApi";
import { closingSoon } from "../recruitment/campaignForm";
import { useCampaignsOf, useSubmittedOf } from "../recruitment/recruitmentApi";
import { pageCount } from "./attention";

const loading = (label: string) => (
  <Center py="sm">
    <Loader size="xs" aria-label={label} />
  </Center>
);

function Section({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <Stack gap={6} data-testid={testId}>
      <Text fw={600} size="sm">
        {title}
      </Text>
      {children}
    </Stack>
  );
}

function ToReview({ campaigns }: { campaigns: CampaignView[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const submitted = useSubmittedOf(campaigns);
  const failed = submitted.find((q) => q.isError);
  if (failed) return <ErrorAlert error={failed.error} onRetry={() => void failed.refetch()} />;
  if (submitted.some((q) => q.isPending)) return loading(t("common.loading"));
  const rows = campaigns
    .map((c, i) => ({ campaign: c, page: submitted[i]?.data }))
    .filter((r) => (r.page?.items.length ?? 0) > 0);
  if (rows.length === 0) return <Text size="sm">{t("home.noApplicationsToReview")}</Text>;
  return (
    <>
      {rows.map(({ campaign, page }) => {
        const { count, shown } = page ? pageCount(page, language) : { count: 0, shown: "0" };
        return (
          <Anchor key={campaign.id} component={Link} to={`/campaigns/${campaign.id}`} size="sm">
            {t("home.applicationsToReview", { count, shown, campaign: campaign.name })}
          </Anchor>
        );
      })}
    </>
  );
}

/** For writers: open campaigns closing within a week, and submitted applications waiting for a decision. */
export function RecruitmentCard() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { query, items } = usePrograms(null);
  const programIds = items.filter((p) => p.state === "recruiting" || p.state === "matching").map((p) => p.id);
  const campaignQueries = useCampaignsOf(programIds);
  const failed = campaignQueries.find((q) => q.isError);

  let body: ReactNode;
  if (query.isPending || campaignQueries.some((q) => q.isPending)) body = loading(t("common.loading"));
  else if (query.isError) body = <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  else if (failed) body = <ErrorAlert error={failed.error} onRetry={() => void failed.refetch()} />;
  else {
    const campaigns = campaignQueries.flatMap((q) => q.data ?? []);
    const soon = closingSoon(campaigns, Date.now());
    body = (
      <Stack gap="md">
        <Section title={t("home.closingSoon")} testId="closing-soon">
          {soon.length === 0 ? (
            <Text size="sm">{t("home.noneClosingSoon")}</Text>
          ) : (
            soon.map((c) => (
              <Anchor key={c.id} component={Link} to={`/campaigns/${c.id}`} size="sm">
                {t("home.closesAt", { campaign: c.name, when: formatDateTime(c.deadline ?? "", language) })}
              </Anchor>
            ))
          )}
        </Section>
        <Section title={t("home.toReview")} testId="to-review">
          <ToReview campaigns={campaigns.filter((c) => c.state !== "draft")} />
        </Section>
      </Stack>
    );
  }
  return (
    <Card withBorder padding="lg">
      <Title order={2} size="h4" mb="md">
        {t("home.recruitment")}
      </Title>
      {body}
    </Card>
  );
}
