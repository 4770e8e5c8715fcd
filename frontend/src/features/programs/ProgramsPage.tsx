import { useState } from "react";
import { Anchor, Button, Card, Group, Select, Table, Text } from "@mantine/core";
import { IconPlus, IconTemplate } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PROGRAM_STATES, type ProgramState, type ProgramView } from "../../api/types";
import { useConsoleUser } from "../../app/AppLayout";
import { formatDate, formatNumber } from "../../i18n/format";
import { ListState } from "../../shared/ListState";
import { PageHeader } from "../../shared/PageHeader";
import { useLanguage } from "../../shared/useLanguage";
import { canWriteDirectory } from "../auth/permissions";
import { usePrograms } from "./programsApi";
import { StateBadge } from "./StateBadge";

function ProgramsTable({ programs }: { programs: ProgramView[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const date = (d: string | null | undefined) => (d ? formatDate(d, language, { timeZone: "UTC" }) : "—");
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("programs.fields.name")}</Table.Th>
            <Table.Th>{t("programs.fields.kind")}</Table.Th>
            <Table.Th>{t("programs.state")}</Table.Th>
            <Table.Th>{t("programs.nextStep")}</Table.Th>
            <Table.Th>{t("programs.dates")}</Table.Th>
            <Table.Th>{t("programs.fields.slots")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {programs.map((p) => (
            <Table.Tr key={p.id} data-testid={`program-${p.design.name}`}>
              <Table.Td>
                <Anchor component={Link} to={`/programs/${p.id}`} fw={500} size="sm">
                  {p.design.name}
                </Anchor>
              </Table.Td>
              <Table.Td>{t(`programs.kinds.${p.design.kind}`)}</Table.Td>
              <Table.Td>
                <StateBadge state={p.state} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {p.next_states.map((s) => t(`programs.states.${s}`)).join(" / ") || "—"}
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                {date(p.design.start_date)} – {date(p.design.end_date)}
              </Table.Td>
              <Table.Td>{formatNumber(p.design.slots, language)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function ProgramsPage() {
  const { t } = useTranslation();
  const user = useConsoleUser();
  const [state, setState] = useState<ProgramState | null>(null);
  const programs = usePrograms(state);
  return (
    <>
      <PageHeader
        title={t("programs.title")}
        description={t("programs.subtitle")}
        actions={
          canWriteDirectory(user.role) && (
            <Group gap="sm">
              <Button component={Link} to="/programs/templates" variant="default" leftSection={<IconTemplate size={16} />}>
                {t("programs.templates.open")}
              </Button>
              <Button component={Link} to="/programs/new" leftSection={<IconPlus size={16} />}>
                {t("programs.new")}
              </Button>
            </Group>
          )
        }
      />
      <Card withBorder padding="lg">
        <Select
          label={t("programs.filterState")}
          w={220}
          mb="md"
          clearable
          placeholder={t("programs.allStates")}
          data={PROGRAM_STATES.map((s) => ({ value: s, label: t(`programs.states.${s}`) }))}
          value={state}
          onChange={(value) => setState(PROGRAM_STATES.find((s) => s === value) ?? null)}
        />
        <ListState query={programs.query} isEmpty={programs.items.length === 0} emptyText={t("programs.empty")}>
          <ProgramsTable programs={programs.items} />
        </ListState>
      </Card>
    </>
  );
}
