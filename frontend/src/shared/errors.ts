import type { TFunction } from "i18next";
import { ApiError } from "../api/problem";

const KNOWN_PROBLEMS = [
  "malformed-request",
  "unauthorized",
  "forbidden",
  "not-found",
  "conflict",
  "gone",
  "payload-too-large",
  "unsupported-media-type",
  "validation",
  "too-many-requests",
  "transition-refused",
] as const;
type KnownProblem = (typeof KNOWN_PROBLEMS)[number];

function knownProblem(type: string): KnownProblem | null {
  const slug = type.replace(/^.*\/problems\//, "");
  return KNOWN_PROBLEMS.find((known) => known === slug) ?? null;
}

export interface ErrorText {
  title: string;
  detail: string;
}

/** A heading in the console's language and the server's detail (or a network message). */
export function describeError(error: unknown, t: TFunction): ErrorText {
  if (error instanceof ApiError) {
    const known = knownProblem(error.problem.type);
    const title = known ? t(`problems.${known}`) : error.problem.title;
    return { title, detail: error.problem.detail };
  }
  return { title: t("errors.networkTitle"), detail: t("errors.network") };
}
