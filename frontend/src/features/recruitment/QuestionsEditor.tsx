import { ActionIcon, Button, Card, Checkbox, Grid, Select, Stack, Text, TextInput, Textarea } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { QUESTION_KINDS } from "../../api/types";
import { emptyQuestion, type CampaignValues } from "./campaignForm";

/** The campaign's own questions on the application form. */
export function QuestionsEditor({ form }: { form: UseFormReturnType<CampaignValues> }) {
  const { t } = useTranslation();
  const questions = form.getValues().questions;
  return (
    <Stack gap="sm">
      <Text fw={500} size="sm">
        {t("recruitment.questions.title")}
      </Text>
      {questions.length === 0 && (
        <Text size="sm" c="dimmed">
          {t("recruitment.questions.none")}
        </Text>
      )}
      {questions.map((q, i) => (
        <Card key={form.key(`questions.${i}`)} withBorder padding="sm">
          <Grid align="flex-end">
            <Grid.Col span={{ base: 12, sm: 3 }}>
              <TextInput label={t("recruitment.questions.key")} {...form.getInputProps(`questions.${i}.key`)} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 5 }}>
              <TextInput label={t("recruitment.questions.label")} {...form.getInputProps(`questions.${i}.label`)} />
            </Grid.Col>
            <Grid.Col span={{ base: 9, sm: 3 }}>
              <Select
                label={t("recruitment.questions.kind")}
                allowDeselect={false}
                data={QUESTION_KINDS.map((k) => ({ value: k, label: t(`recruitment.questions.kinds.${k}`) }))}
                {...form.getInputProps(`questions.${i}.kind`)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 3, sm: 1 }}>
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                aria-label={t("recruitment.questions.remove")}
                onClick={() => form.removeListItem("questions", i)}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Grid.Col>
            {q.kind !== "text" && (
              <Grid.Col span={12}>
                <Textarea
                  label={t("recruitment.questions.options")}
                  description={t("recruitment.questions.optionsHint")}
                  autosize
                  minRows={2}
                  {...form.getInputProps(`questions.${i}.options`)}
                />
              </Grid.Col>
            )}
            <Grid.Col span={12}>
              <Checkbox
                label={t("recruitment.questions.required")}
                {...form.getInputProps(`questions.${i}.required`, { type: "checkbox" })}
              />
            </Grid.Col>
          </Grid>
        </Card>
      ))}
      <div>
        <Button variant="default" size="xs" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem("questions", emptyQuestion())}>
          {t("recruitment.questions.add")}
        </Button>
      </div>
      {form.errors.questions && (
        <Text c="red" size="sm" role="alert">
          {form.errors.questions}
        </Text>
      )}
    </Stack>
  );
}
