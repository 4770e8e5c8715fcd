import { useState } from "react";
import { Button, Card, Group, Stepper } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useTranslation } from "react-i18next";
import { ApiError, topLevelField } from "../../../api/problem";
import type { ProgramDesign, ProgramView } from "../../../api/types";
import { ErrorAlert } from "../../../shared/ErrorAlert";
import { useProblemForm } from "../../../shared/useProblemForm";
import { DesignSummary } from "../DesignSummary";
import { DesignStep } from "./DesignStep";
import { PurposeStep } from "./PurposeStep";
import { stepErrors, stepOfFields, toProgramInput, type WizardValues } from "./wizardState";

interface Props {
  initialValues: WizardValues;
  submitLabel: string;
  busy: boolean;
  save: (input: ProgramDesign) => Promise<ProgramView>;
  onSaved: (program: ProgramView) => void;
}

/** Purpose → design → review; a refused design opens the step with the first refused field. */
export function ProgramWizard({ initialValues, submitLabel, busy, save, onSaved }: Props) {
  const { t } = useTranslation();
  const [active, setActive] = useState(0);
  const form = useForm<WizardValues>({ initialValues });
  const { failure, showError, clearFailure } = useProblemForm(form);

  function next() {
    const errors = stepErrors(active, form.getValues());
    if (Object.keys(errors).length > 0) {
      form.setErrors(Object.fromEntries(Object.keys(errors).map((k) => [k, t("validation.required")])));
      return;
    }
    form.clearErrors();
    setActive((s) => Math.min(s + 1, 2));
    window.scrollTo({ top: 0 });
  }

  function submit() {
    clearFailure();
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
          <DesignSummary design={toProgramInput(form.getValues())} />
        </Stepper.Step>
      </Stepper>
      {failure && <ErrorAlert error={failure.error} extra={failure.unmatched} />}
      <Group justify="space-between" mt="xl">
        <Button variant="default" disabled={active === 0} onClick={() => setActive((s) => Math.max(s - 1, 0))}>
          {t("programs.wizard.back")}
        </Button>
        {active < 2 ? (
          <Button onClick={next}>{t("programs.wizard.next")}</Button>
        ) : (
          <Button loading={busy} onClick={submit}>
            {submitLabel}
          </Button>
        )}
      </Group>
    </Card>
  );
}
