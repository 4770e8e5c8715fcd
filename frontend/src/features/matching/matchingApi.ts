import { useMutation, useQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import type { components } from "../../api/schema";
import type { MatchingRunView, StartRun } from "../../api/types";
import { PAGE_SIZE, useCursorList } from "../../shared/useCursorList";
import { pollWhileWorking, withRun } from "./runs";

type RunsPage = components["schemas"]["Paginated_MatchingRunView"];

const matchingKey = ["matching"] as const;
const runKey = (runId: string) => [...matchingKey, "run", runId] as const;
const runsKey = (programId: string) => [...matchingKey, "runs", programId] as const;

/** The modes, criteria and preset a run of the program starts from; read only by those who may run. */
export function useMatchingSettings(programId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...matchingKey, "settings", programId],
    queryFn: () =>
      unwrap(api.GET("/api/v1/programs/{program_id}/matching-settings", { params: { path: { program_id: programId } } })),
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** The program's runs, newest first; read again while one of them works. */
export function useMatchingRuns(programId: string) {
  return useCursorList(
    runsKey(programId),
    (cursor) =>
      unwrap(
        api.GET("/api/v1/programs/{program_id}/matching-runs", {
          params: { path: { program_id: programId }, query: { limit: PAGE_SIZE, cursor } },
        }),
      ),
    true,
    (items) => pollWhileWorking(items),
  );
}

/**
 * One run; read again every half second until it is done or has failed. The list of runs shows
 * each read at once, so that its state never lags behind the run shown.
 */
export function useMatchingRun(runId: string) {
  const client = useQueryClient();
  return useQuery({
    queryKey: runKey(runId),
    queryFn: async () => {
      const run = await unwrap(api.GET("/api/v1/matching-runs/{run_id}", { params: { path: { run_id: runId } } }));
      client.setQueryData<InfiniteData<RunsPage>>(runsKey(run.program_id), (list) => list && withRun(list, run));
      return run;
    },
    refetchInterval: (query) => (query.state.data ? pollWhileWorking([query.state.data]) : false),
  });
}

/** Starts a run; its answer (queued) is what the run shows until it is read again. */
export function useStartRun(programId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: StartRun) =>
      unwrap(api.POST("/api/v1/programs/{program_id}/matching-runs", { params: { path: { program_id: programId } }, body })),
    onSuccess: (run: MatchingRunView) => {
      client.setQueryData(runKey(run.id), run);
      return client.invalidateQueries({ queryKey: runsKey(programId) });
    },
  });
}
