import type { DeliveryState, TemplateView } from "../../api/types";
import type en from "../../i18n/en.json";

type TemplateLeaf = keyof (typeof en)["email"]["templateNames"];
const KNOWN_TEMPLATES: readonly TemplateLeaf[] = [
  "invitation",
  "campaign_message",
  "campaign_reminder",
  "application_confirm",
  "application_refused",
];

/** The catalogue key of a template's name; `null` for templates this console does not know yet. */
export function templateNameKey(name: string): `email.templateNames.${TemplateLeaf}` | null {
  const known = KNOWN_TEMPLATES.find((k) => k === name);
  return known ? `email.templateNames.${known}` : null;
}

/** One template in one language, as the editor addresses it. */
export function templateId(view: Pick<TemplateView, "template" | "locale">): string {
  return `${view.template}/${view.locale}`;
}

export interface Variable {
  name: string;
  sample: string;
}

/** The variables a template may use, sorted by name, with their sample values as text. */
export function variableList(variables: Readonly<Record<string, unknown>>): Variable[] {
  return Object.entries(variables)
    .map(([name, value]) => ({
      name,
      sample: typeof value === "string" ? value : value === undefined ? "" : JSON.stringify(value),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

const STATE_COLORS: Record<DeliveryState, string> = {
  queued: "gray",
  sending: "blue",
  sent: "teal",
  retrying: "orange",
  failed: "red",
  suppressed: "yellow",
};

/** The badge colour of a delivery's state: green when delivered, red when given up, orange while retrying. */
export function deliveryStateColor(state: DeliveryState): string {
  return STATE_COLORS[state];
}
