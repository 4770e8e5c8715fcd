import { useState } from "react";
import { Alert, Anchor, Button, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconClockPause, IconMailForward } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { AuthLayout } from "../auth/AuthLayout";
import { emailRule } from "../auth/validation";
import { useRequestSignIn } from "./portalApi";
import { PortalError } from "./portalClient";

/** Minutes to wait, rounded up, from a 429's Retry-After; null when the server did not say. */
export function minutesToWait(error: unknown): number | null {
  if (!(error instanceof PortalError) || error.status !== 429 || error.retryAfter === null) return null;
  return Math.max(1, Math.ceil(error.retryAfter / 60));
}

function TooMany({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const minutes = minutesToWait(error);
  return (
    <Alert color="orange" icon={<IconClockPause size={18} />} title={t("portal.signIn.tooManyTitle")} role="alert" data-testid="sign-in-too-many">
      {minutes === null ? t("portal.signIn.tooManyLater") : t("portal.signIn.tooManyWait", { count: minutes })}
    </Alert>
  );
}

/**
 * Participants sign in with a link emailed to their work address: no password. The page says
 * the same whether or not the address is known, as the server does.
 */
export function PortalSignInPage() {
  const { t } = useTranslation();
  const form = useForm({ initialValues: { email: "" }, validate: { email: emailRule(t) } });
  const request = useRequestSignIn();
  const [sentTo, setSentTo] = useState<string | null>(null);

  if (sentTo) {
    return (
      <AuthLayout title={t("portal.signIn.sentTitle")}>
        <Stack>
          <Alert color="teal" icon={<IconMailForward size={18} />} role="status">
            <Text size="sm" data-testid="sign-in-sent">
              {t("portal.signIn.sentBody", { email: sentTo })}
            </Text>
          </Alert>
          <Text size="sm" c="dimmed">
            {t("portal.signIn.sentValidity")}
          </Text>
          <Anchor
            component="button"
            type="button"
            size="sm"
            onClick={() => {
              request.reset();
              setSentTo(null);
            }}
          >
            {t("portal.signIn.otherAddress")}
          </Anchor>
        </Stack>
      </AuthLayout>
    );
  }

  const tooMany = request.error instanceof PortalError && request.error.status === 429;
  return (
    <AuthLayout title={t("portal.signIn.title")} subtitle={t("portal.signIn.subtitle")}>
      <form
        noValidate
        onSubmit={form.onSubmit(({ email }) => {
          const address = email.trim();
          request.mutate(address, { onSuccess: () => setSentTo(address) });
        })}
      >
        <Stack>
          {tooMany ? <TooMany error={request.error} /> : request.isError && <ErrorAlert error={request.error} />}
          <TextInput label={t("portal.signIn.email")} type="email" autoComplete="email" required {...form.getInputProps("email")} />
          <Button type="submit" loading={request.isPending} fullWidth>
            {t("portal.signIn.submit")}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
