// The participant portal: signing in by an emailed link, on the narrowest phone it is made for.
import { outboxDir } from "./browser.mjs";
import { field, fill, visible } from "./flows.mjs";
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
