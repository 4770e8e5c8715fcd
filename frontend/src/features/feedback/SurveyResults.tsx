import { Alert, Center, Group, Loader, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { IconUsersGroup } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../i18n/format";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { useLanguage } from "../../shared/useLanguage";
import { useSurveyResults } from "./feedbackApi";
import { countBars, formatMean, formatNps, formatShare } from "./results";
import { questionLabel } from "./survey";
import type { GroupResults, QuestionResults, SurveyQuestion } from "./types";

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="lg" fw={700} data-testid={testId}>
        {value}
      </Text>
    </div>
  );
}

/** One question's answers in one group: its figures, how often each value was given, the words written. */
function QuestionResult({ result, question }: { result: QuestionResults; question: SurveyQuestion | undefined }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const n = (v: number) => formatNumber(v, language);
  const label = question ? questionLabel(question, language) : result.key;
  const bars = countBars(result, question, language);
  const most = Math.max(1, ...bars.map((b) => b.count));
  return (
    <Paper withBorder p="sm" radius="md" data-testid="question-result" data-key={result.key}>
      <Text fw={600} size="sm" mb={4}>
        {label}
      </Text>
      {result.hidden ? (
        <Text size="sm" c="dimmed" data-testid="question-hidden">
          {t("feedback.results.questionHidden")}
        </Text>
      ) : (
        <Stack gap="xs">
          {result.answered !== null && result.answered !== undefined && (
            <Text size="xs" c="dimmed">
              {t("feedback.results.answered", { count: result.answered, shown: n(result.answered) })}
            </Text>
          )}
          {(result.mean != null || result.nps != null || result.agree != null) && (
            <Group gap="xl">
              {result.mean != null && <Figure label={t("feedback.results.mean")} value={formatMean(result.mean, language)} testId="result-mean" />}
              {result.nps != null && <Figure label={t("feedback.results.nps")} value={formatNps(result.nps, language)} testId="result-nps" />}
              {result.agree != null && <Figure label={t("feedback.results.agree")} value={formatShare(result.agree, language)} testId="result-agree" />}
            </Group>
          )}
          {bars.length > 0 && (
            <Table verticalSpacing={2} withRowBorders={false} data-testid="result-counts">
              <Table.Tbody>
                {bars.map((b) => (
                  <Table.Tr key={b.value}>
                    <Table.Td w="40%">
                      <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                        {b.label}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Progress value={(b.count / most) * 100} size="lg" aria-hidden />
                    </Table.Td>
                    <Table.Td w={48} ta="right">
                      <Text size="sm">{n(b.count)}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {result.kind === "text" &&
            (result.texts.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t("feedback.results.noTexts")}
              </Text>
            ) : (
              <Stack gap={4} data-testid="result-texts">
                {result.texts.map((text, i) => (
                  <Paper key={i} bg="gray.0" p="xs" radius="sm">
                    <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
                      {text}
                    </Text>
                  </Paper>
                ))}
              </Stack>
            ))}
        </Stack>
      )}
    </Paper>
  );
}

function Group_({ group, questions }: { group: GroupResults; questions: readonly SurveyQuestion[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Stack gap="xs" data-testid={`results-${group.group}`}>
      <Group gap="xs" align="baseline">
        <Title order={4} size="h5">
          {t(`feedback.results.groups.${group.group}`)}
        </Title>
        <Text size="sm" c="dimmed">
          {t("feedback.results.respondents", { count: group.respondents, shown: formatNumber(group.respondents, language) })}
        </Text>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        {group.questions.map((r) => (
          <QuestionResult key={r.key} result={r} question={questions.find((q) => q.key === r.key)} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

/**
 * What a survey's respondents answered, for everyone and per role when the server shows them.
 * While too few have answered an anonymous survey, nothing but that is shown.
 */
export function SurveyResults({ programId, surveyId }: { programId: string; surveyId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const view = useSurveyResults(programId, surveyId);
  if (view.isPending) {
    return (
      <Center py="md">
        <Loader size="sm" aria-label={t("common.loading")} />
      </Center>
    );
  }
  if (view.isError) return <ErrorAlert error={view.error} onRetry={() => void view.refetch()} />;
  const { survey, results } = view.data;
  if (results.respondents === null || results.respondents === undefined) {
    return (
      <Alert color="gray" icon={<IconUsersGroup size={18} />} role="status" data-testid="results-too-few">
        {t("feedback.results.tooFew", { min: formatNumber(results.min_group, language) })}
      </Alert>
    );
  }
  return (
    <Stack gap="md" data-testid="survey-results">
      <div>
        <Text size="sm" data-testid="results-respondents">
          {t("feedback.results.total", { count: results.respondents, shown: formatNumber(results.respondents, language) })}
        </Text>
        {results.anonymous && (
          <Text size="sm" c="dimmed">
            {t("feedback.results.anonymousNote", { min: formatNumber(results.min_group, language) })}
          </Text>
        )}
      </div>
      {results.groups.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("feedback.results.none")}
        </Text>
      ) : (
        results.groups.map((g) => <Group_ key={g.group} group={g} questions={survey.questions} />)
      )}
    </Stack>
  );
}
