import { Alert, Group, Select, Stack, Text } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { ImportPreview } from "../../../api/types";

/** How the file was read, and the encoding to read it in instead. */
export function EncodingPanel({ preview, onChange }: { preview: ImportPreview; onChange: (encoding: string) => void }) {
  const { t } = useTranslation();
  const { used, detected, certain, unreadable_rows: unreadable } = preview.encoding;
  const chosen = used !== detected;
  return (
    <Stack gap="xs" mt="md" data-testid="import-encoding">
      <Group gap="md" align="flex-end">
        <Select
          label={t("people.import.encoding")}
          data={preview.encodings}
          value={used}
          allowDeselect={false}
          w={200}
          onChange={(value) => value && onChange(value)}
        />
        <Text size="sm" data-testid="encoding-used" pb={6}>
          {chosen
            ? t("people.import.encodingChosen", { encoding: used, detected })
            : t("people.import.encodingDetected", { encoding: used })}
        </Text>
      </Group>
      {!certain && !chosen && (
        <Text size="sm" c="dimmed">
          {t("people.import.encodingGuess")}
        </Text>
      )}
      {unreadable > 0 && (
        <Alert color="orange" icon={<IconAlertTriangle size={18} />} data-testid="encoding-unreadable">
          {t("people.import.unreadable", { count: unreadable, encoding: used })}
        </Alert>
      )}
      <Text size="sm" c="dimmed">
        {t("people.import.rowsInFile", { rows: preview.rows })}
      </Text>
    </Stack>
  );
}
