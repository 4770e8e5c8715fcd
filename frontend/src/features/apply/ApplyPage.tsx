import { Alert, Center, Loader, Stack, Text } from "@mantine/core";
import { IconLinkOff } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";
import { ApiError } from "../../api/problem";
import { formatDateTime } from "../../i18n/format";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { useLanguage } from "../../shared/useLanguage";
import { AuthLayout } from "../auth/AuthLayout";
import { tokenFrom } from "../preferences/preferences";
import { ApplyForm } from "./ApplyForm";
import { usePublicCampaign } from "./applyApi";
import { ProgramFacts } from "./ProgramFacts";

export function BadLink({ incomplete }: { incomplete: boolean }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" icon={<IconLinkOff size={18} />} title={t("apply.badLinkTitle")} role="alert">
      {incomplete ? t("apply.incompleteLink") : t("apply.invalidLink")}
    </Alert>
  );
}

/** Reached from a campaign email or the public link, without an account, often on a phone. */
export function ApplyPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const token = tokenFrom(useLocation().search);
  const campaign = usePublicCampaign(token);

  let title = t("apply.title");
  let body;
  if (!token) body = <BadLink incomplete />;
  else if (campaign.isPending) {
    body = (
      <Center py="lg">
        <Loader size="sm" aria-label={t("common.loading")} />
      </Center>
    );
  } else if (campaign.isError) {
    const invalid = campaign.error instanceof ApiError && campaign.error.status === 404;
    body = invalid ? <BadLink incomplete={false} /> : <ErrorAlert error={campaign.error} onRetry={() => void campaign.refetch()} />;
  } else {
    const c = campaign.data;
    title = c.program;
    body = (
      <Stack gap="md">
        <div>
          <Text fw={600} data-testid="apply-campaign">
            {c.campaign}
          </Text>
          {c.name && <Text size="sm">{t("apply.hello", { name: c.name })}</Text>}
          {c.deadline && (
            <Text size="sm" c="dimmed">
              {t("apply.deadline", { when: formatDateTime(c.deadline, language) })}
            </Text>
          )}
        </div>
        <ProgramFacts campaign={c} />
        {c.state === "open" ? (
          <ApplyForm token={token} campaign={c} />
        ) : (
          <Alert color="gray" role="status">
            {t(c.state === "draft" ? "apply.notOpenYet" : "apply.closed")}
          </Alert>
        )}
      </Stack>
    );
  }
  return (
    <AuthLayout title={title} subtitle={t("apply.subtitle")}>
      {body}
    </AuthLayout>
  );
}
