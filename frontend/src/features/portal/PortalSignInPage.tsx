import { useEffect, useState } from "react";
import { Alert, Anchor, Button, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconClockPause, IconMailForward } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { AuthLayout } from "../auth/AuthLayout";
import { emailRule } from "../auth/validation";
import { portalKey, useRequestSignIn } from "./portalApi";
import { minutesToWait, PortalError } from "./portalErrors";

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
  const client = useQueryClient();
  // Signed out (or never in): nothing a previous participant read stays in memory. Here, and not
  // at sign-out, so that the portal's pages are gone before their queries are.
  useEffect(() => {
    client.removeQueries({ queryKey: portalKey });
  }, [client]);

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
