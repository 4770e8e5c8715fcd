import { test } from "node:test";
import { recruitmentJourney } from "../support/recruitmentJourney.mjs";

test("a new customer recruits through a closed campaign: three invitees apply from their email, two are accepted, one is refused in words", async () => {
  await recruitmentJourney({ name: "f-recruitment", language: "en" });
});
