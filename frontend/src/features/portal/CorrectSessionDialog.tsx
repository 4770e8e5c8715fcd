import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../shared/ErrorAlert";
import type { PairSession } from "../tracking/types";
import { useConfirmSession } from "./portalApi";
import { SessionFields } from "./SessionFields";
import { correctionBody, sessionErrors, valuesOf, type SessionValues } from "./sessionForm";

interface Props {
  pairId: string;
  session: PairSession;
  zone: string;
  me: string;
  partner: { id: string; name: string };
  suggestions: readonly string[];
  onClose: () => void;
}

/** The partner's session as they logged it, to correct before confirming; only what changed is sent. */
export function CorrectSessionDialog({ pairId, session, zone, me, partner, suggestions, onClose }: Props) {
  const { t } = useTranslation();
  const confirm = useConfirmSession(pairId);
  const form = useForm<SessionValues>({
    initialValues: valuesOf(session, zone),
    validateInputOnChange: ["took_part"],
    validate: (values) => Object.fromEntries(Object.entries(sessionErrors(values, zone)).map(([k, key]) => [k, t(key)])),
  });
  return (
    <Modal opened onClose={onClose} title={t("portal.sessions.correctTitle")} centered>
      <form
        noValidate
        data-testid="correct-session"
        onSubmit={form.onSubmit((values) => {
          const body = correctionBody(session, values, zone);
          if (body) confirm.mutate({ sessionId: session.id, body }, { onSuccess: onClose });
        })}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t("portal.sessions.correctIntro", { name: partner.name })}
          </Text>
          {confirm.isError && <ErrorAlert error={confirm.error} />}
          <SessionFields form={form} suggestions={suggestions} me={me} partner={partner} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={confirm.isPending}>
              {t("portal.sessions.saveCorrection")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
