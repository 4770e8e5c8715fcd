import { Badge, Group, Select, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { PERSON_FIELDS, type ColumnView, type PersonField, type SampleRow } from "../../../api/types";
import { confidenceOf, fieldOf, type Choices, type ColumnConfidence } from "./mapping";

const IGNORE = "__ignore";

const CONFIDENCE_COLORS: Record<ColumnConfidence, string> = {
  saved: "teal",
  chosen: "blue",
  exact: "gray",
  likely: "yellow",
};

function ConfidenceBadge({ confidence }: { confidence: ColumnConfidence | null }) {
  const { t } = useTranslation();
  if (!confidence) return null;
  return (
    <Badge
      size="sm"
      variant={confidence === "likely" ? "filled" : "light"}
      autoContrast
      color={CONFIDENCE_COLORS[confidence]}
      tt="none"
    >
      {t(`people.import.confidence.${confidence}`)}
    </Badge>
  );
}

/** One row per column of the file: the field it fills (or "ignore"), how sure that is, its values. */
export function MappingTable({
  columns,
  choices,
  onChoose,
}: {
  columns: readonly ColumnView[];
  choices: Choices;
  onChoose: (header: string, field: PersonField | null) => void;
}) {
  const { t } = useTranslation();
  const options = [
    { value: IGNORE, label: t("people.import.ignore") },
    ...PERSON_FIELDS.map((f) => ({ value: f, label: t(`people.fields.${f}`) })),
  ];
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("people.import.column")}</Table.Th>
            <Table.Th>{t("people.import.field")}</Table.Th>
            <Table.Th w={170}>{t("people.import.confidenceTitle")}</Table.Th>
            <Table.Th>{t("people.import.examples")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {columns.map((column, i) => (
            <Table.Tr key={`${i}-${column.header}`} data-testid={`mapping-${column.header}`}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {column.header}
                </Text>
              </Table.Td>
              <Table.Td>
                <Select
                  size="xs"
                  w={220}
                  allowDeselect={false}
                  searchable
                  aria-label={t("people.import.fieldFor", { column: column.header })}
                  data={options}
                  value={fieldOf(column, choices) ?? IGNORE}
                  onChange={(value) => onChoose(column.header, PERSON_FIELDS.find((f) => f === value) ?? null)}
                />
              </Table.Td>
              <Table.Td data-testid={`confidence-${column.header}`}>
                <ConfidenceBadge confidence={confidenceOf(column, choices)} />
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="wrap">
                  {column.examples.map((example) => (
                    <Badge key={example} size="md" variant="default" tt="none" fw={400}>
                      {example}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The file's first rows as the server read them, numbered by their line in the file. */
export function SampleTable({ headers, sample }: { headers: readonly string[]; sample: readonly SampleRow[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped withTableBorder fz="xs" aria-label={t("people.import.previewTitle")}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("people.import.line")}</Table.Th>
            {headers.map((h, i) => (
              <Table.Th key={`${i}-${h}`}>{h}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sample.map((row) => (
            <Table.Tr key={row.line} data-testid={`sample-${row.line}`}>
              <Table.Td>{row.line}</Table.Td>
              {headers.map((h, c) => (
                <Table.Td key={`${c}-${h}`}>{row.cells[c] ?? ""}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
