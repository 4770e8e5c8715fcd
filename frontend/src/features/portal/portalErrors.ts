import { ApiError } from "../../api/problem";

/** A refusal of the portal, with how long to wait when the server asked (429 Retry-After, in seconds). */
export class PortalError extends ApiError {
  readonly retryAfter: number | null;

  constructor(problem: ConstructorParameters<typeof ApiError>[0], retryAfter: number | null) {
    super(problem);
    this.retryAfter = retryAfter;
  }
}

/** Retry-After in seconds (the server sends seconds, not a date); `null` when absent or unreadable. */
export function retryAfterSeconds(header: string | null): number | null {
  if (header === null || !/^\s*\d+\s*$/.test(header)) return null;
  return Number(header);
}

/** Minutes to wait, rounded up, after too many sign-in links; null when the server did not say. */
export function minutesToWait(error: unknown): number | null {
  if (!(error instanceof PortalError) || error.status !== 429 || error.retryAfter === null) return null;
  return Math.max(1, Math.ceil(error.retryAfter / 60));
}

/** Whether a failed call means "not signed in". */
export const isSignedOut = (error: unknown): boolean => error instanceof ApiError && error.status === 401;
