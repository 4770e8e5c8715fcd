/**
 * Just enough CSV (RFC 4180: quotes, doubled quotes, CRLF) to show the file's headers and first
 * rows before it is sent. The server parses the file again and is the judge of what is malformed.
 */
export function parseCsv(text: string, maxRows = Number.POSITIVE_INFINITY): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  for (let i = 0; i < source.length && rows.length < maxRows; i++) {
    const c = source[i];
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && source[i + 1] === "\n") i++;
      row.push(cell);
      if (row.some((value) => value.trim() !== "")) rows.push(row);
      row = [];
      cell = "";
    } else cell += c;
  }
  row.push(cell);
  if (rows.length < maxRows && row.some((value) => value.trim() !== "")) rows.push(row);
  return rows;
}

export interface CsvPreview {
  headers: string[];
  rows: string[][];
}

/** The header row and up to `count` data rows. */
export function previewCsv(text: string, count = 5): CsvPreview {
  const [headers = [], ...rows] = parseCsv(text, count + 1);
  return { headers: headers.map((h) => h.trim()), rows };
}
