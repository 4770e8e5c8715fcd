import { OPTIONAL_CATEGORIES, type PreferenceChange, type Preferences } from "../../api/types";

export type OptionalCategory = (typeof OPTIONAL_CATEGORIES)[number];
export type Choices = Record<OptionalCategory, boolean>;

/** The switches from the server's answer: optional categories only, on unless the server says off. */
export function choicesFrom(preferences: Pick<Preferences, "categories">): Choices {
  const choices: Choices = { campaign: true, match: true, nudge: true, survey: true };
  for (const { category, subscribed } of preferences.categories) {
    const optional = OPTIONAL_CATEGORIES.find((c) => c === category);
    if (optional) choices[optional] = subscribed;
  }
  return choices;
}

/** What to send to save the switches: every optional category, never transactional email. */
export function changesFrom(choices: Choices): PreferenceChange[] {
  return OPTIONAL_CATEGORIES.map((category) => ({ category, subscribed: choices[category] }));
}

/** "Unsubscribe from all": every optional category off. */
export function allOff(): Choices {
  return { campaign: false, match: false, nudge: false, survey: false };
}

export function sameChoices(a: Choices, b: Choices): boolean {
  return OPTIONAL_CATEGORIES.every((c) => a[c] === b[c]);
}

/** The token from the link's query, or `null` when the link was cut short. */
export function tokenFrom(search: string): string | null {
  const token = new URLSearchParams(search).get("token")?.trim();
  return token ? token : null;
}
