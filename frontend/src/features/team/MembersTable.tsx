import { Select, Table, Text, VisuallyHidden } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { MemberView, Role } from "../../api/types";
import { useConsoleUser } from "../../app/AppLayout";
import { formatDate } from "../../i18n/format";
import { ConfirmButton } from "../../shared/ConfirmButton";
import { describeError } from "../../shared/errors";
import { RoleBadge } from "../../shared/RoleBadge";
import { RoleDescription } from "../../shared/RoleDescription";
import { useLanguage } from "../../shared/useLanguage";
import { assignableRoles, canChangeRole, canRemove } from "../auth/permissions";
import { useChangeRole, useRemoveMember } from "./teamApi";

export function MembersTable({ members }: { members: MemberView[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const me = useConsoleUser();
  const changeRole = useChangeRole();
  const remove = useRemoveMember();
  const owners = members.filter((m) => m.role === "owner").length;
  const roles = assignableRoles(me.role);

  function onRoleChange(member: MemberView, role: Role) {
    changeRole.mutate(
      { userId: member.user_id, role },
      {
        onSuccess: () => notifications.show({ color: "teal", message: t("team.roleChanged", { name: member.name }) }),
        onError: (error) => {
          const { title, detail } = describeError(error, t);
          notifications.show({ color: "red", title, message: detail });
        },
      },
    );
  }

  return (
    <Table.ScrollContainer minWidth={560}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("fields.name")}</Table.Th>
            <Table.Th>{t("fields.role")}</Table.Th>
            <Table.Th>{t("team.joined")}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t("common.actions")}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {members.map((member) => {
            const target = { role: member.role, isSelf: member.user_id === me.userId };
            return (
              <Table.Tr key={member.user_id} data-testid={`member-${member.email}`}>
                <Table.Td>
                  <Text fw={500} size="sm">
                    {member.name} {target.isSelf && <Text span c="dimmed" size="xs">({t("team.you")})</Text>}
                  </Text>
                  <Text c="dimmed" size="xs">
                    {member.email}
                  </Text>
                </Table.Td>
                <Table.Td maw={280}>
                  {canChangeRole(me.role, target, owners) ? (
                    <Select
                      size="xs"
                      w={190}
                      allowDeselect={false}
                      aria-label={t("team.roleOf", { name: member.name })}
                      value={member.role}
                      data={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
                      disabled={changeRole.isPending}
                      onChange={(value) => {
                        const role = roles.find((r) => r === value);
                        if (role && role !== member.role) onRoleChange(member, role);
                      }}
                    />
                  ) : (
                    <RoleBadge role={member.role} />
                  )}
                  <RoleDescription role={member.role} testId="member-role-description" />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDate(member.joined_at, language)}</Text>
                </Table.Td>
                <Table.Td ta="right">
                  {canRemove(me.role, target, owners) && (
                    <ConfirmButton
                      label={t("team.remove")}
                      aria-label={t("team.removeNamed", { name: member.name })}
                      title={t("team.removeTitle")}
                      message={t("team.removeBody", { name: member.name })}
                      confirmLabel={t("team.remove")}
                      onConfirm={() => remove.mutateAsync(member.user_id)}
                    />
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
