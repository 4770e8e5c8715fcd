import { Avatar, Menu, Text, UnstyledButton, Group } from "@mantine/core";
import { IconChevronDown, IconLogout } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { logout } from "../features/auth/logout";
import type { ConsoleUser } from "../features/auth/useMe";

export function UserMenu({ user }: { user: ConsoleUser }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const initials = user.name.trim().slice(0, 1).toUpperCase();
  return (
    <Menu position="bottom-end" width={240} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t("nav.account", { name: user.name })} style={{ borderRadius: 8, padding: 4 }}>
          <Group gap={8} wrap="nowrap">
            <Avatar size="sm" color="indigo" radius="xl">
              {initials}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="sm">
              {user.name}
            </Text>
            <IconChevronDown size={14} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          {user.email} · {t(`roles.${user.role}`)}
        </Menu.Label>
        <Menu.Item
          leftSection={<IconLogout size={16} />}
          onClick={() => {
            // The session ends here at once (logout forgets it before it calls the server), so
            // the login page comes now; waiting for the server's answer would take the person
            // back to it from wherever they went meanwhile.
            void logout();
            navigate("/login", { replace: true });
          }}
        >
          {t("nav.logout")}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
