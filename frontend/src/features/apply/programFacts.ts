import type { ParticipantRole, PublicCampaign, PurposeKind } from "../../api/types";

/** A purpose in words: the catalogue's name, or the program's own words for a custom aim. */
export type PurposeWords = { key: `programs.purposes.${PurposeKind}` } | { text: string };

export function purposeWords(campaign: Pick<PublicCampaign, "purposes" | "custom_purpose">): PurposeWords[] {
  const custom = campaign.custom_purpose?.trim();
  return campaign.purposes.map((p) => (p === "custom" && custom ? { text: custom } : { key: `programs.purposes.${p}` }));
}

/** Which of the program's dates it has, so the page says "from … to …", "from …" or "until …". */
export function datesKey(
  campaign: Pick<PublicCampaign, "start_date" | "end_date">,
): "apply.facts.fromTo" | "apply.facts.from" | "apply.facts.until" | null {
  if (campaign.start_date && campaign.end_date) return "apply.facts.fromTo";
  if (campaign.start_date) return "apply.facts.from";
  if (campaign.end_date) return "apply.facts.until";
  return null;
}

/** Whether the program asks for a commitment to show (a design may leave it unset as zeros). */
export const hasCommitment = (campaign: Pick<PublicCampaign, "meetings_per_month" | "minutes_per_meeting">): boolean =>
  campaign.meetings_per_month > 0 && campaign.minutes_per_meeting > 0;

/** The training for the roles one may apply for: everything when "either" is offered. */
export function trainingFor(campaign: Pick<PublicCampaign, "training" | "roles">): PublicCampaign["training"] {
  const offered = new Set<ParticipantRole>(campaign.roles);
  if (offered.has("either")) return campaign.training;
  return campaign.training.filter((m) => m.role === "either" || offered.has(m.role));
}
