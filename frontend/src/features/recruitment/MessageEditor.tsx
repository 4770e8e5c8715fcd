import { useState } from "react";
import { Alert, Button, Code, Group, Loader, Stack, Tabs, Text, TextInput, Textarea } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { useDebouncedValue } from "@mantine/hooks";
import { IconAlertCircle, IconEye, IconEyeOff } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/problem";
import { LOCALES, type Locale } from "../../api/types";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { HtmlFrame } from "../../shared/HtmlFrame";
import { messageHasError, previewRequest, type CampaignValues } from "./campaignForm";
import { useMessagePreview } from "./recruitmentApi";

/** The server's field errors of a preview (`message.subject`, `message.body`) by field. */
function previewErrors(error: unknown): Partial<Record<"subject" | "body", string>> {
  if (!(error instanceof ApiError)) return {};
  const found: Partial<Record<"subject" | "body", string>> = {};
  for (const e of error.problem.errors ?? []) {
    if (e.field === "message.subject") found.subject ??= e.message;
    if (e.field === "message.body") found.body ??= e.message;
  }
  return found;
}

interface LocaleMessageProps {
  programId: string;
  locale: Locale;
  form: UseFormReturnType<CampaignValues>;
  /** Whether this language's tab is the one shown. */
  shown: boolean;
  previewing: boolean;
  onPreviewing: (on: boolean) => void;
}

/** How long typing pauses before the preview follows the text. */
const PREVIEW_PAUSE_MS = 400;

type Preview = ReturnType<typeof useMessagePreview>;

function MessagePreview({ locale, request, settled, preview }: { locale: Locale; request: string | null; settled: string | null; preview: Preview }) {
  const { t } = useTranslation();
  if (request === null) {
    return (
      <Text size="sm" c="dimmed" data-testid={`preview-empty-${locale}`}>
        {t("recruitment.message.previewEmpty")}
      </Text>
    );
  }
  if (preview.isError) return Object.keys(previewErrors(preview.error)).length === 0 ? <ErrorAlert error={preview.error} /> : null;
  if (!preview.data) return <Loader size="sm" aria-label={t("common.loading")} />;
  // Until the text pauses and its preview arrives, the one shown belongs to older text: say so.
  const current = settled === request && !preview.isPlaceholderData;
  return (
    <Alert
      variant="light"
      color="gray"
      title={t("recruitment.message.previewTitle")}
      data-testid={`preview-${locale}`}
      aria-busy={!current}
      style={{ opacity: current ? 1 : 0.6 }}
    >
      <Stack gap="xs">
        <Text size="sm">
          {t("recruitment.message.subject")}: <b data-testid={`preview-subject-${locale}`}>{preview.data.subject}</b>
        </Text>
        <Text size="sm" style={{ whiteSpace: "pre-wrap" }} data-testid={`preview-text-${locale}`}>
          {preview.data.text}
        </Text>
        <HtmlFrame html={preview.data.html} title={t("recruitment.message.htmlTitle")} height={320} />
      </Stack>
    </Alert>
  );
}

function LocaleMessage({ programId, locale, form, shown, previewing, onPreviewing }: LocaleMessageProps) {
  const { t } = useTranslation();
  const request = previewRequest(form.getValues(), locale);
  const on = shown && previewing;
  const [settled] = useDebouncedValue(request, PREVIEW_PAUSE_MS);
  // Only text that has paused is sent: a half-typed variable is not worth a refusal.
  const preview = useMessagePreview(programId, on && settled === request ? settled : null);
  const errors = preview.isError ? previewErrors(preview.error) : {};
  const language = t(`language.names.${locale}`);
  const subject = form.getInputProps(`messages.${locale}.subject`);
  const body = form.getInputProps(`messages.${locale}.body`);
  return (
    <Stack gap="sm" pt="sm">
      <TextInput
        label={t("recruitment.message.subject")}
        aria-label={t("recruitment.message.subjectIn", { language })}
        {...subject}
        error={errors.subject ?? subject.error}
      />
      <Textarea
        label={t("recruitment.message.body")}
        aria-label={t("recruitment.message.bodyIn", { language })}
        autosize
        minRows={5}
        {...body}
        error={errors.body ?? body.error}
      />
      <Text size="xs" c="dimmed">
        {t("recruitment.message.variables")} <Code>{"{{ name }}"}</Code> <Code>{"{{ program }}"}</Code>{" "}
        <Code>{"{{ link }}"}</Code> <Code>{"{{ deadline }}"}</Code>
      </Text>
      <Group>
        <Button
          variant="default"
          leftSection={previewing ? <IconEyeOff size={16} /> : <IconEye size={16} />}
          aria-pressed={previewing}
          onClick={() => onPreviewing(!previewing)}
        >
          {previewing ? t("recruitment.message.hidePreview") : t("recruitment.message.preview")}
        </Button>
      </Group>
      {on && <MessagePreview locale={locale} request={request} settled={settled} preview={preview} />}
    </Stack>
  );
}

/** The promotion message per language, each with a preview rendered by the server. */
export function MessageEditor({ programId, form }: { programId: string; form: UseFormReturnType<CampaignValues> }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Locale>("en");
  // One switch for both languages: each tab previews its own message.
  const [previewing, setPreviewing] = useState(false);
  const error = form.errors.messages;
  return (
    <Stack gap={4}>
      <Text fw={500} size="sm">
        {t("recruitment.message.title")}
      </Text>
      <Text size="xs" c="dimmed">
        {t("recruitment.message.hint")}
      </Text>
      <Tabs value={tab} onChange={(value) => setTab(LOCALES.find((l) => l === value) ?? "en")}>
        <Tabs.List>
          {LOCALES.map((l) => {
            const invalid = messageHasError(form.errors, l);
            return (
              <Tabs.Tab
                key={l}
                value={l}
                color={invalid ? "red" : undefined}
                rightSection={invalid ? <IconAlertCircle size={14} color="var(--mantine-color-red-6)" aria-label={t("recruitment.message.hasError")} /> : undefined}
              >
                {t(`language.names.${l}`)}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
        {LOCALES.map((l) => (
          <Tabs.Panel key={l} value={l}>
            <LocaleMessage
              programId={programId}
              locale={l}
              form={form}
              shown={tab === l}
              previewing={previewing}
              onPreviewing={setPreviewing}
            />
          </Tabs.Panel>
        ))}
      </Tabs>
      {error && (
        <Text c="red" size="sm" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}
