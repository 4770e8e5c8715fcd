import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { publicApi, unwrap } from "../../api/client";
import type { Preferences } from "../../api/types";
import { changesFrom, type Choices } from "./preferences";

const key = (token: string) => ["public", "email-preferences", token] as const;

export function usePreferences(token: string | null) {
  return useQuery({
    queryKey: key(token ?? ""),
    queryFn: () => unwrap(publicApi.GET("/api/v1/public/email-preferences", { params: { query: { token: token ?? "" } } })),
    enabled: token !== null,
  });
}

export function useSavePreferences(token: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (choices: Choices) =>
      unwrap(
        publicApi.PUT("/api/v1/public/email-preferences", {
          params: { query: { token } },
          body: { categories: changesFrom(choices) },
        }),
      ),
    onSuccess: (saved: Preferences) => client.setQueryData(key(token), saved),
  });
}
