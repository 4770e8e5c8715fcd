import type { ReactNode } from "react";
import { Box, Container, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { Brand } from "../../app/Brand";
import { LanguageSwitch } from "../../app/LanguageSwitch";
import { MAIN_ID, SkipLink } from "../../shared/SkipLink";
import { useDocumentTitle } from "../../shared/useDocumentTitle";

interface Props {
  title: string;
  subtitle?: string;
  children: ReactNode;
  footer?: ReactNode;
}

/** The frame of the pages before sign-in: narrow, centred, usable on a phone. */
export function AuthLayout({ title, subtitle, children, footer }: Props) {
  useDocumentTitle(title);
  return (
    <Box bg="gray.0" mih="100vh" py={{ base: "md", sm: 48 }}>
      <SkipLink />
      <Container size={460} px="md">
        <Group justify="space-between" mb="lg">
          <Brand />
          <LanguageSwitch userId={null} />
        </Group>
        <Paper withBorder shadow="sm" p={{ base: "md", sm: "xl" }} radius="md" component="main" id={MAIN_ID} tabIndex={-1}>
          <Stack gap={4} mb="lg">
            <Title order={1} size="h2">
              {title}
            </Title>
            {subtitle && <Text c="dimmed">{subtitle}</Text>}
          </Stack>
          {children}
        </Paper>
        {footer && (
          <Text ta="center" mt="md" size="sm">
            {footer}
          </Text>
        )}
      </Container>
    </Box>
  );
}
