import { useMutation, useQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { api, unwrap, unwrapEmpty } from "../../api/client";
import type { components } from "../../api/schema";
import type { MatchingRunView, NewMatchingEdit, PairWithdrawal, ProposalChange, StartRun } from "../../api/types";
import type { Language } from "../../i18n/language";
import { PAGE_SIZE, useCursorList } from "../../shared/useCursorList";
import { pollWhileWorking, withRun } from "./runs";

type RunsPage = components["schemas"]["Paginated_MatchingRunView"];

const matchingKey = ["matching"] as const;
const runKey = (runId: string) => [...matchingKey, "run", runId] as const;
const runsKey = (programId: string) => [...matchingKey, "runs", programId] as const;
const editsKey = (programId: string) => [...matchingKey, "edits", programId] as const;
const pairsKey = (programId: string) => [...matchingKey, "pairs", programId] as const;

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

/**
 * A finished run's proposals in blind review. Their explanations are written in the request's
 * language, so the list is read again in the console's language when it changes.
 */
export function useProposals(runId: string, language: Language) {
  return useCursorList(
    [...matchingKey, "proposals", runId, language],
    (cursor) =>
      unwrap(
        api.GET("/api/v1/matching-runs/{run_id}/proposals", {
          params: { path: { run_id: runId }, query: { limit: PAGE_SIZE, cursor } },
        }),
      ),
  );
}

/** Everyone a finished run left without a pair, with the reason in the console's language. */
export function useUnmatched(runId: string, language: Language, enabled: boolean) {
  return useQuery({
    queryKey: [...matchingKey, "unmatched", runId, language],
    queryFn: () => unwrap(api.GET("/api/v1/matching-runs/{run_id}/unmatched", { params: { path: { run_id: runId } } })),
    enabled,
  });
}

/**
 * The program's locks and forbids; with the run shown, each names its people by their
 * pseudonyms in that run (null when someone is not in it).
 */
export function useMatchingEdits(programId: string, runId: string | null) {
  return useQuery({
    queryKey: [...editsKey(programId), runId],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/programs/{program_id}/matching-edits", {
          params: { path: { program_id: programId }, query: runId ? { run_id: runId } : {} },
        }),
      ),
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

/**
 * A one-step change of a finished run's proposals (swap two mentees, remove a pair, make one by
 * hand): the server records the locks and forbids it means and starts a new run with the same
 * settings, which is shown like any run it starts.
 */
export function useChangeRun(programId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ runId, body }: { runId: string; body: ProposalChange }) =>
      unwrap(api.POST("/api/v1/matching-runs/{run_id}/changes", { params: { path: { run_id: runId } }, body })),
    onSuccess: (run: MatchingRunView) => {
      client.setQueryData(runKey(run.id), run);
      return Promise.all([
        client.invalidateQueries({ queryKey: runsKey(programId) }),
        client.invalidateQueries({ queryKey: editsKey(programId) }),
      ]);
    },
  });
}

/** The names behind a run's pseudonyms; the server records who asked, and when, in the audit log. */
export function useReveal() {
  return useMutation({
    mutationFn: (runId: string) => unwrap(api.POST("/api/v1/matching-runs/{run_id}/reveal", { params: { path: { run_id: runId } } })),
  });
}

export function useAddEdit(programId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewMatchingEdit) =>
      unwrap(api.POST("/api/v1/programs/{program_id}/matching-edits", { params: { path: { program_id: programId } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: editsKey(programId) }),
  });
}

export function useDeleteEdit(programId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (editId: string) =>
      unwrapEmpty(
        api.DELETE("/api/v1/programs/{program_id}/matching-edits/{edit_id}", {
          params: { path: { program_id: programId, edit_id: editId } },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: editsKey(programId) }),
  });
}

/** The program's published pairs, with names, oldest first. */
export function usePairs(programId: string) {
  return useCursorList(pairsKey(programId), (cursor) =>
    unwrap(
      api.GET("/api/v1/programs/{program_id}/pairs", {
        params: { path: { program_id: programId }, query: { limit: PAGE_SIZE, cursor } },
      }),
    ),
  );
}

/** Whether the program has published pairs yet (one is enough to know); asked only when `enabled`. */
export function useHasPairs(programId: string, enabled: boolean): boolean {
  const first = useQuery({
    queryKey: [...pairsKey(programId), "any"],
    queryFn: () =>
      unwrap(api.GET("/api/v1/programs/{program_id}/pairs", { params: { path: { program_id: programId }, query: { limit: 1 } } })),
    enabled,
  });
  return (first.data?.items.length ?? 0) > 0;
}

/**
 * Publishes a run: its proposals become the program's pairs and the emails are queued. The
 * runs (now one is published), the program (whose funnel counts the matched, and which may now
 * go active) and its pairs are read again.
 */
export function usePublish(programId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (runId: string) => unwrap(api.POST("/api/v1/matching-runs/{run_id}/publish", { params: { path: { run_id: runId } } })),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: runsKey(programId) }),
        client.invalidateQueries({ queryKey: pairsKey(programId) }),
        client.invalidateQueries({ queryKey: ["programs"] }),
        client.invalidateQueries({ queryKey: ["recruitment"] }),
      ]),
  });
}

/**
 * Ends a published pair: one member leaves (their application is withdrawn, the other is told
 * they are free for a new partner) or both do. The pairs, the program and the runs are read again.
 */
export function useWithdrawPair(programId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ pairId, body }: { pairId: string; body: PairWithdrawal }) =>
      unwrap(api.POST("/api/v1/pairs/{pair_id}/withdrawal", { params: { path: { pair_id: pairId } }, body })),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: pairsKey(programId) }),
        client.invalidateQueries({ queryKey: ["programs"] }),
        client.invalidateQueries({ queryKey: ["recruitment"] }),
      ]),
  });
}

/**
 * What publishing a run would do, in its exact numbers: a dry run, which writes and sends
 * nothing. Read each time the confirmation opens, since the program's pairs may have changed.
 */
export function usePublishPreview(runId: string, enabled = true) {
  return useQuery({
    queryKey: [...matchingKey, "publish-preview", runId],
    queryFn: () =>
      unwrap(api.POST("/api/v1/matching-runs/{run_id}/publish", { params: { path: { run_id: runId }, query: { dry_run: true } } })),
    enabled,
    staleTime: 0,
    gcTime: 0,
  });
}

/**
 * How the run `afterId` differs from `beforeId`: pairs kept, added and removed, and how the
 * total and the rates moved. People appear under the pseudonyms of `afterId`.
 */
export function useComparison(afterId: string, beforeId: string) {
  return useQuery({
    queryKey: [...matchingKey, "compare", afterId, beforeId],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/matching-runs/{run_id}/compare/{other_run_id}", {
          params: { path: { run_id: afterId, other_run_id: beforeId } },
        }),
      ),
    // Two finished runs never change.
    staleTime: Infinity,
  });
}
