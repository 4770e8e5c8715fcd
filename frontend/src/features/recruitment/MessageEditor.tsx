import { Alert, Button, Code, Group, Stack, Tabs, Text, TextInput, Textarea } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { IconAlertCircle, IconEye } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/problem";
import { LOCALES, type Locale } from "../../api/types";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { HtmlFrame } from "../../shared/HtmlFrame";
import { localToIso, messageHasError, type CampaignValues } from "./campaignForm";
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

function LocaleMessage({ programId, locale, form }: { programId: string; locale: Locale; form: UseFormReturnType<CampaignValues> }) {
  const { t } = useTranslation();
  const preview = useMessagePreview(programId);
  const errors = preview.isError ? previewErrors(preview.error) : {};
  const unmatched = preview.isError && Object.keys(errors).length === 0;
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
          leftSection={<IconEye size={16} />}
          loading={preview.isPending}
          onClick={() => {
            const values = form.getValues();
            preview.mutate({ locale, message: values.messages[locale], deadline: localToIso(values.deadline) });
          }}
        >
          {t("recruitment.message.preview")}
        </Button>
      </Group>
      {unmatched && <ErrorAlert error={preview.error} />}
      {preview.isSuccess && (
        <Alert variant="light" color="gray" title={t("recruitment.message.previewTitle")} data-testid={`preview-${locale}`}>
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
      )}
    </Stack>
  );
}

/** The promotion message per language, each with a preview rendered by the server. */
export function MessageEditor({ programId, form }: { programId: string; form: UseFormReturnType<CampaignValues> }) {
  const { t } = useTranslation();
  const error = form.errors.messages;
  return (
    <Stack gap={4}>
      <Text fw={500} size="sm">
        {t("recruitment.message.title")}
      </Text>
      <Text size="xs" c="dimmed">
        {t("recruitment.message.hint")}
      </Text>
      <Tabs defaultValue="en">
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
            <LocaleMessage programId={programId} locale={l} form={form} />
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
