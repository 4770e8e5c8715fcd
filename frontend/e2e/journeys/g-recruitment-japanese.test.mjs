import { test } from "node:test";
import { recruitmentJourney } from "../support/recruitmentJourney.mjs";

test("the same recruitment with the console and the participants' phones in Japanese", async () => {
  await recruitmentJourney({ name: "g-recruitment-japanese", language: "ja" });
});
