import type { DecisionRequest, Decision } from "../../api/types";

/** The longest message the API takes with a decision. */
export const DECISION_MESSAGE_LIMIT = 2000;

/** What the API takes: the admin's words only when there are some, and whether to email the applicant. */
export function decisionRequest(decision: Decision, message: string, notify: boolean): DecisionRequest {
  const words = message.trim();
  return { decision, notify, ...(notify && words ? { message: words } : {}) };
}
