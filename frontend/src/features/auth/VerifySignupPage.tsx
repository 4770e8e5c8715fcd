import { useEffect, useState } from "react";
import { Alert, Anchor, Center, Group, Loader, Stack, Text } from "@mantine/core";
import { IconLinkOff, IconUserCheck } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate } from "react-router";
import { api, unwrap } from "../../api/client";
import { ApiError } from "../../api/problem";
import type { Session } from "../../api/types";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { tokenFrom } from "../preferences/preferences";
import { AuthLayout } from "./AuthLayout";
import { startSession } from "./useSession";

// A link works once: the first answer for a token is kept, so that a second mount of the page
// (React's StrictMode runs effects twice in development) reads it rather than posting again.
const verifications = new Map<string, Promise<Session>>();

function verifyOnce(token: string): Promise<Session> {
  let verification = verifications.get(token);
  if (!verification) {
    verification = unwrap(api.POST("/api/v1/auth/signup/verify", { body: { token } }));
    verifications.set(token, verification);
  }
  return verification;
}

type Outcome = "used" | "invalid" | "exists";

/** What a refusal means for the person: the link is spent, it is not a link, or the account exists. */
function outcomeOf(error: unknown): Outcome | null {
  if (!(error instanceof ApiError)) return null;
  if (error.status === 410) return "used";
  if (error.status === 404) return "invalid";
  if (error.status === 409) return "exists";
  return null;
}

function Refused({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation();
  if (outcome === "exists") {
    return (
      <Alert color="blue" icon={<IconUserCheck size={18} />} title={t("auth.verify.existsTitle")} role="alert">
        <Text size="sm">{t("auth.verify.existsBody")}</Text>
        <Group gap="md" mt="sm">
          <Anchor component={Link} to="/login" size="sm">
            {t("auth.signup.loginLink")}
          </Anchor>
          <Anchor component={Link} to="/password/forgot" size="sm">
            {t("auth.login.forgotPassword")}
          </Anchor>
        </Group>
      </Alert>
    );
  }
  const used = outcome === "used";
  return (
    <Alert color="red" icon={<IconLinkOff size={18} />} title={t(used ? "auth.verify.usedTitle" : "auth.verify.invalidTitle")} role="alert">
      <Text size="sm">{t(used ? "auth.verify.usedBody" : "auth.verify.invalidBody")}</Text>
      <Anchor component={Link} to="/signup" size="sm" mt="sm" display="inline-block">
        {t("auth.verify.signupAgain")}
      </Anchor>
    </Alert>
  );
}

/** The sign-up email's link: creates the company and its owner, signs the owner in and goes home. */
export function VerifySignupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const token = tokenFrom(useLocation().search);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!token) return;
    let current = true;
    verifyOnce(token).then(
      (session) => {
        if (!current) return;
        startSession(session);
        void navigate("/", { replace: true });
      },
      (failure: unknown) => {
        if (current) setError(failure);
      },
    );
    return () => {
      current = false;
    };
  }, [token, attempt, navigate]);

  let body;
  const outcome = token ? outcomeOf(error) : "invalid";
  if (outcome) body = <Refused outcome={outcome} />;
  else if (error !== null) {
    body = (
      <ErrorAlert
        error={error}
        onRetry={() => {
          // Not an answer about the link (offline, too many requests): asking again is safe.
          if (token) verifications.delete(token);
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
          {t("auth.verify.working")}
        </Text>
      </Stack>
    );
  }
  return <AuthLayout title={t("auth.verify.title")}>{body}</AuthLayout>;
}
