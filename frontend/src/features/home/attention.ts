import { formatNumber } from "../../i18n/format";
import type { Language } from "../../i18n/language";

/** A count read from one page of a list: "100+" when the page was full and more exist. */
export function pageCount(page: { items: readonly unknown[]; next_cursor?: string | null }, language: Language): { count: number; shown: string } {
  const count = page.items.length;
  const more = Boolean(page.next_cursor);
  return { count, shown: `${formatNumber(count, language)}${more ? "+" : ""}` };
}

/** How many things `GET /attention` lists: pairs, programs with check-ins overdue, surveys closing, and failed emails (one item). */
export function attentionCount(a: {
  pairs: readonly unknown[];
  check_ins_overdue: readonly unknown[];
  surveys_closing: readonly unknown[];
  failed_emails: number;
}): number {
  return a.pairs.length + a.check_ins_overdue.length + a.surveys_closing.length + (a.failed_emails > 0 ? 1 : 0);
}
