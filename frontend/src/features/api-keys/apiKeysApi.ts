import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap, unwrapEmpty } from "../../api/client";
import type { CreateApiKey } from "../../api/types";
import { PAGE_SIZE, useCursorList } from "../../shared/useCursorList";

const keysKey = ["api-keys"] as const;

export function useApiKeys() {
  return useCursorList(keysKey, (cursor) =>
    unwrap(api.GET("/api/v1/api-keys", { params: { query: { limit: PAGE_SIZE, cursor } } })),
  );
}

function useRefreshLists() {
  const client = useQueryClient();
  return () => Promise.all([keysKey, ["audit"]].map((queryKey) => client.invalidateQueries({ queryKey })));
}

export function useCreateApiKey() {
  const refresh = useRefreshLists();
  return useMutation({
    mutationFn: (body: CreateApiKey) => unwrap(api.POST("/api/v1/api-keys", { body })),
    onSuccess: refresh,
  });
}

export function useRevokeApiKey() {
  const refresh = useRefreshLists();
  return useMutation({
    mutationFn: (apiKeyId: string) =>
      unwrapEmpty(api.DELETE("/api/v1/api-keys/{api_key_id}", { params: { path: { api_key_id: apiKeyId } } })),
    onSuccess: refresh,
  });
}
