// Steps people take in the console, found by the words they read (from the catalogue `L`).
import assert from "node:assert/strict";
import { outboxDir } from "./browser.mjs";
import { emailWithLink } from "./outbox.mjs";

export const TIMEOUT = 15_000;

export function fill(text, values) {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k) => String(values[k]));
}

export async function visible(locator) {
  await locator.first().waitFor({ state: "visible", timeout: TIMEOUT });
  return locator.first();
}

/**
 * How many pixels the page is wider than its viewport, once the layout has settled: the
 * console's shell slides its sidebar away when the viewport narrows, and a measure taken
 * during that transition reads the sidebar's width still.
 */
export async function overflowOnceSettled(page) {
  return page.evaluate(async () => {
    const transitions = document.getAnimations().filter((a) => a instanceof CSSTransition);
    await Promise.all(transitions.map((a) => a.finished.catch(() => {})));
    return document.documentElement.scrollWidth - window.innerWidth;
  });
}

export async function atPath(page, path) {
  await page.waitForURL((url) => `${url.pathname}${url.search}` === path || url.pathname === path, { timeout: TIMEOUT });
}

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The input labelled exactly `text` (a required field's label ends with " *"). */
export function field(page, text) {
  return page.getByLabel(new RegExp(`^${escape(text)}( \\*)?$`));
}

export function steps(L) {
  const label = field;
  const heading = (page, text) => page.getByRole("heading", { name: text });

  const combobox = (page, text) => page.getByRole("combobox", { name: text, exact: true });

  async function chooseOption(page, input, option) {
    await input.click();
    await page.getByRole("option", { name: option, exact: true }).click();
  }

  return {
    heading,
    async switchLanguage(page, name) {
      await page.getByRole("radiogroup", { name: L.language.label }).getByText(name, { exact: true }).click();
    },

    async signUp(page, { company, name, email, password }) {
      await page.goto("/signup");
      await this.fillSignUp(page, { company, name, email, password });
    },

    async fillSignUp(page, { company, name, email, password }) {
      await visible(heading(page, L.auth.signup.title));
      await label(page, L.fields.companyName).fill(company);
      await label(page, L.fields.yourName).fill(name);
      await label(page, L.fields.email).fill(email);
      await label(page, L.fields.password).fill(password);
    },

    /** Submits the filled sign-up form, follows the emailed link and lands home; returns that email. */
    async submitSignUp(page, { name, email }) {
      await this.requestSignUp(page, email);
      return this.verifySignUp(page, { name, email });
    },

    /** Submits the filled sign-up form: nobody is signed in yet, a link is on its way to `email`. */
    async requestSignUp(page, email) {
      await page.getByRole("button", { name: L.auth.signup.submit }).click();
      await visible(heading(page, L.auth.signup.checkTitle));
      const sentTo = await visible(page.getByTestId("signup-sent-to"));
      assert.equal((await sentTo.innerText()).trim(), fill(L.auth.signup.checkSent, { email }));
    },

    /** Opens the sign-up link emailed to `email`, which creates the account and signs its owner in. */
    async verifySignUp(page, { name, email }) {
      const message = await emailWithLink(outboxDir, email, /\/signup\/verify\?token=/);
      assert.ok(message.link.startsWith(new URL(page.url()).origin), "the link leads to this console");
      await page.goto(message.link);
      await visible(heading(page, fill(L.home.title, { name })));
      return message;
    },

    async openNav(page, text, headingText = text) {
      await page.getByRole("navigation").getByRole("link", { name: text, exact: true }).click();
      await visible(heading(page, headingText));
    },

    async choose(page, labelText, option) {
      await chooseOption(page, combobox(page, labelText), option);
    },

    /** Clicks `name` in the dialog that is open (a confirmation). */
    async inDialog(page, name) {
      await page.getByRole("dialog").getByRole("button", { name, exact: true }).click();
    },

    /** A lifecycle or campaign move: its button, then the same words in the dialog that says what it does. */
    async moveAndConfirm(page, name) {
      await page.getByRole("button", { name, exact: true }).click();
      await visible(page.getByRole("dialog"));
      await this.inDialog(page, name);
    },

    /** Opens the newest email to `to` in the developer mailbox, waiting for the worker to send it. */
    async openMail(page, to) {
      await this.openNav(page, L.nav.mailbox, L.mailbox.title);
      const row = page.getByTestId(`mail-${to}`).first();
      const deadline = Date.now() + TIMEOUT;
      while (!(await row.waitFor({ state: "visible", timeout: 1_500 }).then(() => true, () => false))) {
        if (Date.now() > deadline) throw new Error(`no email to ${to} in the developer mailbox`);
        await page.reload();
      }
      await row.getByRole("link").click();
      await visible(page.getByTestId("mail-text"));
    },

    /** The address of the first link in the open email's text part that matches `pattern`. */
    async linkInMail(page, pattern) {
      const hrefs = await page.getByTestId("mail-text").getByRole("link").evaluateAll((as) => as.map((a) => a.href));
      const link = hrefs.find((href) => pattern.test(href));
      assert.ok(link, `no link matching ${pattern} in ${hrefs.join(", ")}`);
      return link;
    },

    async invite(page, { email, role }) {
      await label(page, L.fields.email).fill(email);
      await chooseOption(page, combobox(page, L.fields.role), L.roles[role]);
      await page.getByRole("button", { name: L.team.invite }).click();
      await visible(page.getByTestId(`invitation-${email}`));
    },

    async acceptAsNewcomer(page, { name, password }) {
      await visible(heading(page, L.auth.accept.title));
      // The link says what it offers first; an address without an account creates one.
      await visible(page.getByTestId("invitation-offer"));
      assert.equal(await page.getByTestId("invitation-has-account").count(), 0);
      await label(page, L.fields.yourName).fill(name);
      await label(page, L.fields.newPassword).fill(password);
    },

    async submitAcceptance(page, name) {
      await page.getByRole("button", { name: L.auth.accept.submit }).click();
      await visible(heading(page, fill(L.home.title, { name })));
    },

    async changeRole(page, { name, role }) {
      const select = combobox(page, fill(L.team.roleOf, { name }));
      await chooseOption(page, select, L.roles[role]);
      await visible(page.getByText(fill(L.team.roleChanged, { name })));
      assert.equal(await select.inputValue(), L.roles[role]);
    },

    async logIn(page, { email, password }) {
      await label(page, L.fields.email).fill(email);
      await label(page, L.fields.password).fill(password);
      await page.getByRole("button", { name: L.auth.login.submit }).click();
    },

    async logOut(page, name) {
      await page.getByRole("button", { name: fill(L.nav.account, { name }) }).click();
      await page.getByRole("menuitem", { name: L.nav.logout }).click();
      await visible(heading(page, L.auth.login.title));
    },
  };
}
