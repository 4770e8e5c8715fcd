import { useMemo } from "react";
import { useInfiniteQuery, type QueryKey } from "@tanstack/react-query";
import type { components } from "../api/schema";

type Schemas = components["schemas"];

/** One page of any of the API's lists: the generated `Paginated_*` response schemas. */
export type Page = Schemas[Extract<keyof Schemas, `Paginated_${string}`>];

export const PAGE_SIZE = 50;

/** A cursor-paginated list read page by page ("load more"). */
export function useCursorList<P extends Page>(
  queryKey: QueryKey,
  fetchPage: (cursor: string | undefined) => Promise<P>,
  enabled = true,
  /** While it returns a number of milliseconds, the list is read again that often. */
  refetchEvery?: (items: readonly P["items"][number][]) => number | false,
) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled,
    refetchInterval: refetchEvery
      ? (q) => refetchEvery((q.state.data?.pages ?? []).flatMap((page) => page.items as P["items"][number][]))
      : undefined,
  });
  const items = useMemo(() => {
    const all: P["items"][number][] = [];
    for (const page of query.data?.pages ?? []) all.push(...page.items);
    return all;
  }, [query.data]);
  return { query, items };
}
