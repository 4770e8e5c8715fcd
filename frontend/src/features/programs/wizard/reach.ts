import type { TFunction } from "i18next";
import type { Reach, ReachRequest } from "../../../api/types";
import { formatNumber } from "../../../i18n/format";
import type { Language } from "../../../i18n/language";
import { ruleProblems, ruleRoles, toRule, type RuleRole, type WizardValues } from "./wizardState";

/**
 * What to ask `POST /programs/reach` about the rules so far, as JSON (the query's key: changed
 * rules are a new question); null while a role's levels hold something the wizard refuses, which
 * is shown beside the level and which the server might not read either.
 */
export function reachRequest(v: WizardValues): string | null {
  const roles = ruleRoles(v.kind);
  if (roles.some((role) => Object.keys(ruleProblems(v.eligibility[role])).length > 0)) return null;
  const request: ReachRequest = { kind: v.kind, eligibility: roles.map((role) => toRule(role, v.eligibility[role])) };
  return JSON.stringify(request);
}

/** What the line beside one role's rules says (`programs.reach.*`). */
export type ReachLine = { key: "admits"; admitted: number; total: number } | { key: "none" };

/**
 * The line beside `role`'s rules; null when the answer has no count for the role (it was asked
 * about another kind of program) or the directory is empty, which is said once for all roles.
 */
export function reachLine(reach: Reach, role: RuleRole): ReachLine | null {
  const admitted = reach.roles.find((r) => r.role === role)?.people;
  if (admitted === undefined || reach.people === 0) return null;
  return admitted === 0 ? { key: "none" } : { key: "admits", admitted, total: reach.people };
}

/** A line's words in the console's language: "These rules admit 31 of 240 people". */
export function reachWords(line: ReachLine, t: TFunction, language: Language): string {
  if (line.key === "none") return t("programs.reach.none");
  return t("programs.reach.admits", {
    count: line.total,
    admitted: formatNumber(line.admitted, language),
    shown: formatNumber(line.total, language),
  });
}
