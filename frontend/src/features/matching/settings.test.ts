import { describe, expect, it } from "vitest";
import type { MatchingRunView, MatchingSettings } from "../../api/types";
import en from "../../i18n/en.json";
import ja from "../../i18n/ja.json";
import { formatScore, inProgress, pollWhileWorking, POLL_MS, runnable, shownRunId, withRun } from "./runs";
import { initialDraft, presetWeights, runRequest, weightsArePreset } from "./settings";

const settings: MatchingSettings = {
  kind: "reverse",
  modes: ["best_total", "most_pairs", "stable"],
  mode: "most_pairs",
  criteria: ["skills", "cross_department", "cross_function", "cross_region", "seniority", "language", "hours_overlap", "wishes"],
  preset: {
    // The reverse preset of docs/matching.md, with one criterion left out: it counts 0.
    weights: { skills: 5, cross_department: 3, cross_function: 2, cross_region: 1, seniority: 2, language: 1, hours_overlap: 2 },
    constraints: { common_language: true, min_overlap_hours: 2 },
  },
};

describe("the settings of a run", () => {
  it("start from the program's mode, its preset and the default constraints", () => {
    const draft = initialDraft(settings);
    expect(draft.mode).toBe("most_pairs");
    expect(draft.weights).toEqual({ ...settings.preset.weights, wishes: 0 });
    expect(draft.commonLanguage).toBe(true);
    expect(draft.minOverlapHours).toBe(2);
    expect(weightsArePreset(draft, settings)).toBe(true);
  });

  it("take the constraints' defaults when the preset leaves them out", () => {
    const bare = { ...settings, preset: { ...settings.preset, constraints: {} } };
    expect(initialDraft(bare)).toMatchObject({ commonLanguage: true, minOverlapHours: 2 });
  });

  it("know when a weight has moved from the preset, and go back to it", () => {
    const draft = { ...initialDraft(settings), weights: { ...presetWeights(settings), skills: 9 } };
    expect(weightsArePreset(draft, settings)).toBe(false);
    expect(weightsArePreset({ ...draft, weights: presetWeights(settings) }, settings)).toBe(true);
  });

  it("become a request stating every weight and both constraints", () => {
    const draft = { ...initialDraft(settings), mode: "best_total" as const, commonLanguage: false, minOverlapHours: 0 };
    expect(runRequest(draft)).toEqual({
      mode: "best_total",
      weights: { skills: 5, cross_department: 3, cross_function: 2, cross_region: 1, seniority: 2, language: 1, hours_overlap: 2, wishes: 0 },
      constraints: { common_language: false, min_overlap_hours: 0 },
    });
  });

  it("explain every mode and name every criterion in both languages", () => {
    for (const catalogue of [en, ja]) {
      for (const mode of settings.modes) {
        expect(catalogue.matching.modes[mode].length, mode).toBeGreaterThan(0);
        expect(catalogue.matching.modeHints[mode], mode).not.toMatch(/\n/);
      }
      for (const criterion of settings.criteria) expect(catalogue.matching.criteria[criterion].length, criterion).toBeGreaterThan(0);
    }
  });
});

describe("starting a run", () => {
  it("is possible while the program recruits, matches or is active, and not before or after", () => {
    expect(runnable("recruiting")).toBe(true);
    expect(runnable("matching")).toBe(true);
    expect(runnable("active")).toBe(true);
    expect(runnable("draft")).toBe(false);
    expect(runnable("completed")).toBe(false);
    expect(runnable("archived")).toBe(false);
  });
});

describe("a run at work", () => {
  it("is read again every half second until it is done or has failed", () => {
    expect(POLL_MS).toBe(500);
    for (const state of ["queued", "scoring", "solving"] as const) {
      expect(inProgress(state)).toBe(true);
      expect(pollWhileWorking([{ state: "done" }, { state }])).toBe(POLL_MS);
    }
    expect(pollWhileWorking([{ state: "done" }, { state: "failed" }])).toBe(false);
    expect(pollWhileWorking([])).toBe(false);
  });

  it("takes its place in the list of runs each time it is read", () => {
    const run = (id: string, state: MatchingRunView["state"]): MatchingRunView => ({
      id,
      program_id: "program",
      mode: "most_pairs",
      settings: { weights: {}, constraints: {} },
      state,
      progress: state === "done" ? 100 : 0,
      proven_optimal: false,
      created_at: "2026-12-06T04:47:48Z",
    });
    const list = { pages: [{ items: [run("new", "queued"), run("old", "done")] }, { items: [run("older", "done")] }], pageParams: [undefined, "c"] };
    const updated = withRun(list, run("new", "done"));
    expect(updated.pages.flatMap((p) => p.items.map((r) => `${r.id}:${r.state}`))).toEqual(["new:done", "old:done", "older:done"]);
    expect(updated.pageParams).toEqual([undefined, "c"]);
    expect(pollWhileWorking(updated.pages.flatMap((p) => p.items))).toBe(false);
  });

  it("shows scores with at most one decimal", () => {
    expect(formatScore(12.666666666666666, "en")).toBe("12.7");
    expect(formatScore(13, "en")).toBe("13");
    expect(formatScore(56.166666666666664, "ja")).toBe("56.2");
  });

  it("shown is the one picked, else the newest", () => {
    expect(shownRunId(null, [{ id: "new" }, { id: "old" }])).toBe("new");
    expect(shownRunId("old", [{ id: "new" }, { id: "old" }])).toBe("old");
    expect(shownRunId(null, [])).toBeNull();
  });
});
