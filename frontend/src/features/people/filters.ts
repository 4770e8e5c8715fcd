import type { operations } from "../../api/schema";

/** The directory's search and filters, as the page holds them (text inputs give strings). */
export interface PeopleFilters {
  q: string;
  department: string;
  region: string;
  skill: string;
  levelMin: number | string;
  levelMax: number | string;
  executivesOnly: boolean;
}

export const NO_FILTERS: PeopleFilters = {
  q: "",
  department: "",
  region: "",
  skill: "",
  levelMin: "",
  levelMax: "",
  executivesOnly: false,
};

/** The filters of `GET /api/v1/people`, without its paging (`limit`, `cursor`). */
export type PeopleQuery = Omit<NonNullable<operations["list_people"]["parameters"]["query"]>, "limit" | "cursor">;

function level(value: number | string): number | undefined {
  const n = typeof value === "number" ? value : Number.parseInt(value, 10);
  return Number.isInteger(n) && n >= 1 && n <= 20 ? n : undefined;
}

/** Only the filters that are set, so an empty box does not filter for "". */
export function toQuery(filters: PeopleFilters): PeopleQuery {
  const query: PeopleQuery = {};
  const text = (key: "q" | "department" | "region" | "skill") => {
    const value = filters[key].trim();
    if (value) query[key] = value;
  };
  text("q");
  text("department");
  text("region");
  text("skill");
  const min = level(filters.levelMin);
  const max = level(filters.levelMax);
  if (min !== undefined) query.level_min = min;
  if (max !== undefined) query.level_max = max;
  if (filters.executivesOnly) query.is_executive = true;
  return query;
}
