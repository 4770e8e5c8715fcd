import type { ReactNode } from "react";
import { Anchor, Group, Loader, Stack, Text, ThemeIcon } from "@mantine/core";
import { IconMailExclamation, IconStack2 } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatNumber } from "../../i18n/format";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { useLanguage } from "../../shared/useLanguage";
import { useFailedDeliverySample } from "../email/emailApi";
import { useQueueDepth } from "../jobs/jobsApi";
import { pageCount } from "./attention";

interface Query {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

/** One figure: a loader while it is read, the server's answer if that fails, never a made-up number. */
function Line({ query, icon, count, text, link, linkText, testId }: {
  query: Query;
  icon: ReactNode;
  count: number;
  text: string;
  link: string;
  linkText: string;
  testId: string;
}) {
  const { t } = useTranslation();
  if (query.isPending) return <Loader size="xs" aria-label={t("common.loading")} />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <Stack gap={2}>
      <Group gap="sm" wrap="nowrap">
        <ThemeIcon color={count > 0 ? "red" : "teal"} variant="light" aria-hidden>
          {icon}
        </ThemeIcon>
        <Text data-testid={testId}>{text}</Text>
      </Group>
      {count > 0 && (
        <Anchor component={Link} to={link} size="sm" pl={36}>
          {linkText}
        </Anchor>
      )}
    </Stack>
  );
}

/** Failed emails and dead-lettered jobs, for owners and admins. */
export function OperationsAttention() {
  const { t } = useTranslation();
  const language = useLanguage();
  const failed = useFailedDeliverySample(true);
  const depth = useQueueDepth();
  const failedCount = failed.data ? pageCount(failed.data, language) : { count: 0, shown: "0" };
  const dead = depth.data?.dead ?? 0;
  return (
    <Stack gap="sm">
      <Line
        query={failed}
        icon={<IconMailExclamation size={18} />}
        count={failedCount.count}
        text={
          failedCount.count === 0
            ? t("home.noFailedEmails")
            : t("home.failedEmails", { count: failedCount.count, shown: failedCount.shown })
        }
        link="/settings/email?tab=deliveries&state=failed"
        linkText={t("home.openEmail")}
        testId="failed-emails"
      />
      <Line
        query={depth}
        icon={<IconStack2 size={18} />}
        count={dead}
        text={dead === 0 ? t("home.noDeadJobs") : t("home.deadJobs", { count: dead, shown: formatNumber(dead, language) })}
        link="/settings/jobs"
        linkText={t("home.openJobs")}
        testId="dead-jobs"
      />
    </Stack>
  );
}
