import { intlLocale, type Language } from "./language";

export interface FormatOptions {
  /** For tests; the browser's zone otherwise. */
  timeZone?: string;
}

export function formatDateTime(iso: string, language: Language, options: FormatOptions = {}): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(language), {
    dateStyle: "medium",
    timeStyle: "short",
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  }).format(date);
}

export function formatDate(iso: string, language: Language, options: FormatOptions = {}): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(language), {
    dateStyle: "medium",
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  }).format(date);
}

export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(intlLocale(language)).format(value);
}

/** Language codes as their names in the console's language ("ja" → "Japanese" / 「日本語」). */
export function formatLanguages(codes: readonly string[], language: Language): string {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames(intlLocale(language), { type: "language" });
  } catch {
    names = null;
  }
  const name = (code: string) => {
    try {
      return names?.of(code) ?? code;
    } catch {
      return code;
    }
  };
  return codes.map(name).join(language === "ja" ? "、" : ", ");
}

/** Several names as one phrase in the console's language ("Kansai, Tohoku, and Kyushu", 「関西、東北、九州」). */
export function formatList(items: readonly string[], language: Language): string {
  return new Intl.ListFormat(intlLocale(language), { type: "conjunction" }).format(items);
}
