import { createContext, useContext, useEffect } from "react";
import { AppShell, Burger, Center, Group, NavLink, ScrollArea, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import {
  IconAddressBook,
  IconHome,
  IconInbox,
  IconKey,
  IconListDetails,
  IconMail,
  IconRoute,
  IconShieldLock,
  IconStack2,
  IconUsers,
} from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { NavLink as RouterLink, Outlet, useLocation } from "react-router";
import type { Me } from "../api/types";
import { canAdminister } from "../features/auth/permissions";
import { consoleUser, useMe, type ConsoleUser } from "../features/auth/useMe";
import { useMailboxAvailable } from "../features/mailbox/mailboxApi";
import { userLanguage } from "../i18n/language";
import { ErrorAlert } from "../shared/ErrorAlert";
import { PageLoading } from "../shared/PageParts";
import { MAIN_ID, SkipLink } from "../shared/SkipLink";
import { Brand } from "./Brand";
import { LanguageSwitch } from "./LanguageSwitch";
import { UserMenu } from "./UserMenu";

interface Signedin {
  user: ConsoleUser;
  tenant: Me["tenant"];
}

const SignedInContext = createContext<Signedin | null>(null);

/** The signed-in person; only inside AppLayout. */
export function useConsoleUser(): ConsoleUser {
  const value = useContext(SignedInContext);
  if (!value) throw new Error("useConsoleUser outside AppLayout");
  return value.user;
}

export function useTenant(): Me["tenant"] {
  const value = useContext(SignedInContext);
  if (!value) throw new Error("useTenant outside AppLayout");
  return value.tenant;
}

export function AppLayout() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const user = me.data ? consoleUser(me.data) : null;
  // Only owners read the mailbox; nobody else asks whether it is there.
  const mailbox = useMailboxAvailable(user?.role === "owner");
  const tenant = me.data?.tenant;

  useEffect(close, [location.pathname, close]);
  useEffect(() => {
    if (!user || !tenant) return;
    const language = userLanguage(user.locale, tenant.locale);
    if (language !== i18n.language) void i18n.changeLanguage(language);
    // Only when the person changes: a switch made since then stays.
  }, [user?.userId]);

  if (me.isPending) {
    return <PageLoading tall />;
  }
  if (!user || !tenant) {
    return (
      <Center h="100vh" p="md">
        <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />
      </Center>
    );
  }

  const admin = canAdminister(user.role);
  const main = [
    { to: "/", label: t("nav.home"), icon: IconHome, show: true },
    { to: "/people", label: t("nav.people"), icon: IconAddressBook, show: true },
    { to: "/programs", label: t("nav.programs"), icon: IconRoute, show: true },
    { to: "/mailbox", label: t("nav.mailbox"), icon: IconInbox, show: mailbox },
  ].filter((l) => l.show);
  const settings = [
    { to: "/settings/team", label: t("nav.team"), icon: IconUsers },
    { to: "/settings/api-keys", label: t("nav.apiKeys"), icon: IconKey },
    { to: "/settings/email", label: t("nav.email"), icon: IconMail },
    { to: "/settings/jobs", label: t("nav.jobs"), icon: IconStack2 },
    { to: "/settings/audit-log", label: t("nav.auditLog"), icon: IconListDetails },
    { to: "/settings/privacy", label: t("nav.privacy"), icon: IconShieldLock },
  ];
  const navLink = ({ to, label, icon: Icon }: (typeof settings)[number]) => (
    <NavLink
      key={to}
      component={RouterLink}
      to={to}
      end
      label={label}
      leftSection={<Icon size={18} aria-hidden />}
      active={location.pathname === to || location.pathname.startsWith(`${to}/`)}
      style={{ borderRadius: 8 }}
    />
  );

  return (
    <SignedInContext.Provider value={{ user, tenant }}>
      <SkipLink />
      <AppShell
        header={{ height: 60 }}
        navbar={{ width: 240, breakpoint: "sm", collapsed: { mobile: !opened } }}
        padding="lg"
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t("nav.toggle")} />
              <Brand />
              <Text c="dimmed" size="sm" visibleFrom="xs" data-testid="tenant-name">
                {tenant.name}
              </Text>
            </Group>
            <Group gap="sm" wrap="nowrap">
              <LanguageSwitch userId={user.userId} />
              <UserMenu user={user} />
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="sm" aria-label={t("nav.label")}>
          <ScrollArea>
            {main.map(navLink)}
            {admin && (
              <>
                <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="md" pb={4}>
                  {t("nav.settings")}
                </Text>
                {settings.map(navLink)}
              </>
            )}
          </ScrollArea>
        </AppShell.Navbar>
        <AppShell.Main bg="gray.0" id={MAIN_ID} tabIndex={-1}>
          <Outlet />
        </AppShell.Main>
      </AppShell>
    </SignedInContext.Provider>
  );
}
