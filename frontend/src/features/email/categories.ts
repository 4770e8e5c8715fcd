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
