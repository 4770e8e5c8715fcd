import { useState } from "react";
import { Alert, Badge, Button, Card, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconInfoCircle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { PairMember, PairView, ProgramKind } from "../../api/types";
import { formatDate } from "../../i18n/format";
import { ListState } from "../../shared/ListState";
import { useLanguage } from "../../shared/useLanguage";
import type { usePairs } from "./matchingApi";
import { formatScore } from "./runs";
import { sideNames } from "./sides";
import { WithdrawDialog } from "./WithdrawDialog";

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

interface Props {
  pairs: ReturnType<typeof usePairs>;
  kind: ProgramKind;
  programId: string;
  /** May end a pair. */
  writer: boolean;
}

/**
 * The program's published pairs: no longer blind, so each member is named with their department
 * and title. Writers may end an active pair (one member leaves, or both); a withdrawn pair stays
 * listed with the day it ended.
 */
export function PairsCard({ pairs, kind, programId, writer }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const sides = sideNames(kind);
  const [ending, setEnding] = useState<PairView | null>(null);
  const anyWithdrawn = pairs.items.some((p) => p.state === "withdrawn");
  return (
    <Card withBorder padding="lg" data-testid="pairs">
      <Title order={2} size="h4">
        {t("matching.pairs.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("matching.pairs.intro")}
      </Text>
      {anyWithdrawn && (
        <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />} mb="sm" data-testid="rematch-hint">
          {t("matching.withdraw.rematchHint")}
        </Alert>
      )}
      <ListState query={pairs.query} isEmpty={pairs.items.length === 0} emptyText={t("matching.pairs.empty")}>
        <Stack gap="xs">
          {pairs.items.map((pair) => (
            <Paper key={pair.id} withBorder p="sm" radius="md" data-testid="pair" data-state={pair.state}>
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
                    <Badge color="gray" variant="outline" data-testid="pair-withdrawn">
                      {pair.ended_at ? t("matching.pairs.withdrawnOn", { when: formatDate(pair.ended_at, language) }) : t("matching.pairs.withdrawn")}
                    </Badge>
                  )}
                  {writer && pair.state === "active" && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      aria-label={t("matching.withdraw.open", { first: pair.mentor.name, second: pair.mentee.name })}
                      onClick={() => setEnding(pair)}
                    >
                      {t("matching.withdraw.action")}
                    </Button>
                  )}
                </Stack>
              </Group>
            </Paper>
          ))}
        </Stack>
      </ListState>
      {ending && <WithdrawDialog key={ending.id} pair={ending} kind={kind} programId={programId} opened onClose={() => setEnding(null)} />}
    </Card>
  );
}
