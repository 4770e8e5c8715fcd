import type { ReactNode } from "react";
import { Group, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "./useDocumentTitle";

interface Props {
  title: string;
  description?: string;
  actions?: ReactNode;
  /** The page's name in the browser tab, when the heading says more (e.g. "Welcome, Aiko" → "Home"). */
  documentTitle?: string;
}

export function PageHeader({ title, description, actions, documentTitle }: Props) {
  useDocumentTitle(documentTitle ?? title);
  return (
    <Group justify="space-between" align="flex-end" mb="lg" wrap="wrap">
      <Stack gap={4}>
        <Title order={1} size="h2">
          {title}
        </Title>
        {description && <Text c="dimmed">{description}</Text>}
      </Stack>
      {actions}
    </Group>
  );
}
