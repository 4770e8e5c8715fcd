import { useState } from "react";
import { Button, Card, Group, Stack, Stepper, Text, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useTranslation } from "react-i18next";
import { ApiError, topLevelField } from "../../../api/problem";
import type { ProgramDesign, ProgramView } from "../../../api/types";
import { formatNumber } from "../../../i18n/format";
import { ErrorAlert } from "../../../shared/ErrorAlert";
import { useLanguage } from "../../../shared/useLanguage";
import { useProblemForm } from "../../../shared/useProblemForm";
import { DesignSummary } from "../DesignSummary";
import { DesignStep } from "./DesignStep";
import { PurposeStep } from "./PurposeStep";
import { stepOfFields, stepProblems, toProgramInput, wizardProblems, type WizardProblem, type WizardValues } from "./wizardState";

/**
 * Pressing Next leaves the field without blurring it first: a blur's message beside the field
 * would move the button away from under the pointer before the click lands. Next checks the
 * whole step anyway.
 */
const keepFocus = (event: React.MouseEvent) => event.preventDefault();

interface Props {
  initialValues: WizardValues;
  submitLabel: string;
  busy: boolean;
  save: (input: ProgramDesign) => Promise<ProgramView>;
  onSaved: (program: ProgramView) => void;
}

/**
 * Purpose → design → review. Each field is checked when it is left and each step before the next
 * opens; a design the server refuses opens the step with the first refused field.
 */
export function ProgramWizard({ initialValues, submitLabel, busy, save, onSaved }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [active, setActive] = useState(0);
  const say = (problems: Record<string, WizardProblem>) =>
    Object.fromEntries(
      Object.entries(problems).map(([path, p]) => [
        path,
        p.key === "between"
          ? t("programs.wizard.errors.between", { min: formatNumber(p.min, language), max: formatNumber(p.max, language) })
          : p.key === "tooLong"
            ? t("programs.wizard.errors.tooLong", { max: formatNumber(p.max, language) })
            : t(`programs.wizard.errors.${p.key}`),
      ]),
    );
  // A field is checked when it is left, a step when it is left; the message goes beside the field.
  const form = useForm<WizardValues>({ initialValues, validate: (values) => say(wizardProblems(values)), validateInputOnBlur: true });
  const { failure, showError, clearFailure } = useProblemForm(form);

  /** Whether `step` may be left forwards; if not, its problems are shown beside their fields. */
  function leave(step: number): boolean {
    const problems = stepProblems(step, form.getValues());
    form.clearErrors();
    if (Object.keys(problems).length === 0) return true;
    form.setErrors(say(problems));
    return false;
  }

  function next() {
    if (!leave(active)) return;
    setActive((s) => Math.min(s + 1, 2));
    window.scrollTo({ top: 0 });
  }

  function submit() {
    clearFailure();
    const first = [0, 1].find((step) => Object.keys(stepProblems(step, form.getValues())).length > 0);
    if (first !== undefined) {
      setActive(first);
      leave(first);
      return;
    }
    form.clearErrors();
    save(toProgramInput(form.getValues())).then(onSaved, (error: unknown) => {
      showError(error);
      if (error instanceof ApiError && error.problem.errors?.length) {
        setActive(stepOfFields(error.problem.errors.map((e) => topLevelField(e.field))));
      }
    });
  }

  return (
    <Card withBorder padding="lg">
      <Stepper active={active} onStepClick={(step) => step < active && setActive(step)} size="sm" mb="xl">
        <Stepper.Step label={t("programs.wizard.purposeStep")} description={t("programs.wizard.purposeStepHint")}>
          <PurposeStep form={form} />
        </Stepper.Step>
        <Stepper.Step label={t("programs.wizard.designStep")} description={t("programs.wizard.designStepHint")}>
          <DesignStep form={form} />
        </Stepper.Step>
        <Stepper.Step label={t("programs.wizard.reviewStep")} description={t("programs.wizard.reviewStepHint")}>
          <Stack gap="md">
            <Stack gap={2}>
              <Text size="xs" c="dimmed" fw={600}>
                {t("programs.fields.name")}
              </Text>
              <Title order={2} size="h3" data-testid="review-name" style={{ overflowWrap: "anywhere" }}>
                {form.getValues().name.trim()}
              </Title>
            </Stack>
            <DesignSummary design={toProgramInput(form.getValues())} />
          </Stack>
        </Stepper.Step>
      </Stepper>
      {failure && <ErrorAlert error={failure.error} extra={failure.unmatched} />}
      <Group justify="space-between" mt="xl">
        <Button variant="default" disabled={active === 0} onClick={() => setActive((s) => Math.max(s - 1, 0))}>
          {t("programs.wizard.back")}
        </Button>
        {active < 2 ? (
          <Button onMouseDown={keepFocus} onClick={next}>
            {t("programs.wizard.next")}
          </Button>
        ) : (
          <Button loading={busy} onMouseDown={keepFocus} onClick={submit}>
            {submitLabel}
          </Button>
        )}
      </Group>
    </Card>
  );
}
