import { useState } from "react";
import { Alert, Button, Center, Checkbox, Chip, Group, Input, Loader, Radio, SegmentedControl, Stack, Text, Textarea } from "@mantine/core";
import { IconCircleCheck, IconClockOff, IconEyeOff } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";
import { ApiError } from "../../api/problem";
import { formatNumber } from "../../i18n/format";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { useLanguage } from "../../shared/useLanguage";
import { AuthLayout } from "../auth/AuthLayout";
import { tokenFrom } from "../preferences/preferences";
import { useAnswerSurvey, usePublicSurvey } from "./answersApi";
import { BadLink } from "./CheckInPage";
import { formatDay } from "./results";
import { answersBody, missingRequired, questionErrors, type Answer, type Answers } from "./survey";
import { NPS_POINTS, SCALE_POINTS, type PublicQuestion, type PublicSurvey } from "./types";
import { useOwnLanguage } from "./useOwnLanguage";

const MAX_TEXT = 4000;

interface QuestionProps {
  question: PublicQuestion;
  answer: Answer | undefined;
  error: string | undefined;
  onChange: (answer: Answer) => void;
}

/** A point on a scale: 1–5 from disagree to agree, or 0–10 for the Net Promoter question. */
function Points({ question, answer, error, onChange }: QuestionProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const nps = question.kind === "nps";
  const points: readonly number[] = nps ? NPS_POINTS : SCALE_POINTS;
  const labelId = `question-${question.key}-label`;
  const value = typeof answer === "number" ? String(answer) : "";
  return (
    <Input.Wrapper
      label={question.label}
      labelProps={{ id: labelId, component: "div" }}
      required={question.required}
      error={error}
      data-testid={`question-${question.key}`}
    >
      <Stack gap={4} mt={6}>
        {nps ? (
          // Eleven points do not fit a phone's width in one control: they wrap.
          <Chip.Group multiple={false} value={value} onChange={(v) => onChange(Number(v))}>
            <Group gap={6} role="radiogroup" aria-labelledby={labelId}>
              {points.map((p) => (
                <Chip key={p} value={String(p)} type="radio">
                  {formatNumber(p, language)}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        ) : (
          <SegmentedControl
            fullWidth
            aria-labelledby={labelId}
            value={value}
            onChange={(v) => onChange(Number(v))}
            data={points.map((p) => ({ value: String(p), label: formatNumber(p, language) }))}
          />
        )}
        <Group justify="space-between" gap="xs">
          <Text size="xs" c="dimmed">
            {t(nps ? "feedback.survey.npsLow" : "feedback.survey.disagree")}
          </Text>
          <Text size="xs" c="dimmed">
            {t(nps ? "feedback.survey.npsHigh" : "feedback.survey.agree")}
          </Text>
        </Group>
      </Stack>
    </Input.Wrapper>
  );
}

function Question(props: QuestionProps) {
  const { question, answer, error, onChange } = props;
  const common = { label: question.label, required: question.required, error, "data-testid": `question-${question.key}` };
  switch (question.kind) {
    case "scale":
    case "nps":
      return <Points {...props} />;
    case "single_choice":
      return (
        <Radio.Group {...common} value={typeof answer === "string" ? answer : null} onChange={onChange}>
          <Stack gap={8} mt={6}>
            {question.options.map((o) => (
              <Radio key={o.value} value={o.value} label={o.label} />
            ))}
          </Stack>
        </Radio.Group>
      );
    case "multiple_choice":
      return (
        <Checkbox.Group {...common} value={Array.isArray(answer) ? answer : []} onChange={onChange}>
          <Stack gap={8} mt={6}>
            {question.options.map((o) => (
              <Checkbox key={o.value} value={o.value} label={o.label} />
            ))}
          </Stack>
        </Checkbox.Group>
      );
    default:
      return (
        <Textarea
          label={question.label}
          required={question.required}
          error={error}
          wrapperProps={{ "data-testid": `question-${question.key}` }}
          autosize
          minRows={3}
          maxLength={MAX_TEXT}
          value={typeof answer === "string" ? answer : ""}
          onChange={(event) => onChange(event.currentTarget.value)}
        />
      );
  }
}

/** The questions, by kind; on sending, required ones are checked here first, the server's refusals shown on their questions. */
function SurveyForm({ token, survey, onSent, onConflict }: { token: string; survey: PublicSurvey; onSent: () => void; onConflict: () => void }) {
  const { t } = useTranslation();
  const send = useAnswerSurvey(token);
  const [answers, setAnswers] = useState<Answers>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<{ error: unknown; rest: string[] } | null>(null);
  const keys = survey.questions.map((q) => q.key);

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setFailure(null);
        const missing = missingRequired(survey.questions, answers);
        if (missing.length > 0) {
          setErrors(Object.fromEntries(missing.map((key) => [key, t("feedback.survey.required")])));
          document.querySelector<HTMLElement>(`[data-testid="question-${missing[0]}"]`)?.scrollIntoView({ block: "center" });
          return;
        }
        setErrors({});
        send.mutate(answersBody(survey.questions, answers), {
          onSuccess: onSent,
          onError: (error) => {
            // Answered already (another tab) or closed meanwhile: the page says which.
            if (error instanceof ApiError && error.status === 409) onConflict();
            if (error instanceof ApiError && error.problem.errors?.length) {
              const { byQuestion, rest } = questionErrors(error.problem, keys);
              setErrors(byQuestion);
              if (rest.length > 0 || Object.keys(byQuestion).length === 0) setFailure({ error, rest });
            } else setFailure({ error, rest: [] });
          },
        });
      }}
    >
      <Stack gap="lg">
        {survey.questions.map((q) => (
          <Question
            key={q.key}
            question={q}
            answer={answers[q.key]}
            error={errors[q.key]}
            onChange={(answer) => {
              setAnswers((a) => ({ ...a, [q.key]: answer }));
              setErrors(({ [q.key]: _, ...rest }) => rest);
            }}
          />
        ))}
        {Object.keys(errors).length > 0 && (
          <Text size="sm" c="red" role="alert" data-testid="survey-errors">
            {t("feedback.survey.fix", { count: Object.keys(errors).length })}
          </Text>
        )}
        {failure && <ErrorAlert error={failure.error} extra={failure.rest} />}
        <Button type="submit" fullWidth loading={send.isPending}>
          {t("feedback.survey.submit")}
        </Button>
      </Stack>
    </form>
  );
}

/** Reached from a survey email, without an account, most often on a phone; in the person's language. */
export function SurveyPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const token = tokenFrom(useLocation().search);
  const survey = usePublicSurvey(token);
  const [sent, setSent] = useState(false);
  useOwnLanguage(token, survey.data?.locale);

  let title = t("feedback.survey.title");
  let subtitle: string | undefined;
  let body;
  if (!token) body = <BadLink incomplete />;
  else if (survey.isPending) {
    body = (
      <Center py="lg">
        <Loader size="sm" aria-label={t("common.loading")} />
      </Center>
    );
  } else if (survey.isError) {
    const invalid = survey.error instanceof ApiError && survey.error.status === 404;
    body = invalid ? <BadLink incomplete={false} /> : <ErrorAlert error={survey.error} onRetry={() => void survey.refetch()} />;
  } else {
    const s = survey.data;
    title = s.title;
    subtitle = s.program;
    if (sent) {
      body = (
        <Alert color="teal" icon={<IconCircleCheck size={18} />} title={t("feedback.survey.thanksTitle")} role="status" data-testid="survey-thanks">
          {t(s.anonymous ? "feedback.survey.thanksAnonymous" : "feedback.survey.thanks")}
        </Alert>
      );
    } else if (s.answered) {
      body = (
        <Alert color="teal" icon={<IconCircleCheck size={18} />} title={t("feedback.survey.answeredTitle")} role="status" data-testid="survey-answered">
          {t("feedback.survey.answered")}
        </Alert>
      );
    } else if (!s.open) {
      body = (
        <Alert color="gray" icon={<IconClockOff size={18} />} title={t("feedback.survey.closedTitle")} role="status" data-testid="survey-closed">
          {t("feedback.survey.closed")}
        </Alert>
      );
    } else {
      body = (
        <Stack gap="md">
          {s.anonymous && (
            <Alert color="indigo" variant="light" icon={<IconEyeOff size={18} />} title={t("feedback.survey.anonymousTitle")} data-testid="survey-anonymous">
              {t("feedback.survey.anonymous")}
            </Alert>
          )}
          {s.closes_on && (
            <Text size="sm" c="dimmed" data-testid="survey-closes">
              {t("feedback.survey.closesOn", { day: formatDay(s.closes_on, language) })}
            </Text>
          )}
          <Text size="sm" c="dimmed">
            {t("feedback.survey.requiredNote")}
          </Text>
          <SurveyForm token={token} survey={s} onSent={() => setSent(true)} onConflict={() => void survey.refetch()} />
        </Stack>
      );
    }
  }
  return (
    <AuthLayout title={title} subtitle={subtitle}>
      {body}
    </AuthLayout>
  );
}
