import { useEffect, useState } from "react";
import { Alert, Badge, Button, Center, Divider, Group, Loader, Stack, Switch, Text } from "@mantine/core";
import { IconCircleCheck, IconLinkOff } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";
import { OPTIONAL_CATEGORIES, type Preferences } from "../../api/types";
import { ApiError } from "../../api/problem";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { AuthLayout } from "../auth/AuthLayout";
import { allOff, choicesFrom, sameChoices, tokenFrom, type Choices } from "./preferences";
import { usePreferences, useSavePreferences } from "./preferencesApi";

function BadLink({ incomplete }: { incomplete: boolean }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" icon={<IconLinkOff size={18} />} title={t("preferences.badLinkTitle")} role="alert">
      {incomplete ? t("preferences.incompleteLink") : t("preferences.invalidLink")}
    </Alert>
  );
}

function PreferencesForm({ token, preferences }: { token: string; preferences: Preferences }) {
  const { t } = useTranslation();
  const saved = choicesFrom(preferences);
  const [choices, setChoices] = useState<Choices>(saved);
  const save = useSavePreferences(token);
  const [action, setAction] = useState<"save" | "all">("save");
  // What the server holds now (after a save, its answer) is what the switches start from.
  useEffect(() => setChoices(choicesFrom(preferences)), [preferences]);
  const changed = !sameChoices(choices, saved);

  return (
    <Stack gap="md">
      <Text>
        {t("preferences.for")}{" "}
        <Text span fw={600} style={{ overflowWrap: "anywhere" }} data-testid="preferences-email">
          {preferences.email}
        </Text>
      </Text>
      {save.isError && <ErrorAlert error={save.error} />}
      {save.isSuccess && !changed && (
        <Alert color="teal" icon={<IconCircleCheck size={18} />} role="status">
          {t("preferences.saved")}
        </Alert>
      )}
      <Stack gap="sm">
        {OPTIONAL_CATEGORIES.map((category) => (
          <Switch
            key={category}
            size="md"
            checked={choices[category]}
            onChange={(event) => {
              const on = event.currentTarget.checked;
              setChoices((c) => ({ ...c, [category]: on }));
            }}
            label={
              <Group gap={6} wrap="wrap">
                <span>{t(`email.categories.${category}`)}</span>
                {preferences.from_category === category && (
                  <Badge size="xs" variant="light">
                    {t("preferences.thisEmail")}
                  </Badge>
                )}
              </Group>
            }
            description={t(`preferences.describe.${category}`)}
          />
        ))}
      </Stack>
      <Text size="sm" c="dimmed">
        {t("preferences.transactionalNote")}
      </Text>
      <Button
        fullWidth
        disabled={!changed}
        loading={save.isPending && action === "save"}
        onClick={() => {
          setAction("save");
          save.mutate(choices);
        }}
      >
        {t("preferences.save")}
      </Button>
      <Divider label={t("preferences.or")} />
      <Button
        fullWidth
        variant="light"
        color="red"
        loading={save.isPending && action === "all"}
        onClick={() => {
          setAction("all");
          setChoices(allOff());
          save.mutate(allOff());
        }}
      >
        {t("preferences.unsubscribeAll")}
      </Button>
    </Stack>
  );
}

/** Reached from a link in an email, without an account: which optional email a participant gets. */
export function EmailPreferencesPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const token = tokenFrom(location.search);
  const preferences = usePreferences(token);

  let body;
  if (!token) body = <BadLink incomplete />;
  else if (preferences.isPending) {
    body = (
      <Center py="lg">
        <Loader size="sm" aria-label={t("common.loading")} />
      </Center>
    );
  } else if (preferences.isError) {
    const invalid = preferences.error instanceof ApiError && preferences.error.status === 404;
    body = invalid ? <BadLink incomplete={false} /> : <ErrorAlert error={preferences.error} onRetry={() => void preferences.refetch()} />;
  } else {
    body = <PreferencesForm token={token} preferences={preferences.data} />;
  }
  return (
    <AuthLayout title={t("preferences.title")} subtitle={t("preferences.subtitle")}>
      {body}
    </AuthLayout>
  );
}
