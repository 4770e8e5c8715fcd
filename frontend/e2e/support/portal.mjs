// The participant portal: signing in by an emailed link, on the narrowest phone it is made for.
import assert from "node:assert/strict";
import { outboxDir } from "./browser.mjs";
import { field, fill, overflowOnceSettled, visible } from "./flows.mjs";
import { emailWithLink, outboxFiles } from "./outbox.mjs";

/** The narrowest phone the portal is made for. */
export const SMALL_PHONE = { width: 375, height: 812 };

/** Asks for a sign-in link on the portal's page and opens it from the outbox; lands on "My pairs". */
export async function signInWithLink(page, who, C) {
  const before = outboxFiles(outboxDir);
  await page.goto("/portal/sign-in");
  await visible(page.getByRole("heading", { name: C.portal.signIn.title }));
  await field(page, C.portal.signIn.email).fill(who.email);
  await page.getByRole("button", { name: C.portal.signIn.submit }).click();
  await visible(page.getByTestId("sign-in-sent").getByText(fill(C.portal.signIn.sentBody, { email: who.email })));
  const { link } = await emailWithLink(outboxDir, who.email, /\/portal\/verify\?token=/, 30_000, { except: before });
  await page.goto(link);
  return link;
}

/** Applications of `people`: the M… are mentors, the others mentees, with what each teaches and learns. */
export function applicantsOf(people, teach, learn) {
  return people.map((p) => ({
    email: p.email,
    role: p.external_id.startsWith("M") ? "mentor" : "mentee",
    teach: teach[p.external_id] ?? "",
    learn: learn[p.external_id] ?? "",
  }));
}

/** A journey's phone checks: a screenshot from the top of the page, and that the page fits the phone. */
export function onThePhone(journey) {
  return {
    shot: async (p, label) => {
      await p.evaluate(() => window.scrollTo(0, 0));
      await journey.shot(p, label);
    },
    fits: async (p, what) => {
      const overflow = await overflowOnceSettled(p);
      assert.ok(overflow <= 0, `${what} is ${overflow}px wider than the phone`);
    },
  };
}
