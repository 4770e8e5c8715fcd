import { Badge, Card, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { UseQueryResult } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { ProgramKind, UnmatchedView } from "../../api/types";
import { ListState } from "../../shared/ListState";
import { BlindPerson } from "./BlindPerson";
import type { Revealed } from "./reveal";
import { sideOf } from "./sides";

/** Everyone the run left without a pair, with the reason in words. */
export function UnmatchedCard({
  unmatched,
  kind,
  revealed,
}: {
  unmatched: UseQueryResult<UnmatchedView[]>;
  kind: ProgramKind;
  revealed: Revealed | null;
}) {
  const { t } = useTranslation();
  const items = unmatched.data ?? [];
  return (
    <Card withBorder padding="lg" data-testid="unmatched">
      <Title order={3} size="h4" mb="md">
        {t("matching.unmatched.title")}
      </Title>
      <ListState query={unmatched} isEmpty={items.length === 0} emptyText={t("matching.unmatched.empty")}>
        <Stack gap="sm">
          {items.map((u) => (
            <Paper key={u.person.pseudonym} withBorder p="sm" radius="md" data-testid={`unmatched-${u.person.pseudonym}`}>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <BlindPerson person={u.person} side={t(`matching.sides.${sideOf(u.person.role, kind)}`)} revealed={revealed} />
                <div>
                  <Badge variant="light" color="orange" mb={4}>
                    {t(`matching.leftOut.${u.reason.code}`)}
                  </Badge>
                  <Text size="sm" data-testid="why">
                    {u.explanation}
                  </Text>
                </div>
              </SimpleGrid>
            </Paper>
          ))}
        </Stack>
      </ListState>
    </Card>
  );
}
