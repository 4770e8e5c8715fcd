import { Button, Checkbox, Grid, Group, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useTranslation } from "react-i18next";
import { SCOPES, type ApiKeyCreated, type ApiScope } from "../../api/types";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { useProblemForm } from "../../shared/useProblemForm";
import { requiredText } from "../auth/validation";
import { useCreateApiKey } from "./apiKeysApi";

export function CreateApiKeyForm({ onCreated }: { onCreated: (created: ApiKeyCreated) => void }) {
  const { t } = useTranslation();
  const create = useCreateApiKey();
  const initialValues: { name: string; scopes: ApiScope[] } = { name: "", scopes: ["read"] };
  const form = useForm({
    initialValues,
    validate: {
      name: requiredText(t),
      scopes: (value) => (value.length === 0 ? t("apiKeys.scopesRequired") : null),
    },
  });
  const { failure, showError, clearFailure } = useProblemForm(form);

  return (
    <form
      noValidate
      aria-label={t("apiKeys.createTitle")}
      onSubmit={form.onSubmit((values) => {
        clearFailure();
        create.mutate(
          { name: values.name.trim(), scopes: values.scopes },
          {
            onSuccess: (created) => {
              form.reset();
              onCreated(created);
            },
            onError: showError,
          },
        );
      })}
    >
      {failure && (
        <div style={{ marginBottom: 12 }}>
          <ErrorAlert error={failure.error} extra={failure.unmatched} />
        </div>
      )}
      <Grid align="flex-end">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <TextInput
            label={t("fields.keyName")}
            description={t("apiKeys.nameHint")}
            required
            {...form.getInputProps("name")}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Checkbox.Group
            label={t("fields.scopes")}
            required
            {...form.getInputProps("scopes")}
            onChange={(values) => form.setFieldValue("scopes", SCOPES.filter((s) => values.includes(s)))}
          >
            <Group mt={8} gap="lg">
              {SCOPES.map((scope) => (
                <Checkbox key={scope} value={scope} label={t(`apiKeys.scope.${scope}`)} />
              ))}
            </Group>
          </Checkbox.Group>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 2 }}>
          <Button type="submit" fullWidth loading={create.isPending}>
            {t("apiKeys.create")}
          </Button>
        </Grid.Col>
      </Grid>
    </form>
  );
}
