import { Badge, Card, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { PairMember, ProgramKind } from "../../api/types";
import { ListState } from "../../shared/ListState";
import { useLanguage } from "../../shared/useLanguage";
import type { usePairs } from "./matchingApi";
import { formatScore } from "./runs";
import { sideNames } from "./sides";

function Member({ member, side }: { member: PairMember; side: string }) {
  const job = [member.department, member.title].filter((f): f is string => Boolean(f));
  return (
    <Stack gap={0} data-testid="pair-member">
      <Text size="xs" c="dimmed" fw={500}>
        {side}
      </Text>
      <Text fw={600} data-testid="pair-name">
        {member.name}
      </Text>
      {job.length > 0 && (
        <Text size="sm" c="dimmed" data-testid="pair-job">
          {job.join(" · ")}
        </Text>
      )}
    </Stack>
  );
}

/** The program's published pairs: no longer blind, so each member is named with their department and title. */
export function PairsCard({ pairs, kind }: { pairs: ReturnType<typeof usePairs>; kind: ProgramKind }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const sides = sideNames(kind);
  return (
    <Card withBorder padding="lg" data-testid="pairs">
      <Title order={2} size="h4">
        {t("matching.pairs.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("matching.pairs.intro")}
      </Text>
      <ListState query={pairs.query} isEmpty={pairs.items.length === 0} emptyText={t("matching.pairs.empty")}>
        <Stack gap="xs">
          {pairs.items.map((pair) => (
            <Paper key={pair.id} withBorder p="sm" radius="md" data-testid="pair">
              <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
                <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" style={{ flex: 1 }}>
                  <Member member={pair.mentor} side={t(`matching.sides.${sides.first}`)} />
                  <Member member={pair.mentee} side={t(`matching.sides.${sides.second}`)} />
                </SimpleGrid>
                <Stack gap={4} align="flex-end">
                  <Badge variant="light" data-testid="pair-score">
                    {t("matching.pairs.score", { score: formatScore(pair.score, language) })}
                  </Badge>
                  {pair.state === "withdrawn" && (
                    <Badge color="gray" variant="outline">
                      {t("matching.pairs.withdrawn")}
                    </Badge>
                  )}
                </Stack>
              </Group>
            </Paper>
          ))}
        </Stack>
      </ListState>
    </Card>
  );
}
