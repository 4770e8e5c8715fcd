// Reads the emails `tandem serve` writes as .eml files when it has no SMTP server.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import PostalMime from "postal-mime";

async function messagesTo(dir, address) {
  const found = [];
  let files = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".eml"));
  } catch {
    return found;
  }
  for (const file of files) {
    const email = await PostalMime.parse(readFileSync(join(dir, file)));
    if ((email.to ?? []).some((to) => to.address?.toLowerCase() === address.toLowerCase())) found.push(email);
  }
  return found;
}

/** Waits for the invitation email to `address` and returns it with the link it carries. */
export async function invitationEmail(dir, address, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const email of await messagesTo(dir, address)) {
      const link = /https?:\/\/\S+\/invitations\/accept\?token=[^\s"'<>]+/.exec(email.text ?? "");
      if (link) return { subject: email.subject ?? "", text: email.text ?? "", link: link[0] };
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no invitation email to ${address} in ${dir}`);
}

/** Waits for an email to `address` whose text carries a link matching `pattern`; returns it and the link. */
export async function emailWithLink(dir, address, pattern, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const email of await messagesTo(dir, address)) {
      const link = (email.text ?? "").match(/https?:\/\/[^\s"'<>]+/g)?.find((l) => pattern.test(l));
      if (link) return { subject: email.subject ?? "", text: email.text ?? "", link };
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no email to ${address} with a link matching ${pattern} in ${dir}`);
}
