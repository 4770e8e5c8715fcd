import { useState } from "react";
import { Alert, Anchor, Button, Card, Checkbox, FileInput, Group, Stack, Text, Title } from "@mantine/core";
import { IconFileTypeCsv } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiError } from "../../../api/problem";
import type { ImportReport } from "../../../api/types";
import { ErrorAlert } from "../../../shared/ErrorAlert";
import { PageHeader } from "../../../shared/PageHeader";
import { useImportPeople } from "../peopleApi";
import { previewCsv, type CsvPreview } from "./csv";
import { ImportReportView } from "./ImportReportView";
import { autoMap, duplicateFields, missingFields, requestMapping, type ColumnMapping } from "./mapping";
import { MappingTable, PreviewTable } from "./MappingTable";
import { BackLink } from "../../../shared/PageParts";

interface LoadedFile {
  name: string;
  text: string;
  preview: CsvPreview;
}

/** Choose a CSV file, map its columns, check it with a dry run, then import. */
export function ImportPage() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [loaded, setLoaded] = useState<LoadedFile | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [validOnly, setValidOnly] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const run = useImportPeople();

  async function choose(next: File | null) {
    setFile(next);
    setReport(null);
    run.reset();
    if (!next) {
      setLoaded(null);
      return;
    }
    const text = await next.text();
    const preview = previewCsv(text);
    setLoaded({ name: next.name, text, preview });
    setMapping((previous) => autoMap(preview.headers, previous));
  }

  function send(dryRun: boolean) {
    if (!loaded) return;
    setReport(null);
    run.mutate(
      { csv: loaded.text, mapping: requestMapping(mapping), dry_run: dryRun, strict: !validOnly },
      { onSuccess: setReport },
    );
  }

  const missing = missingFields(mapping);
  const doubled = duplicateFields(mapping);
  const ready = loaded !== null && loaded.preview.headers.length > 0 && missing.length === 0 && doubled.length === 0;
  const fieldNames = (fields: string[]) => fields.map((f) => t(`people.fields.${f}` as "people.fields.name")).join(", ");

  return (
    <Stack gap="md">
      <BackLink to="/people" label={t("people.back")} />
      <PageHeader title={t("people.import.title")} description={t("people.import.subtitle")} />
      <Card withBorder padding="lg">
        <Title order={2} size="h4" mb="sm">
          {t("people.import.step1")}
        </Title>
        <FileInput
          label={t("people.import.file")}
          description={t("people.import.fileHint")}
          accept=".csv,text/csv"
          clearable
          leftSection={<IconFileTypeCsv size={16} aria-hidden />}
          value={file}
          onChange={(f) => void choose(f)}
          maw={420}
        />
        {loaded && loaded.preview.headers.length === 0 && (
          <Alert color="orange" mt="sm">
            {t("people.import.emptyFile")}
          </Alert>
        )}
      </Card>

      {loaded && loaded.preview.headers.length > 0 && (
        <>
          <Card withBorder padding="lg">
            <Title order={2} size="h4" mb={4}>
              {t("people.import.step2")}
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              {t("people.import.mappingHint")}
            </Text>
            <MappingTable
              headers={loaded.preview.headers}
              rows={loaded.preview.rows}
              mapping={mapping}
              onChange={(next) => {
                setMapping(next);
                setReport(null);
              }}
            />
            {missing.length > 0 && (
              <Alert color="orange" mt="sm" data-testid="mapping-missing">
                {t("people.import.missing", { fields: fieldNames(missing) })}
              </Alert>
            )}
            {doubled.length > 0 && (
              <Alert color="orange" mt="sm">
                {t("people.import.doubled", { fields: fieldNames(doubled) })}
              </Alert>
            )}
            <Title order={3} size="h5" mt="lg" mb="xs">
              {t("people.import.previewTitle")}
            </Title>
            <PreviewTable headers={loaded.preview.headers} rows={loaded.preview.rows} />
          </Card>

          <Card withBorder padding="lg">
            <Title order={2} size="h4" mb="sm">
              {t("people.import.step3")}
            </Title>
            <Stack gap="sm">
              <Checkbox
                label={t("people.import.validOnly")}
                description={t("people.import.validOnlyHint")}
                checked={validOnly}
                onChange={(e) => setValidOnly(e.currentTarget.checked)}
              />
              <Group gap="sm">
                <Button variant="default" disabled={!ready} loading={run.isPending && run.variables?.dry_run === true} onClick={() => send(true)}>
                  {t("people.import.dryRun")}
                </Button>
                <Button disabled={!ready} loading={run.isPending && run.variables?.dry_run === false} onClick={() => send(false)}>
                  {t("people.import.run")}
                </Button>
              </Group>
              {run.isError && <ErrorAlert error={run.error} extra={problemLines(run.error)} />}
              {report && <ImportReportView report={report} />}
              {report?.written && (
                <Anchor component={Link} to="/people" size="sm">
                  {t("people.import.toDirectory")}
                </Anchor>
              )}
            </Stack>
          </Card>
        </>
      )}
    </Stack>
  );
}

/** A refused file's field errors ("csv", "mapping") as lines under the detail. */
function problemLines(error: unknown): string[] {
  if (!(error instanceof ApiError)) return [];
  return (error.problem.errors ?? []).map((e) => e.message);
}
