import { formatNumber } from "../../i18n/format";
import type { Language } from "../../i18n/language";

/** A count read from one page of a list: "100+" when the page was full and more exist. */
export function pageCount(page: { items: readonly unknown[]; next_cursor?: string | null }, language: Language): { count: number; shown: string } {
  const count = page.items.length;
  const more = Boolean(page.next_cursor);
  return { count, shown: `${formatNumber(count, language)}${more ? "+" : ""}` };
}
