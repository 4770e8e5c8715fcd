import type { Health, HealthStatus } from "./types";

/** The badge colour of each health: green on track, amber at risk, grey when nothing happens. */
export const HEALTH_COLOR: Record<HealthStatus, string> = { on_track: "teal", at_risk: "orange", inactive: "gray" };

const ORDER: Record<HealthStatus, number> = { inactive: 0, at_risk: 1, on_track: 2 };

interface Ranked {
  health: Health;
  last_session_at?: string | null;
}

/**
 * Pairs as a manager reads them: the ones needing attention first (inactive, then at risk), and
 * within each the longest silent first (never met before met long ago).
 */
export function needingAttentionFirst<P extends Ranked>(pairs: readonly P[]): P[] {
  const last = (p: P) => (p.last_session_at ? Date.parse(p.last_session_at) : -Infinity);
  return [...pairs].sort((a, b) => ORDER[a.health.status] - ORDER[b.health.status] || last(a) - last(b));
}

/** The reasons as one line under a badge; none for a pair on track without remarks. */
export function reasonsLine(health: Health, separator: string): string | null {
  const reasons = health.reasons.map((r) => r.trim()).filter(Boolean);
  return reasons.length > 0 ? reasons.join(separator) : null;
}
