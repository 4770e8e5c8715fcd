import type { InviteesRequest } from "../../api/types";
import { NO_FILTERS, toQuery } from "../people/filters";

/** Invite everyone matching a directory filter, or people picked by name. */
export type InviteMode = "filter" | "people";

/** The invitees form. Names follow the API's (`person_ids`, the filter's fields) so its errors land beside them. */
export interface InviteeValues {
  [field: string]: unknown;
  person_ids: string[];
  department: string;
  function: string;
  region: string;
  skill: string;
  /** Number inputs give "" when empty. */
  level_min: number | string;
  level_max: number | string;
  executives_only: boolean;
  eligible_only: boolean;
}

export const emptyInvitees = (): InviteeValues => ({
  person_ids: [],
  department: "",
  function: "",
  region: "",
  skill: "",
  level_min: "",
  level_max: "",
  executives_only: false,
  eligible_only: true,
});

/** What the API takes: the picked people, or the filter with only what is set (as the directory's search sends it). */
export function toInviteesRequest(mode: InviteMode, values: InviteeValues): InviteesRequest {
  if (mode === "people") return { person_ids: values.person_ids, eligible_only: values.eligible_only };
  const { q: _q, ...filter } = toQuery({
    ...NO_FILTERS,
    department: values.department,
    region: values.region,
    skill: values.skill,
    levelMin: values.level_min,
    levelMax: values.level_max,
    executivesOnly: values.executives_only,
  });
  const fn = values.function.trim();
  return { filter: { ...filter, ...(fn ? { function: fn } : {}) }, eligible_only: values.eligible_only };
}

/** The API's paths inside `filter` (`filter.level_min`) name the form's own fields. */
export const INVITEE_FIELD_ALIASES: Readonly<Record<string, string>> = {
  "filter.department": "department",
  "filter.function": "function",
  "filter.region": "region",
  "filter.skill": "skill",
  "filter.level_min": "level_min",
  "filter.level_max": "level_max",
  "filter.is_executive": "executives_only",
};
