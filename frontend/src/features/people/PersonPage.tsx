import { useState } from "react";
import { Badge, Button, Card, Group, SimpleGrid, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconPencil } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import type { PersonView } from "../../api/types";
import { useConsoleUser, useTenant } from "../../app/AppLayout";
import { formatDate, formatLanguages, formatNumber } from "../../i18n/format";
import { ConfirmButton } from "../../shared/ConfirmButton";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { PageHeader } from "../../shared/PageHeader";
import { useLanguage } from "../../shared/useLanguage";
import { canAdminister, canWriteDirectory } from "../auth/permissions";
import { useDeletePerson, usePerson } from "./peopleApi";
import { PersonForm } from "./PersonForm";
import { PersonNudges } from "../nudges/PersonNudges";
import { BackLink, PageLoading } from "../../shared/PageParts";

function Detail({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text size="sm">{value || "—"}</Text>
    </Stack>
  );
}

function PersonDetails({ person, withSensitive }: { person: PersonView; withSensitive: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const label = (field: string) => t(`people.fields.${field}` as "people.fields.name");
  const rows: [string, string][] = [
    ["external_id", person.external_id],
    ["name_reading", person.name_reading ?? ""],
    ["email", person.email],
    ["title", person.title ?? ""],
    ["department", person.department ?? ""],
    ["function", person.function ?? ""],
    ["region", person.region ?? ""],
    ["location", person.location ?? ""],
    ["job_level", person.job_level != null ? formatNumber(person.job_level, language) : ""],
    ["manager_external_id", person.manager_external_id ?? ""],
    ["time_zone", person.time_zone ?? ""],
    ["languages", formatLanguages(person.languages, language)],
    ["skills", person.skills.join(", ")],
    ["hire_date", person.hire_date ? formatDate(person.hire_date, language, { timeZone: "UTC" }) : ""],
    ["preferred_locale", t(`language.names.${person.preferred_locale}`)],
    ["is_executive", person.is_executive ? t("people.yes") : t("people.no")],
  ];
  if (withSensitive) rows.push(["gender", person.gender ?? ""], ["age_band", person.age_band ?? ""]);
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md">
      {rows.map(([field, value]) => (
        <Detail key={field} label={label(field)} value={value} />
      ))}
    </SimpleGrid>
  );
}

export function PersonPage() {
  const { t } = useTranslation();
  const { personId = "" } = useParams();
  const navigate = useNavigate();
  const user = useConsoleUser();
  const tenant = useTenant();
  const person = usePerson(personId);
  const remove = useDeletePerson();
  const [editing, setEditing] = useState(false);
  const writer = canWriteDirectory(user.role);
  const withSensitive = canAdminister(user.role) && tenant.sensitive_attributes_enabled;

  const back = <BackLink to="/people" label={t("people.back")} />;
  if (person.isPending) return <PageLoading />;
  if (person.isError) {
    return (
      <Stack>
        {back}
        <ErrorAlert error={person.error} onRetry={() => void person.refetch()} />
      </Stack>
    );
  }
  const p = person.data;
  return (
    <Stack gap="md">
      {back}
      <PageHeader
        title={p.name}
        description={p.title ?? undefined}
        actions={
          writer &&
          !editing && (
            <Group gap="sm">
              <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)}>
                {t("people.edit")}
              </Button>
              <ConfirmButton
                label={t("people.delete")}
                size="sm"
                title={t("people.deleteTitle")}
                message={t("people.deleteBody", { name: p.name })}
                confirmLabel={t("people.delete")}
                onConfirm={async () => {
                  await remove.mutateAsync(p.id);
                  notifications.show({ color: "teal", message: t("people.deleted", { name: p.name }) });
                  void navigate("/people", { replace: true });
                }}
              />
            </Group>
          )
        }
      />
      {p.is_executive && (
        <Badge variant="light" color="grape" w="fit-content">
          {t("people.executive")}
        </Badge>
      )}
      <Card withBorder padding="lg">
        {editing ? (
          <PersonForm
            person={p}
            withSensitive={withSensitive}
            onCancel={() => setEditing(false)}
            onSaved={() => setEditing(false)}
          />
        ) : (
          <PersonDetails person={p} withSensitive={withSensitive} />
        )}
      </Card>
      <PersonNudges personId={p.id} />
    </Stack>
  );
}
