import type { QueueDepth } from "../../api/types";

export const DEPTH_FIGURES = ["queued", "running", "retrying", "dead"] as const satisfies readonly (keyof QueueDepth)[];
export type DepthFigure = (typeof DEPTH_FIGURES)[number];

const DEPTH_COLORS: Record<DepthFigure, string> = { queued: "dark", running: "blue", retrying: "orange", dead: "red" };

/** Colour of a depth figure: dead letters and retries stand out only when there are any. */
export function depthColor(figure: DepthFigure, value: number): string {
  return value === 0 ? "gray" : DEPTH_COLORS[figure];
}

const MAX_SUMMARY = 120;

/** A job's payload on one line, for people to recognise it (not to read every field). */
export function payloadSummary(payload: Readonly<Record<string, unknown>>, max = MAX_SUMMARY): string {
  const parts = Object.entries(payload)
    .filter(([, v]) => v !== null && v !== undefined && typeof v !== "object")
    .map(([k, v]) => `${k}: ${String(v)}`);
  const line = parts.length > 0 ? parts.join(", ") : JSON.stringify(payload);
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
