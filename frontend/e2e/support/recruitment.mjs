// Steps of the recruitment journeys (f, g), found by the words people read in catalogue `L`.
import assert from "node:assert/strict";
import { emailWithLink } from "./outbox.mjs";
import { field, fill, visible } from "./flows.mjs";

/** A datetime-local value `days` from now. */
export function inDays(days) {
  const d = new Date(Date.now() + days * 24 * 3600 * 1000);
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function recruitmentSteps(L, outboxDir) {
  return {
    /** A participant follows the link in their campaign email and applies; returns the confirmation link. */
    async apply(page, { email, role, teach }) {
      const invitation = await emailWithLink(outboxDir, email, /\/apply\?token=/);
      await page.goto(invitation.link);
      await this.fillApplication(page, { email, role, teach });
      await page.getByRole("button", { name: L.apply.submit }).click();
      const received = await visible(page.getByTestId("apply-received"));
      assert.match(await received.innerText(), new RegExp(email.replace(/[.]/g, "\\.")));
      return (await emailWithLink(outboxDir, email, /\/applications\/confirm\?token=/)).link;
    },

    /** Picks people by name in the invitees card of a closed campaign. */
    async pickInvitees(page, people) {
      await page.getByLabel(L.recruitment.invitees.pickPeople).check();
      const box = page.getByRole("combobox", { name: L.recruitment.invitees.people, exact: true });
      for (const p of people) {
        await box.fill(p.name);
        await page.getByRole("option", { name: `${p.name} <${p.email}>` }).click();
      }
    },

    /** An invitee follows the link in their campaign email and applies, but is refused; returns the reason shown. */
    async applyRefused(page, { email, role, teach }) {
      const invitation = await emailWithLink(outboxDir, email, /\/apply\?token=/);
      await page.goto(invitation.link);
      await this.fillApplication(page, { email, role, teach });
      await page.getByRole("button", { name: L.apply.submit }).click();
      return (await visible(page.getByTestId("apply-refusal"))).innerText();
    },

    async fillApplication(page, { email, role, teach }) {
      await visible(page.getByTestId("apply-campaign"));
      const emailBox = field(page, L.apply.fields.email);
      if (await emailBox.count()) await emailBox.fill(email);
      await page.getByRole("combobox", { name: L.apply.fields.role_wanted, exact: true }).click();
      await page.getByRole("option", { name: L.apply.roles[role], exact: true }).click();
      // What one can teach and wants to learn are tags: typed, then Enter.
      await page.getByRole("combobox", { name: L.apply.fields.can_teach, exact: true }).fill(teach);
      await page.keyboard.press("Enter");
      await page.getByRole("combobox", { name: L.apply.fields.wants_to_learn, exact: true }).fill("How the business decides");
      await page.keyboard.press("Enter");
      await field(page, L.apply.fields.goals).fill("Work across generations");
      await field(page, L.apply.fields.availability).fill("Tuesday afternoons");
      await page.getByLabel(L.apply.fields.consent).check();
    },

    async confirm(page, link) {
      await page.goto(link);
      await page.getByRole("button", { name: L.apply.confirm }).click();
      const result = await visible(page.getByTestId("application-result"));
      assert.match(await result.innerText(), new RegExp(L.apply.confirmedTitle));
      // In words: "Applied as a mentor · submitted", never a raw value such as "either" or "SUBMITTED".
      const said = await page.getByTestId("application-result-text").innerText();
      const expected = Object.values(L.apply.appliedAs).map((applied) => fill(L.apply.resultText, { applied, status: L.apply.statusWords.submitted }));
      assert.ok(expected.includes(said.trim()), `"${said}" is one of ${expected.join(" | ")}`);
    },
  };
}
