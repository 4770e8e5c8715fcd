import type { CheckInAnswer, PublicCheckIn } from "./types";

/** The score a check-in email's link carries (`score=1`…`5`), or `null` when it has none or a bad one. */
export function scoreFrom(search: string): number | null {
  const raw = new URLSearchParams(search).get("score")?.trim();
  if (!raw || !/^[1-5]$/.test(raw)) return null;
  return Number(raw);
}

/** The link's query without its score, so that reloading the page does not send the score again. */
export function withoutScore(search: string): string {
  const params = new URLSearchParams(search);
  params.delete("score");
  const rest = params.toString();
  return rest ? `?${rest}` : "";
}

/**
 * Whether opening a link with `score` should record it: only while the check-in is open, and not
 * when that score is recorded already (what was added since, learned and words, is kept).
 */
export function recordsScore(checkIn: Pick<PublicCheckIn, "open" | "score">, score: number | null): score is number {
  return score !== null && checkIn.open && checkIn.score !== score;
}

/** What to send: the score, whether they learned something (if they said), and their words, trimmed. */
export function checkInAnswer(score: number, learned: boolean | null | undefined, comment: string | null | undefined): CheckInAnswer {
  const words = (comment ?? "").trim();
  return { score, learned: learned ?? null, comment: words === "" ? null : words };
}

/** "yes" / "no" / "" for the learned choice, and back. */
export const learnedChoice = (learned: boolean | null | undefined): "yes" | "no" | "" => (learned === true ? "yes" : learned === false ? "no" : "");
export const learnedFrom = (choice: string): boolean | null => (choice === "yes" ? true : choice === "no" ? false : null);
