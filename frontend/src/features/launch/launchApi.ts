import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError } from "../../api/problem";
import type { Language } from "../../i18n/language";
import type { Kickoff, Story } from "../tracking/types";
import { consoleCall } from "./launchClient";
import type { ConsolePair, KickoffInput, Monitoring, TrainingReport } from "./types";

const launchKey = ["launch"] as const;
const kickoffKey = (programId: string) => [...launchKey, "kickoff", programId] as const;
const monitoringKey = (programId: string) => [...launchKey, "monitoring", programId] as const;
const pairKey = (pairId: string) => [...launchKey, "pair", pairId] as const;

const programPath = (programId: string, rest: string) => `/programs/${encodeURIComponent(programId)}${rest}`;
const pairPath = (pairId: string, rest = "") => `/pairs/${encodeURIComponent(pairId)}${rest}`;

/** The program's kickoff, or null when none is set (the server answers 404). */
export function useKickoff(programId: string) {
  return useQuery({
    queryKey: kickoffKey(programId),
    queryFn: async () => {
      try {
        return await consoleCall<Kickoff>("GET", programPath(programId, "/kickoff"));
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
    mutationFn: (body: KickoffInput) => consoleCall<Kickoff>("PUT", programPath(programId, "/kickoff"), body),
    onSuccess: (kickoff) => client.setQueryData(kickoffKey(programId), kickoff),
  });
}

/** Cancels the kickoff; everyone invited is told. */
export function useCancelKickoff(programId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => consoleCall<null>("DELETE", programPath(programId, "/kickoff")),
    onSuccess: () => client.invalidateQueries({ queryKey: kickoffKey(programId) }),
  });
}

export function useTrainingReport(programId: string) {
  return useQuery({
    queryKey: [...launchKey, "training", programId],
    queryFn: () => consoleCall<TrainingReport>("GET", programPath(programId, "/training")),
  });
}

/** Pairs' health, reciprocity, executives and stories; health reasons come in the console's language. */
export function useMonitoring(programId: string, language: Language) {
  return useQuery({
    queryKey: [...monitoringKey(programId), language],
    queryFn: () => consoleCall<Monitoring>("GET", programPath(programId, "/monitoring")),
    // Switching language keeps the cards while the health reasons are read again; never another program's.
    placeholderData: (previous, query) => (query?.queryKey[2] === programId ? previous : undefined),
  });
}

export function useConsolePair(pairId: string, language: Language) {
  return useQuery({
    queryKey: [...pairKey(pairId), language],
    queryFn: () => consoleCall<ConsolePair>("GET", pairPath(pairId)),
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
  usePairChange(pairId, (reason: string) => consoleCall<unknown>("POST", pairPath(pairId, "/pause"), { reason }));

export const useResumePair = (pairId: string) => usePairChange(pairId, () => consoleCall<unknown>("POST", pairPath(pairId, "/resume")));

/** Features a published story (or stops featuring it). */
export function useFeatureStory() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ pairId, featured }: { pairId: string; featured: boolean }) =>
      consoleCall<Story>("PUT", pairPath(pairId, "/story/featured"), { featured }),
    onSuccess: (_story, { pairId }) =>
      Promise.all([
        client.invalidateQueries({ queryKey: pairKey(pairId) }),
        client.invalidateQueries({ queryKey: [...launchKey, "monitoring"] }),
      ]),
  });
}
