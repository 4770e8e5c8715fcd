import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";

/**
 * What an invitation link offers; asked once per token (the answer does not change while the
 * page is open), and not at all while `enabled` is false.
 */
export function useInvitationPreview(token: string, enabled: boolean) {
  return useQuery({
    queryKey: ["invitation-preview", token],
    queryFn: () => unwrap(api.POST("/api/v1/auth/invitations/preview", { body: { token } })),
    enabled: enabled && token !== "",
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
}
