import type { ProgramState } from "../../api/types";

/** Launch and monitoring (step 5) once pairs meet: active or completed, or matching with published pairs. */
export function hasLaunch(state: ProgramState, publishedPairs: boolean): boolean {
  return state === "active" || state === "completed" || (state === "matching" && publishedPairs);
}
