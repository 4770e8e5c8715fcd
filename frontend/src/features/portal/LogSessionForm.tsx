import { Alert, Button, Group, Stack } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconCalendarEvent } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { useProblemForm } from "../../shared/useProblemForm";
import { useLogSession } from "./portalApi";
import { SessionFields } from "./SessionFields";
import { initialSession, isPlanned, sessionBody, sessionErrors, type SessionValues } from "./sessionForm";

interface Props {
  pairId: string;
  zone: string;
  minutesPerMeeting: number;
  suggestions: readonly string[];
  /** The viewer and their partner: both took part unless one is unticked. */
  me: string;
  partner: { id: string; name: string };
  onDone: () => void;
}

/** Logs a session that took place, or plans one still to come (both members then get an invitation). */
export function LogSessionForm({ pairId, zone, minutesPerMeeting, suggestions, me, partner, onDone }: Props) {
  const { t } = useTranslation();
  const log = useLogSession(pairId);
  const members = [me, partner.id];
  const form = useForm<SessionValues>({
    initialValues: initialSession(new Date(), zone, minutesPerMeeting, members),
    validateInputOnChange: ["took_part"],
    validate: (values) => Object.fromEntries(Object.entries(sessionErrors(values, zone)).map(([k, key]) => [k, t(key)])),
  });
  const { failure, showError, clearFailure } = useProblemForm(form);
  const planned = isPlanned(form.getValues(), zone, new Date());
  return (
    <form
      noValidate
      data-testid="log-session"
      onSubmit={form.onSubmit((values) => {
        const body = sessionBody(values, zone, new Date(), members);
        if (!body) return;
        clearFailure();
        log.mutate(body, {
          onSuccess: () => {
            notifications.show({ color: "teal", message: t(body.planned ? "portal.sessions.plannedNote" : "portal.sessions.loggedNote") });
            form.reset();
            onDone();
          },
          onError: showError,
        });
      })}
    >
      <Stack gap="sm">
        {failure && <ErrorAlert error={failure.error} extra={failure.unmatched} />}
        <SessionFields form={form} suggestions={suggestions} me={me} partner={partner} />
        {planned && (
          <Alert color="blue" variant="light" icon={<IconCalendarEvent size={18} />} data-testid="session-planned-hint">
            {t("portal.sessions.plannedHint")}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={log.isPending}>
            {t(planned ? "portal.sessions.plan" : "portal.sessions.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
