import type { Criterion, MatchingMode, MatchingSettings, StartRun } from "../../api/types";

/** The heaviest a criterion may weigh (docs/matching.md: weights go from 0 to 10). */
export const MAX_WEIGHT = 10;
/** A working day is 9:00–18:00, so two days share at most 9 hours. */
export const MAX_OVERLAP_HOURS = 9;

/** What the settings form holds: one weight for every criterion the program scores on. */
export interface RunDraft {
  mode: MatchingMode;
  weights: Record<Criterion, number>;
  commonLanguage: boolean;
  minOverlapHours: number;
}

/** The preset's weights, criterion by criterion; a criterion the preset leaves out counts 0. */
export function presetWeights(settings: MatchingSettings): Record<Criterion, number> {
  const weights = {} as Record<Criterion, number>;
  for (const criterion of settings.criteria) weights[criterion] = settings.preset.weights[criterion] ?? 0;
  return weights;
}

/** Where the form starts: the program's starting mode, its preset and the default constraints. */
export function initialDraft(settings: MatchingSettings): RunDraft {
  return {
    mode: settings.mode,
    weights: presetWeights(settings),
    commonLanguage: settings.preset.constraints.common_language ?? true,
    minOverlapHours: settings.preset.constraints.min_overlap_hours ?? 2,
  };
}

/** Whether every weight is the preset's (so "reset to preset" has nothing to do). */
export function weightsArePreset(draft: RunDraft, settings: MatchingSettings): boolean {
  const preset = presetWeights(settings);
  return settings.criteria.every((c) => draft.weights[c] === preset[c]);
}

/** The request that starts a run with these settings, every weight and constraint stated. */
export function runRequest(draft: RunDraft): StartRun {
  return {
    mode: draft.mode,
    weights: { ...draft.weights },
    constraints: { common_language: draft.commonLanguage, min_overlap_hours: draft.minOverlapHours },
  };
}
