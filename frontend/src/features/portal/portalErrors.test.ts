import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/problem";
import { pairRole } from "../tracking/types";
import { isSignedOut, minutesToWait, PortalError, retryAfterSeconds } from "./portalErrors";

const problem = (status: number) => ({ type: "/problems/x", title: "x", status, detail: "", code: "" });

describe("the portal's answers", () => {
  it("reads Retry-After as seconds, and nothing else", () => {
    expect(retryAfterSeconds("290")).toBe(290);
    expect(retryAfterSeconds(" 60 ")).toBe(60);
    expect(retryAfterSeconds(null)).toBeNull();
    expect(retryAfterSeconds("Wed, 21 Oct 2026 07:28:00 GMT")).toBeNull();
  });

  it("asks to wait whole minutes after too many sign-in links", () => {
    expect(minutesToWait(new PortalError(problem(429), 290))).toBe(5);
    expect(minutesToWait(new PortalError(problem(429), 10))).toBe(1);
    expect(minutesToWait(new PortalError(problem(429), null))).toBeNull();
    expect(minutesToWait(new PortalError(problem(422), 60))).toBeNull();
  });

  it("knows a 401 means signing in again", () => {
    expect(isSignedOut(new ApiError(problem(401)))).toBe(true);
    expect(isSignedOut(new ApiError(problem(403)))).toBe(false);
    expect(isSignedOut(new Error("offline"))).toBe(false);
  });

  it("reads a member's role, taking anything else for a learning partner", () => {
    expect(pairRole("mentor")).toBe("mentor");
    expect(pairRole("mentee")).toBe("mentee");
    expect(pairRole("learner")).toBe("learner");
    expect(pairRole("partner")).toBe("learner");
  });
});
