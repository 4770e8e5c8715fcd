import { Button, Center, Grid, Loader, Select, Stack, Table, Text, TextInput, VisuallyHidden } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useTranslation } from "react-i18next";
import type { SuppressionView } from "../../api/types";
import { formatDateTime } from "../../i18n/format";
import { ConfirmButton } from "../../shared/ConfirmButton";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { useLanguage } from "../../shared/useLanguage";
import { useProblemForm } from "../../shared/useProblemForm";
import { emailRule } from "../auth/validation";
import { useAddSuppression, useRemoveSuppression, useSuppressions } from "./emailApi";
import { categoryLabel, SUPPRESSION_CATEGORIES, suppressionReason } from "./categories";

function AddSuppressionForm() {
  const { t } = useTranslation();
  const add = useAddSuppression();
  const form = useForm({ initialValues: { email: "", category: "all" }, validate: { email: emailRule(t) } });
  const { failure, showError, clearFailure } = useProblemForm(form);
  return (
    <form
      noValidate
      aria-label={t("email.suppressions.addTitle")}
      onSubmit={form.onSubmit((values) => {
        clearFailure();
        add.mutate({ email: values.email.trim(), category: values.category }, { onSuccess: () => form.reset(), onError: showError });
      })}
    >
      {failure && <ErrorAlert error={failure.error} extra={failure.unmatched} />}
      <Grid align="flex-end" mt={failure ? "sm" : 0}>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput label={t("fields.email")} type="email" required {...form.getInputProps("email")} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <Select
            label={t("email.suppressions.category")}
            allowDeselect={false}
            data={SUPPRESSION_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(t, c) }))}
            {...form.getInputProps("category")}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 2 }}>
          <Button type="submit" fullWidth loading={add.isPending}>
            {t("email.suppressions.add")}
          </Button>
        </Grid.Col>
      </Grid>
    </form>
  );
}

function SuppressionsTable({ items }: { items: SuppressionView[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const remove = useRemoveSuppression();
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("fields.email")}</Table.Th>
            <Table.Th>{t("email.suppressions.category")}</Table.Th>
            <Table.Th>{t("email.suppressions.reason")}</Table.Th>
            <Table.Th>{t("email.suppressions.since")}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t("common.actions")}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((s) => (
            <Table.Tr key={`${s.email}/${s.category}`} data-testid={`suppression-${s.email}-${s.category}`}>
              <Table.Td style={{ overflowWrap: "anywhere" }}>{s.email}</Table.Td>
              <Table.Td>{categoryLabel(t, s.category)}</Table.Td>
              <Table.Td>{suppressionReason(t, s.reason)}</Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(s.created_at, language)}</Table.Td>
              <Table.Td ta="right">
                <ConfirmButton
                  label={t("email.suppressions.remove")}
                  aria-label={t("email.suppressions.removeNamed", { email: s.email })}
                  title={t("email.suppressions.removeTitle")}
                  message={t("email.suppressions.removeBody", { email: s.email, category: categoryLabel(t, s.category) })}
                  confirmLabel={t("email.suppressions.remove")}
                  onConfirm={() => remove.mutateAsync({ email: s.email, category: s.category })}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Addresses that receive no optional email (of one category, or all). */
export function SuppressionsPanel() {
  const { t } = useTranslation();
  const list = useSuppressions();
  let body;
  if (list.isPending) {
    body = (
      <Center py="lg">
        <Loader size="sm" aria-label={t("common.loading")} />
      </Center>
    );
  } else if (list.isError) {
    body = <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />;
  } else if (list.data.length === 0) {
    body = (
      <Text c="dimmed" py="md" ta="center">
        {t("email.suppressions.empty")}
      </Text>
    );
  } else {
    body = <SuppressionsTable items={list.data} />;
  }
  return (
    <Stack gap="lg">
      <Text size="sm" c="dimmed">
        {t("email.suppressions.hint")}
      </Text>
      <AddSuppressionForm />
      {body}
    </Stack>
  );
}
