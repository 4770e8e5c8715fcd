import { useEffect, useRef, useState } from "react";
import { Alert, Button, Center, Group, Loader, Radio, SegmentedControl, Stack, Text, Textarea } from "@mantine/core";
import { IconCircleCheck, IconClockOff, IconLinkOff } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router";
import { ApiError } from "../../api/problem";
import { formatNumber } from "../../i18n/format";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { useLanguage } from "../../shared/useLanguage";
import { AuthLayout } from "../auth/AuthLayout";
import { tokenFrom } from "../preferences/preferences";
import { useAnswerCheckIn, usePublicCheckIn } from "./answersApi";
import { checkInAnswer, learnedChoice, learnedFrom, recordsScore, scoreFrom, withoutScore } from "./checkIn";
import { formatDay } from "./results";
import { CHECK_IN_SCORES, type PublicCheckIn } from "./types";
import { useOwnLanguage } from "./useOwnLanguage";

/** A link cut short, or one that is no check-in's. */
export function BadLink({ incomplete }: { incomplete: boolean }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" icon={<IconLinkOff size={18} />} title={t("feedback.public.badLinkTitle")} role="alert" data-testid="bad-link">
      {incomplete ? t("feedback.public.incompleteLink") : t("feedback.public.invalidLink")}
    </Alert>
  );
}

const MAX_COMMENT = 2000;

/** 1 (not well) to 5 (very well), with the meaning of both ends under them. */
function ScoreChoice({ value, onChange }: { value: number | null; onChange: (score: number) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Stack gap={4}>
      <Text fw={500} size="sm" id="check-in-score-label">
        {t("feedback.checkIn.score")}
      </Text>
      <SegmentedControl
        fullWidth
        size="md"
        aria-labelledby="check-in-score-label"
        value={value === null ? "" : String(value)}
        onChange={(v) => onChange(Number(v))}
        data={CHECK_IN_SCORES.map((s) => ({ value: String(s), label: formatNumber(s, language) }))}
        data-testid="check-in-score"
      />
      <Group justify="space-between" gap="xs">
        <Text size="xs" c="dimmed">
          {t("feedback.checkIn.low")}
        </Text>
        <Text size="xs" c="dimmed">
          {t("feedback.checkIn.high")}
        </Text>
      </Group>
    </Stack>
  );
}

/**
 * The check-in while it may be answered: the score, then whether they learned something and a few
 * words. `suggested` is the link's score when recording it failed: one more click saves it.
 */
function CheckInForm({ token, checkIn, suggested }: { token: string; checkIn: PublicCheckIn; suggested: number | null }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const answer = useAnswerCheckIn(token);
  const [score, setScore] = useState<number | null>(checkIn.score ?? suggested);
  const [learned, setLearned] = useState(learnedChoice(checkIn.learned));
  const [comment, setComment] = useState(checkIn.comment ?? "");
  const [saved, setSaved] = useState(false);
  // What the server holds (its answer to a save) is what the form shows.
  useEffect(() => {
    setScore(checkIn.score ?? suggested);
    setLearned(learnedChoice(checkIn.learned));
    setComment(checkIn.comment ?? "");
  }, [checkIn]);
  const partner = checkIn.partner_name;
  const changed =
    score !== (checkIn.score ?? null) || learnedFrom(learned) !== (checkIn.learned ?? null) || comment.trim() !== (checkIn.comment ?? "");

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (score === null) return;
        setSaved(false);
        answer.mutate(checkInAnswer(score, learnedFrom(learned), comment), { onSuccess: () => setSaved(true) });
      }}
    >
      <Stack gap="md">
        {checkIn.answered && checkIn.score !== null && checkIn.score !== undefined && (
          <Alert
            color="teal"
            icon={<IconCircleCheck size={18} />}
            title={t("feedback.checkIn.recorded", { score: formatNumber(checkIn.score, language) })}
            role="status"
            data-testid="check-in-recorded"
          >
            {saved ? t("feedback.checkIn.saved") : t("feedback.checkIn.addMore")}
          </Alert>
        )}
        {answer.isError && <ErrorAlert error={answer.error} />}
        <Text fw={600} data-testid="check-in-question">
          {t("feedback.checkIn.question", { partner })}
        </Text>
        <ScoreChoice value={score} onChange={setScore} />
        <Radio.Group
          label={t("feedback.checkIn.learned", { partner })}
          value={learned}
          onChange={(v) => setLearned(v === "yes" ? "yes" : v === "no" ? "no" : "")}
          data-testid="check-in-learned"
        >
          <Group gap="lg" mt={6}>
            <Radio value="yes" label={t("feedback.checkIn.yes")} />
            <Radio value="no" label={t("feedback.checkIn.no")} />
          </Group>
        </Radio.Group>
        <Textarea
          label={t("feedback.checkIn.comment")}
          description={t("feedback.checkIn.commentHint")}
          autosize
          minRows={3}
          maxLength={MAX_COMMENT}
          value={comment}
          onChange={(event) => setComment(event.currentTarget.value)}
        />
        <Button type="submit" fullWidth disabled={score === null || (checkIn.answered && !changed)} loading={answer.isPending}>
          {t("feedback.checkIn.save")}
        </Button>
        <Text size="sm" c="dimmed" data-testid="check-in-until">
          {t("feedback.checkIn.until", { day: formatDay(checkIn.open_until, language) })}
        </Text>
      </Stack>
    </form>
  );
}

/** A check-in whose period is over: what was answered, if anything. */
function ClosedCheckIn({ checkIn, fromLink }: { checkIn: PublicCheckIn; fromLink: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Stack gap="sm">
      <Alert color="gray" icon={<IconClockOff size={18} />} title={t("feedback.checkIn.closedTitle")} role="status" data-testid="check-in-closed">
        <Text size="sm">{t("feedback.checkIn.closed", { day: formatDay(checkIn.open_until, language) })}</Text>
        {fromLink && !checkIn.answered && <Text size="sm">{t("feedback.checkIn.notRecorded")}</Text>}
      </Alert>
      {checkIn.answered && checkIn.score !== null && checkIn.score !== undefined && (
        <Text size="sm">{t("feedback.checkIn.yourAnswer", { score: formatNumber(checkIn.score, language) })}</Text>
      )}
    </Stack>
  );
}

/**
 * Reached from a check-in email, without an account, most often on a phone. A link with a score
 * records it on opening (one click from the email is an answer); the rest is optional.
 */
export function CheckInPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const token = tokenFrom(location.search);
  const [linkScore] = useState(() => scoreFrom(location.search));
  const checkIn = usePublicCheckIn(token);
  const record = useAnswerCheckIn(token ?? "");
  const asked = useRef(false);
  useOwnLanguage(token, checkIn.data?.locale);

  const data = checkIn.data;
  useEffect(() => {
    if (!token || !data || asked.current) return;
    asked.current = true;
    if (!recordsScore(data, linkScore)) return;
    // Keep what was added before; only the score changes.
    record.mutate(checkInAnswer(linkScore, data.learned, data.comment), {
      // Reloading the page must not send the score again over a change made since.
      onSuccess: () => void navigate({ search: withoutScore(location.search) }, { replace: true }),
      onError: () => void checkIn.refetch(),
    });
  }, [token, data]);

  let title = t("feedback.checkIn.title");
  let body;
  if (!token) body = <BadLink incomplete />;
  // While the link's score is on its way, the page waits rather than show the check-in without it.
  else if (checkIn.isPending || record.isPending || (checkIn.data !== undefined && !asked.current && recordsScore(checkIn.data, linkScore))) {
    body = (
      <Center py="lg">
        <Loader size="sm" aria-label={t("common.loading")} />
      </Center>
    );
  } else if (checkIn.isError) {
    const invalid = checkIn.error instanceof ApiError && checkIn.error.status === 404;
    body = invalid ? <BadLink incomplete={false} /> : <ErrorAlert error={checkIn.error} onRetry={() => void checkIn.refetch()} />;
  } else {
    const c = checkIn.data;
    title = c.program;
    body = (
      <Stack gap="md">
        {record.isError && !(record.error instanceof ApiError && record.error.status === 409) && <ErrorAlert error={record.error} />}
        {c.open ? (
          <CheckInForm token={token} checkIn={c} suggested={record.isError ? linkScore : null} />
        ) : (
          <ClosedCheckIn checkIn={c} fromLink={linkScore !== null} />
        )}
      </Stack>
    );
  }
  return (
    <AuthLayout title={title} subtitle={t("feedback.checkIn.subtitle")}>
      {body}
    </AuthLayout>
  );
}
