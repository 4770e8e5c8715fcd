import { Button, Group, Select, SimpleGrid, Stack, Switch, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { ProgramKind } from "../../api/types";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { useProblemForm } from "../../shared/useProblemForm";
import { useCreateSurvey } from "./feedbackApi";
import { audiencesFor, initialSurveyForm, surveyRequest, type SurveyFormValues } from "./survey";
import { SURVEY_KINDS } from "./types";

interface Props {
  programId: string;
  programKind: ProgramKind;
  onDone: () => void;
}

/** A new survey, written as a draft from the template of its kind and audience; nobody is asked until it is opened. */
export function NewSurveyForm({ programId, programKind, onDone }: Props) {
  const { t } = useTranslation();
  const create = useCreateSurvey(programId);
  const form = useForm<SurveyFormValues>({ initialValues: initialSurveyForm(programKind) });
  const { failure, showError, clearFailure } = useProblemForm(form, { closes_on: "closesOn" });
  const audiences = audiencesFor(programKind);
  const kind = form.getValues().kind;
  return (
    <form
      noValidate
      data-testid="new-survey"
      onSubmit={form.onSubmit((values) => {
        clearFailure();
        create.mutate(surveyRequest(values), {
          onSuccess: (survey) => {
            notifications.show({ color: "teal", message: t("feedback.surveys.created", { title: survey.title }) });
            onDone();
          },
          onError: showError,
        });
      })}
    >
      <Stack gap="sm">
        {failure && <ErrorAlert error={failure.error} extra={failure.unmatched} />}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t("feedback.surveys.kind")}
            allowDeselect={false}
            data={SURVEY_KINDS.map((k) => ({ value: k, label: t(`feedback.surveys.kinds.${k}`) }))}
            {...form.getInputProps("kind")}
          />
          <Select
            label={t("feedback.surveys.audience")}
            allowDeselect={false}
            disabled={audiences.length === 1}
            description={audiences.length === 1 ? t("feedback.surveys.mutualEveryone") : undefined}
            data={audiences.map((a) => ({ value: a, label: t(`feedback.surveys.audiences.${a}`) }))}
            {...form.getInputProps("audience")}
          />
          <TextInput
            label={t("feedback.surveys.titleField")}
            placeholder={t(`feedback.surveys.kinds.${kind}`)}
            maxLength={200}
            {...form.getInputProps("title")}
          />
          <TextInput type="date" label={t("feedback.surveys.closesOn")} {...form.getInputProps("closesOn")} />
        </SimpleGrid>
        <Switch
          label={t("feedback.surveys.anonymous")}
          description={t("feedback.surveys.anonymousHint")}
          {...form.getInputProps("anonymous", { type: "checkbox" })}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t("feedback.surveys.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
