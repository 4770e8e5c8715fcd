import { Group, Progress, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../i18n/format";
import { useLanguage } from "../../shared/useLanguage";
import { formatIndex, indexLevel } from "./reciprocity";
import type { Reciprocity } from "./types";

interface Props {
  reciprocity: Reciprocity;
  /** How the two sides are called: "Aoi (mentor)", or "You". */
  mentorName: string;
  menteeName: string;
}

/** A pair's reciprocity index as a number, a bar and a word, the counts behind it and the server's explanation. */
export function ReciprocityView({ reciprocity, mentorName, menteeName }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const shown = formatIndex(reciprocity.index, language);
  const level = indexLevel(reciprocity.index);
  return (
    <Stack gap="xs" data-testid="reciprocity">
      <Group gap="sm" align="baseline">
        <Text size="xl" fw={700} data-testid="reciprocity-index">
          {shown ?? "—"}
        </Text>
        <Text size="sm" c="dimmed" data-testid="reciprocity-level">
          {t(`tracking.reciprocity.levels.${level}`)}
        </Text>
      </Group>
      {reciprocity.index !== null && reciprocity.index !== undefined && (
        <Progress value={Math.round(reciprocity.index * 100)} color="indigo" aria-label={t("tracking.reciprocity.index")} />
      )}
      <Text size="sm">
        {t("tracking.reciprocity.counts", {
          mentor: mentorName,
          mentee: menteeName,
          byMentor: formatNumber(reciprocity.learned_by_mentor, language),
          byMentee: formatNumber(reciprocity.learned_by_mentee, language),
        })}
      </Text>
      {reciprocity.explanation && (
        <Text size="sm" c="dimmed" data-testid="reciprocity-explanation">
          {reciprocity.explanation}
        </Text>
      )}
    </Stack>
  );
}
