import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Locale } from "../../api/types";
import type { Language } from "../../i18n/language";
import type { Goal, LearningEntry, PairSession, Story } from "../tracking/types";
import { portalCall } from "./portalClient";
import type {
  GoalChange,
  NewGoal,
  NewLearning,
  NewSession,
  PortalMe,
  PortalPair,
  PrivateNote,
  SessionConfirmation,
  StoryDraft,
} from "./types";

// Participants have no console account: every call here goes through `portalCall`, with the
// portal's cookie session. Health reasons and the reciprocity explanation are the server's words,
// so the answers that carry them are read again in the page's language.

export const portalKey = ["portal"] as const;
const meKey = (language: Language) => [...portalKey, "me", language] as const;
const pairKey = (pairId: string) => [...portalKey, "pair", pairId] as const;
const notesKey = (pairId: string) => [...portalKey, "notes", pairId] as const;

export function usePortalMe(language: Language) {
  return useQuery({
    queryKey: meKey(language),
    queryFn: () => portalCall<PortalMe>("GET", "/portal/me"),
    // A 401 means "sign in"; asking again would not change it.
    retry: false,
    // Switching language keeps the page (and what is typed in it) while the words are read again.
    placeholderData: keepPreviousData,
  });
}

export function usePortalPair(pairId: string, language: Language) {
  return useQuery({
    queryKey: [...pairKey(pairId), language],
    queryFn: () => portalCall<PortalPair>("GET", `/portal/pairs/${encodeURIComponent(pairId)}`),
    retry: false,
    // The same pair in the other language stays shown while it is read again; never another pair.
    placeholderData: (previous, query) => (query?.queryKey[2] === pairId ? previous : undefined),
  });
}

/** Asks for a sign-in link; the answer is the same whether or not the address is known. */
export function useRequestSignIn() {
  return useMutation({
    mutationFn: (body: { email: string; locale: Locale }) => portalCall<null>("POST", "/portal/sign-in", body),
  });
}

/** Trades the emailed link's token for the session cookie; anyone signed in before is forgotten. */
export function useStartSession() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => portalCall<PortalMe>("POST", "/portal/session", { token }),
    onSuccess: () => client.removeQueries({ queryKey: portalKey }),
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => portalCall<null>("DELETE", "/portal/session"),
    onSettled: () => client.removeQueries({ queryKey: portalKey }),
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

const pairPath = (pairId: string, rest = "") => `/portal/pairs/${encodeURIComponent(pairId)}${rest}`;

export const useLogSession = (pairId: string) =>
  usePairChange(pairId, (body: NewSession) => portalCall<PairSession>("POST", pairPath(pairId, "/sessions"), body));

export const useConfirmSession = (pairId: string) =>
  usePairChange(pairId, ({ sessionId, body }: { sessionId: string; body: SessionConfirmation }) =>
    portalCall<PairSession>("POST", pairPath(pairId, `/sessions/${encodeURIComponent(sessionId)}/confirmation`), body),
  );

export const useAddLearning = (pairId: string) =>
  usePairChange(pairId, (body: NewLearning) => portalCall<LearningEntry>("POST", pairPath(pairId, "/learning"), body));

export const useAddGoal = (pairId: string) =>
  usePairChange(pairId, (body: NewGoal) => portalCall<Goal>("POST", pairPath(pairId, "/goals"), body));

export const useChangeGoal = (pairId: string) =>
  usePairChange(pairId, ({ goalId, body }: { goalId: string; body: GoalChange }) =>
    portalCall<Goal>("PATCH", pairPath(pairId, `/goals/${encodeURIComponent(goalId)}`), body),
  );

export const useSaveStory = (pairId: string) =>
  usePairChange(pairId, (body: StoryDraft) => portalCall<Story>("PUT", pairPath(pairId, "/story"), body));

export const useAgreeToStory = (pairId: string) =>
  usePairChange(pairId, () => portalCall<Story>("POST", pairPath(pairId, "/story/agreement")));

export const useCompleteTraining = (pairId: string, programId: string) =>
  usePairChange(pairId, (module: number) =>
    portalCall<null>("POST", `/portal/programs/${encodeURIComponent(programId)}/training/${module}/completion`),
  );

/** The signed-in member's own notes on the pair; nobody else, the partner included, reads them. */
export function usePrivateNotes(pairId: string) {
  return useQuery({
    queryKey: notesKey(pairId),
    queryFn: () => portalCall<{ items: PrivateNote[] }>("GET", pairPath(pairId, "/notes")),
    retry: false,
  });
}

export function useAddNote(pairId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => portalCall<PrivateNote>("POST", pairPath(pairId, "/notes"), { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: notesKey(pairId) }),
  });
}
