import type { TFunction } from "i18next";
import { OPTIONAL_CATEGORIES } from "../../api/types";

/** What a suppression may name: one optional category, or `all` of them. */
export const SUPPRESSION_CATEGORIES = ["all", ...OPTIONAL_CATEGORIES] as const;

const KNOWN = [...SUPPRESSION_CATEGORIES, "transactional"] as const;
type Known = (typeof KNOWN)[number];

/** The catalogue key of a category's name; `null` for one this console does not know yet. */
export function categoryKey(category: string): `email.categories.${Known}` | null {
  const known = KNOWN.find((k) => k === category);
  return known ? `email.categories.${known}` : null;
}

/** A category's name in the console's language, or the server's word for it. */
export function categoryLabel(t: TFunction, category: string): string {
  const key = categoryKey(category);
  return key ? t(key) : category;
}

/** The reasons the server records for a suppression, by the catalogue key that names each. */
const SUPPRESSION_REASONS: Record<string, "email.suppressions.reasons.unsubscribed" | "email.suppressions.reasons.byAdmin"> = {
  unsubscribed: "email.suppressions.reasons.unsubscribed",
  "added by an admin": "email.suppressions.reasons.byAdmin",
};

/** Why an address is suppressed, in the console's language, or the server's words for a reason it does not know. */
export function suppressionReason(t: TFunction, reason: string): string {
  const key = Object.hasOwn(SUPPRESSION_REASONS, reason) ? SUPPRESSION_REASONS[reason] : undefined;
  return key ? t(key) : reason;
}
