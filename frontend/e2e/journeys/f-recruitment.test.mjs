import { test } from "node:test";
import { recruitmentJourney } from "../support/recruitmentJourney.mjs";

test("a new customer recruits through an open campaign: two applicants confirmed and accepted, one refused", async () => {
  await recruitmentJourney({ name: "f-recruitment", language: "en" });
});
