import { Alert, Button, Checkbox, Radio, Select, Stack, TextInput, Textarea } from "@mantine/core";
import { useForm, type UseFormReturnType } from "@mantine/form";
import { IconBan, IconMailCheck } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/problem";
import { LOCALES, type ApplicationReceived, type CustomQuestion, type PublicCampaign } from "../../api/types";
import { formatNumber } from "../../i18n/format";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { useLanguage } from "../../shared/useLanguage";
import { applyErrors, applyProblems, asksForEmail, initialApply, keyOf, toApplyRequest, type ApplyValues } from "./applyForm";
import { useApply } from "./applyApi";
import { TopicsInput } from "./TopicsInput";
import { WishesInput } from "./WishesInput";

type InputProps = ReturnType<UseFormReturnType<ApplyValues>["getInputProps"]>;

function Question({ question, inputProps }: { question: CustomQuestion; inputProps: InputProps }) {
  const common = { label: question.label, required: question.required ?? false };
  const options = question.options ?? [];
  if (question.kind === "single_choice") {
    return (
      <Radio.Group {...common} {...inputProps}>
        <Stack gap={6} mt={6}>
          {options.map((o) => (
            <Radio key={o} value={o} label={o} />
          ))}
        </Stack>
      </Radio.Group>
    );
  }
  if (question.kind === "multiple_choice") {
    return (
      <Checkbox.Group {...common} {...inputProps}>
        <Stack gap={6} mt={6}>
          {options.map((o) => (
            <Checkbox key={o} value={o} label={o} />
          ))}
        </Stack>
      </Checkbox.Group>
    );
  }
  return <Textarea {...common} autosize minRows={2} {...inputProps} />;
}

/** The application form; on success, where the confirmation link went. */
export function ApplyForm({ token, campaign }: { token: string; campaign: PublicCampaign }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const apply = useApply(token);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ error: unknown; rest: string[] } | null>(null);
  const [received, setReceived] = useState<ApplicationReceived | null>(null);
  const form = useForm<ApplyValues>({
    initialValues: initialApply(campaign, language),
    validate: (values) =>
      Object.fromEntries(
        Object.entries(applyProblems(values, campaign)).map(([path, p]) => [
          path,
          "max" in p ? t(p.key, { max: formatNumber(p.max, language) }) : "value" in p ? t(p.key, { value: p.value }) : t(p.key),
        ]),
      ),
  });

  if (received) {
    return (
      <Alert color="teal" icon={<IconMailCheck size={18} />} title={t("apply.checkEmailTitle")} role="status" data-testid="apply-received">
        {asksForEmail(campaign)
          ? t("apply.checkEmailPublic", { email: received.confirmation_sent_to })
          : t("apply.checkEmail", { email: received.confirmation_sent_to })}
      </Alert>
    );
  }

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        const body = toApplyRequest(values, campaign);
        if (!body) return;
        setRefusal(null);
        setFailure(null);
        apply.mutate(body, {
          onSuccess: setReceived,
          onError: (error) => {
            if (error instanceof ApiError && error.problem.errors?.length) {
              const { fields, rest } = applyErrors(error.problem, campaign.questions.map(keyOf));
              form.setErrors(fields);
              setRefusal(fields.role_wanted ?? null);
              if (rest.length > 0 || Object.keys(fields).length === 0) setFailure({ error, rest });
            } else setFailure({ error, rest: [] });
          },
        });
      })}
    >
      <Stack gap="md">
        {refusal && (
          <Alert color="orange" icon={<IconBan size={18} />} title={t("apply.refusedTitle")} role="alert" data-testid="apply-refusal">
            {refusal}
          </Alert>
        )}
        {failure && <ErrorAlert error={failure.error} extra={failure.rest} />}
        {asksForEmail(campaign) && (
          <TextInput type="email" label={t("apply.fields.email")} description={t("apply.emailHint")} required {...form.getInputProps("email")} />
        )}
        <Select
          label={t("apply.fields.role_wanted")}
          required
          allowDeselect={false}
          data={campaign.roles.map((r) => ({ value: r, label: t(`apply.roles.${r}`) }))}
          {...form.getInputProps("role_wanted")}
        />
        {(["can_teach", "wants_to_learn"] as const).map((field) => (
          <TopicsInput
            key={field}
            label={t(`apply.fields.${field}`)}
            suggestions={campaign.skills ?? []}
            value={form.values[field]}
            onChange={(value) => form.setFieldValue(field, value)}
            error={form.errors[field]}
          />
        ))}
        <Textarea label={t("apply.fields.goals")} autosize minRows={2} {...form.getInputProps("goals")} />
        <TextInput label={t("apply.fields.availability")} {...form.getInputProps("availability")} />
        <Checkbox.Group label={t("apply.fields.languages")} {...form.getInputProps("languages")}>
          <Stack gap={6} mt={6}>
            {LOCALES.map((l) => (
              <Checkbox key={l} value={l} label={t(`language.names.${l}`)} />
            ))}
          </Stack>
        </Checkbox.Group>
        {(["would_like", "rather_not"] as const).map((field) => (
          <WishesInput
            key={field}
            label={t(`apply.fields.${field}`)}
            value={form.values[field]}
            onChange={(value) => form.setFieldValue(field, value)}
            error={form.errors[field]}
          />
        ))}
        {campaign.questions.map((q) => (
          <Question key={keyOf(q)} question={q} inputProps={form.getInputProps(`answers.${keyOf(q)}`)} />
        ))}
        <Checkbox label={t("apply.fields.consent")} {...form.getInputProps("consent", { type: "checkbox" })} />
        <Button type="submit" fullWidth loading={apply.isPending}>
          {t("apply.submit")}
        </Button>
      </Stack>
    </form>
  );
}
