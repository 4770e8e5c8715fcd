import { useState } from "react";
import { Anchor, Badge, Button, Card, Checkbox, Grid, Group, NumberInput, Select, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconFileExport, IconFileImport, IconSearch, IconUserPlus } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { PersonView } from "../../api/types";
import { useConsoleUser } from "../../app/AppLayout";
import { formatNumber } from "../../i18n/format";
import { saveFile } from "../../shared/download";
import { describeError } from "../../shared/errors";
import { ListState } from "../../shared/ListState";
import { PageHeader } from "../../shared/PageHeader";
import { useLanguage } from "../../shared/useLanguage";
import { canWriteDirectory } from "../auth/permissions";
import { asSort, DEFAULT_SORT, NO_FILTERS, PEOPLE_SORTS, toExportQuery, type PeopleFilters, type PeopleSort } from "./filters";
import { exportPeople, usePeople } from "./peopleApi";

/** Downloads the directory as the list shows it (filters and order) as `people.csv`. */
function ExportButton({ filters, sort }: { filters: PeopleFilters; sort: PeopleSort }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  async function download() {
    setBusy(true);
    try {
      saveFile(await exportPeople(toExportQuery(filters, sort)), "people.csv");
    } catch (error) {
      const { title, detail } = describeError(error, t);
      notifications.show({ color: "red", title: t("people.exportFailed"), message: `${title}. ${detail}`.trim() });
    } finally {
      setBusy(false);
    }
  }
  return (
    <Button variant="default" leftSection={<IconFileExport size={16} />} loading={busy} onClick={() => void download()}>
      {t("people.export")}
    </Button>
  );
}

function SortSelect({ value, onChange }: { value: PeopleSort; onChange: (next: PeopleSort) => void }) {
  const { t } = useTranslation();
  return (
    <Select
      label={t("people.sortLabel")}
      allowDeselect={false}
      data={PEOPLE_SORTS.map((s) => ({ value: s, label: t(`people.sort.${s}`) }))}
      value={value}
      onChange={(next) => {
        const sort = asSort(next);
        if (sort) onChange(sort);
      }}
    />
  );
}

interface FiltersProps {
  value: PeopleFilters;
  onChange: (next: PeopleFilters) => void;
  sort: PeopleSort;
  onSort: (next: PeopleSort) => void;
}

function Filters({ value, onChange, sort, onSort }: FiltersProps) {
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
        <TextInput
          label={t("people.fields.department")}
          placeholder={t("people.departmentHint")}
          value={value.department}
          onChange={(e) => set("department", e.currentTarget.value)}
        />
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
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Checkbox
          label={t("people.executivesOnly")}
          checked={value.executivesOnly}
          onChange={(e) => set("executivesOnly", e.currentTarget.checked)}
          mb={{ md: 8 }}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <SortSelect value={sort} onChange={onSort} />
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
            <Table.Th visibleFrom="sm">{t("people.fields.location")}</Table.Th>
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
                {p.name_reading && (
                  <Text size="xs" c="dimmed" data-testid="name-reading">
                    {p.name_reading}
                  </Text>
                )}
                <Text c="dimmed" size="xs">
                  {p.title ? `${p.title} · ` : ""}
                  {p.email}
                </Text>
              </Table.Td>
              <Table.Td>{p.external_id}</Table.Td>
              <Table.Td>{p.department ?? "—"}</Table.Td>
              <Table.Td>{p.region ?? "—"}</Table.Td>
              <Table.Td visibleFrom="sm">{p.location ?? "—"}</Table.Td>
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
  const [sort, setSort] = useState<PeopleSort>(DEFAULT_SORT);
  // Typing waits for a pause; a new order is asked for at once.
  const [debounced] = useDebouncedValue(filters, 300);
  const people = usePeople(debounced, sort);
  const filtered = JSON.stringify(debounced) !== JSON.stringify(NO_FILTERS);
  const total = people.query.data?.pages.at(-1)?.total;
  return (
    <>
      <PageHeader
        title={t("people.title")}
        description={t("people.subtitle")}
        actions={
          <Group gap="sm">
            {canWriteDirectory(user.role) && (
              <>
                <Button component={Link} to="/people/new" leftSection={<IconUserPlus size={16} />}>
                  {t("people.add")}
                </Button>
                <Button component={Link} to="/people/import" variant="default" leftSection={<IconFileImport size={16} />}>
                  {t("people.import.open")}
                </Button>
              </>
            )}
            <ExportButton filters={debounced} sort={sort} />
          </Group>
        }
      />
      <Card withBorder padding="lg">
        <Filters value={filters} onChange={setFilters} sort={sort} onSort={setSort} />
        <Group gap="md" mt="md" aria-live="polite">
          <Text size="sm" fw={600} data-testid="people-total">
            {people.query.isSuccess &&
              total != null &&
              t("people.total", { count: total, total: formatNumber(total, language) })}
          </Text>
          <Text size="sm" c="dimmed" data-testid="people-count">
            {people.query.isSuccess && t("people.shown", { shown: formatNumber(people.items.length, language) })}
          </Text>
        </Group>
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
