import { useState } from "react";
import { Alert, Anchor, Button, Card, Checkbox, FileInput, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { IconFileTypeCsv } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiError } from "../../../api/problem";
import type { ImportPreview, ImportReport, PersonField } from "../../../api/types";
import { ErrorAlert } from "../../../shared/ErrorAlert";
import { PageHeader } from "../../../shared/PageHeader";
import { BackLink } from "../../../shared/PageParts";
import { useImportPeople, useImportPreview } from "../peopleApi";
import { EncodingPanel } from "./EncodingPanel";
import { toBase64 } from "./file";
import { GradeTable, LanguageTable } from "./GradeTable";
import { ImportReportView } from "./ImportReportView";
import { choose as chooseField, gradeLevels, importMapping, isMapped, missingFields, type Choices, type LevelEdits } from "./mapping";
import { MappingTable, SampleTable } from "./MappingTable";

interface LoadedFile {
  /** Names these bytes in the preview's cache, unique for the page's life. */
  id: number;
  base64: string;
}

let nextFileId = 0;

/**
 * Choose a CSV file as saved, see how the server reads it (encoding, columns, grades,
 * languages), adjust, check it with a dry run, then import.
 */
export function ImportPage() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [loaded, setLoaded] = useState<LoadedFile | null>(null);
  const [encoding, setEncoding] = useState<string | null>(null);
  // Kept when another file is chosen: a fixed file keeps the choices made for the first.
  const [choices, setChoices] = useState<Choices>({});
  const [levels, setLevels] = useState<LevelEdits>({});
  const [validOnly, setValidOnly] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const run = useImportPeople();
  const previewQuery = useImportPreview(
    loaded?.id ?? 0,
    loaded ? { file: loaded.base64, ...(encoding ? { encoding } : {}), mapping: choices } : null,
  );
  const preview = previewQuery.data;

  function changed() {
    setReport(null);
    run.reset();
  }

  async function openFile(next: File | null) {
    setFile(next);
    changed();
    setEncoding(null);
    if (!next) {
      setLoaded(null);
      return;
    }
    const base64 = toBase64(await next.arrayBuffer());
    nextFileId += 1;
    setLoaded({ id: nextFileId, base64 });
  }

  function send(dryRun: boolean) {
    if (!loaded || !preview) return;
    setReport(null);
    run.mutate(
      {
        file: loaded.base64,
        encoding: preview.encoding.used,
        mapping: importMapping(preview.columns, choices),
        grades: gradeLevels(preview.grades, levels),
        dry_run: dryRun,
        strict: !validOnly,
        remember: true,
      },
      { onSuccess: setReport },
    );
  }

  const missing = preview ? missingFields(preview.columns, choices) : [];
  const ready = preview !== undefined && !previewQuery.isFetching && missing.length === 0;
  const fieldNames = (fields: PersonField[]) => fields.map((f) => t(`people.fields.${f}`)).join(", ");

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
          onChange={(f) => void openFile(f)}
          maw={420}
        />
        {loaded && previewQuery.isPending && (
          <Group gap="xs" mt="sm">
            <Loader size="xs" />
            <Text size="sm">{t("people.import.reading")}</Text>
          </Group>
        )}
        {loaded && previewQuery.isError && (
          <Stack mt="sm" gap="xs" align="flex-start">
            <ErrorAlert error={previewQuery.error} extra={problemLines(previewQuery.error)} />
            {encoding && (
              <Button variant="default" size="xs" onClick={() => setEncoding(null)}>
                {t("people.import.encodingReset")}
              </Button>
            )}
          </Stack>
        )}
        {loaded && preview && (
          <EncodingPanel
            preview={preview}
            onChange={(next) => {
              changed();
              setEncoding(next);
            }}
          />
        )}
      </Card>

      {loaded && preview && (
        <>
          <Card withBorder padding="lg">
            <Title order={2} size="h4" mb={4}>
              {t("people.import.step2")}
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              {t("people.import.mappingHint")}
            </Text>
            <MappingTable
              columns={preview.columns}
              choices={choices}
              onChoose={(header, field) => {
                changed();
                setChoices((current) => chooseField(current, preview.columns, header, field));
              }}
            />
            {missing.length > 0 && (
              <Alert color="orange" mt="sm" data-testid="mapping-missing">
                {t("people.import.missing", { fields: fieldNames(missing) })}
              </Alert>
            )}
            <GradesAndLanguages
              preview={preview}
              choices={choices}
              levels={levels}
              onLevel={(grade, level) => {
                changed();
                setLevels((current) => ({ ...current, [grade]: level }));
              }}
            />
            <Title order={3} size="h5" mt="lg" mb="xs">
              {t("people.import.previewTitle")}
            </Title>
            <SampleTable headers={preview.columns.map((c) => c.header)} sample={preview.sample} />
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

/** The grade table and the languages, for the columns mapped to job level and preferred language. */
function GradesAndLanguages({
  preview,
  choices,
  levels,
  onLevel,
}: {
  preview: ImportPreview;
  choices: Choices;
  levels: LevelEdits;
  onLevel: (grade: string, level: number | string) => void;
}) {
  const { t } = useTranslation();
  const grades = isMapped(preview.columns, choices, "job_level") && preview.grades.length > 0;
  const languages = isMapped(preview.columns, choices, "preferred_locale") && preview.languages.length > 0;
  return (
    <>
      {grades && (
        <Stack gap="xs" mt="lg" data-testid="import-grades">
          <Title order={3} size="h5">
            {t("people.import.gradesTitle")}
          </Title>
          <Text size="sm" c="dimmed">
            {t("people.import.gradesHint")}
          </Text>
          <GradeTable grades={preview.grades} edits={levels} onChange={onLevel} />
        </Stack>
      )}
      {languages && (
        <Stack gap="xs" mt="lg" data-testid="import-languages">
          <Title order={3} size="h5">
            {t("people.import.languagesTitle")}
          </Title>
          <Text size="sm" c="dimmed">
            {t("people.import.languagesHint")}
          </Text>
          <LanguageTable languages={preview.languages} />
        </Stack>
      )}
    </>
  );
}

/** A refused file's field errors ("file", "encoding", "mapping") as lines under the detail. */
function problemLines(error: unknown): string[] {
  if (!(error instanceof ApiError)) return [];
  return (error.problem.errors ?? []).map((e) => e.message);
}
