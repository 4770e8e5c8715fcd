import { Grid, Progress, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ProgramKind, ScorePart } from "../../api/types";
import { formatNumber } from "../../i18n/format";
import { useLanguage } from "../../shared/useLanguage";
import { detailWords, partBars } from "./parts";
import { formatScore } from "./runs";
import { MAX_WEIGHT } from "./settings";

/** A pair's score criterion by criterion: a bar of value × weight each, and the facts behind the value. */
export function PartsBreakdown({ parts, kind }: { parts: readonly ScorePart[]; kind: ProgramKind }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Stack gap="xs" data-testid="breakdown">
      {partBars(parts).map((bar) => {
        const words = detailWords(bar.detail, kind, language);
        const name = t(`matching.criteria.${bar.criterion}`);
        const points = formatScore(bar.points, language);
        return (
          <Grid key={bar.criterion} gap="xs" align="center" data-testid={`part-${bar.criterion}`}>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <Text size="sm" fw={500}>
                {name}
              </Text>
              <Text size="xs" c="dimmed">
                {t(words.key, words.params)}
              </Text>
            </Grid.Col>
            <Grid.Col span={{ base: 8, sm: 5 }}>
              <Progress
                value={bar.percent}
                size="lg"
                aria-label={t("matching.breakdown.barLabel", { criterion: name, points, max: formatNumber(MAX_WEIGHT, language) })}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 4, sm: 3 }}>
              <Text size="sm" ta="right" data-testid="points">
                {t("matching.breakdown.points", {
                  points,
                  value: formatNumber(Math.round(bar.value * 100) / 100, language),
                  weight: formatNumber(bar.weight, language),
                })}
              </Text>
            </Grid.Col>
          </Grid>
        );
      })}
    </Stack>
  );
}
