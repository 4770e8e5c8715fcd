import { Anchor, Button, Card, Grid, Group, NumberInput, SegmentedControl, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconArrowLeft } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { CAMPAIGN_KINDS } from "../../api/types";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { PageHeader } from "../../shared/PageHeader";
import { useProblemForm } from "../../shared/useProblemForm";
import { emptyCampaign, toCampaignInput } from "./campaignForm";
import { MessageEditor } from "./MessageEditor";
import { QuestionsEditor } from "./QuestionsEditor";
import { useCreateCampaign } from "./recruitmentApi";

const ALIASES = { send_at: "sendAt", reminder_hours_before: "reminderHours" };

/** A new campaign of a program: who is asked, until when, with which message and questions. */
export function NewCampaignPage() {
  const { t } = useTranslation();
  const { programId = "" } = useParams();
  const navigate = useNavigate();
  const create = useCreateCampaign(programId);
  const form = useForm({
    initialValues: emptyCampaign(),
    validate: { name: (v: string) => (v.trim() ? null : t("validation.required")) },
  });
  const { failure, showError, clearFailure } = useProblemForm(form, ALIASES);

  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/programs/${programId}`} size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} aria-hidden />
          {t("recruitment.backToProgram")}
        </Group>
      </Anchor>
      <PageHeader title={t("recruitment.newCampaign")} description={t("recruitment.newSubtitle")} />
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          clearFailure();
          create.mutate(toCampaignInput(values), {
            onSuccess: (campaign) => {
              notifications.show({ color: "teal", message: t("recruitment.created", { name: campaign.name }) });
              void navigate(`/campaigns/${campaign.id}`);
            },
            onError: showError,
          });
        })}
      >
        <Card withBorder padding="lg">
          <Stack gap="md">
            {failure && <ErrorAlert error={failure.error} extra={failure.unmatched} />}
            <TextInput label={t("recruitment.fields.name")} required {...form.getInputProps("name")} />
            <Stack gap={4}>
              <Text fw={500} size="sm" id="campaign-kind">
                {t("recruitment.fields.kind")}
              </Text>
              <SegmentedControl
                aria-labelledby="campaign-kind"
                data={CAMPAIGN_KINDS.map((k) => ({ value: k, label: t(`recruitment.kinds.${k}`) }))}
                {...form.getInputProps("kind")}
              />
              <Text size="xs" c="dimmed">
                {t(`recruitment.kindHints.${form.getValues().kind}`)}
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
            <MessageEditor programId={programId} form={form} />
            <QuestionsEditor form={form} />
            <Group justify="flex-end">
              <Button type="submit" loading={create.isPending}>
                {t("recruitment.create")}
              </Button>
            </Group>
          </Stack>
        </Card>
      </form>
    </Stack>
  );
}
