import { LOCALES, type Audience, type CampaignView, type Locale } from "../../api/types";

/** What the confirmation before opening a campaign says first. */
export type OpeningSays =
  | { kind: "noMessage"; publicLink: boolean }
  | { kind: "nobody" }
  | { kind: "now"; count: number }
  | { kind: "scheduled"; count: number; at: string };

/** What opening `campaign` does, from its audience: nobody emailed (and why), or how many, now or when. */
export function openingSays(campaign: Pick<CampaignView, "kind" | "messages">, audience: Audience, now: number): OpeningSays {
  if (Object.keys(campaign.messages).length === 0) return { kind: "noMessage", publicLink: campaign.kind === "open" };
  if (audience.emails === 0) return { kind: "nobody" };
  const at = audience.sends_at;
  if (at && Date.parse(at) > now) return { kind: "scheduled", count: audience.emails, at };
  return { kind: "now", count: audience.emails };
}

/** The languages of the audience that have anyone, in the console's order, with their counts. */
export function languageSplit(audience: Audience): { locale: Locale; count: number }[] {
  return LOCALES.flatMap((locale) => {
    const count = audience.by_language[locale] ?? 0;
    return count > 0 ? [{ locale, count }] : [];
  });
}
