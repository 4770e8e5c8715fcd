import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { IconCircleCheck } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { httpLink } from "../../shared/links";
import { ErrorAlert } from "../../shared/ErrorAlert";
import type { PairRole } from "../tracking/types";
import { trainingFor } from "./pairForms";
import { useCompleteTraining } from "./portalApi";
import type { PortalTraining } from "./types";

interface Props {
  pairId: string;
  programId: string;
  role: PairRole;
  training: readonly PortalTraining[];
  /** Whether modules may still be marked done (the pair goes on). */
  editable: boolean;
}

/** The training for this member's role, each module marked done by the member when finished. */
export function TrainingCard({ pairId, programId, role, training, editable }: Props) {
  const { t } = useTranslation();
  const complete = useCompleteTraining(pairId, programId);
  const modules = trainingFor(training, role);
  if (modules.length === 0) return null;
  const done = modules.filter((m) => m.done).length;
  return (
    <Card withBorder padding="md" data-testid="training">
      <Group justify="space-between" mb="xs" gap="xs">
        <Title order={2} size="h4">
          {t("portal.training.title")}
        </Title>
        <Text size="sm" c="dimmed" data-testid="training-progress">
          {t("portal.training.progress", { done, total: modules.length })}
        </Text>
      </Group>
      <Stack gap="xs">
        {complete.isError && <ErrorAlert error={complete.error} />}
        {modules.map((m) => {
          const link = m.url ? httpLink(m.url) : null;
          return (
            <Group key={m.module} justify="space-between" wrap="nowrap" gap="xs" data-testid="training-module" data-done={m.done}>
              <Text size="sm" style={{ overflowWrap: "anywhere", minWidth: 0 }}>
                {link ? (
                  <Anchor href={link} target="_blank" rel="noreferrer" size="sm">
                    {m.title}
                  </Anchor>
                ) : (
                  m.title
                )}
              </Text>
              {!editable && !m.done ? null : m.done ? (
                <Badge color="teal" variant="light" leftSection={<IconCircleCheck size={14} aria-hidden />} style={{ flexShrink: 0 }}>
                  {t("portal.training.done")}
                </Badge>
              ) : (
                <Button
                  size="compact-sm"
                  variant="light"
                  style={{ flexShrink: 0 }}
                  loading={complete.isPending && complete.variables === m.module}
                  aria-label={t("portal.training.markDoneOf", { title: m.title })}
                  onClick={() => complete.mutate(m.module)}
                >
                  {t("portal.training.markDone")}
                </Button>
              )}
            </Group>
          );
        })}
      </Stack>
    </Card>
  );
}
