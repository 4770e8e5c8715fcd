//! Rules for data that leaves Tandem as files people open in a spreadsheet.

use std::borrow::Cow;

/// A cell of a CSV export, safe to open in a spreadsheet (OWASP, CSV injection): a value that
/// starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be read as a formula, so
/// it is prefixed with a single quote, which spreadsheets show as text. Every CSV export writes
/// each cell through this; the CSV writer then quotes what needs quoting. Imports do the
/// opposite of nothing: a formula-looking cell is stored as the text it is.
pub fn csv_cell(value: &str) -> Cow<'_, str> {
    match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{value}")),
        _ => Cow::Borrowed(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_quoted() {
        for (given, written) in [
            ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
            ("+1+1", "'+1+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
        ] {
            assert_eq!(csv_cell(given), written, "{given:?}");
        }
    }

    #[test]
    fn other_values_are_kept_as_they_are() {
        for value in ["Kenji Sato", "", "a=b", "田中 愛子", " =1", "'quoted", "3-1"] {
            assert!(matches!(csv_cell(value), Cow::Borrowed(v) if v == value), "{value:?}");
        }
    }
}
