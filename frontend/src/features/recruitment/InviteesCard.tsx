import { useState } from "react";
import { Alert, Button, Card, Checkbox, Grid, MultiSelect, NumberInput, Stack, Switch, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import type { InviteeFilter, InviteesRequest } from "../../api/types";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { NO_FILTERS, toQuery, type PeopleFilters } from "../people/filters";
import { usePeople } from "../people/peopleApi";
import { useAddInvitees } from "./recruitmentApi";

/** The directory filter as the API takes it: only what is set. */
function toFilter(filters: PeopleFilters, fn: string): InviteeFilter {
  const { q: _q, ...rest } = toQuery(filters);
  return { ...rest, ...(fn.trim() ? { function: fn.trim() } : {}) };
}

/** Closed campaigns: invite people picked by name, or everyone matching a directory filter. */
export function InviteesCard({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<"filter" | "people">("filter");
  const [filters, setFilters] = useState<PeopleFilters>(NO_FILTERS);
  const [fn, setFn] = useState("");
  const [eligibleOnly, setEligibleOnly] = useState(true);
  const [picked, setPicked] = useState<string[]>([]);
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 300);
  const people = usePeople({ ...NO_FILTERS, q: debounced });
  const add = useAddInvitees(campaignId);
  const set = (patch: Partial<PeopleFilters>) => setFilters((f) => ({ ...f, ...patch }));

  const options = people.items.map((p) => ({ value: p.id, label: `${p.name} <${p.email}>` }));
  const body: InviteesRequest =
    mode === "people" ? { person_ids: picked, eligible_only: eligibleOnly } : { filter: toFilter(filters, fn), eligible_only: eligibleOnly };

  return (
    <Card withBorder padding="lg">
      <Title order={2} size="h4" mb="xs">
        {t("recruitment.invitees.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t("recruitment.invitees.hint")}
      </Text>
      <Stack gap="sm">
        <Switch
          label={t("recruitment.invitees.pickPeople")}
          checked={mode === "people"}
          onChange={(e) => setMode(e.currentTarget.checked ? "people" : "filter")}
        />
        {mode === "people" ? (
          <MultiSelect
            label={t("recruitment.invitees.people")}
            searchable
            searchValue={search}
            onSearchChange={setSearch}
            data={options}
            value={picked}
            onChange={setPicked}
            nothingFoundMessage={t("recruitment.invitees.nobody")}
          />
        ) : (
          <Grid>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput label={t("people.fields.department")} value={filters.department} onChange={(e) => set({ department: e.currentTarget.value })} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput label={t("people.fields.function")} value={fn} onChange={(e) => setFn(e.currentTarget.value)} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput label={t("people.fields.region")} value={filters.region} onChange={(e) => set({ region: e.currentTarget.value })} />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 3 }}>
              <NumberInput label={t("programs.rule.levelMin")} min={1} max={20} value={filters.levelMin} onChange={(v) => set({ levelMin: v })} />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 3 }}>
              <NumberInput label={t("programs.rule.levelMax")} min={1} max={20} value={filters.levelMax} onChange={(v) => set({ levelMax: v })} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 3 }}>
              <TextInput label={t("people.fields.skills")} value={filters.skill} onChange={(e) => set({ skill: e.currentTarget.value })} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 3 }} style={{ alignSelf: "flex-end" }}>
              <Checkbox
                label={t("programs.rule.executivesOnly")}
                checked={filters.executivesOnly}
                onChange={(e) => set({ executivesOnly: e.currentTarget.checked })}
              />
            </Grid.Col>
          </Grid>
        )}
        <Checkbox label={t("recruitment.invitees.eligibleOnly")} checked={eligibleOnly} onChange={(e) => setEligibleOnly(e.currentTarget.checked)} />
        {add.isError && <ErrorAlert error={add.error} />}
        {add.isSuccess && (
          <Alert color="teal" role="status" data-testid="invitees-added">
            {t("recruitment.invitees.added", { added: add.data.added, invitees: add.data.invitees })}
          </Alert>
        )}
        <div>
          <Button loading={add.isPending} disabled={mode === "people" && picked.length === 0} onClick={() => add.mutate(body)}>
            {t("recruitment.invitees.add")}
          </Button>
        </div>
      </Stack>
    </Card>
  );
}
