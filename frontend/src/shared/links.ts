export type TextPiece = { kind: "text"; text: string } | { kind: "link"; href: string };

// Only characters a URL may contain (RFC 3986), so that Japanese text or a full stop right after
// a link is not taken for part of it; only http(s), never `javascript:` or the like.
const URL_PATTERN = /https?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&()*+,;=%]+/g;
const TRAILING = /[.,;:!?]+$/;

function trimLink(candidate: string): string {
  let link = candidate.replace(TRAILING, "");
  // A closing bracket belongs to the link only when the link opened one too: "(see https://x/y)".
  while (link.endsWith(")") && (link.match(/\(/g) ?? []).length < (link.match(/\)/g) ?? []).length) {
    link = link.slice(0, -1).replace(TRAILING, "");
  }
  return link;
}

/** Splits plain text into text and http(s) links, so links can be shown clickable. */
export function splitLinks(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index;
    const href = trimLink(match[0]);
    if (href.length <= "https://".length) continue;
    if (start > last) pieces.push({ kind: "text", text: text.slice(last, start) });
    pieces.push({ kind: "link", href });
    last = start + href.length;
  }
  if (last < text.length) pieces.push({ kind: "text", text: text.slice(last) });
  return pieces;
}

/** A link people may follow: an absolute http(s) address, or null (never `javascript:` and the like). */
export function httpLink(value: string): string | null {
  try {
    const url = new URL(value.trim());
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}
