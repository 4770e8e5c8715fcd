import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap, unwrapEmpty } from "../../api/client";
import type { InviteRequest, Role } from "../../api/types";
import { PAGE_SIZE, useCursorList } from "../../shared/useCursorList";

const membersKey = ["team", "members"] as const;
const invitationsKey = ["team", "invitations"] as const;

export function useMembers() {
  return useCursorList(membersKey, (cursor) =>
    unwrap(api.GET("/api/v1/team/members", { params: { query: { limit: PAGE_SIZE, cursor } } })),
  );
}

export function useInvitations() {
  return useCursorList(invitationsKey, (cursor) =>
    unwrap(api.GET("/api/v1/team/invitations", { params: { query: { limit: PAGE_SIZE, cursor } } })),
  );
}

export const MAX_PAGE = 100;

/** One page of up to 100 invitations, for counting on the home page. */
export function useInvitationSample(enabled: boolean) {
  return useQuery({
    queryKey: [...invitationsKey, "sample"],
    queryFn: () => unwrap(api.GET("/api/v1/team/invitations", { params: { query: { limit: MAX_PAGE } } })),
    enabled,
  });
}

/** After a change the audit log has a new entry too. */
function useInvalidate() {
  const client = useQueryClient();
  return (...keys: (readonly string[])[]) =>
    Promise.all([...keys, ["audit"]].map((queryKey) => client.invalidateQueries({ queryKey })));
}

export function useChangeRole() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) =>
      unwrap(api.PATCH("/api/v1/team/members/{user_id}", { params: { path: { user_id: userId } }, body: { role } })),
    onSettled: () => invalidate(membersKey),
  });
}

export function useRemoveMember() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (userId: string) =>
      unwrapEmpty(api.DELETE("/api/v1/team/members/{user_id}", { params: { path: { user_id: userId } } })),
    onSuccess: () => invalidate(membersKey),
  });
}

export function useInvite() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: InviteRequest) => unwrap(api.POST("/api/v1/team/invitations", { body })),
    onSuccess: () => invalidate(invitationsKey),
  });
}

export function useWithdrawInvitation() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (invitationId: string) =>
      unwrapEmpty(
        api.DELETE("/api/v1/team/invitations/{invitation_id}", { params: { path: { invitation_id: invitationId } } }),
      ),
    onSuccess: () => invalidate(invitationsKey),
  });
}

/** A new link for a pending invitation (the old one stops working) and a new expiry. */
export function useResendInvitation() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (invitationId: string) =>
      unwrap(
        api.POST("/api/v1/team/invitations/{invitation_id}/resend", { params: { path: { invitation_id: invitationId } } }),
      ),
    onSuccess: () => invalidate(invitationsKey),
  });
}
