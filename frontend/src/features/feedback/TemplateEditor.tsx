import { useEffect, useState } from "react";
import { ActionIcon, Alert, Badge, Button, Group, Modal, Paper, Select, SimpleGrid, Stack, Switch, Text, TextInput, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/problem";
import { PARTICIPANT_ROLES, type ParticipantRole } from "../../api/types";
import { ConfirmButton } from "../../shared/ConfirmButton";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { ListState } from "../../shared/ListState";
import { useResetSurveyTemplate, useSaveSurveyTemplate, useSurveyTemplate } from "./feedbackApi";
import { draftsFrom, moved, newDraft, QUESTION_KINDS, questionsFrom, takesOptions, type QuestionDraft } from "./templates";
import { SURVEY_KINDS, type SurveyKind, type SurveyTemplate } from "./types";

interface DraftProps {
  draft: QuestionDraft;
  index: number;
  count: number;
  onChange: (draft: QuestionDraft) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

function QuestionFields({ draft, index, count, onChange, onMove, onRemove }: DraftProps) {
  const { t } = useTranslation();
  const set = <K extends keyof QuestionDraft>(field: K, value: QuestionDraft[K]) => onChange({ ...draft, [field]: value });
  const n = index + 1;
  return (
    <Paper withBorder p="sm" radius="md" data-testid="template-question">
      <Group justify="space-between" mb="xs" gap="xs">
        <Text fw={600} size="sm">
          {t("feedback.templates.question", { n })}
        </Text>
        <Group gap={4}>
          <ActionIcon variant="subtle" disabled={index === 0} onClick={() => onMove(-1)} aria-label={t("feedback.templates.up", { n })}>
            <IconArrowUp size={16} aria-hidden />
          </ActionIcon>
          <ActionIcon variant="subtle" disabled={index === count - 1} onClick={() => onMove(1)} aria-label={t("feedback.templates.down", { n })}>
            <IconArrowDown size={16} aria-hidden />
          </ActionIcon>
          <ActionIcon variant="subtle" color="red" disabled={count === 1} onClick={onRemove} aria-label={t("feedback.templates.remove", { n })}>
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        </Group>
      </Group>
      <Stack gap="xs">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <TextInput
            label={t("feedback.templates.key")}
            description={t("feedback.templates.keyHint")}
            value={draft.key}
            onChange={(e) => set("key", e.currentTarget.value)}
          />
          <Select
            label={t("feedback.templates.kind")}
            allowDeselect={false}
            data={QUESTION_KINDS.map((k) => ({ value: k, label: t(`feedback.templates.kinds.${k}`) }))}
            value={draft.kind}
            onChange={(v) => {
              const kind = QUESTION_KINDS.find((k) => k === v);
              if (kind) set("kind", kind);
            }}
          />
        </SimpleGrid>
        <TextInput label={t("feedback.templates.label")} value={draft.label} onChange={(e) => set("label", e.currentTarget.value)} />
        <TextInput label={t("feedback.templates.labelJa")} value={draft.labelJa} onChange={(e) => set("labelJa", e.currentTarget.value)} />
        {takesOptions(draft.kind) && (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            <Textarea
              label={t("feedback.templates.options")}
              description={t("feedback.templates.oneALine")}
              autosize
              minRows={3}
              value={draft.options}
              onChange={(e) => set("options", e.currentTarget.value)}
            />
            <Textarea
              label={t("feedback.templates.optionsJa")}
              description={t("feedback.templates.sameOrder")}
              autosize
              minRows={3}
              value={draft.optionsJa}
              onChange={(e) => set("optionsJa", e.currentTarget.value)}
            />
          </SimpleGrid>
        )}
        <Switch label={t("feedback.templates.required")} checked={draft.required} onChange={(e) => set("required", e.currentTarget.checked)} />
      </Stack>
    </Paper>
  );
}

/** The questions of one template, edited as a whole and saved as the company's own. */
function TemplateForm({ kind, audience, template }: { kind: SurveyKind; audience: ParticipantRole; template: SurveyTemplate }) {
  const { t } = useTranslation();
  const save = useSaveSurveyTemplate(kind, audience);
  const reset = useResetSurveyTemplate(kind, audience);
  const [drafts, setDrafts] = useState(() => draftsFrom(template.questions));
  useEffect(() => setDrafts(draftsFrom(template.questions)), [template]);
  const problems = save.error instanceof ApiError ? (save.error.problem.errors ?? []).map((e) => e.message) : [];
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <Badge variant="light" color={template.custom ? "indigo" : "gray"} data-testid="template-source">
          {t(template.custom ? "feedback.templates.custom" : "feedback.templates.product")}
        </Badge>
        <Text size="sm" c="dimmed">
          {t("feedback.templates.appliesTo")}
        </Text>
      </Group>
      {save.isError && <ErrorAlert error={save.error} extra={problems} />}
      {drafts.map((d, i) => (
        <QuestionFields
          key={i}
          draft={d}
          index={i}
          count={drafts.length}
          onChange={(next) => setDrafts((all) => all.map((x, j) => (j === i ? next : x)))}
          onMove={(by) => setDrafts((all) => moved(all, i, by))}
          onRemove={() => setDrafts((all) => all.filter((_, j) => j !== i))}
        />
      ))}
      <Group justify="space-between" gap="xs">
        <Button variant="default" size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setDrafts((all) => [...all, newDraft(all)])}>
          {t("feedback.templates.add")}
        </Button>
        <Group gap="xs">
          {template.custom && (
            <ConfirmButton
              label={t("feedback.templates.reset")}
              title={t("feedback.templates.resetTitle")}
              message={t("feedback.templates.resetBody")}
              confirmLabel={t("feedback.templates.reset")}
              onConfirm={() => reset.mutateAsync()}
            />
          )}
          <Button
            loading={save.isPending}
            onClick={() =>
              save.mutate(questionsFrom(drafts), {
                onSuccess: () => notifications.show({ color: "teal", message: t("feedback.templates.saved") }),
              })
            }
          >
            {t("feedback.templates.save")}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}

function TemplateLoader({ kind, audience }: { kind: SurveyKind; audience: ParticipantRole }) {
  const template = useSurveyTemplate(kind, audience);
  return (
    <ListState query={template} isEmpty={false} emptyText="">
      {template.data && <TemplateForm kind={kind} audience={audience} template={template.data} />}
    </ListState>
  );
}

/** The company's questions new surveys start from, per kind and audience; a button and its dialog. */
export function TemplateEditorButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<SurveyKind>("mid_program");
  const [audience, setAudience] = useState<ParticipantRole>("either");
  return (
    <>
      <Button size="xs" variant="subtle" onClick={() => setOpen(true)}>
        {t("feedback.templates.open")}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t("feedback.templates.title")} size="xl">
        <Stack gap="md">
          <Alert color="gray" variant="light">
            {t("feedback.templates.intro")}
          </Alert>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label={t("feedback.surveys.kind")}
              allowDeselect={false}
              data={SURVEY_KINDS.map((k) => ({ value: k, label: t(`feedback.surveys.kinds.${k}`) }))}
              value={kind}
              onChange={(v) => {
                const next = SURVEY_KINDS.find((k) => k === v);
                if (next) setKind(next);
              }}
            />
            <Select
              label={t("feedback.surveys.audience")}
              allowDeselect={false}
              data={PARTICIPANT_ROLES.map((a) => ({ value: a, label: t(`feedback.surveys.audiences.${a}`) }))}
              value={audience}
              onChange={(v) => {
                const next = PARTICIPANT_ROLES.find((a) => a === v);
                if (next) setAudience(next);
              }}
            />
          </SimpleGrid>
          <TemplateLoader key={`${kind}/${audience}`} kind={kind} audience={audience} />
        </Stack>
      </Modal>
    </>
  );
}
