import { Badge, NumberInput, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { GradeSource, GradeView, LanguageView } from "../../../api/types";
import { formatNumber } from "../../../i18n/format";
import { useLanguage } from "../../../shared/useLanguage";
import { levelOf, type LevelEdits } from "./mapping";

const SOURCE_COLORS: Record<GradeSource | "chosen", string> = { suggested: "yellow", saved: "teal", number: "gray", chosen: "blue" };

/** Where a grade's level comes from; "chosen" once a level is typed. */
function SourceBadge({ source }: { source: GradeSource | "chosen" }) {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant={source === "suggested" ? "filled" : "light"} autoContrast color={SOURCE_COLORS[source]} tt="none">
      {source === "chosen" ? t("people.import.confidence.chosen") : t(`people.import.gradeSource.${source}`)}
    </Badge>
  );
}

/**
 * The grades of the job-level column with the level each will have: named grades (M3, J1 …) get
 * a box prefilled from the saved table or a suggestion; whole numbers are levels already.
 */
export function GradeTable({
  grades,
  edits,
  onChange,
}: {
  grades: readonly GradeView[];
  edits: LevelEdits;
  onChange: (grade: string, level: number | string) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  // Junior first, as the levels stand in the preview, so that the order is easy to check.
  const named = grades.filter((g) => g.source !== "number").sort((a, b) => a.level - b.level);
  const numbers = grades.filter((g) => g.source === "number").sort((a, b) => a.level - b.level);
  return (
    <>
      {named.length > 0 && (
        <Table.ScrollContainer minWidth={480}>
          <Table aria-label={t("people.import.gradesTitle")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("people.import.grade")}</Table.Th>
                <Table.Th>{t("people.import.gradeRows")}</Table.Th>
                <Table.Th>{t("people.import.level")}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {named.map((grade) => (
                <Table.Tr key={grade.value} data-testid={`grade-${grade.value}`}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {grade.value}
                    </Text>
                  </Table.Td>
                  <Table.Td>{formatNumber(grade.rows, language)}</Table.Td>
                  <Table.Td>
                    <NumberInput
                      size="xs"
                      w={90}
                      min={1}
                      max={20}
                      allowDecimal={false}
                      allowNegative={false}
                      aria-label={t("people.import.levelFor", { grade: grade.value })}
                      value={levelOf(grade, edits)}
                      onChange={(value) => onChange(grade.value, value)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <SourceBadge source={grade.value in edits ? "chosen" : grade.source} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {numbers.length > 0 && (
        <Text size="sm" mt="xs" data-testid="grade-numbers">
          <SourceBadge source="number" />{" "}
          {t("people.import.gradeNumbers", { grades: numbers.map((g) => g.value).join(", ") })}
        </Text>
      )}
    </>
  );
}

/** Each value of the preferred-language column and the language it will be read as. */
export function LanguageTable({ languages }: { languages: readonly LanguageView[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table aria-label={t("people.import.languagesTitle")}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("people.import.languageValue")}</Table.Th>
            <Table.Th>{t("people.import.gradeRows")}</Table.Th>
            <Table.Th>{t("people.import.readAs")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {languages.map((l) => (
            <Table.Tr key={l.value} data-testid={`language-${l.value}`}>
              <Table.Td>{l.value}</Table.Td>
              <Table.Td>{formatNumber(l.rows, language)}</Table.Td>
              <Table.Td>
                {l.locale ? (
                  t(`language.names.${l.locale}`)
                ) : (
                  <Text size="sm" c="orange.8">
                    {t("people.import.notSpoken")}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
