import { Anchor, Card, Group, List, Progress, Text, ThemeIcon, Title, VisuallyHidden } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { IconCircleCheck, IconCircleDashed } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap } from "../../api/client";
import { formatNumber } from "../../i18n/format";
import { useLanguage } from "../../shared/useLanguage";
import { usePrograms } from "../programs/programsApi";
import { useCampaignsOf } from "../recruitment/recruitmentApi";
import { SETUP_LINKS, setupSteps } from "./gettingStarted";

/** One page is enough to tell "none" from "some". */
function useHasAny(path: "/api/v1/people" | "/api/v1/team/members" | "/api/v1/team/invitations", limit: number) {
  return useQuery({
    // Under the lists' own keys, so that a change to the list refreshes the step too.
    queryKey: [...path.split("/").slice(3), "getting-started", limit],
    queryFn: () => unwrap(api.GET(path, { params: { query: { limit } } })),
  });
}

/** The first steps for a new company, each ticked once done; gone when all are. Owners and admins only. */
export function GettingStartedCard() {
  const { t } = useTranslation();
  const language = useLanguage();
  const people = useHasAny("/api/v1/people", 1);
  const members = useHasAny("/api/v1/team/members", 2);
  const invitations = useHasAny("/api/v1/team/invitations", 1);
  const programs = usePrograms(null);
  const campaigns = useCampaignsOf(programs.items.map((p) => p.id));
  if (!people.data || !members.data || !invitations.data || !programs.query.data || campaigns.some((c) => !c.data)) return null;
  const steps = setupSteps({
    people: people.data.items.length,
    members: members.data.items.length,
    invitations: invitations.data.items.length,
    programs: programs.items.length,
    campaignStates: campaigns.flatMap((c) => (c.data ?? []).map((campaign) => campaign.state)),
  });
  const done = steps.filter((s) => s.done).length;
  if (done === steps.length) return null;
  return (
    <Card withBorder padding="lg" mb="lg" data-testid="getting-started">
      <Group justify="space-between" mb={4} wrap="wrap">
        <Title order={2} size="h4">
          {t("home.checklist.title")}
        </Title>
        <Text size="sm" c="dimmed" data-testid="getting-started-progress">
          {t("home.checklist.progress", { done: formatNumber(done, language), total: formatNumber(steps.length, language) })}
        </Text>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {t("home.checklist.subtitle")}
      </Text>
      <Progress value={(done / steps.length) * 100} size="sm" mb="md" aria-hidden />
      <List spacing="xs" center>
        {steps.map(({ step, done: ticked }) => (
          <List.Item
            key={step}
            data-testid={`getting-started-${step}`}
            data-done={ticked}
            icon={
              <ThemeIcon color={ticked ? "teal" : "gray"} variant="light" radius="xl" size={28}>
                {ticked ? <IconCircleCheck size={18} aria-hidden /> : <IconCircleDashed size={18} aria-hidden />}
              </ThemeIcon>
            }
          >
            <Anchor component={Link} to={SETUP_LINKS[step]} td={ticked ? "line-through" : undefined} c={ticked ? "dimmed" : undefined}>
              {t(`home.checklist.steps.${step}`)}
            </Anchor>{" "}
            <VisuallyHidden>({ticked ? t("home.checklist.done") : t("home.checklist.todo")})</VisuallyHidden>
          </List.Item>
        ))}
      </List>
    </Card>
  );
}
