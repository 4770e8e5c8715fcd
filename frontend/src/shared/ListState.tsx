import type { ReactNode } from "react";
import { Button, Center, Group, Loader, Text } from "@mantine/core";
import type { UseInfiniteQueryResult, UseQueryResult } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "./ErrorAlert";

interface Props {
  /** A cursor list (with "load more"), or a list the API gives whole. */
  query: Pick<UseQueryResult, "isPending" | "isError" | "error" | "refetch"> &
    Partial<Pick<UseInfiniteQueryResult, "hasNextPage" | "fetchNextPage" | "isFetchingNextPage">>;
  isEmpty: boolean;
  emptyText: string;
  children: ReactNode;
}

/** Loading, error and empty states of a list, and its "load more" button. */
export function ListState({ query, isEmpty, emptyText, children }: Props) {
  const { t } = useTranslation();
  if (query.isPending) {
    return (
      <Center py="lg">
        <Loader size="sm" aria-label={t("common.loading")} />
      </Center>
    );
  }
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  if (isEmpty) {
    return (
      <Text c="dimmed" py="md" ta="center">
        {emptyText}
      </Text>
    );
  }
  return (
    <>
      {children}
      {query.hasNextPage && query.fetchNextPage && (
        <Group justify="center" mt="md">
          <Button variant="default" loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage?.()}>
            {t("common.loadMore")}
          </Button>
        </Group>
      )}
    </>
  );
}
