import { Alert, Card, Grid, NumberInput, Select, SimpleGrid, Stack, Switch, Text, TextInput, Title } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { useTranslation } from "react-i18next";
import { CADENCES, PROGRAM_KINDS } from "../../../api/types";
import { ExtrasFields } from "./ExtrasFields";
import { RuleFields } from "./RuleFields";
import { EmptyDirectoryNote, ReachLine, useRulesReach } from "./RulesReach";
import { ruleRoles, type WizardValues } from "./wizardState";

type Form = UseFormReturnType<WizardValues>;

function Eligibility({ form }: { form: Form }) {
  const { t } = useTranslation();
  const values = form.getValues();
  const kind = values.kind;
  const reach = useRulesReach(values);
  return (
    <Stack gap="sm">
      <div>
        <Title order={3} size="h5">
          {t("programs.fields.eligibility")}
        </Title>
        <Text size="sm" c="dimmed">
          {kind === "mutual" ? t("programs.wizard.eligibilityMutual") : t("programs.wizard.eligibilityHint")}
        </Text>
      </div>
      <EmptyDirectoryNote reach={reach} />
      {typeof form.errors.eligibility === "string" && (
        <Alert color="red" data-testid="eligibility-error">
          {form.errors.eligibility}
        </Alert>
      )}
      {ruleRoles(kind).map((role) => (
        <Card key={role} withBorder padding="md" bg="gray.0">
          <Text fw={600} size="sm" mb="xs">
            {t(`programs.roles.${role}`)}
          </Text>
          <RuleFields form={form} role={role} directory={reach.query.data} />
          <ReachLine reach={reach} role={role} />
        </Card>
      ))}
      {kind === "reverse" && (
        <Switch
          label={t("programs.fields.mentors_more_junior")}
          description={t("programs.wizard.juniorHint")}
          {...form.getInputProps("mentors_more_junior", { type: "checkbox" })}
        />
      )}
    </Stack>
  );
}

/** Step 2: who, how many, when and how often, training and resources. */
export function DesignStep({ form }: { form: Form }) {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <Grid>
        <Grid.Col span={{ base: 12, sm: 8 }}>
          <TextInput label={t("programs.fields.name")} required {...form.getInputProps("name")} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <Select
            label={t("programs.fields.kind")}
            allowDeselect={false}
            data={PROGRAM_KINDS.map((k) => ({ value: k, label: t(`programs.kinds.${k}`) }))}
            {...form.getInputProps("kind")}
            onChange={(value) => {
              const kind = PROGRAM_KINDS.find((k) => k === value);
              if (kind) form.setFieldValue("kind", kind);
            }}
          />
        </Grid.Col>
      </Grid>
      <Eligibility form={form} />
      <div>
        <Title order={3} size="h5" mb="xs">
          {t("programs.wizard.scheduleTitle")}
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
          <NumberInput label={t("programs.fields.slots")} min={1} allowDecimal={false} {...form.getInputProps("slots")} />
          <NumberInput label={t("programs.fields.mentor_capacity")} min={1} max={20} allowDecimal={false} {...form.getInputProps("mentor_capacity")} />
          <TextInput type="date" label={t("programs.fields.start_date")} {...form.getInputProps("start_date")} />
          <TextInput type="date" label={t("programs.fields.end_date")} {...form.getInputProps("end_date")} />
          <NumberInput label={t("programs.fields.meetings_per_month")} min={1} max={31} allowDecimal={false} {...form.getInputProps("meetings_per_month")} />
          <NumberInput label={t("programs.fields.minutes_per_meeting")} min={5} max={480} step={15} allowDecimal={false} {...form.getInputProps("minutes_per_meeting")} />
          <Select
            label={t("programs.fields.check_in_cadence")}
            allowDeselect={false}
            data={CADENCES.map((c) => ({ value: c, label: t(`programs.cadences.${c}`) }))}
            {...form.getInputProps("check_in_cadence")}
            onChange={(value) => {
              const cadence = CADENCES.find((c) => c === value);
              if (cadence) form.setFieldValue("check_in_cadence", cadence);
            }}
          />
        </SimpleGrid>
        <Text size="xs" c="dimmed" mt={4}>
          {t("programs.wizard.datesHint")}
        </Text>
      </div>
      <ExtrasFields form={form} />
    </Stack>
  );
}
