import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Language } from "../../i18n/language";
import { portalApi, portalDone, portalUnwrap } from "./portalClient";
import type { GoalChange, Leaving, NewGoal, NewLearning, NewSession, SessionConfirmation, StoryDraft } from "./types";

// Participants have no console account: every call here goes through `portalApi`, with the
// portal's cookie session. Health reasons and the reciprocity explanation are the server's words,
// so the answers that carry them are read again in the page's language.

export const portalKey = ["portal"] as const;
const meKey = (language: Language) => [...portalKey, "me", language] as const;
const pairKey = (pairId: string) => [...portalKey, "pair", pairId] as const;
const notesKey = (pairId: string) => [...portalKey, "notes", pairId] as const;

const pairParams = (pairId: string) => ({ params: { path: { pair_id: pairId } } });

export function usePortalMe(language: Language) {
  return useQuery({
    queryKey: meKey(language),
    queryFn: () => portalUnwrap(portalApi.GET("/api/v1/portal/me")),
    // A 401 means "sign in"; asking again would not change it.
    retry: false,
    // Switching language keeps the page (and what is typed in it) while the words are read again.
    placeholderData: keepPreviousData,
  });
}

export function usePortalPair(pairId: string, language: Language) {
  return useQuery({
    queryKey: [...pairKey(pairId), language],
    queryFn: () => portalUnwrap(portalApi.GET("/api/v1/portal/pairs/{pair_id}", pairParams(pairId))),
    retry: false,
    // The same pair in the other language stays shown while it is read again; never another pair.
    placeholderData: (previous, query) => (query?.queryKey[2] === pairId ? previous : undefined),
  });
}

/** Asks for a sign-in link; the answer is the same whether or not the address is known. */
export function useRequestSignIn() {
  return useMutation({
    mutationFn: (email: string) => portalDone(portalApi.POST("/api/v1/portal/sign-in", { body: { email } })),
  });
}

/** Ends the session; the sign-in page, where the portal goes next, forgets what was read. */
export function useSignOut() {
  return useMutation({
    mutationFn: () => portalDone(portalApi.DELETE("/api/v1/portal/session")),
  });
}

/** A change to the pair: the pair (and the list of pairs, whose health may move) is read again. */
function usePairChange<A, R>(pairId: string, call: (args: A) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: pairKey(pairId) }),
        client.invalidateQueries({ queryKey: [...portalKey, "me"] }),
      ]),
  });
}

export const useLogSession = (pairId: string) =>
  usePairChange(pairId, (body: NewSession) =>
    portalUnwrap(portalApi.POST("/api/v1/portal/pairs/{pair_id}/sessions", { ...pairParams(pairId), body })),
  );

export const useConfirmSession = (pairId: string) =>
  usePairChange(pairId, ({ sessionId, body }: { sessionId: string; body: SessionConfirmation }) =>
    portalUnwrap(
      portalApi.POST("/api/v1/portal/pairs/{pair_id}/sessions/{session_id}/confirmation", {
        params: { path: { pair_id: pairId, session_id: sessionId } },
        body,
      }),
    ),
  );

export const useAddLearning = (pairId: string) =>
  usePairChange(pairId, (body: NewLearning) =>
    portalUnwrap(portalApi.POST("/api/v1/portal/pairs/{pair_id}/learning", { ...pairParams(pairId), body })),
  );

export const useAddGoal = (pairId: string) =>
  usePairChange(pairId, (body: NewGoal) => portalUnwrap(portalApi.POST("/api/v1/portal/pairs/{pair_id}/goals", { ...pairParams(pairId), body })));

export const useChangeGoal = (pairId: string) =>
  usePairChange(pairId, ({ goalId, body }: { goalId: string; body: GoalChange }) =>
    portalUnwrap(
      portalApi.PATCH("/api/v1/portal/pairs/{pair_id}/goals/{goal_id}", { params: { path: { pair_id: pairId, goal_id: goalId } }, body }),
    ),
  );

export const useSaveStory = (pairId: string) =>
  usePairChange(pairId, (body: StoryDraft) => portalUnwrap(portalApi.PUT("/api/v1/portal/pairs/{pair_id}/story", { ...pairParams(pairId), body })));

export const useAgreeToStory = (pairId: string) =>
  usePairChange(pairId, () => portalUnwrap(portalApi.POST("/api/v1/portal/pairs/{pair_id}/story/agreement", pairParams(pairId))));

/** Leaves the pair and its program: the answer is the pair, ended; the list of pairs shows it ended too. */
export const useLeavePair = (pairId: string) =>
  usePairChange(pairId, (body: Leaving) => portalUnwrap(portalApi.POST("/api/v1/portal/pairs/{pair_id}/leave", { ...pairParams(pairId), body })));

export const useCompleteTraining = (pairId: string, programId: string) =>
  usePairChange(pairId, (module: number) =>
    portalDone(
      portalApi.POST("/api/v1/portal/programs/{program_id}/training/{module}/completion", {
        params: { path: { program_id: programId, module } },
      }),
    ),
  );

/** The signed-in member's own notes on the pair; nobody else, the partner included, reads them. */
export function usePrivateNotes(pairId: string) {
  return useQuery({
    queryKey: notesKey(pairId),
    queryFn: () => portalUnwrap(portalApi.GET("/api/v1/portal/pairs/{pair_id}/notes", pairParams(pairId))),
    retry: false,
  });
}

export function useAddNote(pairId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => portalUnwrap(portalApi.POST("/api/v1/portal/pairs/{pair_id}/notes", { ...pairParams(pairId), body: { body } })),
    onSuccess: () => client.invalidateQueries({ queryKey: notesKey(pairId) }),
  });
}
