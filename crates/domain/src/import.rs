//! Reading an HR system's directory export as it is: in the encoding it was saved in, with
//! headers in English or Japanese, and with the values such systems write (grades like M3,
//! dates like 1988/04/01 or 昭和63年4月1日, languages written as names).
//!
//! The flow is: [`decode`] the bytes, [`read_csv`] the text into rows numbered as the file
//! numbers its lines, [`guess_columns`] from the headers (and the tenant's saved choices), let
//! the admin map grade values ([`suggest_job_levels`]), then read the rows with
//! [`crate::people::read_rows`] and report with [`summarise`] and [`manager_consequences`].

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::Reason;
use crate::people::{JobLevel, Person, PersonDraft, PersonField, RowProblem};

/// The encodings an admin may choose from, by their WHATWG names. "Shift_JIS" is decoded as
/// Windows-31J (CP932), which is what Excel writes for Japanese.
pub const ENCODINGS: [&str; 6] = ["UTF-8", "Shift_JIS", "EUC-JP", "UTF-16LE", "UTF-16BE", "windows-1252"];

/// A file's text and how it was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The encoding used (the admin's choice, or the one detected).
    pub encoding: &'static str,
    /// What detection found, whatever was chosen.
    pub detected: &'static str,
    /// Detection was sure: a byte-order mark, or bytes that are valid UTF-8.
    pub certain: bool,
    /// Some bytes were not valid in `encoding` and were replaced with U+FFFD.
    pub had_errors: bool,
}

/// Detects the encoding of `bytes` (a byte-order mark, valid UTF-8, UTF-16 without a mark, or
/// chardetng's guess among legacy encodings) and decodes them with `chosen` when given,
/// otherwise with what was detected.
pub fn decode(bytes: &[u8], chosen: Option<&str>) -> Result<Decoded, Reason> {
    let (detected, certain) = detect(bytes);
    let encoding = match chosen {
        None => detected,
        Some(label) => encoding_rs::Encoding::for_label(label.trim().as_bytes())
            .ok_or_else(|| Reason::UnknownEncoding { given: label.to_owned() })?,
    };
    // A BOM for another encoding than the chosen one is kept as text; the decoder strips its own.
    let (text, had_errors) = encoding.decode_with_bom_removal(bytes);
    Ok(Decoded { text: text.into_owned(), encoding: encoding.name(), detected: detected.name(), certain, had_errors })
}

fn detect(bytes: &[u8]) -> (&'static encoding_rs::Encoding, bool) {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        return (encoding, true);
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return (encoding, false);
    }
    if std::str::from_utf8(bytes).is_ok() {
        return (encoding_rs::UTF_8, true);
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    (detector.guess(None, true), false)
}

/// Text of ASCII letters in UTF-16 has a zero in every other byte: which half tells the order.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_zero = sample.chunks(2).filter(|p| p[0] == 0 && p[1] != 0).count();
    let odd_zero = sample.chunks(2).filter(|p| p[1] == 0 && p[0] != 0).count();
    if odd_zero * 10 >= pairs * 3 && even_zero == 0 {
        Some(encoding_rs::UTF_16LE)
    } else if even_zero * 10 >= pairs * 3 && odd_zero == 0 {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// A data row of the file: its line in the file (the header is line 1, and a cell holding a
/// line break makes the next row start further down) and its cells, trimmed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub line: u64,
    pub cells: Vec<String>,
}

/// A CSV file read whole: its headers and its rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Line>,
}

/// Reads CSV text. A malformed file (an unclosed quote, a row with the wrong number of cells)
/// is refused whole, naming the line.
///
/// Lines are counted here, not taken from the reader's `Position::line`, which skips blank
/// lines and, in a file with CRLF line ends (what Excel writes), is one short: the reader's
/// byte position of a record is where the previous record's terminator ended, so the line
/// breaks after it are stepped over first.
pub fn read_csv(text: &str) -> Result<Table, Reason> {
    let bytes = text.as_bytes();
    let mut lines = LineCounter::default();
    let mut reader = csv::ReaderBuilder::new().has_headers(true).trim(csv::Trim::All).from_reader(bytes);
    let headers = reader.headers().map_err(|e| Reason::CsvHeaderUnreadable { detail: e.to_string() })?;
    let headers: Vec<String> = headers.iter().map(str::to_owned).collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| Reason::CsvLineUnreadable {
            line: e.position().map(|p| lines.line_at(bytes, p.byte())).unwrap_or(0),
            detail: e.to_string(),
        })?;
        let line = record.position().map(|p| lines.line_at(bytes, p.byte())).unwrap_or(0);
        rows.push(Line { line, cells: record.iter().map(str::to_owned).collect() });
    }
    if rows.is_empty() {
        return Err(Reason::CsvNoRows);
    }
    Ok(Table { headers, rows })
}

/// Counts line breaks forward through a file, so that numbering every row is one pass.
#[derive(Default)]
struct LineCounter {
    byte: usize,
    breaks: u64,
}

impl LineCounter {
    /// The line of the first character at or after `byte` that is not a line break.
    fn line_at(&mut self, bytes: &[u8], byte: u64) -> u64 {
        let mut start = (byte as usize).min(bytes.len());
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        if start >= self.byte {
            self.breaks += bytes[self.byte..start].iter().filter(|b| **b == b'\n').count() as u64;
        } else {
            self.breaks = bytes[..start].iter().filter(|b| **b == b'\n').count() as u64;
        }
        self.byte = start;
        self.breaks + 1
    }
}

/// How sure a column's field is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// The header contains a word that suggests the field: the admin should check it.
    Likely,
    /// The header is a name this field is known by.
    Exact,
    /// The admin chose it for this header in an earlier import.
    Saved,
}

/// A header lower-cased, in NFKC (full-width letters and digits as ASCII), without spaces
/// and punctuation: "Employee-No." and "ｅｍｐｌｏｙｅｅ　ｎｏ" compare equal.
pub fn normalize_header(header: &str) -> String {
    header.nfkc().flat_map(char::to_lowercase).filter(|c| c.is_alphanumeric()).collect()
}

/// What each field is called in HR exports, normalised. The first list is whole headers;
/// the second, words a header may contain. Fields are tried in this order, so a more
/// specific meaning ("Manager Employee No", 「氏名カナ」) is found before a general one.
const MEANINGS: &[(PersonField, &[&str], &[&str])] = &[
    (
        PersonField::NameReading,
        &[
            "namereading",
            "furigana",
            "kana",
            "フリガナ",
            "ふりがな",
            "よみがな",
            "カナ氏名",
            "氏名カナ",
            "氏名フリガナ",
        ],
        &["フリガナ", "ふりがな", "よみがな", "カナ", "kana", "reading", "furigana"],
    ),
    (
        PersonField::ManagerExternalId,
        &[
            "managerexternalid",
            "manager",
            "managerid",
            "managerno",
            "managernumber",
            "manageremployeeid",
            "manageremployeeno",
            "manageremployeenumber",
            "supervisor",
            "supervisorid",
            "reportsto",
            "linemanager",
            "boss",
            "上司",
            "上長",
            "上司社員番号",
            "上長社員番号",
            "上長番号",
            "上司番号",
            "上司コード",
            "上長コード",
        ],
        &["manager", "supervisor", "reportsto", "boss", "上司", "上長"],
    ),
    (
        PersonField::ExternalId,
        &[
            "externalid",
            "id",
            "employeeid",
            "employeeno",
            "employeenumber",
            "empid",
            "empno",
            "staffid",
            "staffno",
            "personnelnumber",
            "社員番号",
            "従業員番号",
            "社員id",
            "社員コード",
            "従業員コード",
            "職員番号",
            "社員no",
        ],
        &["社員番号", "従業員番号", "職員番号", "employeeid", "employeeno", "employeenumber", "staffid"],
    ),
    (
        PersonField::Email,
        &["email", "mail", "emailaddress", "workemail", "メール", "メールアドレス", "eメール", "電子メール"],
        &["mail", "メール"],
    ),
    (
        PersonField::Department,
        &["department", "dept", "division", "team", "部署", "部門", "所属", "部署名", "所属部署", "所属部門"],
        &["部署", "所属", "部門", "dept", "department", "division"],
    ),
    (PersonField::Function, &["function", "jobfunction", "職種", "職能", "職群"], &["職種", "function"]),
    (
        PersonField::Region,
        &["region", "country", "area", "地域", "国", "リージョン", "エリア"],
        &["region", "地域", "country"],
    ),
    (
        PersonField::Location,
        &["location", "office", "city", "site", "勤務地", "拠点", "事業所", "所在地"],
        &["勤務地", "拠点", "事業所", "office", "location"],
    ),
    (
        PersonField::JobLevel,
        &["joblevel", "level", "grade", "band", "等級", "グレード", "職位", "職級", "資格等級", "職能等級", "社員等級"],
        &["等級", "grade", "level", "職級"],
    ),
    (
        PersonField::Title,
        &["title", "jobtitle", "position", "役職", "肩書", "肩書き", "役職名"],
        &["役職", "title", "肩書"],
    ),
    (PersonField::TimeZone, &["timezone", "tz", "タイムゾーン", "時間帯"], &["timezone", "タイムゾーン"]),
    (
        PersonField::Languages,
        &["languages", "spokenlanguages", "languagesspoken", "使用言語", "話せる言語", "対応言語", "言語スキル"],
        &["languages", "spoken", "話せる"],
    ),
    (
        PersonField::PreferredLocale,
        &["preferredlocale", "locale", "language", "preferredlanguage", "言語", "希望言語", "表示言語", "優先言語"],
        &["locale", "言語", "language"],
    ),
    (
        PersonField::Skills,
        &["skills", "skill", "expertise", "スキル", "得意分野", "専門分野"],
        &["skill", "スキル", "得意"],
    ),
    (
        PersonField::IsExecutive,
        &["isexecutive", "executive", "exec", "役員", "役員フラグ", "経営層"],
        &["executive", "役員"],
    ),
    (
        PersonField::HireDate,
        &["hiredate", "startdate", "joindate", "dateofhire", "入社日", "入社年月日"],
        &["入社", "hire"],
    ),
    (PersonField::Gender, &["gender", "sex", "性別"], &["gender", "性別"]),
    (PersonField::AgeBand, &["ageband", "agegroup", "age", "年齢", "年代", "年齢層"], &["年齢", "年代", "age"]),
    (
        PersonField::Name,
        &["name", "fullname", "employeename", "displayname", "氏名", "名前", "社員名", "従業員名", "氏名漢字"],
        &["氏名", "名前", "name"],
    ),
];

/// The field a header most likely means, and how sure that is.
pub fn guess_column(header: &str) -> Option<(PersonField, Confidence)> {
    let key = normalize_header(header);
    if key.is_empty() {
        return None;
    }
    if let Ok(field) = key.parse::<PersonField>() {
        return Some((field, Confidence::Exact));
    }
    let exact = MEANINGS.iter().find(|(_, names, _)| names.contains(&key.as_str()));
    if let Some((field, _, _)) = exact {
        return Some((*field, Confidence::Exact));
    }
    MEANINGS
        .iter()
        .find(|(_, _, words)| words.iter().any(|w| key.contains(w)))
        .map(|(field, _, _)| (*field, Confidence::Likely))
}

/// A column and the field it goes to (`None`: ignored).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnGuess {
    pub header: String,
    pub field: Option<PersonField>,
    pub confidence: Option<Confidence>,
}

/// Maps every header: the tenant's saved choice first (ignoring included), then by meaning.
/// A field goes to one column at most: the surest, then the first.
pub fn guess_columns(headers: &[String], saved: &BTreeMap<String, Option<PersonField>>) -> Vec<ColumnGuess> {
    let mut guesses: Vec<ColumnGuess> = headers
        .iter()
        .map(|header| match saved.get(header) {
            Some(field) => ColumnGuess { header: header.clone(), field: *field, confidence: Some(Confidence::Saved) },
            None => {
                let guess = guess_column(header);
                ColumnGuess { header: header.clone(), field: guess.map(|g| g.0), confidence: guess.map(|g| g.1) }
            }
        })
        .collect();
    let mut best: HashMap<PersonField, (Confidence, usize)> = HashMap::new();
    for (index, guess) in guesses.iter().enumerate() {
        if let (Some(field), Some(confidence)) = (guess.field, guess.confidence) {
            let entry = best.entry(field).or_insert((confidence, index));
            if confidence > entry.0 {
                *entry = (confidence, index);
            }
        }
    }
    for (index, guess) in guesses.iter_mut().enumerate() {
        if let Some(field) = guess.field
            && best.get(&field).is_some_and(|(_, winner)| *winner != index)
        {
            guess.field = None;
            guess.confidence = None;
        }
    }
    guesses
}

/// How a grade is written, compared: NFKC, trimmed, upper case ("ｍ３" and "M3" are one grade).
pub fn grade_key(raw: &str) -> String {
    raw.nfkc().collect::<String>().trim().to_uppercase()
}

/// The tenant's table from grades as its HR system writes them to job levels.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct GradeTable(BTreeMap<String, JobLevel>);

impl GradeTable {
    /// The most grades a table holds.
    pub const MAX: usize = 500;

    pub fn new(entries: impl IntoIterator<Item = (String, JobLevel)>) -> Result<Self, Reason> {
        let mut table = BTreeMap::new();
        for (grade, level) in entries {
            let key = grade_key(&grade);
            if key.is_empty() || key.chars().count() > 64 || key.chars().any(char::is_control) {
                return Err(Reason::NotAGrade);
            }
            table.insert(key, level);
        }
        if table.len() > Self::MAX {
            return Err(Reason::TooManyGrades { max: Self::MAX });
        }
        Ok(Self(table))
    }

    pub fn level(&self, grade: &str) -> Option<JobLevel> {
        self.0.get(&grade_key(grade)).copied()
    }

    pub fn entries(&self) -> impl Iterator<Item = (&str, JobLevel)> {
        self.0.iter().map(|(k, v)| (k.as_str(), *v))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// This table with `other`'s entries added or replacing.
    pub fn merged(&self, other: &GradeTable) -> GradeTable {
        let mut table = self.0.clone();
        table.extend(other.0.iter().map(|(k, v)| (k.clone(), *v)));
        GradeTable(table)
    }
}

/// Reads a job level: a whole number 1–20 as it is, anything else through the grade table.
pub fn job_level(raw: &str, grades: &GradeTable) -> Result<JobLevel, Reason> {
    let normal = grade_key(raw);
    if let Ok(number) = normal.parse::<i64>() {
        return JobLevel::new(number);
    }
    grades.level(raw).ok_or_else(|| Reason::GradeNotMapped { value: raw.trim().to_owned() })
}

/// Grade families in the usual order from junior to senior (J1 < S1 < M1 < G1 < E1 …); other
/// prefixes come after, alphabetically.
const GRADE_FAMILIES: [&str; 9] = ["J", "A", "S", "L", "M", "G", "D", "E", "VP"];

/// A first suggestion for the grade table from the grades found: ordered by family, then by
/// number, and given levels 1, 2, 3 … (at most 20). Whole numbers are left out: they are
/// levels already. The admin checks and changes it; nothing is imported from a suggestion
/// unless they send it.
pub fn suggest_job_levels(grades: &[String]) -> Vec<(String, JobLevel)> {
    let mut distinct: Vec<String> = grades
        .iter()
        .map(|g| grade_key(g))
        .filter(|g| !g.is_empty() && g.parse::<i64>().is_err())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    distinct.sort_by_key(|grade| {
        let prefix: String = grade.chars().take_while(|c| !c.is_ascii_digit()).collect();
        let number: u64 =
            grade[prefix.len()..].chars().take_while(char::is_ascii_digit).collect::<String>().parse().unwrap_or(0);
        let family = GRADE_FAMILIES.iter().position(|f| *f == prefix).unwrap_or(GRADE_FAMILIES.len());
        (family, prefix, number, grade.clone())
    });
    distinct
        .into_iter()
        .enumerate()
        .map(|(rank, grade)| (grade, JobLevel::new((rank as i64 + 1).min(JobLevel::MAX as i64)).expect("1..=20")))
        .collect()
}

/// Japanese eras and the Gregorian year before each one's first year.
const ERAS: [(&str, i32); 8] = [
    ("令和", 2018),
    ("平成", 1988),
    ("昭和", 1925),
    ("大正", 1911),
    ("R", 2018),
    ("H", 1988),
    ("S", 1925),
    ("T", 1911),
];

/// Reads a date as HR systems write it: 1988-04-01, 1988/4/1, 1988.04.01, 19880401,
/// 1988年4月1日, 昭和63年4月1日, S63.4.1 or H元年1月8日; a trailing time ("1988/4/1 0:00", as
/// Excel writes) is ignored. Full-width digits are read as digits.
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    let text: String = raw.nfkc().collect();
    let text = text.trim();
    let date_part = text.split_whitespace().next()?;
    let upper = date_part.to_uppercase();
    let (era, rest) = match ERAS.iter().find(|(name, _)| upper.starts_with(name)) {
        Some((name, offset)) => (Some(*offset), upper[name.len()..].replacen('元', "1", 1)),
        None => (None, upper.clone()),
    };
    let groups: Vec<&str> = rest.split(|c: char| !c.is_ascii_digit()).filter(|g| !g.is_empty()).collect();
    let trailing_ok = rest.chars().all(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '.' | '年' | '月' | '日'));
    if !trailing_ok {
        return None;
    }
    let short = |g: &str| g.len() <= 2;
    let (year, month, day) = match (groups.as_slice(), era) {
        ([all], None) if all.len() == 8 => (all[..4].parse().ok()?, all[4..6].parse().ok()?, all[6..].parse().ok()?),
        ([y, m, d], None) if y.len() == 4 && short(m) && short(d) => {
            (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
        }
        ([y, m, d], Some(offset)) if short(y) && short(m) && short(d) => {
            (offset + y.parse::<i32>().ok()?, m.parse().ok()?, d.parse().ok()?)
        }
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year, month, day).filter(|d| (1900..=2100).contains(&chrono::Datelike::year(d)))
}

/// Languages by their ISO 639-1 code and the names HR systems write for them, in English and
/// Japanese (normalised as headers are).
const LANGUAGES: &[(&str, &[&str])] = &[
    ("ja", &["japanese", "日本語", "日本", "nihongo", "jpn"]),
    ("en", &["english", "英語", "eng"]),
    ("zh", &["chinese", "mandarin", "中国語", "中文", "zho", "chi"]),
    ("ko", &["korean", "韓国語", "한국어", "kor"]),
    ("fr", &["french", "フランス語", "français", "francais", "fra"]),
    ("de", &["german", "ドイツ語", "deutsch", "deu"]),
    ("es", &["spanish", "スペイン語", "español", "espanol", "spa"]),
    ("pt", &["portuguese", "ポルトガル語", "português", "portugues", "por"]),
    ("it", &["italian", "イタリア語", "italiano", "ita"]),
    ("vi", &["vietnamese", "ベトナム語", "tiếngviệt", "vie"]),
    ("th", &["thai", "タイ語", "tha"]),
    ("id", &["indonesian", "インドネシア語", "bahasaindonesia", "ind"]),
    ("hi", &["hindi", "ヒンディー語", "hin"]),
    ("ru", &["russian", "ロシア語", "rus"]),
    ("ar", &["arabic", "アラビア語", "ara"]),
    ("tl", &["tagalog", "filipino", "タガログ語", "フィリピン語", "fil", "tgl"]),
];

/// The ISO 639-1 code of a language written as a code ("ja", "ja-JP", "en_US") or a name in
/// English or Japanese ("Japanese", "日本語", "英語").
pub fn language_code(raw: &str) -> Option<&'static str> {
    let key = normalize_header(raw);
    if let Some((code, _)) = LANGUAGES.iter().find(|(_, names)| names.contains(&key.as_str())) {
        return Some(code);
    }
    let text: String = raw.nfkc().collect::<String>().trim().to_lowercase();
    let primary = text.split(['-', '_']).next().unwrap_or("");
    LANGUAGES.iter().map(|(code, _)| *code).find(|code| *code == primary)
}

/// A group of the same problem: "12 rows: grade M3 is not mapped".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProblemGroup {
    pub field: Option<PersonField>,
    pub reason: Reason,
    /// How many rows have it.
    pub rows: u64,
    /// The first lines that have it (at most [`ProblemGroup::LINES_SHOWN`]).
    pub lines: Vec<u64>,
}

impl ProblemGroup {
    pub const LINES_SHOWN: usize = 10;
}

/// Groups problems by field and reason (the value included, so that each unmapped grade is
/// its own group), the largest group first, then in the order they first appear.
pub fn summarise(problems: &[RowProblem]) -> Vec<ProblemGroup> {
    let mut groups: Vec<ProblemGroup> = Vec::new();
    for problem in problems {
        match groups.iter_mut().find(|g| g.field == problem.field && g.reason == problem.reason) {
            Some(group) => {
                group.rows += 1;
                if group.lines.len() < ProblemGroup::LINES_SHOWN {
                    group.lines.push(problem.line);
                }
            }
            None => groups.push(ProblemGroup {
                field: problem.field,
                reason: problem.reason.clone(),
                rows: 1,
                lines: vec![problem.line],
            }),
        }
    }
    groups.sort_by(|a, b| b.rows.cmp(&a.rows).then(a.lines[0].cmp(&b.lines[0])));
    groups
}

/// What a refused row does to the rows it touches: a person whose manager's row is refused,
/// and who is not already in the directory (`known`), is imported without a manager, and says
/// so. Each returned problem is a warning on the person's own line.
pub fn manager_consequences(
    accepted: &[(u64, Person)],
    refused: &[(u64, PersonDraft)],
    known: &BTreeSet<String>,
) -> Vec<RowProblem> {
    let refused_lines: HashMap<String, u64> = refused
        .iter()
        .filter_map(|(line, draft)| draft.value(PersonField::ExternalId).map(|id| (id.to_owned(), *line)))
        .collect();
    let accepted_ids: BTreeSet<&str> = accepted.iter().map(|(_, p)| p.external_id.as_str()).collect();
    accepted
        .iter()
        .filter_map(|(line, person)| {
            let manager = person.manager_external_id.as_ref()?;
            if accepted_ids.contains(manager.as_str()) || known.contains(manager) {
                return None;
            }
            let manager_line = *refused_lines.get(manager)?;
            Some(RowProblem {
                line: *line,
                field: Some(PersonField::ManagerExternalId),
                reason: Reason::ManagerRowRefused { external_id: manager.clone(), line: manager_line },
                value: Some(manager.clone()),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_detected() {
        let text = "社員番号,氏名\nE001,田中 愛子\n";
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(text);
        let found = decode(&sjis, None).unwrap();
        assert_eq!((found.encoding, found.text.as_str(), found.certain), ("Shift_JIS", text, false));

        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(text.as_bytes());
        let found = decode(&bom, None).unwrap();
        assert_eq!((found.encoding, found.text.as_str(), found.certain), ("UTF-8", text, true));

        let utf16: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let found = decode(&utf16, None).unwrap();
        assert_eq!((found.encoding, found.text.as_str()), ("UTF-16LE", text));

        let wrong = decode(&sjis, Some("utf-8")).unwrap();
        assert!(wrong.had_errors && wrong.detected == "Shift_JIS", "chosen wins; detection is still reported");
        assert!(matches!(decode(b"a", Some("klingon")), Err(Reason::UnknownEncoding { .. })));
    }

    #[test]
    fn lines_are_numbered_as_the_file_numbers_them() {
        let lines = |text: &str| read_csv(text).unwrap().rows.iter().map(|r| r.line).collect::<Vec<u64>>();
        assert_eq!(
            lines("id,note\nE1,\"two\nlines\"\n\nE2,x\n"),
            [2, 5],
            "a quoted line break and a blank line both count"
        );
        assert_eq!(lines("id,note\r\nE1,a\r\n\r\nE2,x\r\nE3,y"), [2, 4, 5], "CRLF, as Excel writes");
        assert_eq!(lines("\n\nid,note\nE1,a\n"), [4]);
        assert!(matches!(read_csv("id,note\nE1,a\r\nE2\n"), Err(Reason::CsvLineUnreadable { line: 3, .. })));
    }

    #[test]
    fn headers_are_mapped_by_meaning_in_both_languages() {
        let cases = [
            ("社員番号", PersonField::ExternalId, Confidence::Exact),
            ("Manager Employee No", PersonField::ManagerExternalId, Confidence::Exact),
            ("上長社員番号", PersonField::ManagerExternalId, Confidence::Exact),
            ("上長", PersonField::ManagerExternalId, Confidence::Exact),
            ("所属", PersonField::Department, Confidence::Exact),
            ("等級", PersonField::JobLevel, Confidence::Exact),
            ("言語", PersonField::PreferredLocale, Confidence::Exact),
            ("Language", PersonField::PreferredLocale, Confidence::Exact),
            ("Spoken languages", PersonField::Languages, Confidence::Exact),
            ("氏名（カナ）", PersonField::NameReading, Confidence::Exact),
            ("社員氏名（フリガナ）", PersonField::NameReading, Confidence::Likely),
            ("ＭＡＩＬ", PersonField::Email, Confidence::Exact),
            ("入社年月日", PersonField::HireDate, Confidence::Exact),
            ("所属部署名", PersonField::Department, Confidence::Likely),
        ];
        for (header, field, confidence) in cases {
            assert_eq!(guess_column(header), Some((field, confidence)), "{header}");
        }
        assert_eq!(guess_column("Cost centre"), None);
    }

    #[test]
    fn a_field_goes_to_its_surest_column_and_saved_choices_win() {
        let headers: Vec<String> = ["氏名", "社員名", "Mail", "Grade"].map(String::from).into();
        let saved: BTreeMap<String, Option<PersonField>> = [("Grade".to_owned(), None)].into();
        let guesses = guess_columns(&headers, &saved);
        let fields: Vec<Option<PersonField>> = guesses.iter().map(|g| g.field).collect();
        assert_eq!(fields, [Some(PersonField::Name), None, Some(PersonField::Email), None]);
        assert_eq!(guesses[3].confidence, Some(Confidence::Saved), "ignoring a column is a choice too");
    }

    #[test]
    fn grades_map_to_levels() {
        let table = GradeTable::new([("m3".to_owned(), JobLevel::new(7).unwrap())]).unwrap();
        assert_eq!(job_level("Ｍ３", &table), Ok(JobLevel::new(7).unwrap()));
        assert_eq!(job_level(" 4 ", &table), Ok(JobLevel::new(4).unwrap()));
        assert_eq!(job_level("G5", &table), Err(Reason::GradeNotMapped { value: "G5".into() }));
        let suggested = suggest_job_levels(&["M3", "J1", "G5", "M1", "j2", "3", "Z9"].map(String::from));
        let order: Vec<(&str, u8)> = suggested.iter().map(|(g, l)| (g.as_str(), l.get())).collect();
        assert_eq!(order, [("J1", 1), ("J2", 2), ("M1", 3), ("M3", 4), ("G5", 5), ("Z9", 6)]);
    }

    #[test]
    fn dates_are_read_as_japanese_hr_systems_write_them() {
        let april = NaiveDate::from_ymd_opt(1988, 4, 1);
        for raw in [
            "1988-04-01",
            "1988/04/01",
            "1988/4/1",
            "1988.4.1",
            "19880401",
            "1988年4月1日",
            "昭和63年4月1日",
            "S63.4.1",
            "１９８８／４／１",
            "1988/4/1 0:00",
        ] {
            assert_eq!(parse_date(raw), april, "{raw}");
        }
        assert_eq!(parse_date("平成元年1月8日"), NaiveDate::from_ymd_opt(1989, 1, 8));
        assert_eq!(parse_date("R5.4.1"), NaiveDate::from_ymd_opt(2023, 4, 1));
        for raw in ["01/04/1988", "1988/13/01", "1988/02/30", "April 1988", "88/4/1", "1988/4/1x"] {
            assert_eq!(parse_date(raw), None, "{raw}");
        }
    }

    #[test]
    fn languages_are_read_as_names_or_codes() {
        for (raw, code) in [
            ("Japanese", "ja"),
            ("日本語", "ja"),
            ("ja-JP", "ja"),
            ("English", "en"),
            ("英語", "en"),
            ("en_US", "en"),
            ("中国語", "zh"),
        ] {
            assert_eq!(language_code(raw), Some(code), "{raw}");
        }
        assert_eq!(language_code("Klingon"), None);
    }

    #[test]
    fn problems_are_summarised_by_cause_and_value() {
        let problem = |line, value: &str| RowProblem {
            line,
            field: Some(PersonField::JobLevel),
            reason: Reason::GradeNotMapped { value: value.into() },
            value: Some(value.into()),
        };
        let groups = summarise(&[problem(2, "M3"), problem(3, "G5"), problem(4, "M3")]);
        let found: Vec<(u64, Vec<u64>)> = groups.iter().map(|g| (g.rows, g.lines.clone())).collect();
        assert_eq!(found, [(2, vec![2, 4]), (1, vec![3])]);
    }
}
