import { useState } from "react";
import { Button, Card, Group, Select, SimpleGrid, Text, Title } from "@mantine/core";
import { IconLink } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { MatchingRunView, ProgramKind, ProposalView, UnmatchedView } from "../../api/types";
import { pairChoices, type PairChoice } from "./changes";
import { ChangeDialog } from "./ChangeDialog";
import { useChangeRun } from "./matchingApi";
import { changeSides } from "./sides";

interface Props {
  run: MatchingRunView;
  kind: ProgramKind;
  proposals: readonly ProposalView[];
  unmatched: readonly UnmatchedView[];
  onStarted: (run: MatchingRunView) => void;
}

/** "Make a pair by hand": two people of the run, picked by pseudonym; the pair is locked and a new run starts. */
export function ManualPair({ run, kind, proposals, unmatched, onStarted }: Props) {
  const { t } = useTranslation();
  const change = useChangeRun(run.program_id);
  const [first, setFirst] = useState<string | null>(null);
  const [second, setSecond] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const sides = changeSides(kind);
  const choices = pairChoices(proposals, unmatched, kind);
  const option = (c: PairChoice) => {
    const facts = [c.profile.level_band ? t("matching.profile.levelBand", { band: c.profile.level_band }) : null, c.profile.department, c.profile.region]
      .filter((f): f is string => Boolean(f))
      .join(" · ");
    const parts = [c.pseudonym, facts, c.proposed ? "" : t("matching.changes.withoutPair")].filter(Boolean);
    return { value: c.pseudonym, label: parts.join(" · ") };
  };
  const same = first !== null && first === second;
  const pair = { mentor: first ?? "", mentee: second ?? "" };
  return (
    <Card withBorder padding="lg" data-testid="manual-pair">
      <Title order={3} size="h5" mb={4}>
        {t("matching.changes.byHand")}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("matching.changes.byHandIntro")}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Select
          label={t(`matching.changes.side.${sides.first}`)}
          data={choices.first.map(option)}
          value={first}
          onChange={setFirst}
          searchable
          clearable
          nothingFoundMessage={t("matching.changes.nobody")}
        />
        <Select
          label={t(`matching.changes.side.${sides.second === "member" ? "otherMember" : "mentee"}`)}
          data={choices.second.map(option)}
          value={second}
          onChange={setSecond}
          searchable
          clearable
          error={same ? t("matching.changes.samePerson") : undefined}
          nothingFoundMessage={t("matching.changes.nobody")}
        />
      </SimpleGrid>
      <Group justify="flex-end" mt="sm">
        <Button
          leftSection={<IconLink size={16} />}
          disabled={first === null || second === null || same}
          onClick={() => {
            change.reset();
            setAsking(true);
          }}
        >
          {t("matching.changes.make")}
        </Button>
      </Group>
      <ChangeDialog
        opened={asking}
        title={t("matching.changes.makeTitle")}
        confirmLabel={t("matching.changes.makeConfirm")}
        busy={change.isPending}
        error={change.error}
        sent={change.variables?.body}
        onClose={() => setAsking(false)}
        onConfirm={() =>
          change.mutate(
            { runId: run.id, body: { kind: "pair", ...pair } },
            {
              onSuccess: (next) => {
                setAsking(false);
                setFirst(null);
                setSecond(null);
                onStarted(next);
              },
            },
          )
        }
      >
        <Text size="sm" data-testid="make-pair">
          {t("matching.changes.makeBody", pair)}
        </Text>
      </ChangeDialog>
    </Card>
  );
}
