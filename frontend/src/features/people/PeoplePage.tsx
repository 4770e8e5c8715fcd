import { useState } from "react";
import { Anchor, Badge, Button, Card, Checkbox, Grid, NumberInput, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconFileImport, IconSearch } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { PersonView } from "../../api/types";
import { useConsoleUser } from "../../app/AppLayout";
import { formatNumber } from "../../i18n/format";
import { ListState } from "../../shared/ListState";
import { PageHeader } from "../../shared/PageHeader";
import { useLanguage } from "../../shared/useLanguage";
import { canWriteDirectory } from "../auth/permissions";
import { NO_FILTERS, type PeopleFilters } from "./filters";
import { usePeople } from "./peopleApi";

function Filters({ value, onChange }: { value: PeopleFilters; onChange: (next: PeopleFilters) => void }) {
  const { t } = useTranslation();
  const set = <K extends keyof PeopleFilters>(key: K, v: PeopleFilters[K]) => onChange({ ...value, [key]: v });
  return (
    <Grid align="flex-end" role="search">
      <Grid.Col span={{ base: 12, md: 4 }}>
        <TextInput
          label={t("people.search")}
          placeholder={t("people.searchHint")}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={value.q}
          onChange={(e) => set("q", e.currentTarget.value)}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 6, md: 2 }}>
        <TextInput label={t("people.fields.department")} value={value.department} onChange={(e) => set("department", e.currentTarget.value)} />
      </Grid.Col>
      <Grid.Col span={{ base: 6, md: 2 }}>
        <TextInput label={t("people.fields.region")} value={value.region} onChange={(e) => set("region", e.currentTarget.value)} />
      </Grid.Col>
      <Grid.Col span={{ base: 6, md: 2 }}>
        <TextInput label={t("people.fields.skill")} value={value.skill} onChange={(e) => set("skill", e.currentTarget.value)} />
      </Grid.Col>
      <Grid.Col span={{ base: 3, md: 1 }}>
        <NumberInput label={t("people.levelMin")} min={1} max={20} value={value.levelMin} onChange={(v) => set("levelMin", v)} />
      </Grid.Col>
      <Grid.Col span={{ base: 3, md: 1 }}>
        <NumberInput label={t("people.levelMax")} min={1} max={20} value={value.levelMax} onChange={(v) => set("levelMax", v)} />
      </Grid.Col>
      <Grid.Col span={12}>
        <Checkbox
          label={t("people.executivesOnly")}
          checked={value.executivesOnly}
          onChange={(e) => set("executivesOnly", e.currentTarget.checked)}
        />
      </Grid.Col>
    </Grid>
  );
}

function PeopleTable({ people }: { people: PersonView[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("people.fields.name")}</Table.Th>
            <Table.Th>{t("people.fields.external_id")}</Table.Th>
            <Table.Th>{t("people.fields.department")}</Table.Th>
            <Table.Th>{t("people.fields.region")}</Table.Th>
            <Table.Th>{t("people.fields.job_level")}</Table.Th>
            <Table.Th>{t("people.fields.skills")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {people.map((p) => (
            <Table.Tr key={p.id} data-testid={`person-${p.external_id}`}>
              <Table.Td>
                <Anchor component={Link} to={`/people/${p.id}`} fw={500} size="sm">
                  {p.name}
                </Anchor>
                {p.is_executive && (
                  <Badge ml={6} size="xs" variant="light" color="grape">
                    {t("people.executive")}
                  </Badge>
                )}
                <Text c="dimmed" size="xs">
                  {p.title ? `${p.title} · ` : ""}
                  {p.email}
                </Text>
              </Table.Td>
              <Table.Td>{p.external_id}</Table.Td>
              <Table.Td>{p.department ?? "—"}</Table.Td>
              <Table.Td>{p.region ?? "—"}</Table.Td>
              <Table.Td>{p.job_level != null ? formatNumber(p.job_level, language) : "—"}</Table.Td>
              <Table.Td>{p.skills.join(", ") || "—"}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function PeoplePage() {
  const { t } = useTranslation();
  const user = useConsoleUser();
  const language = useLanguage();
  const [filters, setFilters] = useState<PeopleFilters>(NO_FILTERS);
  const [debounced] = useDebouncedValue(filters, 300);
  const people = usePeople(debounced);
  const filtered = JSON.stringify(debounced) !== JSON.stringify(NO_FILTERS);
  return (
    <>
      <PageHeader
        title={t("people.title")}
        description={t("people.subtitle")}
        actions={
          canWriteDirectory(user.role) && (
            <Button component={Link} to="/people/import" leftSection={<IconFileImport size={16} />}>
              {t("people.import.open")}
            </Button>
          )
        }
      />
      <Card withBorder padding="lg">
        <Filters value={filters} onChange={setFilters} />
        <Text size="sm" c="dimmed" mt="md" data-testid="people-count" aria-live="polite">
          {people.query.isSuccess && t("people.shown", { shown: formatNumber(people.items.length, language) })}
        </Text>
        <ListState
          query={people.query}
          isEmpty={people.items.length === 0}
          emptyText={filtered ? t("people.noMatch") : t("people.empty")}
        >
          <PeopleTable people={people.items} />
        </ListState>
      </Card>
    </>
  );
}
