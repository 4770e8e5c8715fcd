import { Alert, Button, Card, Grid, Group, NumberInput, SegmentedControl, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useTranslation } from "react-i18next";
import { CAMPAIGN_KINDS, type CampaignInput, type CampaignView } from "../../api/types";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { useProblemForm } from "../../shared/useProblemForm";
import { CAMPAIGN_FIELD_ALIASES, toCampaignInput, type CampaignValues } from "./campaignForm";
import { MessageEditor } from "./MessageEditor";
import { QuestionsEditor } from "./QuestionsEditor";

interface Props {
  programId: string;
  initialValues: CampaignValues;
  /** Open campaigns keep their kind: the choice is shown but cannot change. */
  kindLocked?: boolean;
  submitLabel: string;
  busy: boolean;
  save: (input: CampaignInput) => Promise<CampaignView>;
  onSaved: (campaign: CampaignView) => void;
}

/** A campaign's name, kind, dates, message per language and questions: for creating and for editing. */
export function CampaignForm({ programId, initialValues, kindLocked = false, submitLabel, busy, save, onSaved }: Props) {
  const { t } = useTranslation();
  const form = useForm<CampaignValues>({
    initialValues,
    validate: { name: (v: unknown) => (typeof v === "string" && v.trim() ? null : t("validation.required")) },
  });
  const { failure, showError, clearFailure } = useProblemForm(form, CAMPAIGN_FIELD_ALIASES);

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        clearFailure();
        save(toCampaignInput(values)).then(onSaved, showError);
      })}
    >
      <Card withBorder padding="lg">
        <Stack gap="md">
          {failure && (
            <div data-testid="campaign-save-refused">
              <ErrorAlert error={failure.error} extra={failure.unmatched} />
            </div>
          )}
          <TextInput label={t("recruitment.fields.name")} required {...form.getInputProps("name")} />
          <Stack gap={4}>
            <Text fw={500} size="sm" id="campaign-kind">
              {t("recruitment.fields.kind")}
            </Text>
            <SegmentedControl
              aria-labelledby="campaign-kind"
              disabled={kindLocked}
              data={CAMPAIGN_KINDS.map((k) => ({ value: k, label: t(`recruitment.kinds.${k}`) }))}
              {...form.getInputProps("kind")}
            />
            <Text size="xs" c="dimmed">
              {kindLocked ? t("recruitment.edit.kindLocked") : t(`recruitment.kindHints.${form.getValues().kind}`)}
            </Text>
          </Stack>
          <Grid>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput type="datetime-local" label={t("recruitment.fields.deadline")} {...form.getInputProps("deadline")} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput
                type="datetime-local"
                label={t("recruitment.fields.sendAt")}
                description={t("recruitment.sendAtHint")}
                {...form.getInputProps("sendAt")}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <NumberInput
                label={t("recruitment.fields.reminderHours")}
                description={t("recruitment.reminderHint")}
                min={0}
                allowDecimal={false}
                {...form.getInputProps("reminderHours")}
              />
            </Grid.Col>
          </Grid>
          {kindLocked && (
            <Alert color="blue" variant="light">
              {t("recruitment.edit.openNote")}
            </Alert>
          )}
          <MessageEditor programId={programId} form={form} />
          <QuestionsEditor form={form} />
          <Group justify="flex-end">
            <Button type="submit" loading={busy}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </Card>
    </form>
  );
}
