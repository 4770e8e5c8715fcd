import { Card, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { PreviewView } from "../../api/types";
import { HtmlFrame } from "../../shared/HtmlFrame";
import { LinkedText } from "../../shared/LinkedText";

/** A template rendered with sample data, as the server would send it. */
export function TemplatePreview({ preview }: { preview: PreviewView }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md" bg="gray.0" aria-label={t("email.previewTitle")} component="section">
      <Title order={3} size="h5" mb="sm">
        {t("email.previewTitle")}
      </Title>
      <Stack gap="sm">
        <Text size="sm">
          <Text span c="dimmed" size="sm">
            {t("email.subject")}:
          </Text>{" "}
          <Text span fw={600} size="sm" data-testid="preview-subject">
            {preview.subject}
          </Text>
        </Text>
        <HtmlFrame html={preview.html} title={t("email.previewHtml")} height={360} />
        <Card withBorder padding="sm">
          <LinkedText text={preview.text} testId="preview-text" />
        </Card>
      </Stack>
    </Card>
  );
}
