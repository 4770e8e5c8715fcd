import { Anchor, Badge, Button, Card, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { useFeatureStory } from "./launchApi";
import type { PublishedStory } from "./types";

/** Published stories (both members agreed); writers choose which to feature. */
export function StoriesCard({ stories, writer }: { stories: readonly PublishedStory[]; writer: boolean }) {
  const { t } = useTranslation();
  const feature = useFeatureStory();
  return (
    <Card withBorder padding="lg" data-testid="stories">
      <Title order={2} size="h4" mb="xs">
        {t("launch.stories.title")}
      </Title>
      {feature.isError && <ErrorAlert error={feature.error} />}
      {stories.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("launch.stories.empty")}
        </Text>
      ) : (
        <Stack gap="xs">
          {stories.map((s) => (
            <Paper key={s.pair_id} withBorder p="sm" radius="md" data-testid="published-story">
              <Group justify="space-between" gap="xs" align="flex-start">
                <Anchor component={Link} to={`/pairs/${s.pair_id}`} fw={600} size="sm" style={{ overflowWrap: "anywhere" }}>
                  {s.title}
                </Anchor>
                {s.featured && (
                  <Badge color="yellow" variant="light">
                    {t("tracking.story.featured")}
                  </Badge>
                )}
              </Group>
              <Text size="sm" c="dimmed" lineClamp={3} style={{ whiteSpace: "pre-wrap" }}>
                {s.body}
              </Text>
              {writer && (
                <Button
                  mt="xs"
                  size="compact-sm"
                  variant={s.featured ? "subtle" : "light"}
                  loading={feature.isPending && feature.variables.pairId === s.pair_id}
                  onClick={() => feature.mutate({ pairId: s.pair_id, featured: !s.featured })}
                >
                  {t(s.featured ? "launch.stories.unfeature" : "launch.stories.feature")}
                </Button>
              )}
            </Paper>
          ))}
        </Stack>
      )}
    </Card>
  );
}
