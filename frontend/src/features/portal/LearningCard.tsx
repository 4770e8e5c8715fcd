import { useState } from "react";
import { Button, Card, Group, SegmentedControl, Select, Stack, Text, Textarea, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { useLanguage } from "../../shared/useLanguage";
import { useProblemForm } from "../../shared/useProblemForm";
import { TopicsInput } from "../apply/TopicsInput";
import { LearningList } from "../tracking/LearningList";
import { formatInZone } from "../tracking/time";
import type { LearningDirection } from "../tracking/types";
import { learningBody, learningErrors, MAX_NOTE, pastTopics, type LearningValues } from "./pairForms";
import { useAddLearning } from "./portalApi";
import type { PortalPair } from "./types";

function LearningForm({ pair, zone, onDone }: { pair: PortalPair; zone: string; onDone: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const add = useAddLearning(pair.id);
  const form = useForm<LearningValues>({
    initialValues: { direction: "learned", topics: [], note: "", session_id: null },
    validate: (values) => Object.fromEntries(Object.entries(learningErrors(values)).map(([k, key]) => [k, t(key, { max: MAX_NOTE })])),
  });
  const { failure, showError, clearFailure } = useProblemForm(form);
  const sessions = [...pair.sessions]
    .sort((a, b) => Date.parse(b.held_at) - Date.parse(a.held_at))
    .map((s) => ({ value: s.id, label: formatInZone(s.held_at, language, zone) }));
  return (
    <form
      noValidate
      data-testid="learning-form"
      onSubmit={form.onSubmit((values) => {
        clearFailure();
        add.mutate(learningBody(values), {
          onSuccess: () => {
            notifications.show({ color: "teal", message: t("portal.learning.saved") });
            form.reset();
            onDone();
          },
          onError: showError,
        });
      })}
    >
      <Stack gap="sm">
        {failure && <ErrorAlert error={failure.error} extra={failure.unmatched} />}
        <SegmentedControl
          fullWidth
          aria-label={t("portal.learning.direction")}
          value={form.getValues().direction}
          onChange={(value) => form.setFieldValue("direction", value as LearningDirection)}
          data={[
            { value: "learned", label: t("portal.learning.iLearned") },
            { value: "taught", label: t("portal.learning.iTaught") },
          ]}
        />
        <TopicsInput
          label={t(form.getValues().direction === "learned" ? "portal.learning.whatLearned" : "portal.learning.whatTaught")}
          value={form.getValues().topics}
          onChange={(topics) => form.setFieldValue("topics", topics)}
          error={form.errors.topics}
          suggestions={pastTopics([...pair.sessions, ...pair.learning])}
        />
        <Textarea label={t("portal.learning.note")} autosize minRows={2} maxLength={MAX_NOTE} {...form.getInputProps("note")} />
        {sessions.length > 0 && (
          <Select
            label={t("portal.learning.session")}
            placeholder={t("portal.learning.noSession")}
            data={sessions}
            clearable
            {...form.getInputProps("session_id")}
          />
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={add.isPending}>
            {t("portal.learning.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The learning log: what each member learned and taught, recorded by themselves. */
export function LearningCard({ pair, zone, nameOf }: { pair: PortalPair; zone: string; nameOf: (id: string) => string }) {
  const { t } = useTranslation();
  const [writing, setWriting] = useState(false);
  return (
    <Card withBorder padding="md" data-testid="learning-card">
      <Title order={2} size="h4">
        {t("portal.learning.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t("portal.learning.intro")}
      </Text>
      <Stack gap="sm">
        {writing ? (
          <LearningForm pair={pair} zone={zone} onDone={() => setWriting(false)} />
        ) : (
          pair.state === "active" && (
            <Group>
              <Button variant="light" size="compact-sm" onClick={() => setWriting(true)}>
                {t("portal.learning.add")}
              </Button>
            </Group>
          )
        )}
        <LearningList entries={pair.learning} nameOf={nameOf} emptyText={t("portal.learning.empty")} />
      </Stack>
    </Card>
  );
}
