import type { Criterion, PartDetail, ProgramKind, ScorePart } from "../../api/types";
import { formatLanguages, formatNumber } from "../../i18n/format";
import type { Language } from "../../i18n/language";
import { formatScore } from "./runs";
import { MAX_WEIGHT } from "./settings";

/** One criterion's bar in a pair's breakdown. */
export interface PartBar {
  criterion: Criterion;
  detail: PartDetail;
  value: number;
  weight: number;
  /** value × weight: what the criterion adds to the score. */
  points: number;
  /** The points as a share of the most a criterion can add (a weight of 10), 0..100. */
  percent: number;
}

/** The score criterion by criterion, in the order the API gives them. */
export function partBars(parts: readonly ScorePart[]): PartBar[] {
  return parts.map(({ criterion, detail, value, weight }) => {
    const points = value * weight;
    return { criterion, detail, value, weight, points, percent: Math.max(0, Math.min(100, (points / MAX_WEIGHT) * 100)) };
  });
}

export type DetailKey =
  | "matching.detail.skills"
  | "matching.detail.skillsNone"
  | "matching.detail.nothingWanted"
  | "matching.detail.differ"
  | "matching.detail.same"
  | "matching.detail.unknown"
  | "matching.detail.menteeSenior"
  | "matching.detail.mentorSenior"
  | "matching.detail.levelsApart"
  | "matching.detail.sameLevel"
  | "matching.detail.levelUnknown"
  | "matching.detail.languages"
  | "matching.detail.noLanguage"
  | "matching.detail.hours"
  | "matching.detail.timeZoneUnknown"
  | "matching.detail.wish"
  | "matching.detail.noWish";

/** The facts behind a criterion's value, as a catalogue key and its values. */
export interface DetailWords {
  key: DetailKey;
  params: Record<string, string | number>;
}

function list(items: readonly string[], language: Language): string {
  return items.join(language === "ja" ? "、" : ", ");
}

/** The facts behind one criterion's value in words; `kind` says whether a program has two sides. */
export function detailWords(detail: PartDetail, kind: ProgramKind, language: Language): DetailWords {
  switch (detail.kind) {
    case "skills":
      if (detail.wanted === 0) return { key: "matching.detail.nothingWanted", params: {} };
      if (detail.topics.length === 0) return { key: "matching.detail.skillsNone", params: { count: detail.wanted, wanted: detail.wanted } };
      return {
        key: "matching.detail.skills",
        params: { topics: list(detail.topics, language), matched: detail.topics.length, count: detail.wanted, wanted: detail.wanted },
      };
    case "differ": {
      const [first = "", second = ""] = detail.values;
      if (detail.differ === true) return { key: "matching.detail.differ", params: { first, second } };
      if (detail.differ === false) return { key: "matching.detail.same", params: { value: first } };
      return { key: "matching.detail.unknown", params: {} };
    }
    case "seniority": {
      const gap = detail.gap;
      if (gap === null || gap === undefined) return { key: "matching.detail.levelUnknown", params: {} };
      if (gap === 0) return { key: "matching.detail.sameLevel", params: {} };
      const levels = { count: Math.abs(gap), shown: formatNumber(Math.abs(gap), language) };
      if (kind === "mutual") return { key: "matching.detail.levelsApart", params: levels };
      return { key: gap > 0 ? "matching.detail.menteeSenior" : "matching.detail.mentorSenior", params: levels };
    }
    case "languages":
      if (detail.shared.length === 0) return { key: "matching.detail.noLanguage", params: {} };
      return { key: "matching.detail.languages", params: { languages: formatLanguages(detail.shared, language) } };
    case "overlap":
      if (detail.hours === null || detail.hours === undefined) return { key: "matching.detail.timeZoneUnknown", params: {} };
      return { key: "matching.detail.hours", params: { count: detail.hours, shown: formatScore(detail.hours, language) } };
    case "wish":
      return { key: detail.asked ? "matching.detail.wish" : "matching.detail.noWish", params: {} };
  }
}
