import { ActionIcon, Button, Checkbox, Grid, Group, NumberInput, Paper, Select, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { PURPOSES } from "../../../api/types";
import { METRIC_SOURCES } from "../../results/results";
import { emptyMetric, type WizardValues } from "./wizardState";

type Form = UseFormReturnType<WizardValues>;

/** Step 1: why the program exists and how success is measured. */
export function PurposeStep({ form }: { form: Form }) {
  const { t } = useTranslation();
  const values = form.getValues();
  return (
    <Stack gap="md">
      <Checkbox.Group label={t("programs.fields.purposes")} withAsterisk {...form.getInputProps("purposes")}>
        <Stack gap="xs" mt="xs">
          {PURPOSES.map((p) => (
            <Checkbox key={p} value={p} label={t(`programs.purposes.${p}`)} />
          ))}
        </Stack>
      </Checkbox.Group>
      {values.purposes.includes("custom") && (
        <Textarea label={t("programs.fields.custom_purpose")} required autosize minRows={2} {...form.getInputProps("custom_purpose")} />
      )}
      <div>
        <Title order={3} size="h5">
          {t("programs.fields.success_metrics")}
        </Title>
        <Text size="sm" c="dimmed" mb="xs">
          {t("programs.wizard.metricsHint")}
        </Text>
        {values.success_metrics.map((metric, i) => (
          <Paper key={form.key(`success_metrics.${i}`)} withBorder p="sm" radius="md" mb="xs" data-testid="metric-editor">
            <Grid align="flex-end">
              <Grid.Col span={{ base: 12, sm: 5 }}>
                <TextInput label={t("programs.metric.name")} {...form.getInputProps(`success_metrics.${i}.name`)} />
              </Grid.Col>
              <Grid.Col span={{ base: 5, sm: 3 }}>
                <NumberInput label={t("programs.metric.target")} {...form.getInputProps(`success_metrics.${i}.target`)} />
              </Grid.Col>
              <Grid.Col span={{ base: 5, sm: 3 }}>
                <TextInput label={t("programs.metric.unit")} {...form.getInputProps(`success_metrics.${i}.unit`)} />
              </Grid.Col>
              <Grid.Col span={{ base: 2, sm: 1 }}>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  aria-label={t("programs.wizard.removeMetric")}
                  onClick={() => form.removeListItem("success_metrics", i)}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: metric.source === "survey_question" ? 4 : 6 }}>
                <Select
                  label={t("programs.metric.source")}
                  allowDeselect={false}
                  data={METRIC_SOURCES.map((s) => ({ value: s, label: t(`programs.metric.sources.${s}`) }))}
                  description={t(`results.sources.${metric.source}`)}
                  inputWrapperOrder={["label", "input", "description", "error"]}
                  {...form.getInputProps(`success_metrics.${i}.source`)}
                />
              </Grid.Col>
              {metric.source === "survey_question" && (
                <Grid.Col span={{ base: 12, sm: 4 }}>
                  <TextInput
                    label={t("programs.metric.question")}
                    description={t("programs.metric.questionHint")}
                    inputWrapperOrder={["label", "input", "description", "error"]}
                    withAsterisk
                    {...form.getInputProps(`success_metrics.${i}.question`)}
                  />
                </Grid.Col>
              )}
              <Grid.Col span={{ base: 12, sm: metric.source === "survey_question" ? 4 : 6 }}>
                <TextInput label={t("programs.metric.measured_by")} {...form.getInputProps(`success_metrics.${i}.measured_by`)} />
              </Grid.Col>
            </Grid>
          </Paper>
        ))}
        {typeof form.errors.success_metrics === "string" && (
          <Text c="red" size="sm">
            {form.errors.success_metrics}
          </Text>
        )}
        <Group>
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => form.insertListItem("success_metrics", emptyMetric())}
          >
            {t("programs.wizard.addMetric")}
          </Button>
        </Group>
      </div>
    </Stack>
  );
}
