import { Card, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ListState } from "../../shared/ListState";
import { usePrograms } from "../programs/programsApi";
import { usePersonNudges } from "./nudgesApi";
import { NudgeLogTable } from "./NudgesTab";

/** The nudges one person got, across programs, newest first (on the person's page). */
export function PersonNudges({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const nudges = usePersonNudges(personId);
  const programs = usePrograms(null);
  const names = new Map(programs.items.map((p) => [p.id, p.design.name] as const));
  return (
    <Card withBorder padding="lg" data-testid="person-nudges">
      <Title order={2} size="h4" mb="sm">
        {t("nudges.person.title")}
      </Title>
      <ListState query={nudges} isEmpty={(nudges.data ?? []).length === 0} emptyText={t("nudges.person.empty")}>
        <NudgeLogTable entries={nudges.data ?? []} withPerson={false} programNames={names} />
      </ListState>
    </Card>
  );
}
