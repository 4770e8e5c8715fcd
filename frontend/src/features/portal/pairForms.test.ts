import { describe, expect, it } from "vitest";
import {
  agreement,
  pastTopics,
  goalBody,
  goalErrors,
  learningBody,
  learningErrors,
  leavingBody,
  leavingErrors,
  MAX_LEAVING_REASON,
  MAX_NOTE,
  stillRuns,
  storyErrors,
  trainingFor,
} from "./pairForms";
import type { PortalTraining } from "./types";

describe("the learning log's form", () => {
  it("needs at least one topic, and keeps a note short", () => {
    const values = { direction: "learned" as const, topics: [], note: "", session_id: null };
    expect(learningErrors(values)).toEqual({ topics: "portal.learning.errors.topics" });
    expect(learningErrors({ ...values, topics: ["TikTok"], note: "x".repeat(MAX_NOTE + 1) })).toEqual({ note: "portal.errors.tooLong" });
  });

  it("sends the topics cleaned and leaves out an empty note", () => {
    expect(learningBody({ direction: "taught", topics: ["TikTok、reels", "tiktok"], note: "  ", session_id: "s1" })).toEqual({
      direction: "taught",
      topics: ["TikTok", "reels"],
      session_id: "s1",
    });
    expect(learningBody({ direction: "learned", topics: ["Excel"], note: " Pivot tables ", session_id: null }).note).toBe("Pivot tables");
  });
});

describe("goals", () => {
  it("need a title; a target date is optional but must be a date", () => {
    expect(goalErrors({ title: " ", target_date: "" })).toEqual({ title: "portal.errors.required" });
    expect(goalErrors({ title: "Post weekly", target_date: "next week" })).toEqual({ target_date: "portal.goals.errors.date" });
    expect(goalErrors({ title: "Post weekly", target_date: "2027-03-01" })).toEqual({});
    expect(goalBody({ title: " Post weekly ", target_date: "" })).toEqual({ title: "Post weekly", target_date: null });
  });
});

describe("the story", () => {
  it("needs a title and a body", () => {
    expect(storyErrors({ title: "", body: "" })).toEqual({ title: "portal.errors.required", body: "portal.errors.required" });
    expect(storyErrors({ title: "What a CFO learned from TikTok", body: "…" })).toEqual({});
  });

  it("is written while the pair runs, and only read once it has ended or been withdrawn", () => {
    expect(stillRuns("active")).toBe(true);
    expect(stillRuns("paused")).toBe(true);
    expect(stillRuns("ended")).toBe(false);
    expect(stillRuns("withdrawn")).toBe(false);
  });

  it("knows who agreed to share it", () => {
    expect(agreement({ agreed_by: ["aiko"] }, "aiko", "ren")).toEqual({ mine: true, partner: false });
    expect(agreement({ agreed_by: ["ren", "aiko"] }, "ren", "aiko")).toEqual({ mine: true, partner: true });
  });
});

describe("training", () => {
  const modules: PortalTraining[] = [
    { module: 0, title: "How reverse mentoring works", role: "either", url: null, done: false },
    { module: 1, title: "Teaching a senior", role: "mentor", url: null, done: false },
    { module: 2, title: "Learning from a junior", role: "mentee", url: null, done: true },
  ];
  it("shows each member the modules of their role, and both sides to learners in mutual pairs", () => {
    expect(trainingFor(modules, "mentor").map((m) => m.module)).toEqual([0, 1]);
    expect(trainingFor(modules, "mentee").map((m) => m.module)).toEqual([0, 2]);
    expect(trainingFor(modules, "learner").map((m) => m.module)).toEqual([0, 1, 2]);
  });
});

describe("topic suggestions", () => {
  it("are the topics the pair already used, each once in its first spelling", () => {
    expect(pastTopics([{ topics: ["Excel", "TikTok"] }, { topics: ["excel", " Reels "] }, { topics: [] }])).toEqual(["Excel", "TikTok", "Reels"]);
  });
});

describe("leaving a pair", () => {
  it("is offered while the pair runs, active or paused, and not once it has ended", () => {
    expect((["active", "paused", "ended", "withdrawn"] as const).filter(stillRuns)).toEqual(["active", "paused"]);
  });

  it("sends the reason on one line, trimmed, and leaves out an empty one", () => {
    expect(leavingBody("")).toEqual({});
    expect(leavingBody(" \n\t ")).toEqual({});
    expect(leavingBody("  I moved teams.\n\nNo time left.  ")).toEqual({ reason: "I moved teams. No time left." });
    expect(leavingBody("異動のため")).toEqual({ reason: "異動のため" });
  });

  it("keeps the reason to 500 characters as the server counts them", () => {
    expect(leavingErrors({ reason: "" })).toEqual({});
    expect(leavingErrors({ reason: `  ${"x".repeat(MAX_LEAVING_REASON)}  ` })).toEqual({});
    expect(leavingErrors({ reason: "x".repeat(MAX_LEAVING_REASON + 1) })).toEqual({ reason: "portal.errors.tooLong" });
    // An emoji is one character to the server, though two UTF-16 units.
    expect(leavingErrors({ reason: "🙏".repeat(MAX_LEAVING_REASON) })).toEqual({});
  });
});
