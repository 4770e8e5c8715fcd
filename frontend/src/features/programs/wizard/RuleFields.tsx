import { Checkbox, Grid, NumberInput, TagsInput } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { useTranslation } from "react-i18next";
import type { RuleRole, WizardValues } from "./wizardState";

/** Who may take one role: levels, departments, functions, regions, executives only. Empty means anyone. */
export function RuleFields({ form, role }: { form: UseFormReturnType<WizardValues>; role: RuleRole }) {
  const { t } = useTranslation();
  const path = `eligibility.${role}`;
  const who = t(`programs.roles.${role}`);
  return (
    <Grid>
      <Grid.Col span={{ base: 6, sm: 3 }}>
        <NumberInput
          label={t("programs.rule.levelMin")}
          aria-label={t("programs.rule.levelMinFor", { role: who })}
          min={1}
          max={20}
          allowDecimal={false}
          {...form.getInputProps(`${path}.level_min`)}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 6, sm: 3 }}>
        <NumberInput
          label={t("programs.rule.levelMax")}
          aria-label={t("programs.rule.levelMaxFor", { role: who })}
          min={1}
          max={20}
          allowDecimal={false}
          {...form.getInputProps(`${path}.level_max`)}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <TagsInput label={t("programs.rule.departments")} {...form.getInputProps(`${path}.departments`)} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <TagsInput label={t("programs.rule.functions")} {...form.getInputProps(`${path}.functions`)} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <TagsInput label={t("programs.rule.regions")} {...form.getInputProps(`${path}.regions`)} />
      </Grid.Col>
      <Grid.Col span={12}>
        <Checkbox label={t("programs.rule.executivesOnly")} {...form.getInputProps(`${path}.executives_only`, { type: "checkbox" })} />
      </Grid.Col>
    </Grid>
  );
}
