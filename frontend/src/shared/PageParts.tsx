import { Anchor, Center, Group, Loader } from "@mantine/core";
import { IconArrowLeft } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/** The link above a page's header back to where it belongs (the list, the program, …). */
export function BackLink({ to, label }: { to: string; label: string }) {
  return (
    <Anchor component={Link} to={to} size="sm">
      <Group gap={4}>
        <IconArrowLeft size={14} aria-hidden />
        {label}
      </Group>
    </Anchor>
  );
}

/** A page, or the whole console, waiting for what it shows; named for screen readers. */
export function PageLoading({ tall = false }: { tall?: boolean }) {
  const { t } = useTranslation();
  return (
    <Center py="xl" mih={tall ? "60vh" : undefined}>
      <Loader aria-label={t("common.loading")} />
    </Center>
  );
}
