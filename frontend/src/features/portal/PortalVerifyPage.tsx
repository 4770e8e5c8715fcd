import { useEffect, useState } from "react";
import { Alert, Anchor, Center, Loader, Stack, Text } from "@mantine/core";
import { IconLinkOff } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate } from "react-router";
import { ApiError } from "../../api/problem";
import { asLanguage } from "../../i18n/language";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { AuthLayout } from "../auth/AuthLayout";
import { tokenFrom } from "../preferences/preferences";
import { portalKey } from "./portalApi";
import { portalApi, portalUnwrap } from "./portalClient";
import type { PortalMe } from "./types";

// A link works once: the first answer for a token is kept, so that a second mount of the page
// (React's StrictMode runs effects twice in development) reads it rather than posting again.
const sessions = new Map<string, Promise<PortalMe>>();

function startOnce(token: string): Promise<PortalMe> {
  let started = sessions.get(token);
  if (!started) {
    started = portalUnwrap(portalApi.POST("/api/v1/portal/session", { body: { token } }));
    sessions.set(token, started);
  }
  return started;
}

/** The refusals that are about the link: spent or expired (410), or not a link at all (404). */
function linkRefusal(error: unknown): "used" | "invalid" | null {
  if (!(error instanceof ApiError)) return null;
  if (error.status === 410) return "used";
  if (error.status === 404 || error.status === 422) return "invalid";
  return null;
}

function BadLink({ refusal }: { refusal: "used" | "invalid" }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" icon={<IconLinkOff size={18} />} title={t(`portal.verify.${refusal}Title`)} role="alert" data-testid="verify-refused">
      <Text size="sm">{t(`portal.verify.${refusal}Body`)}</Text>
      <Anchor component={Link} to="/portal/sign-in" size="sm" mt="sm" display="inline-block">
        {t("portal.verify.newLink")}
      </Anchor>
    </Alert>
  );
}

/** The emailed link: trades its token for the portal's session cookie, then opens the portal in the person's language. */
export function PortalVerifyPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const token = tokenFrom(useLocation().search);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!token) return;
    let current = true;
    startOnce(token).then(
      (me) => {
        if (!current) return;
        // Whoever was signed in on this device before is forgotten.
        client.removeQueries({ queryKey: portalKey });
        const language = asLanguage(me.person.locale);
        if (language) void i18n.changeLanguage(language);
        void navigate("/portal", { replace: true });
      },
      (failure: unknown) => {
        if (current) setError(failure);
      },
    );
    return () => {
      current = false;
    };
  }, [token, attempt, navigate, client, i18n]);

  const refusal = token ? linkRefusal(error) : "invalid";
  let body;
  if (refusal) body = <BadLink refusal={refusal} />;
  else if (error !== null) {
    body = (
      <ErrorAlert
        error={error}
        onRetry={() => {
          // Not an answer about the link (offline, too many requests): asking again is safe.
          if (token) sessions.delete(token);
          setError(null);
          setAttempt((n) => n + 1);
        }}
      />
    );
  } else {
    body = (
      <Stack align="center" gap="sm" py="md">
        <Center>
          <Loader size="sm" aria-label={t("common.loading")} />
        </Center>
        <Text size="sm" c="dimmed">
          {t("portal.verify.working")}
        </Text>
      </Stack>
    );
  }
  return <AuthLayout title={t("portal.verify.title")}>{body}</AuthLayout>;
}
