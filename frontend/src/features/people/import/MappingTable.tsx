import { Select, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { PERSON_FIELDS } from "../../../api/types";
import type { ColumnMapping, ColumnTarget } from "./mapping";

const IGNORE = "__ignore";

/** One select per column of the file: the person field it fills, or "ignore". */
export function MappingTable({
  headers,
  rows,
  mapping,
  onChange,
}: {
  headers: string[];
  rows: string[][];
  mapping: ColumnMapping;
  onChange: (next: ColumnMapping) => void;
}) {
  const { t } = useTranslation();
  const options = [
    { value: IGNORE, label: t("people.import.ignore") },
    ...PERSON_FIELDS.map((f) => ({ value: f, label: t(`people.fields.${f}`) })),
  ];
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("people.import.column")}</Table.Th>
            <Table.Th>{t("people.import.field")}</Table.Th>
            <Table.Th>{t("people.import.sample")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {headers.map((header, i) => (
            <Table.Tr key={header} data-testid={`mapping-${header}`}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {header}
                </Text>
              </Table.Td>
              <Table.Td>
                <Select
                  size="xs"
                  w={220}
                  allowDeselect={false}
                  searchable
                  aria-label={t("people.import.fieldFor", { column: header })}
                  data={options}
                  value={mapping[header] || IGNORE}
                  onChange={(value) => {
                    const target = PERSON_FIELDS.find((f) => f === value);
                    const next: ColumnTarget = target ?? "";
                    onChange({ ...mapping, [header]: next });
                  }}
                />
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed" lineClamp={1}>
                  {rows[0]?.[i] ?? ""}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The file's first rows as they will be read. */
export function PreviewTable({ headers, rows }: { headers: string[]; rows: string[][] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped withTableBorder fz="xs" aria-label={t("people.import.previewTitle")}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("people.import.line")}</Table.Th>
            {headers.map((h) => (
              <Table.Th key={h}>{h}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, r) => (
            <Table.Tr key={r}>
              <Table.Td>{r + 2}</Table.Td>
              {headers.map((h, c) => (
                <Table.Td key={h}>{row[c] ?? ""}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
