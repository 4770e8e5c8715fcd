// Reads the emails `tandem serve` writes as .eml files when it has no SMTP server.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import PostalMime from "postal-mime";

/** The .eml files in the outbox now; pass them as `except` to wait for an email sent after. */
export function outboxFiles(dir) {
  try {
    return new Set(readdirSync(dir).filter((f) => f.endsWith(".eml")));
  } catch {
    return new Set();
  }
}

export async function messagesTo(dir, address, except = new Set()) {
  const found = [];
  for (const file of outboxFiles(dir)) {
    if (except.has(file)) continue;
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

/**
 * Waits for an email to `address` whose text carries a link matching `pattern`, ignoring the
 * files in `except`; returns it, the link and every link of its text.
 */
export async function emailWithLink(dir, address, pattern, timeoutMs = 30_000, { except = new Set() } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const email of await messagesTo(dir, address, except)) {
      const links = (email.text ?? "").match(/https?:\/\/[^\s"'<>]+/g) ?? [];
      const link = links.find((l) => pattern.test(l));
      if (link) return { subject: email.subject ?? "", text: email.text ?? "", link, links };
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no email to ${address} with a link matching ${pattern} in ${dir}`);
}

/** Waits for an email to `address` whose text carries `words`, ignoring the files in `except`. */
export async function emailSaying(dir, address, words, timeoutMs = 30_000, { except = new Set() } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const email of await messagesTo(dir, address, except)) {
      if ((email.text ?? "").includes(words)) return { subject: email.subject ?? "", text: email.text ?? "" };
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no email to ${address} saying "${words}" in ${dir}`);
}
