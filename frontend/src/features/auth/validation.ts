import type { TFunction } from "i18next";

// Client-side checks matching the server's rules (crates/domain), so most mistakes are
// caught before a request; the server's field errors are shown the same way when not.

export const MIN_PASSWORD = 10;

export function requiredText(t: TFunction) {
  return (value: string) => (value.trim().length === 0 ? t("validation.required") : null);
}

export function emailRule(t: TFunction) {
  return (value: string) => {
    const v = value.trim();
    if (v.length === 0) return t("validation.required");
    return /^[^\s@]+@[^\s@]+$/.test(v) ? null : t("validation.email");
  };
}

export function newPasswordRule(t: TFunction) {
  return (value: string) =>
    value.length < MIN_PASSWORD ? t("validation.passwordLength", { min: MIN_PASSWORD }) : null;
}

export function passwordPresentRule(t: TFunction) {
  return (value: string) => (value.length === 0 ? t("validation.required") : null);
}
