import { createContext, useContext, useEffect } from "react";
import { Box, Button, Center, Container, Group } from "@mantine/core";
import { IconLogout } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, Outlet, useNavigate } from "react-router";
import { Brand } from "../../app/Brand";
import { LanguageSwitch } from "../../app/LanguageSwitch";
import { asLanguage } from "../../i18n/language";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { PageLoading } from "../../shared/PageParts";
import { MAIN_ID, SkipLink } from "../../shared/SkipLink";
import { useLanguage } from "../../shared/useLanguage";
import { browserTimeZone } from "../tracking/time";
import { usePortalMe, useSignOut } from "./portalApi";
import { onPortalSignedOut } from "./portalClient";
import { isSignedOut } from "./portalErrors";
import type { PortalMe } from "./types";

const PortalContext = createContext<PortalMe | null>(null);

/** The signed-in participant and their pairs; only inside PortalLayout. */
export function usePortalMeContext(): PortalMe {
  const value = useContext(PortalContext);
  if (!value) throw new Error("usePortalMeContext outside PortalLayout");
  return value;
}

/** The zone the portal reads times in: this device's clock, which is also how its time inputs are read. */
export const viewerZone = browserTimeZone;

// The person's own language opens the portal once per visit; a switch made since then stays.
let languageSetFor: string | null = null;

/**
 * The portal's frame: light, phone-first, no console navigation. A participant who is not signed
 * in (any portal call answering 401) is sent to the sign-in page.
 */
export function PortalLayout() {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const me = usePortalMe(language);
  const signOut = useSignOut();
  const personId = me.data?.person.id;

  useEffect(() => onPortalSignedOut(() => void navigate("/portal/sign-in", { replace: true })), [navigate]);
  useEffect(() => {
    if (!me.data || languageSetFor === me.data.person.id) return;
    languageSetFor = me.data.person.id;
    const own = asLanguage(me.data.person.locale);
    if (own && own !== i18n.language) void i18n.changeLanguage(own);
  }, [personId]);

  let body;
  if (me.isPending) body = <PageLoading tall />;
  else if (me.isError) {
    if (isSignedOut(me.error)) return <Navigate to="/portal/sign-in" replace />;
    body = (
      <Center py="xl">
        <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />
      </Center>
    );
  } else {
    body = (
      <PortalContext.Provider value={me.data}>
        <Outlet />
      </PortalContext.Provider>
    );
  }

  return (
    <Box bg="gray.0" mih="100vh">
      <SkipLink />
      <Box component="header" bg="white" style={{ borderBottom: "1px solid var(--mantine-color-gray-3)" }}>
        <Container size={760} px="sm" py={8}>
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Link to="/portal" style={{ color: "inherit", textDecoration: "none" }} aria-label={t("portal.home.title")}>
              <Brand />
            </Link>
            <Group gap={6} wrap="nowrap">
              <LanguageSwitch userId={null} />
              {me.data && (
                <Button
                  variant="subtle"
                  size="compact-sm"
                  px={6}
                  leftSection={<IconLogout size={16} aria-hidden />}
                  loading={signOut.isPending}
                  onClick={() => signOut.mutate(undefined, { onSettled: () => void navigate("/portal/sign-in", { replace: true }) })}
                >
                  {t("portal.signOut")}
                </Button>
              )}
            </Group>
          </Group>
        </Container>
      </Box>
      <Container size={760} px="sm" py="md" component="main" id={MAIN_ID} tabIndex={-1}>
        {body}
      </Container>
    </Box>
  );
}
