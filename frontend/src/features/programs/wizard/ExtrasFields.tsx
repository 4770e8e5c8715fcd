import { ActionIcon, Button, Grid, Select, Text, TextInput, Title } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { PARTICIPANT_ROLES } from "../../../api/types";
import type { WizardValues } from "./wizardState";

type Form = UseFormReturnType<WizardValues>;

function FieldError({ message }: { message: unknown }) {
  if (typeof message !== "string") return null;
  return (
    <Text c="red" size="sm">
      {message}
    </Text>
  );
}

function Remove({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <ActionIcon variant="subtle" color="red" size="lg" aria-label={label} onClick={onClick}>
      <IconTrash size={16} />
    </ActionIcon>
  );
}

/** Training modules per role, and resources (links) for participants. */
export function ExtrasFields({ form }: { form: Form }) {
  const { t } = useTranslation();
  const values = form.getValues();
  const roles = values.kind === "mutual" ? (["either"] as const) : PARTICIPANT_ROLES;
  return (
    <Grid>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Title order={3} size="h5" mb="xs">
          {t("programs.fields.training")}
        </Title>
        {values.training.map((_, i) => (
          <Grid key={form.key(`training.${i}`)} align="flex-end" mb="xs">
            <Grid.Col span={5}>
              <TextInput label={t("programs.training.title")} {...form.getInputProps(`training.${i}.title`)} />
            </Grid.Col>
            <Grid.Col span={3}>
              <Select
                label={t("programs.training.role")}
                allowDeselect={false}
                data={roles.map((r) => ({ value: r, label: t(`programs.roles.${r}`) }))}
                {...form.getInputProps(`training.${i}.role`)}
              />
            </Grid.Col>
            <Grid.Col span={3}>
              <TextInput label={t("programs.training.url")} {...form.getInputProps(`training.${i}.url`)} />
            </Grid.Col>
            <Grid.Col span={1}>
              <Remove label={t("programs.wizard.removeTraining")} onClick={() => form.removeListItem("training", i)} />
            </Grid.Col>
          </Grid>
        ))}
        <FieldError message={form.errors.training} />
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => form.insertListItem("training", { title: "", role: values.kind === "mutual" ? "either" : "mentor", url: "" })}
        >
          {t("programs.wizard.addTraining")}
        </Button>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Title order={3} size="h5" mb="xs">
          {t("programs.fields.resources")}
        </Title>
        {values.resources.map((_, i) => (
          <Grid key={form.key(`resources.${i}`)} align="flex-end" mb="xs">
            <Grid.Col span={4}>
              <TextInput label={t("programs.resource.title")} {...form.getInputProps(`resources.${i}.title`)} />
            </Grid.Col>
            <Grid.Col span={4}>
              <TextInput label={t("programs.resource.link")} placeholder="https://" {...form.getInputProps(`resources.${i}.link`)} />
            </Grid.Col>
            <Grid.Col span={3}>
              <TextInput label={t("programs.resource.description")} {...form.getInputProps(`resources.${i}.description`)} />
            </Grid.Col>
            <Grid.Col span={1}>
              <Remove label={t("programs.wizard.removeResource")} onClick={() => form.removeListItem("resources", i)} />
            </Grid.Col>
          </Grid>
        ))}
        <FieldError message={form.errors.resources} />
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => form.insertListItem("resources", { title: "", link: "", description: "" })}
        >
          {t("programs.wizard.addResource")}
        </Button>
      </Grid.Col>
    </Grid>
  );
}
