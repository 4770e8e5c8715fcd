import { useMemo } from "react";
import { Button, Group, Select, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { useProblemForm } from "../../shared/useProblemForm";
import { browserTimeZone, offsetLabel, timeZoneList } from "../tracking/time";
import type { Kickoff } from "../tracking/types";
import { initialKickoff, kickoffBody, kickoffErrors, MAX_AGENDA, MAX_PLACE, suggestedEnd, type KickoffValues } from "./kickoffForm";
import { useSaveKickoff } from "./launchApi";

interface Props {
  programId: string;
  kickoff: Kickoff | null;
  /** After saving (or giving up): the card shows the kickoff again. */
  onDone: (saved: boolean) => void;
}

/** Sets or moves the kickoff: times are typed on the clock of the zone chosen (the browser's at first). */
export function KickoffForm({ programId, kickoff, onDone }: Props) {
  const { t } = useTranslation();
  const save = useSaveKickoff(programId);
  const form = useForm<KickoffValues>({
    initialValues: initialKickoff(kickoff, browserTimeZone()),
    validate: (values) => Object.fromEntries(Object.entries(kickoffErrors(values)).map(([k, key]) => [k, key ? t(key) : null])),
  });
  const { failure, showError, clearFailure } = useProblemForm(form, { starts_at: "start", ends_at: "end" });
  const zones = useMemo(() => {
    const now = new Date();
    return timeZoneList([browserTimeZone(), form.getValues().time_zone]).map((z) => ({ value: z, label: `${z} (${offsetLabel(z, now)})` }));
  }, []);
  const start = form.getInputProps("start");
  return (
    <form
      noValidate
      data-testid="kickoff-form"
      onSubmit={form.onSubmit((values) => {
        const body = kickoffBody(values);
        if (!body) return;
        clearFailure();
        save.mutate(body, {
          onSuccess: () => {
            notifications.show({ color: "teal", message: t("launch.kickoff.saved") });
            onDone(true);
          },
          onError: showError,
        });
      })}
    >
      <Stack gap="sm">
        {failure && <ErrorAlert error={failure.error} extra={failure.unmatched} />}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            type="datetime-local"
            label={t("launch.kickoff.start")}
            required
            {...start}
            onChange={(event) => {
              const value = event.currentTarget.value;
              form.setFieldValue("start", value);
              form.setFieldValue("end", suggestedEnd(value, form.getValues().end));
            }}
          />
          <TextInput type="datetime-local" label={t("launch.kickoff.end")} required {...form.getInputProps("end")} />
        </SimpleGrid>
        <Select
          label={t("launch.kickoff.timeZone")}
          description={t("launch.kickoff.timeZoneHint")}
          data={zones}
          searchable
          limit={60}
          allowDeselect={false}
          required
          {...form.getInputProps("time_zone")}
        />
        <TextInput label={t("launch.kickoff.place")} maxLength={MAX_PLACE} {...form.getInputProps("place")} />
        <TextInput label={t("launch.kickoff.videoLink")} type="url" placeholder="https://" {...form.getInputProps("video_link")} />
        <Textarea label={t("launch.kickoff.agenda")} autosize minRows={3} maxLength={MAX_AGENDA} {...form.getInputProps("agenda")} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={() => onDone(false)}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t(kickoff && !kickoff.cancelled ? "launch.kickoff.saveMove" : "launch.kickoff.saveNew")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
