import { Checkbox, Grid, Group, NumberInput, TagsInput, Text } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { useTranslation } from "react-i18next";
import type { Reach, ValueCount } from "../../../api/types";
import { formatNumber } from "../../../i18n/format";
import { useLanguage } from "../../../shared/useLanguage";
import type { RuleRole, WizardValues } from "./wizardState";

type Form = UseFormReturnType<WizardValues>;

/** The rules that name directory values. */
type ListRule = "departments" | "functions" | "regions";

/** The directory's values for each list rule, most common first. */
export type DirectoryValues = Pick<Reach, ListRule>;

/**
 * One list rule, picked from the directory's values (with how many people have each) or typed:
 * a company may design a program before its people are imported.
 */
function ListRuleInput({ form, role, rule, values }: { form: Form; role: RuleRole; rule: ListRule; values: readonly ValueCount[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const people = new Map(values.map((v) => [v.value, v.people]));
  return (
    <TagsInput
      label={t(`programs.rule.${rule}`)}
      aria-label={t(`programs.rule.${rule}For`, { role: t(`programs.roles.${role}`) })}
      placeholder={t("programs.rule.pickOrType")}
      data={values.map((v) => v.value)}
      renderOption={({ option }) => {
        const count = people.get(option.value) ?? 0;
        return (
          <Group justify="space-between" wrap="nowrap" gap="sm" w="100%">
            <Text size="sm">{option.value}</Text>
            <Text size="xs" c="dimmed">
              {t("programs.reach.valueCount", { count, shown: formatNumber(count, language) })}
            </Text>
          </Group>
        );
      }}
      {...form.getInputProps(`eligibility.${role}.${rule}`)}
    />
  );
}

/**
 * Who may take one role: levels, departments, functions, regions, executives only. Empty means
 * anyone. `directory` holds the values to pick from, once the directory has answered.
 */
export function RuleFields({ form, role, directory }: { form: Form; role: RuleRole; directory: DirectoryValues | undefined }) {
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
      {(["departments", "functions", "regions"] as const).map((rule) => (
        <Grid.Col key={rule} span={{ base: 12, sm: 6 }}>
          <ListRuleInput form={form} role={role} rule={rule} values={directory?.[rule] ?? []} />
        </Grid.Col>
      ))}
      <Grid.Col span={12}>
        <Checkbox label={t("programs.rule.executivesOnly")} {...form.getInputProps(`${path}.executives_only`, { type: "checkbox" })} />
      </Grid.Col>
    </Grid>
  );
}
