import { Badge, Card, Group, Stack, Text, Title } from "@mantine/core";
import type { UseQueryResult } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { MatchingEditView } from "../../api/types";
import { formatDateTime } from "../../i18n/format";
import { ConfirmButton } from "../../shared/ConfirmButton";
import { ListState } from "../../shared/ListState";
import { useLanguage } from "../../shared/useLanguage";
import { useDeleteEdit } from "./matchingApi";
import { editPair, type Revealed } from "./reveal";

function PairWords({ edit, revealed, runShown }: { edit: MatchingEditView; revealed: Revealed | null; runShown: boolean }) {
  const { t } = useTranslation();
  if (!runShown) {
    return (
      <Text size="sm" c="dimmed" data-testid="edit-pair">
        {t("matching.edits.noRunShown")}
      </Text>
    );
  }
  const pair = editPair(edit, revealed);
  if (pair.kind === "names") {
    const who = (p: typeof pair.mentor) => t("matching.edits.named", { name: p.name, pseudonym: p.pseudonym });
    return (
      <Text size="sm" fw={500} data-testid="edit-pair">
        {t("matching.edits.pair", { mentor: who(pair.mentor), mentee: who(pair.mentee) })}
      </Text>
    );
  }
  const pseudonym = (p: string | null) => p ?? t("matching.edits.notInRun");
  return (
    <Text size="sm" fw={500} ff="monospace" data-testid="edit-pair" data-in-run={pair.mentor !== null && pair.mentee !== null}>
      {t("matching.edits.pair", { mentor: pseudonym(pair.mentor), mentee: pseudonym(pair.mentee) })}
    </Text>
  );
}

interface Props {
  programId: string;
  edits: UseQueryResult<MatchingEditView[]>;
  revealed: Revealed | null;
  /** A finished run is shown, whose pseudonyms name the edits' people. */
  runShown: boolean;
  writer: boolean;
}

/**
 * The program's locks and forbids, which every later run keeps, named by the pseudonyms of the
 * run shown (or by name once it is revealed); writers may take one back.
 */
export function EditsCard({ programId, edits, revealed, runShown, writer }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const remove = useDeleteEdit(programId);
  const items = edits.data ?? [];
  return (
    <Card withBorder padding="lg" data-testid="edits">
      <Title order={2} size="h4" mb={4}>
        {t("matching.edits.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("matching.edits.intro")}
      </Text>
      <ListState query={edits} isEmpty={items.length === 0} emptyText={t("matching.edits.empty")}>
        <Stack gap="sm">
          {items.map((edit) => (
            <Stack key={edit.id} gap={4} data-testid={`edit-${edit.kind}`}>
              <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
                <Group gap="xs">
                  <Badge color={edit.kind === "lock" ? "blue" : "red"} variant="light">
                    {t(`matching.edits.kinds.${edit.kind}`)}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(edit.created_at, language)}
                  </Text>
                </Group>
                {writer && (
                  <ConfirmButton
                    label={t("matching.edits.remove")}
                    aria-label={t(`matching.edits.removeKind.${edit.kind}`)}
                    title={t(`matching.edits.removeTitle.${edit.kind}`)}
                    message={t(`matching.edits.removeBody.${edit.kind}`)}
                    confirmLabel={t("matching.edits.remove")}
                    onConfirm={() => remove.mutateAsync(edit.id)}
                    style={{ flexShrink: 0 }}
                  />
                )}
              </Group>
              <PairWords edit={edit} revealed={revealed} runShown={runShown} />
            </Stack>
          ))}
        </Stack>
      </ListState>
    </Card>
  );
}
