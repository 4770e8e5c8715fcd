import { Card } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ListState } from "../../shared/ListState";
import { PageHeader } from "../../shared/PageHeader";
import { useMembers } from "../team/teamApi";
import { useAuditEvents } from "./auditApi";
import { AuditTable } from "./AuditTable";

export function AuditLogPage() {
  const { t } = useTranslation();
  const events = useAuditEvents();
  // Names for the "who" column; ids are shown for people beyond the first page or gone.
  const members = useMembers();
  return (
    <>
      <PageHeader title={t("audit.title")} description={t("audit.subtitle")} />
      <Card withBorder padding="lg">
        <ListState query={events.query} isEmpty={events.items.length === 0} emptyText={t("audit.empty")}>
          <AuditTable events={events.items} members={members.items} />
        </ListState>
      </Card>
    </>
  );
}
