import { Group, Text, ThemeIcon } from "@mantine/core";
import { IconArrowsExchange } from "@tabler/icons-react";

export function Brand() {
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon radius="md" size="md" aria-hidden>
        <IconArrowsExchange size={18} />
      </ThemeIcon>
      <Text fw={700} size="lg">
        Tandem
      </Text>
    </Group>
  );
}
