import { Badge, Button, Code, Group, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { TemplateSources, TemplateView } from "../../api/types";
import { ConfirmButton } from "../../shared/ConfirmButton";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { useProblemForm } from "../../shared/useProblemForm";
import { usePreviewTemplate, useResetTemplate, useSaveTemplate } from "./emailApi";
import { TemplateName } from "./TemplateName";
import { TemplatePreview } from "./TemplatePreview";
import { variableList } from "./templates";

/** Subject, HTML and text of one template in one language: preview unsaved changes, save, or go back to the built-in. */
export function TemplateEditor({ view }: { view: TemplateView }) {
  const { t } = useTranslation();
  const target = { template: view.template, locale: view.locale };
  const form = useForm<TemplateSources>({
    initialValues: { subject: view.subject, html: view.html, text: view.text },
  });
  const { failure, showError, clearFailure } = useProblemForm(form);
  const save = useSaveTemplate();
  const reset = useResetTemplate();
  const preview = usePreviewTemplate();
  const variables = variableList(view.variables);
  const language = t(`language.names.${view.locale}`);

  function runPreview() {
    clearFailure();
    form.clearErrors();
    preview.mutate({ target, sources: form.getValues() }, { onError: showError });
  }

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Title order={2} size="h4">
          <TemplateName name={view.template} /> · {language}
        </Title>
        <Badge color={view.overridden ? "grape" : "gray"} variant="light" data-testid="template-state">
          {view.overridden ? t("email.overridden") : t("email.builtIn")}
        </Badge>
      </Group>
      {variables.length > 0 && (
        <Text size="sm" c="dimmed" component="div">
          {t("email.variablesHint")}{" "}
          {variables.map((v) => (
            <Code key={v.name} mr={6} title={t("email.sample", { value: v.sample })}>
              {`{{ ${v.name} }}`}
            </Code>
          ))}
        </Text>
      )}
      <form
        noValidate
        aria-label={t("email.editorLabel", { template: view.template, language })}
        onSubmit={form.onSubmit((values) => {
          clearFailure();
          save.mutate(
            { target, sources: values },
            {
              onSuccess: () => {
                form.resetDirty();
                notifications.show({ color: "teal", message: t("email.saved") });
              },
              onError: showError,
            },
          );
        })}
      >
        <Stack gap="sm">
          {failure && <ErrorAlert error={failure.error} extra={failure.unmatched} />}
          <TextInput label={t("email.subject")} required {...form.getInputProps("subject")} />
          <Textarea
            label={t("email.html")}
            required
            autosize
            minRows={6}
            maxRows={18}
            styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)", fontSize: 13 } }}
            {...form.getInputProps("html")}
          />
          <Textarea
            label={t("email.text")}
            required
            autosize
            minRows={5}
            maxRows={16}
            styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)", fontSize: 13 } }}
            {...form.getInputProps("text")}
          />
          <Group justify="space-between" wrap="wrap">
            <Group gap="sm">
              <Button variant="default" loading={preview.isPending} onClick={runPreview}>
                {t("email.preview")}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {t("email.save")}
              </Button>
            </Group>
            {view.overridden && (
              <ConfirmButton
                label={t("email.reset")}
                title={t("email.resetTitle")}
                message={t("email.resetBody", { language })}
                confirmLabel={t("email.reset")}
                size="sm"
                onConfirm={() => reset.mutateAsync(target)}
              />
            )}
          </Group>
        </Stack>
      </form>
      {preview.data && !preview.isPending && <TemplatePreview preview={preview.data} />}
    </Stack>
  );
}
