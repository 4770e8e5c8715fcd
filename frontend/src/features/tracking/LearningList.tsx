import { Badge, Group, Paper, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatDate, formatList } from "../../i18n/format";
import { useLanguage } from "../../shared/useLanguage";
import type { LearningEntry } from "./types";

interface Props {
  entries: readonly LearningEntry[];
  nameOf: (personId: string) => string;
  emptyText: string;
}

/** What each member learned and taught, the latest first, with their notes. */
export function LearningList({ entries, nameOf, emptyText }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (entries.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="learning-empty">
        {emptyText}
      </Text>
    );
  }
  const latestFirst = [...entries].sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at));
  return (
    <Stack gap="xs" data-testid="learning">
      {latestFirst.map((e) => (
        <Paper key={e.id} withBorder p="sm" radius="md" data-testid="learning-entry" data-direction={e.direction}>
          <Group gap="xs" mb={4} wrap="wrap">
            <Badge color={e.direction === "learned" ? "indigo" : "grape"} variant="light">
              {t(`tracking.learning.${e.direction}`)}
            </Badge>
            <Text size="xs" c="dimmed">
              {formatDate(e.created_at, language)}
            </Text>
          </Group>
          <Text size="sm" style={{ overflowWrap: "anywhere" }} data-testid="learning-text">
            {t(e.direction === "learned" ? "tracking.learning.learnedText" : "tracking.learning.taughtText", {
              name: nameOf(e.author),
              topics: formatList(e.topics, language),
            })}
          </Text>
          {e.note && (
            <Text size="sm" c="dimmed" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
              {e.note}
            </Text>
          )}
        </Paper>
      ))}
    </Stack>
  );
}
