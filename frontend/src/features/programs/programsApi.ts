import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap, unwrapEmpty } from "../../api/client";
import type { Locale, ProgramDesign, ProgramState, ReachRequest, Transition } from "../../api/types";
import { PAGE_SIZE, useCursorList } from "../../shared/useCursorList";

const programsKey = ["programs"] as const;

export function usePrograms(state: ProgramState | null) {
  return useCursorList([...programsKey, "list", state ?? "all"], (cursor) =>
    unwrap(api.GET("/api/v1/programs", { params: { query: { limit: PAGE_SIZE, cursor, ...(state ? { state } : {}) } } })),
  );
}

export function useProgram(programId: string) {
  return useQuery({
    queryKey: [...programsKey, "one", programId],
    queryFn: () => unwrap(api.GET("/api/v1/programs/{program_id}", { params: { path: { program_id: programId } } })),
  });
}

/** Ready-made designs in `locale`. */
export function useProgramTemplates(locale: Locale) {
  return useQuery({
    queryKey: [...programsKey, "templates", locale],
    queryFn: () => unwrap(api.GET("/api/v1/program-templates", { params: { query: { locale } } })),
    staleTime: 5 * 60_000,
  });
}

/**
 * How many people in the directory a design's rules admit per role, and the directory's values
 * to pick from; `request` is the question as JSON (so the query's key is the rules themselves),
 * or null while the rules cannot be asked about.
 */
export function useReach(request: string | null) {
  return useQuery({
    queryKey: [...programsKey, "reach", request],
    queryFn: () => unwrap(api.POST("/api/v1/programs/reach", { body: JSON.parse(request ?? "null") as ReachRequest })),
    enabled: request !== null,
    // While the next rules wait their turn, the last answer stays (dimmed) and so do the values to pick.
    placeholderData: keepPreviousData,
  });
}

function useInvalidatePrograms() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: programsKey });
}

export function useCreateProgram() {
  const invalidate = useInvalidatePrograms();
  return useMutation({
    mutationFn: (body: ProgramDesign) => unwrap(api.POST("/api/v1/programs", { body })),
    onSuccess: invalidate,
  });
}

export function useReplaceProgram(programId: string) {
  const invalidate = useInvalidatePrograms();
  return useMutation({
    mutationFn: (body: ProgramDesign) =>
      unwrap(api.PUT("/api/v1/programs/{program_id}", { params: { path: { program_id: programId } }, body })),
    onSuccess: invalidate,
  });
}

export function useCreateFromTemplate() {
  const invalidate = useInvalidatePrograms();
  return useMutation({
    mutationFn: (body: { template: string; locale: Locale }) => unwrap(api.POST("/api/v1/programs/from-template", { body })),
    onSuccess: invalidate,
  });
}

export function useTransition(programId: string) {
  const invalidate = useInvalidatePrograms();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Transition) =>
      unwrap(api.POST("/api/v1/programs/{program_id}/transitions", { params: { path: { program_id: programId } }, body })),
    // Leaving recruiting may close campaigns too.
    onSuccess: () => Promise.all([invalidate(), client.invalidateQueries({ queryKey: ["recruitment"] })]),
  });
}

export function useDeleteProgram() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (programId: string) =>
      unwrapEmpty(api.DELETE("/api/v1/programs/{program_id}", { params: { path: { program_id: programId } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: [...programsKey, "list"] }),
  });
}
