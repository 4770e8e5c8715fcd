import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import type {
  ApplicationStatus,
  CampaignInput,
  CampaignMessage,
  CampaignState,
  CampaignView,
  DecisionRequest,
  InviteesRequest,
  Locale,
} from "../../api/types";
import { PAGE_SIZE, useCursorList } from "../../shared/useCursorList";
import { emailInFlight } from "./inviteeList";

const recruitmentKey = ["recruitment"] as const;

export function useCampaigns(programId: string) {
  return useQuery({
    queryKey: [...recruitmentKey, "campaigns", programId],
    queryFn: () =>
      unwrap(api.GET("/api/v1/programs/{program_id}/campaigns", { params: { path: { program_id: programId } } })),
  });
}

export function useCampaign(campaignId: string) {
  return useQuery({
    queryKey: [...recruitmentKey, "campaign", campaignId],
    queryFn: () => unwrap(api.GET("/api/v1/campaigns/{campaign_id}", { params: { path: { campaign_id: campaignId } } })),
  });
}

export function useProgramFunnel(programId: string) {
  return useQuery({
    queryKey: [...recruitmentKey, "funnel", "program", programId],
    queryFn: () => unwrap(api.GET("/api/v1/programs/{program_id}/funnel", { params: { path: { program_id: programId } } })),
  });
}

export function useCampaignFunnel(campaignId: string) {
  return useQuery({
    queryKey: [...recruitmentKey, "funnel", "campaign", campaignId],
    queryFn: () => unwrap(api.GET("/api/v1/campaigns/{campaign_id}/funnel", { params: { path: { campaign_id: campaignId } } })),
  });
}

function fetchApplications(campaignId: string, status: ApplicationStatus | null, cursor?: string, limit = PAGE_SIZE) {
  return unwrap(
    api.GET("/api/v1/campaigns/{campaign_id}/applications", {
      params: { path: { campaign_id: campaignId }, query: { limit, cursor, ...(status ? { status } : {}) } },
    }),
  );
}

/** Who opening the campaign would email; read only while `enabled` (the confirmation is shown). */
export function useCampaignAudience(campaignId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...recruitmentKey, "audience", campaignId],
    queryFn: () =>
      unwrap(api.GET("/api/v1/campaigns/{campaign_id}/audience", { params: { path: { campaign_id: campaignId } } })),
    enabled,
    staleTime: 0,
  });
}

/** A closed campaign's invitees; read again every few seconds while some of their emails are on their way. */
export function useInvitees(campaignId: string) {
  return useCursorList(
    [...recruitmentKey, "invitees", campaignId],
    (cursor) =>
      unwrap(
        api.GET("/api/v1/campaigns/{campaign_id}/invitees", {
          params: { path: { campaign_id: campaignId }, query: { limit: PAGE_SIZE, cursor } },
        }),
      ),
    true,
    (items) => (items.some((i) => emailInFlight(i.email_state)) ? 3000 : false),
  );
}

export function useApplications(campaignId: string, status: ApplicationStatus | null) {
  return useCursorList([...recruitmentKey, "applications", campaignId, status ?? "all"], (cursor) =>
    fetchApplications(campaignId, status, cursor),
  );
}

/** The campaigns of several programs, for the home page. */
export function useCampaignsOf(programIds: readonly string[]) {
  return useQueries({
    queries: programIds.map((programId) => ({
      queryKey: [...recruitmentKey, "campaigns", programId],
      queryFn: () =>
        unwrap(api.GET("/api/v1/programs/{program_id}/campaigns", { params: { path: { program_id: programId } } })),
    })),
  });
}

/** One page of submitted applications per campaign, for the home page. */
export function useSubmittedOf(campaigns: readonly CampaignView[]) {
  return useQueries({
    queries: campaigns.map((c) => ({
      queryKey: [...recruitmentKey, "applications", c.id, "submitted", "sample"],
      queryFn: () => fetchApplications(c.id, "submitted"),
    })),
  });
}

function useInvalidate() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: recruitmentKey });
}

export function useCreateCampaign(programId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: CampaignInput) =>
      unwrap(api.POST("/api/v1/programs/{program_id}/campaigns", { params: { path: { program_id: programId } }, body })),
    onSuccess: invalidate,
  });
}

export function useReplaceCampaign(campaignId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: CampaignInput) =>
      unwrap(api.PUT("/api/v1/campaigns/{campaign_id}", { params: { path: { campaign_id: campaignId } }, body })),
    onSuccess: invalidate,
  });
}

export function useCampaignTransition(campaignId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (to: CampaignState) =>
      unwrap(
        api.POST("/api/v1/campaigns/{campaign_id}/transitions", { params: { path: { campaign_id: campaignId } }, body: { to } }),
      ),
    onSuccess: invalidate,
  });
}

export function useAddInvitees(campaignId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: InviteesRequest) =>
      unwrap(api.POST("/api/v1/campaigns/{campaign_id}/invitees", { params: { path: { campaign_id: campaignId } }, body })),
    onSuccess: invalidate,
  });
}

export function useDecide() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ applicationId, body }: { applicationId: string; body: DecisionRequest }) =>
      unwrap(
        api.POST("/api/v1/applications/{application_id}/decision", {
          params: { path: { application_id: applicationId } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

export type PreviewRequest = { locale: Locale; message: CampaignMessage; deadline: string | null; time_zone?: string | null };

/**
 * The server's rendering of one language's message; `request` is that message as JSON (so the
 * query's key is the text itself), or null while there is nothing to preview.
 */
export function useMessagePreview(programId: string, request: string | null) {
  return useQuery({
    queryKey: [...recruitmentKey, "message-preview", programId, request],
    queryFn: () =>
      unwrap(
        api.POST("/api/v1/programs/{program_id}/campaign-message-preview", {
          params: { path: { program_id: programId } },
          body: JSON.parse(request ?? "null") as PreviewRequest,
        }),
      ),
    enabled: request !== null,
    // While the next text waits its turn, the last preview of this language stays (dimmed).
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: Infinity,
  });
}
