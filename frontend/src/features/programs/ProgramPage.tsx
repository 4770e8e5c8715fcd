import { useState } from "react";
import { Button, Card, Group, Stack, Tabs, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconPencil } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import type { ProgramState, ProgramView } from "../../api/types";
import { useConsoleUser } from "../../app/AppLayout";
import { formatDateTime } from "../../i18n/format";
import { ConfirmButton } from "../../shared/ConfirmButton";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { PageHeader } from "../../shared/PageHeader";
import { useLanguage } from "../../shared/useLanguage";
import { canWriteDirectory } from "../auth/permissions";
import { FeedbackTab } from "../feedback/FeedbackTab";
import { hasLaunch } from "../launch/visibility";
import { LaunchTab } from "../launch/LaunchTab";
import { useHasPairs } from "../matching/matchingApi";
import { MatchingTab } from "../matching/MatchingTab";
import { NudgesTab } from "../nudges/NudgesTab";
import { CampaignsSection } from "../recruitment/CampaignsSection";
import { useCampaigns } from "../recruitment/recruitmentApi";
import { ResultsTab } from "../results/ResultsTab";
import { DesignSummary } from "./DesignSummary";
import { useDeleteProgram, useProgram, useTransition } from "./programsApi";
import { StateBadge } from "./StateBadge";
import { campaignsClosedBy, transitionRequest } from "./transition";
import { TransitionDialog } from "./TransitionDialog";
import { BackLink, PageLoading } from "../../shared/PageParts";

const TABS = ["overview", "matching", "launch", "feedback", "results", "nudges"] as const;
type Tab = (typeof TABS)[number];

/** Matching (step 4) has something to show once the program has started recruiting. */
function hasMatching(state: ProgramState): boolean {
  return state !== "draft";
}

/** The lifecycle: the current state and one button per state the program may move to. */
function Lifecycle({ program, writer }: { program: ProgramView; writer: boolean }) {
  const { t } = useTranslation();
  const move = useTransition(program.id);
  const campaigns = useCampaigns(program.id);
  const [asked, setAsked] = useState<ProgramState | null>(null);
  const closing = asked ? campaignsClosedBy(program.state, asked, campaigns.data ?? []) : 0;
  const forward = (s: ProgramState) => s !== "archived" && s !== "draft";
  return (
    <Card withBorder padding="lg">
      <Title order={2} size="h4" mb="xs">
        {t("programs.lifecycle")}
      </Title>
      <Group gap="sm" mb="sm">
        <Text size="sm">{t("programs.state")}:</Text>
        <StateBadge state={program.state} />
      </Group>
      {program.next_states.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("programs.noNextStates")}
        </Text>
      ) : writer ? (
        <Group gap="sm">
          {program.next_states.map((to) => (
            <Button
              key={to}
              variant={forward(to) ? "filled" : "default"}
              onClick={() => {
                move.reset();
                setAsked(to);
              }}
            >
              {t(`programs.moveTo.${to}`)}
            </Button>
          ))}
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          {t("programs.nextStepsAre", { states: program.next_states.map((s) => t(`programs.states.${s}`)).join(", ") })}
        </Text>
      )}
      <TransitionDialog
        program={program}
        to={asked}
        closing={closing}
        busy={move.isPending}
        error={move.error}
        onClose={() => setAsked(null)}
        onConfirm={(to) =>
          move.mutate(transitionRequest(to, closing), {
            onSuccess: (p) => {
              setAsked(null);
              notifications.show({ color: "teal", message: t("programs.moved", { state: t(`programs.states.${p.state}`) }) });
            },
          })
        }
      />
    </Card>
  );
}

export function ProgramPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { programId = "" } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const user = useConsoleUser();
  const program = useProgram(programId);
  const published = useHasPairs(programId, program.data?.state === "matching");
  const remove = useDeleteProgram();
  const writer = canWriteDirectory(user.role);

  const back = <BackLink to="/programs" label={t("programs.back")} />;
  if (program.isPending) return <PageLoading />;
  if (program.isError) {
    return (
      <Stack>
        {back}
        <ErrorAlert error={program.error} onRetry={() => void program.refetch()} />
      </Stack>
    );
  }
  const p = program.data;
  const editable = writer && p.state !== "completed" && p.state !== "archived";
  const launch = hasLaunch(p.state, published);
  // Feedback (check-ins and surveys), results and nudges come once pairs meet, like launch and monitoring.
  const tabs = TABS.filter((x) => (x === "matching" ? hasMatching(p.state) : x === "overview" ? true : launch));
  const tab: Tab = tabs.find((x) => x === params.get("tab")) ?? "overview";
  return (
    <Stack gap="md">
      {back}
      <PageHeader
        title={p.design.name}
        description={t("programs.updatedAt", { when: formatDateTime(p.updated_at, language) })}
        actions={
          writer && (
            <Group gap="sm">
              {editable && (
                <Button component={Link} to={`/programs/${p.id}/edit`} variant="default" leftSection={<IconPencil size={16} />}>
                  {t("programs.edit")}
                </Button>
              )}
              {p.state === "draft" && (
                <ConfirmButton
                  label={t("programs.delete")}
                  size="sm"
                  title={t("programs.deleteTitle")}
                  message={t("programs.deleteBody", { name: p.design.name })}
                  confirmLabel={t("programs.delete")}
                  onConfirm={async () => {
                    await remove.mutateAsync(p.id);
                    void navigate("/programs", { replace: true });
                  }}
                />
              )}
            </Group>
          )
        }
      />
      <Lifecycle program={p} writer={writer} />
      <Tabs
        value={tab}
        onChange={(value) => {
          const next = tabs.find((x) => x === value);
          if (next) setParams(next === "overview" ? {} : { tab: next }, { replace: true });
        }}
        keepMounted={false}
      >
        {tabs.length > 1 && (
          <Tabs.List mb="md">
            {tabs.map((x) => (
              <Tabs.Tab key={x} value={x}>
                {t(`programs.tabs.${x}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        )}
        <Tabs.Panel value="overview">
          <Stack gap="md">
            <CampaignsSection programId={p.id} writer={writer} />
            <Card withBorder padding="lg">
              <Title order={2} size="h4" mb="md">
                {t("programs.design")}
              </Title>
              <DesignSummary design={p.design} />
            </Card>
          </Stack>
        </Tabs.Panel>
        {hasMatching(p.state) && (
          <Tabs.Panel value="matching">
            <MatchingTab program={p} writer={writer} />
          </Tabs.Panel>
        )}
        {launch && (
          <Tabs.Panel value="launch">
            <LaunchTab program={p} writer={writer} />
          </Tabs.Panel>
        )}
        {launch && (
          <Tabs.Panel value="feedback">
            <FeedbackTab program={p} writer={writer} />
          </Tabs.Panel>
        )}
        {launch && (
          <Tabs.Panel value="results">
            <ResultsTab program={p} writer={writer} />
          </Tabs.Panel>
        )}
        {launch && (
          <Tabs.Panel value="nudges">
            <NudgesTab program={p} writer={writer} />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}
