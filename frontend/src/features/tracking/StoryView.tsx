import { Badge, Group, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Story } from "./types";

/** A pair's story as written, with whether it is published and featured. */
export function StoryView({ story }: { story: Story }) {
  const { t } = useTranslation();
  return (
    <Stack gap={6} data-testid="story">
      <Group gap="xs" wrap="wrap">
        <Title order={3} size="h5" style={{ overflowWrap: "anywhere" }} data-testid="story-title">
          {story.title}
        </Title>
        {story.published && (
          <Badge color="teal" variant="light" data-testid="story-published">
            {t("tracking.story.published")}
          </Badge>
        )}
        {story.featured && (
          <Badge color="yellow" variant="light" data-testid="story-featured">
            {t("tracking.story.featured")}
          </Badge>
        )}
      </Group>
      <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
        {story.body}
      </Text>
    </Stack>
  );
}
