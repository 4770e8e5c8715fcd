import { Alert, Button, Stack, Text } from "@mantine/core";
import { IconCircleCheck } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";
import type { PublicApplication } from "../../api/types";
import { ConfirmButton } from "../../shared/ConfirmButton";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { AuthLayout } from "../auth/AuthLayout";
import { tokenFrom } from "../preferences/preferences";
import { useConfirmApplication, useWithdrawApplication } from "./applyApi";
import { BadLink } from "./ApplyPage";

function Result({ application }: { application: PublicApplication }) {
  const { t } = useTranslation();
  const withdrawn = application.status === "withdrawn";
  return (
    <Alert color={withdrawn ? "gray" : "teal"} icon={<IconCircleCheck size={18} />} role="status" data-testid="application-result">
      <Text fw={600}>{t(withdrawn ? "apply.withdrawnTitle" : "apply.confirmedTitle")}</Text>
      <Text size="sm">{application.program}</Text>
      <Text size="sm" data-testid="application-result-text">
        {t("apply.resultText", {
          applied: t(`apply.appliedAs.${application.role_wanted}`),
          status: t(`apply.statusWords.${application.status}`),
        })}
      </Text>
    </Alert>
  );
}

/** The confirmation email's link: confirm the application, or withdraw it. */
export function ConfirmApplicationPage() {
  const { t } = useTranslation();
  const token = tokenFrom(useLocation().search);
  const confirm = useConfirmApplication();
  const withdraw = useWithdrawApplication();
  const current = withdraw.data ?? confirm.data;

  let body;
  if (!token) body = <BadLink incomplete />;
  else {
    body = (
      <Stack gap="md">
        {current ? (
          <Result application={current} />
        ) : (
          <>
            <Text>{t("apply.confirmIntro")}</Text>
            <Button fullWidth loading={confirm.isPending} onClick={() => confirm.mutate(token)}>
              {t("apply.confirm")}
            </Button>
          </>
        )}
        {confirm.isError && <ErrorAlert error={confirm.error} />}
        {withdraw.isError && (
          <div data-testid="withdraw-failed">
            <ErrorAlert error={withdraw.error} />
          </div>
        )}
        {current && current.status !== "withdrawn" && (
          <Stack gap={4}>
            <Text size="sm" c="dimmed">
              {t("apply.withdrawHint")}
            </Text>
            <ConfirmButton
              label={t("apply.withdraw")}
              size="sm"
              variant="light"
              title={t("apply.withdrawTitle")}
              message={t("apply.withdrawBody", { program: current.program })}
              confirmLabel={t("apply.withdraw")}
              onConfirm={() => withdraw.mutateAsync(token)}
            />
          </Stack>
        )}
      </Stack>
    );
  }
  return (
    <AuthLayout title={t("apply.confirmTitle")} subtitle={t("apply.confirmSubtitle")}>
      {body}
    </AuthLayout>
  );
}
