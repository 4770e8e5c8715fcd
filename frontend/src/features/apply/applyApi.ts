import { useMutation, useQuery } from "@tanstack/react-query";
import { publicApi, unwrap } from "../../api/client";
import type { ApplyRequest } from "../../api/types";

// Participants have no account: every call here goes through `publicApi`, which sends no session.

export function usePublicCampaign(token: string | null) {
  return useQuery({
    queryKey: ["public", "campaign", token ?? ""],
    queryFn: () => unwrap(publicApi.GET("/api/v1/public/campaigns/{token}", { params: { path: { token: token ?? "" } } })),
    enabled: token !== null,
  });
}

export function useApply(token: string) {
  return useMutation({
    mutationFn: (body: ApplyRequest) =>
      unwrap(publicApi.POST("/api/v1/public/campaigns/{token}/applications", { params: { path: { token } }, body })),
  });
}

export function useConfirmApplication() {
  return useMutation({
    mutationFn: (token: string) => unwrap(publicApi.POST("/api/v1/public/applications/confirm", { body: { token } })),
  });
}

export function useWithdrawApplication() {
  return useMutation({
    mutationFn: (token: string) => unwrap(publicApi.POST("/api/v1/public/applications/withdraw", { body: { token } })),
  });
}
