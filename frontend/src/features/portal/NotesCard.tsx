import { useState } from "react";
import { Alert, Button, Card, Group, Paper, Stack, Text, Textarea, Title } from "@mantine/core";
import { IconLock } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../i18n/format";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { ListState } from "../../shared/ListState";
import { useLanguage } from "../../shared/useLanguage";
import { MAX_NOTE } from "./pairForms";
import { useAddNote, usePrivateNotes } from "./portalApi";

/** Notes only their writer reads: not the partner, not the program team. */
export function NotesCard({ pairId }: { pairId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const notes = usePrivateNotes(pairId);
  const add = useAddNote(pairId);
  const [body, setBody] = useState("");
  const items = [...(notes.data?.items ?? [])].sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at));
  return (
    <Card withBorder padding="md" data-testid="notes">
      <Title order={2} size="h4" mb="xs">
        {t("portal.notes.title")}
      </Title>
      <Alert color="gray" variant="light" icon={<IconLock size={18} />} mb="sm" data-testid="notes-private">
        {t("portal.notes.private")}
      </Alert>
      <Stack gap="sm">
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (!body.trim()) return;
            add.mutate(body.trim(), { onSuccess: () => setBody("") });
          }}
        >
          <Stack gap="xs">
            <Textarea
              label={t("portal.notes.new")}
              autosize
              minRows={2}
              maxLength={MAX_NOTE}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
            />
            {add.isError && <ErrorAlert error={add.error} />}
            <Group justify="flex-end">
              <Button type="submit" size="compact-sm" variant="light" disabled={!body.trim()} loading={add.isPending}>
                {t("portal.notes.save")}
              </Button>
            </Group>
          </Stack>
        </form>
        <ListState query={notes} isEmpty={items.length === 0} emptyText={t("portal.notes.empty")}>
          <Stack gap="xs">
            {items.map((n) => (
              <Paper key={n.id} withBorder p="sm" radius="md" data-testid="note">
                <Text size="xs" c="dimmed">
                  {formatDateTime(n.created_at, language)}
                </Text>
                <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
                  {n.body}
                </Text>
              </Paper>
            ))}
          </Stack>
        </ListState>
      </Stack>
    </Card>
  );
}
