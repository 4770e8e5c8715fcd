import { Anchor, Card, Group, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ListState } from "../../shared/ListState";
import { usePrograms } from "../programs/programsApi";
import { StateBadge } from "../programs/StateBadge";

/** The tenant's programs, newest first, each with its state and next step. */
export function ProgramsCard() {
  const { t } = useTranslation();
  const programs = usePrograms(null);
  const shown = programs.items.slice(0, 5);
  return (
    <Card withBorder padding="lg" data-testid="home-programs">
      <Group justify="space-between" mb="md">
        <Title order={2} size="h4">
          {t("home.programs.title")}
        </Title>
        <Anchor component={Link} to="/programs" size="sm">
          {t("home.programs.all")}
        </Anchor>
      </Group>
      <ListState query={programs.query} isEmpty={shown.length === 0} emptyText={t("home.programs.empty")}>
        <Stack gap="sm">
          {shown.map((p) => (
            <Stack key={p.id} gap={4}>
              <Anchor component={Link} to={`/programs/${p.id}`} size="sm" fw={500}>
                {p.design.name}
              </Anchor>
              <Group gap="xs">
                <StateBadge state={p.state} />
                <Text size="xs" c="dimmed">
                  {p.next_states.length > 0
                    ? t("home.programs.next", { states: p.next_states.map((s) => t(`programs.states.${s}`)).join(" / ") })
                    : "—"}
                </Text>
              </Group>
            </Stack>
          ))}
        </Stack>
      </ListState>
    </Card>
  );
}
