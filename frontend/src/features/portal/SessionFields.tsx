import { Checkbox, NumberInput, SegmentedControl, Stack, Text, TextInput } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { useTranslation } from "react-i18next";
import { TopicsInput } from "../apply/TopicsInput";
import { SESSION_FORMATS, type SessionFormat } from "../tracking/types";
import { MAX_MINUTES, MIN_MINUTES, type SessionValues } from "./sessionForm";

interface Props {
  form: UseFormReturnType<SessionValues>;
  suggestions: readonly string[];
  /** The viewer and their partner: who may have taken part. */
  me: string;
  partner: { id: string; name: string };
}

/** When, how long, how, about what and who took part: the fields of logging a session and of correcting one. */
export function SessionFields({ form, suggestions, me, partner }: Props) {
  const { t } = useTranslation();
  const format = form.getInputProps("format");
  return (
    <Stack gap="sm">
      <TextInput type="datetime-local" label={t("portal.sessions.when")} required {...form.getInputProps("held_at")} />
      <NumberInput
        label={t("portal.sessions.minutes")}
        min={MIN_MINUTES}
        max={MAX_MINUTES}
        step={5}
        allowDecimal={false}
        inputMode="numeric"
        required
        {...form.getInputProps("minutes")}
      />
      <div>
        <Text size="sm" fw={500} mb={4} id="session-format-label">
          {t("portal.sessions.format")}
        </Text>
        <SegmentedControl
          fullWidth
          aria-labelledby="session-format-label"
          value={String(format.value)}
          onChange={(value) => form.setFieldValue("format", value as SessionFormat)}
          data={SESSION_FORMATS.map((f) => ({ value: f, label: t(`tracking.formats.${f}`) }))}
        />
      </div>
      <TopicsInput
        label={t("portal.sessions.topics")}
        value={form.getValues().topics}
        onChange={(topics) => form.setFieldValue("topics", topics)}
        error={form.errors.topics}
        suggestions={suggestions}
      />
      <Checkbox.Group label={t("portal.sessions.tookPart")} {...form.getInputProps("took_part")}>
        <Stack gap={6} mt={6}>
          <Checkbox value={me} label={t("portal.sessions.iTookPart")} />
          <Checkbox value={partner.id} label={t("portal.sessions.partnerTookPart", { name: partner.name })} />
        </Stack>
      </Checkbox.Group>
    </Stack>
  );
}
