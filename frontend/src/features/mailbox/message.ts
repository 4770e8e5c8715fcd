import PostalMime, { type Address } from "postal-mime";

/** What a person reads of an email: its decoded headers and parts. */
export interface ReadableMessage {
  subject: string;
  from: string;
  to: string[];
  text: string;
  html: string | null;
}

/** "Name <address>", or the bare address; a group as "Name: a, b". */
export function formatAddress(address: Address): string {
  if (address.group) return `${address.name}: ${address.group.map(formatAddress).join(", ")}`;
  return address.name ? `${address.name} <${address.address}>` : address.address;
}

/**
 * Decodes a whole RFC 5322 message as the server sent it: multipart/alternative, quoted-printable
 * or base64 bodies and RFC 2047 encoded headers.
 */
export async function readMessage(raw: string): Promise<ReadableMessage> {
  const email = await PostalMime.parse(raw);
  return {
    subject: email.subject ?? "",
    from: email.from ? formatAddress(email.from) : "",
    to: (email.to ?? []).map(formatAddress),
    text: email.text ?? "",
    html: email.html?.trim() ? email.html : null,
  };
}
