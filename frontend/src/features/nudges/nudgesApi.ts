import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import type { NudgeSettingsRequest } from "./types";

const nudgesKey = ["nudges"] as const;
const settingsKey = (programId: string) => [...nudgesKey, "settings", programId] as const;
const programParams = (programId: string) => ({ params: { path: { program_id: programId } } });

/** The program's rules, each with its setting, whether its nudges are paused, and the weekly cap. */
export function useNudgeSettings(programId: string) {
  return useQuery({
    queryKey: settingsKey(programId),
    queryFn: () => unwrap(api.GET("/api/v1/programs/{program_id}/nudges/settings", programParams(programId))),
  });
}

export function useSaveNudgeSettings(programId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NudgeSettingsRequest) =>
      unwrap(api.PUT("/api/v1/programs/{program_id}/nudges/settings", { ...programParams(programId), body })),
    onSuccess: (saved) => client.setQueryData(settingsKey(programId), saved),
  });
}

/** The program's nudge log, newest first, or one person's when `personId` is set. */
export function useProgramNudges(programId: string, personId: string | null) {
  return useQuery({
    queryKey: [...nudgesKey, "log", programId, personId ?? ""],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/programs/{program_id}/nudges", {
          params: { path: { program_id: programId }, query: personId ? { person_id: personId } : {} },
        }),
      ),
    placeholderData: (previous, query) => (query?.queryKey[2] === programId ? previous : undefined),
  });
}

/** One person's nudges across programs, newest first. */
export function usePersonNudges(personId: string) {
  return useQuery({
    queryKey: [...nudgesKey, "person", personId],
    queryFn: () => unwrap(api.GET("/api/v1/people/{person_id}/nudges", { params: { path: { person_id: personId } } })),
  });
}
