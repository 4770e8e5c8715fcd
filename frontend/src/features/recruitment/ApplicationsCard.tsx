import { useState } from "react";
import { Button, Card, Drawer, Group, Select, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { APPLICATION_STATUSES, DECISIONS, type ApplicationStatus, type ApplicationView, type Decision } from "../../api/types";
import { formatDateTime, formatLanguages } from "../../i18n/format";
import { ListState } from "../../shared/ListState";
import { useLanguage } from "../../shared/useLanguage";
import { readForm } from "./applicationForm";
import { ApplicationStatusBadge } from "./CampaignStateBadge";
import { DecisionDialog } from "./DecisionDialog";
import { useApplications } from "./recruitmentApi";

const DECISION_COLORS: Record<Decision, string> = { accept: "teal", waitlist: "yellow", decline: "red" };
/** The status each decision leads to: deciding it again would change nothing. */
const DECIDED: Record<Decision, ApplicationStatus> = { accept: "accepted", waitlist: "waitlisted", decline: "declined" };

function Decisions({ application }: { application: ApplicationView }) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<Decision | null>(null);
  if (application.status === "unconfirmed" || application.status === "withdrawn") {
    return (
      <Text size="xs" c="dimmed">
        {t("recruitment.nothingToDecide")}
      </Text>
    );
  }
  return (
    <>
      <Group gap={4} wrap="nowrap">
        {DECISIONS.map((d) => (
          <Button
            key={d}
            size="compact-xs"
            variant="light"
            color={DECISION_COLORS[d]}
            aria-label={t(`recruitment.decideFor.${d}`, { name: application.person_name })}
            disabled={application.status === DECIDED[d]}
            onClick={() => setChoice(d)}
          >
            {t(`recruitment.decisions.${d}`)}
          </Button>
        ))}
      </Group>
      <DecisionDialog application={application} decision={choice} onClose={() => setChoice(null)} />
    </>
  );
}

function Answer({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
        {value || "—"}
      </Text>
    </div>
  );
}

function ApplicationDrawer({ application, writer, onClose }: { application: ApplicationView | null; writer: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const form = application ? readForm(application.form) : null;
  return (
    <Drawer opened={application !== null} onClose={onClose} position="right" title={application?.person_name ?? ""}>
      {application && form && (
        <Stack gap="sm" data-testid="application-drawer">
          <Text size="sm" style={{ overflowWrap: "anywhere" }}>
            {application.person_email}
          </Text>
          <Group gap="xs">
            <ApplicationStatusBadge status={application.status} />
            <Text size="sm">{t(`apply.appliedAs.${application.role_wanted}`)}</Text>
          </Group>
          <Answer label={t("apply.fields.can_teach")} value={form.can_teach} />
          <Answer label={t("apply.fields.wants_to_learn")} value={form.wants_to_learn} />
          <Answer label={t("apply.fields.goals")} value={form.goals} />
          <Answer label={t("apply.fields.availability")} value={form.availability} />
          <Answer label={t("apply.fields.languages")} value={formatLanguages(form.languages, language)} />
          {form.would_like.length > 0 && <Answer label={t("apply.fields.would_like")} value={form.would_like.join("\n")} />}
          {form.rather_not.length > 0 && <Answer label={t("apply.fields.rather_not")} value={form.rather_not.join("\n")} />}
          <Answer label={t("apply.fields.consent")} value={form.consent ? t("recruitment.yes") : t("recruitment.no")} />
          {form.answers.map(([key, value]) => (
            <Answer key={key} label={key} value={value} />
          ))}
          {writer && <Decisions application={application} />}
        </Stack>
      )}
    </Drawer>
  );
}

/** The campaign's applications, their answers in a drawer, and the decisions (writers only). */
export function ApplicationsCard({ campaignId, writer }: { campaignId: string; writer: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [status, setStatus] = useState<ApplicationStatus | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const { query, items } = useApplications(campaignId, status);
  // The drawer follows the list, so a decision made in it shows there too.
  const open = items.find((a) => a.id === openId) ?? null;
  return (
    <Card withBorder padding="lg">
      <Group justify="space-between" mb="md" align="flex-end">
        <Title order={2} size="h4">
          {t("recruitment.applications")}
        </Title>
        <Select
          label={t("recruitment.filterStatus")}
          placeholder={t("recruitment.allStatuses")}
          clearable
          w={200}
          value={status}
          onChange={(v) => setStatus(APPLICATION_STATUSES.find((s) => s === v) ?? null)}
          data={APPLICATION_STATUSES.map((s) => ({ value: s, label: t(`recruitment.statuses.${s}`) }))}
        />
      </Group>
      <ListState query={query} isEmpty={items.length === 0} emptyText={t("recruitment.noApplications")}>
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("fields.name")}</Table.Th>
                <Table.Th>{t("recruitment.roleWanted")}</Table.Th>
                <Table.Th>{t("recruitment.status")}</Table.Th>
                <Table.Th>{t("recruitment.appliedAt")}</Table.Th>
                {writer && <Table.Th>{t("common.actions")}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((a) => (
                <Table.Tr key={a.id} data-testid={`application-${a.person_email}`}>
                  <Table.Td>
                    <Button variant="subtle" size="compact-sm" px={0} onClick={() => setOpenId(a.id)}>
                      {a.person_name}
                    </Button>
                    <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                      {a.person_email}
                    </Text>
                  </Table.Td>
                  <Table.Td>{t(`apply.roles.${a.role_wanted}`)}</Table.Td>
                  <Table.Td>
                    <ApplicationStatusBadge status={a.status} />
                  </Table.Td>
                  <Table.Td>{formatDateTime(a.created_at, language)}</Table.Td>
                  {writer && (
                    <Table.Td>
                      <Decisions application={a} />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </ListState>
      <ApplicationDrawer application={open} writer={writer} onClose={() => setOpenId(null)} />
    </Card>
  );
}
