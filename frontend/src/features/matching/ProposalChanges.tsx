import { useState } from "react";
import { Button, Group, List, Menu, Text } from "@mantine/core";
import { IconArrowsExchange, IconChevronDown, IconX } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { MatchingRunView, ProgramKind } from "../../api/types";
import { swapped, type PseudonymPair } from "./changes";
import { ChangeDialog } from "./ChangeDialog";
import { useChangeRun } from "./matchingApi";
import { changeSides } from "./sides";

interface Props {
  run: MatchingRunView;
  kind: ProgramKind;
  pair: PseudonymPair;
  /** The run's other proposals, which this one may exchange its second member with. */
  others: readonly PseudonymPair[];
  onStarted: (run: MatchingRunView) => void;
}

type Asking = { kind: "remove" } | { kind: "swap"; other: PseudonymPair } | null;

/** A proposal's one-step changes: remove it, or swap its mentee with another proposal's; each starts a new run. */
export function ProposalChanges({ run, kind, pair, others, onStarted }: Props) {
  const { t } = useTranslation();
  const change = useChangeRun(run.program_id);
  const [asking, setAsking] = useState<Asking>(null);
  const sides = changeSides(kind);
  const ask = (next: Asking) => {
    change.reset();
    setAsking(next);
  };
  const confirm = () => {
    if (!asking) return;
    const body =
      asking.kind === "remove"
        ? { kind: "remove" as const, ...pair }
        : { kind: "swap" as const, ...pair, other_mentor: asking.other.mentor, other_mentee: asking.other.mentee };
    change.mutate(
      { runId: run.id, body },
      {
        onSuccess: (next) => {
          setAsking(null);
          onStarted(next);
        },
      },
    );
  };
  const pairWords = (p: PseudonymPair) => t("matching.changes.pair", p);
  return (
    <>
      <Group gap="xs">
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button
              size="compact-sm"
              variant="light"
              color="grape"
              leftSection={<IconArrowsExchange size={14} />}
              rightSection={<IconChevronDown size={12} />}
              disabled={others.length === 0}
              aria-label={t(`matching.changes.swapOf.${sides.second}`, pair)}
            >
              {t(`matching.changes.swap.${sides.second}`)}
            </Button>
          </Menu.Target>
          <Menu.Dropdown data-testid="swap-menu">
            <Menu.Label>{t("matching.changes.swapWith")}</Menu.Label>
            {others.map((o) => (
              <Menu.Item key={`${o.mentor}-${o.mentee}`} ff="monospace" onClick={() => ask({ kind: "swap", other: o })}>
                {pairWords(o)}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
        <Button
          size="compact-sm"
          variant="subtle"
          color="red"
          leftSection={<IconX size={14} />}
          aria-label={t("matching.changes.removePair", pair)}
          onClick={() => ask({ kind: "remove" })}
        >
          {t("matching.changes.remove")}
        </Button>
      </Group>
      <ChangeDialog
        opened={asking !== null}
        title={t(asking?.kind === "swap" ? "matching.changes.swapTitle" : "matching.changes.removeTitle")}
        confirmLabel={t(asking?.kind === "swap" ? "matching.changes.swapConfirm" : "matching.changes.removeConfirm")}
        busy={change.isPending}
        error={change.error}
        sent={change.variables?.body}
        onClose={() => setAsking(null)}
        onConfirm={confirm}
      >
        {asking?.kind === "swap" ? (
          <>
            <Text size="sm">{t(`matching.changes.swapBody.${sides.second}`)}</Text>
            <List size="sm" data-testid="swap-result">
              {swapped(pair, asking.other).map((p) => (
                <List.Item key={`${p.mentor}-${p.mentee}`} ff="monospace">
                  {pairWords(p)}
                </List.Item>
              ))}
            </List>
            <Text size="sm">{t("matching.changes.swapHolds", { first: pairWords(pair), second: pairWords(asking.other) })}</Text>
          </>
        ) : (
          <Text size="sm">{t("matching.changes.removeBody", pair)}</Text>
        )}
      </ChangeDialog>
    </>
  );
}
