import { Badge, Button, Collapse, Grid, Group, Paper, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconArrowRight, IconChevronDown, IconChevronRight, IconLock } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { ProgramKind, ProposalView } from "../../api/types";
import { useLanguage } from "../../shared/useLanguage";
import { BlindPerson } from "./BlindPerson";
import { PartsBreakdown } from "./PartsBreakdown";
import { formatScore } from "./runs";
import { sideNames } from "./sides";

/** One proposed pair in blind review: who, the score and why, and the breakdown on demand. */
export function ProposalCard({ proposal, kind }: { proposal: ProposalView; kind: ProgramKind }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [open, { toggle }] = useDisclosure(false);
  const sides = sideNames(kind);
  const { mentor, mentee } = proposal;

  return (
    <Paper withBorder p="md" radius="md" data-testid={`proposal-${mentor.pseudonym}-${mentee.pseudonym}`} data-locked={proposal.locked}>
      <Stack gap="sm">
        <Grid gap="sm" align="center">
          <Grid.Col span={{ base: 12, sm: 5 }}>
            <BlindPerson person={mentor} side={t(`matching.sides.${sides.first}`)} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 1 }} visibleFrom="sm">
            <IconArrowRight size={18} aria-hidden />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <BlindPerson person={mentee} side={t(`matching.sides.${sides.second}`)} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 2 }}>
            <Text size="xs" c="dimmed" ta={{ base: "left", sm: "right" }}>
              {t("matching.proposals.score")}
            </Text>
            <Text size="xl" fw={700} ta={{ base: "left", sm: "right" }} data-testid="score">
              {formatScore(proposal.score, language)}
            </Text>
          </Grid.Col>
        </Grid>
        <Group gap="xs">
          {proposal.locked && (
            <Badge color="blue" variant="light" leftSection={<IconLock size={12} />} data-testid="locked">
              {t("matching.proposals.locked")}
            </Badge>
          )}
        </Group>
        <Text size="sm" data-testid="explanation">
          {proposal.explanation}
        </Text>
        <Group justify="space-between" gap="xs">
          <Button
            variant="subtle"
            size="compact-sm"
            px={0}
            onClick={toggle}
            aria-expanded={open}
            leftSection={open ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
          >
            {t("matching.proposals.breakdown")}
          </Button>
        </Group>
        <Collapse expanded={open}>
          <PartsBreakdown parts={proposal.parts} kind={kind} />
        </Collapse>
      </Stack>
    </Paper>
  );
}
