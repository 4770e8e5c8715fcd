import { useState } from "react";
import { Button, Card, Group, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconFileExport } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { ProgramView } from "../../api/types";
import { saveFile } from "../../shared/download";
import { describeError } from "../../shared/errors";
import { EXPORT_TABLES, exportFileName, type ExportTable } from "./results";
import { exportTable } from "./resultsApi";

/** One button per table: each downloads the table as CSV with the session's token. */
export function ExportsCard({ program }: { program: ProgramView }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<ExportTable | null>(null);
  async function download(table: ExportTable) {
    setBusy(table);
    try {
      saveFile(await exportTable(program.id, table), exportFileName(program.design.name, table));
    } catch (error) {
      const { title, detail } = describeError(error, t);
      notifications.show({ color: "red", title: t("results.exports.failed"), message: `${title}. ${detail}`.trim() });
    } finally {
      setBusy(null);
    }
  }
  return (
    <Card withBorder padding="lg" data-testid="results-exports">
      <Title order={2} size="h4" mb="xs">
        {t("results.exports.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("results.exports.intro")}
      </Text>
      <Group gap="xs">
        {EXPORT_TABLES.map((table) => (
          <Button
            key={table}
            size="xs"
            variant="default"
            leftSection={<IconFileExport size={14} aria-hidden />}
            loading={busy === table}
            disabled={busy !== null && busy !== table}
            onClick={() => void download(table)}
            data-testid={`export-${table}`}
          >
            {t(`results.exports.tables.${table}`)}
          </Button>
        ))}
      </Group>
    </Card>
  );
}
