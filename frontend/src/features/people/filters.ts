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

/** The orders the directory can be read in; `added` is the server's default. */
export type PeopleSort = NonNullable<PeopleQuery["sort"]>;
export const PEOPLE_SORTS: readonly PeopleSort[] = ["added", "name", "external_id", "department", "job_level"];
export const DEFAULT_SORT: PeopleSort = "added";

/** A sort the select gave, if it is one the API knows. */
export function asSort(value: string | null): PeopleSort | null {
  return PEOPLE_SORTS.find((s) => s === value) ?? null;
}

/** Only the filters that are set, so an empty box does not filter for ""; the order when not the default. */
export function toQuery(filters: PeopleFilters, sort: PeopleSort = DEFAULT_SORT): PeopleQuery {
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
  if (sort !== DEFAULT_SORT) query.sort = sort;
  return query;
}

/** The query of `GET /api/v1/people/export`. */
export type ExportQuery = NonNullable<operations["export_people"]["parameters"]["query"]>;

/** The export takes the list's filters and order by the same names, so the file holds what the list shows. */
export function toExportQuery(filters: PeopleFilters, sort: PeopleSort = DEFAULT_SORT): ExportQuery {
  return toQuery(filters, sort);
}
