import { Button, Code, Group, Table, Text, VisuallyHidden } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { DeadJobView } from "../../api/types";
import { formatDateTime, formatNumber } from "../../i18n/format";
import { ConfirmButton } from "../../shared/ConfirmButton";
import { describeError } from "../../shared/errors";
import { useLanguage } from "../../shared/useLanguage";
import { useDiscardJob, useRetryJob } from "./jobsApi";
import { payloadSummary } from "./jobs";

export function DeadJobsTable({ jobs }: { jobs: DeadJobView[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const retry = useRetryJob();
  const discard = useDiscardJob();
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("jobs.kind")}</Table.Th>
            <Table.Th>{t("jobs.attempts")}</Table.Th>
            <Table.Th>{t("jobs.lastError")}</Table.Th>
            <Table.Th>{t("jobs.failedAt")}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t("common.actions")}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {jobs.map((job) => (
            <Table.Tr key={job.id} data-testid={`dead-job-${job.id}`}>
              <Table.Td>
                <Code>{job.kind}</Code>
                <Text size="xs" c="dimmed" mt={4} style={{ overflowWrap: "anywhere" }}>
                  {payloadSummary(job.payload)}
                </Text>
              </Table.Td>
              <Table.Td>{formatNumber(job.attempts, language)}</Table.Td>
              <Table.Td>
                <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                  {job.last_error || "—"}
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(job.failed_at, language)}</Table.Td>
              <Table.Td>
                <Group gap="xs" justify="flex-end" wrap="nowrap">
                  <Button
                    size="xs"
                    variant="light"
                    loading={retry.isPending && retry.variables === job.id}
                    onClick={() =>
                      retry.mutate(job.id, {
                        onSuccess: () => notifications.show({ color: "teal", message: t("jobs.retried") }),
                        onError: (error) =>
                          notifications.show({ color: "red", ...titled(describeError(error, t)) }),
                      })
                    }
                  >
                    {t("jobs.retry")}
                  </Button>
                  <ConfirmButton
                    label={t("jobs.discard")}
                    title={t("jobs.discardTitle")}
                    message={t("jobs.discardBody", { kind: job.kind })}
                    confirmLabel={t("jobs.discard")}
                    onConfirm={() => discard.mutateAsync(job.id)}
                  />
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function titled({ title, detail }: { title: string; detail: string }) {
  return { title, message: detail || title };
}
