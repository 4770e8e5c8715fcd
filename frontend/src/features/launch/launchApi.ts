import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap, unwrapEmpty } from "../../api/client";
import { ApiError } from "../../api/problem";
import type { Language } from "../../i18n/language";
import type { KickoffInput } from "./types";

const launchKey = ["launch"] as const;
const kickoffKey = (programId: string) => [...launchKey, "kickoff", programId] as const;
const monitoringKey = (programId: string) => [...launchKey, "monitoring", programId] as const;
const pairKey = (pairId: string) => [...launchKey, "pair", pairId] as const;

const programParams = (programId: string) => ({ params: { path: { program_id: programId } } });
const pairParams = (pairId: string) => ({ params: { path: { pair_id: pairId } } });

/**
 * The program's kickoff, or null when none is set (the server answers 404). Its `invited` counts
 * invitations already sent, which the mail worker does after a save: while `following`, it is read
 * again every two seconds.
 */
export function useKickoff(programId: string, following = false) {
  return useQuery({
    refetchInterval: following ? 2_000 : false,
    queryKey: kickoffKey(programId),
    queryFn: async () => {
      try {
        return await unwrap(api.GET("/api/v1/programs/{program_id}/kickoff", programParams(programId)));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
}

/** Sets or moves the kickoff; every participant of an active pair gets the (updated) invitation. */
export function useSaveKickoff(programId: string) {
  const client = useQueryClient();
  return useMutation({
    // The answer carries no invitation sent yet; the card follows them as they go.
    mutationFn: (body: KickoffInput) => unwrap(api.PUT("/api/v1/programs/{program_id}/kickoff", { ...programParams(programId), body })),
    onSuccess: (kickoff) => client.setQueryData(kickoffKey(programId), kickoff),
  });
}

/** Cancels the kickoff; everyone invited is told. */
export function useCancelKickoff(programId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrapEmpty(api.DELETE("/api/v1/programs/{program_id}/kickoff", programParams(programId))),
    onSuccess: () => client.invalidateQueries({ queryKey: kickoffKey(programId) }),
  });
}

export function useTrainingReport(programId: string) {
  return useQuery({
    queryKey: [...launchKey, "training", programId],
    queryFn: () => unwrap(api.GET("/api/v1/programs/{program_id}/training", programParams(programId))),
  });
}

/** Pairs' health, learning both ways, executives and stories; health reasons come in the console's language. */
export function useMonitoring(programId: string, language: Language) {
  return useQuery({
    queryKey: [...monitoringKey(programId), language],
    queryFn: () => unwrap(api.GET("/api/v1/programs/{program_id}/monitoring", programParams(programId))),
    // Switching language keeps the cards while the health reasons are read again; never another program's.
    placeholderData: (previous, query) => (query?.queryKey[2] === programId ? previous : undefined),
  });
}

export function useConsolePair(pairId: string, language: Language) {
  return useQuery({
    queryKey: [...pairKey(pairId), language],
    queryFn: () => unwrap(api.GET("/api/v1/pairs/{pair_id}", pairParams(pairId))),
    // The same pair in the other language stays shown while it is read again; never another pair.
    placeholderData: (previous, query) => (query?.queryKey[2] === pairId ? previous : undefined),
  });
}

/** A change to a pair: the pair and every program's monitoring (its health counts) are read again. */
function usePairChange<A, R>(pairId: string, call: (args: A) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: pairKey(pairId) }),
        client.invalidateQueries({ queryKey: [...launchKey, "monitoring"] }),
      ]),
  });
}

export const usePausePair = (pairId: string) =>
  usePairChange(pairId, (reason: string) => unwrap(api.POST("/api/v1/pairs/{pair_id}/pause", { ...pairParams(pairId), body: { reason } })));

export const useResumePair = (pairId: string) => usePairChange(pairId, () => unwrap(api.POST("/api/v1/pairs/{pair_id}/resume", pairParams(pairId))));

/** Features a published story (or stops featuring it). */
export function useFeatureStory() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ pairId, featured }: { pairId: string; featured: boolean }) =>
      unwrap(api.PUT("/api/v1/pairs/{pair_id}/story/featured", { ...pairParams(pairId), body: { featured } })),
    onSuccess: (_story, { pairId }) =>
      Promise.all([
        client.invalidateQueries({ queryKey: pairKey(pairId) }),
        client.invalidateQueries({ queryKey: [...launchKey, "monitoring"] }),
      ]),
  });
}
