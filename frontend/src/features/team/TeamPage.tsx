import { Card, Stack, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ListState } from "../../shared/ListState";
import { PageHeader } from "../../shared/PageHeader";
import { InvitationsTable } from "./InvitationsTable";
import { InviteForm } from "./InviteForm";
import { MembersTable } from "./MembersTable";
import { useInvitations, useMembers } from "./teamApi";

export function TeamPage() {
  const { t } = useTranslation();
  const members = useMembers();
  const invitations = useInvitations();
  return (
    <>
      <PageHeader title={t("team.title")} description={t("team.subtitle")} />
      <Stack gap="lg">
        <Card withBorder padding="lg">
          <Title order={2} size="h4" mb="md">
            {t("team.members")}
          </Title>
          <ListState query={members.query} isEmpty={members.items.length === 0} emptyText={t("team.noMembers")}>
            <MembersTable members={members.items} />
          </ListState>
        </Card>
        <Card withBorder padding="lg">
          <Title order={2} size="h4" mb="md">
            {t("team.inviteTitle")}
          </Title>
          <InviteForm />
          <Title order={3} size="h5" mt="xl" mb="sm">
            {t("team.pendingTitle")}
          </Title>
          <ListState
            query={invitations.query}
            isEmpty={invitations.items.length === 0}
            emptyText={t("team.noInvitations")}
          >
            <InvitationsTable invitations={invitations.items} />
          </ListState>
        </Card>
      </Stack>
    </>
  );
}
