import { useState } from "react";
import { Alert, Button, Center, Group, Loader, Modal, Stack, Text } from "@mantine/core";
import { IconSend } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { MatchingRunView, ProgramState, Published } from "../../api/types";
import { formatNumber } from "../../i18n/format";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { useLanguage } from "../../shared/useLanguage";
import { usePublish, usePublishPreview } from "./matchingApi";
import { publishable } from "./publish";

/** The counts of a plan or a result as the sentences name them ("20 pairs", "40 introductions", "3 people"). */
function useCounted() {
  const { t } = useTranslation();
  const language = useLanguage();
  return ({ pairs, introductions, waitlisted }: Pick<Published, "pairs" | "introductions" | "waitlisted">) => ({
    pairs: t("matching.publish.pairs", { count: pairs, shown: formatNumber(pairs, language) }),
    introductions: t("matching.publish.introductions", { count: introductions, shown: formatNumber(introductions, language) }),
    waiting: t("matching.publish.people", { count: waitlisted, shown: formatNumber(waitlisted, language) }),
  });
}

function PublishedResult({ result }: { result: Published }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const counted = useCounted()(result);
  return (
    <Alert color="teal" title={t("matching.publish.published")} data-testid="publish-result">
      <Text size="sm">{t(result.waitlisted > 0 ? "matching.publish.result" : "matching.publish.resultNobodyWaits", counted)}</Text>
      {result.skipped > 0 && (
        <Text size="sm" mt={4}>
          {t("matching.publish.skipped", { count: result.skipped, shown: formatNumber(result.skipped, language) })}
        </Text>
      )}
    </Alert>
  );
}

/** What publishing would do, asked of the server when the confirmation opens (a dry run writes and sends nothing). */
function Plan({ runId, programState }: { runId: string; programState: ProgramState }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const counted = useCounted();
  const preview = usePublishPreview(runId);
  if (preview.isPending) {
    return (
      <Center py="sm">
        <Loader size="sm" aria-label={t("common.loading")} />
      </Center>
    );
  }
  if (preview.isError) return <ErrorAlert error={preview.error} onRetry={() => void preview.refetch()} />;
  const plan = preview.data;
  return (
    <>
      <Text size="sm" data-testid="publish-plan">
        {t(plan.waitlisted > 0 ? "matching.publish.plan" : "matching.publish.planNobodyWaits", counted(plan))}
      </Text>
      {plan.skipped > 0 && (
        <Text size="sm" fw={500} data-testid="publish-skipped">
          {t("matching.publish.willSkip", { count: plan.skipped, shown: formatNumber(plan.skipped, language) })}
        </Text>
      )}
      {plan.program_state !== programState && (
        <Text size="sm" data-testid="publish-goes-active">
          {t("matching.publish.goesActive")}
        </Text>
      )}
    </>
  );
}

interface Props {
  run: MatchingRunView;
  programId: string;
  programState: ProgramState;
  published: boolean;
  writer: boolean;
}

/**
 * A finished run becomes the program's pairs: writers publish it (while the program matches or
 * is active) after a confirmation that says, in the numbers of a dry run, who is emailed what.
 */
export function PublishPanel({ run, programId, programState, published, writer }: Props) {
  const { t } = useTranslation();
  const publish = usePublish(programId);
  const [asking, setAsking] = useState(false);
  const preview = usePublishPreview(run.id, asking);

  if (publish.data) return <PublishedResult result={publish.data} />;
  if (published || !writer) return null;
  if (!publishable(programState)) {
    return programState === "recruiting" ? (
      <Text size="sm" c="dimmed" data-testid="publish-later">
        {t("matching.publish.opensWhenMatching")}
      </Text>
    ) : null;
  }
  return (
    <>
      <Group>
        <Button
          leftSection={<IconSend size={16} />}
          onClick={() => {
            publish.reset();
            setAsking(true);
          }}
        >
          {t("matching.publish.open")}
        </Button>
      </Group>
      <Modal opened={asking} onClose={() => setAsking(false)} title={t("matching.publish.title")} centered>
        <Stack gap="sm" data-testid="publish-dialog">
          {asking && <Plan runId={run.id} programState={programState} />}
          <Text size="sm" c="dimmed">
            {t("matching.publish.named")}
          </Text>
          {publish.error !== null && <ErrorAlert error={publish.error} />}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={() => setAsking(false)}>
              {t("common.cancel")}
            </Button>
            <Button
              loading={publish.isPending}
              disabled={!preview.data}
              onClick={() => publish.mutate(run.id, { onSuccess: () => setAsking(false) })}
            >
              {t("matching.publish.confirm")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
