//! The tenant's directory of employees, as HR systems describe them, and the rules for
//! reading a person from loosely typed input (a CSV row, a partner's JSON).

use std::collections::{BTreeSet, HashSet};
use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::Reason;
use crate::import::{self, GradeTable};
use crate::locale::Locale;
use crate::values::{EmailAddress, PersonName};

/// How senior someone is: 1 is the most junior. Ordered, so "more senior" is a comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct JobLevel(u8);

impl JobLevel {
    pub const MAX: u8 = 20;

    pub fn new(level: i64) -> Result<Self, Reason> {
        u8::try_from(level)
            .ok()
            .filter(|l| (1..=Self::MAX).contains(l))
            .map(Self)
            .ok_or(Reason::NotAJobLevel { max: Self::MAX })
    }

    pub fn get(self) -> u8 {
        self.0
    }

    pub fn is_more_senior_than(self, other: JobLevel) -> bool {
        self.0 > other.0
    }
}

/// Every field a person has, by the name used in CSV header mappings and in the API.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PersonField {
    ExternalId,
    Name,
    NameReading,
    Email,
    Department,
    Function,
    Region,
    Location,
    JobLevel,
    Title,
    ManagerExternalId,
    TimeZone,
    Languages,
    Skills,
    IsExecutive,
    HireDate,
    PreferredLocale,
    Gender,
    AgeBand,
}

impl PersonField {
    pub const ALL: [PersonField; 19] = [
        PersonField::ExternalId,
        PersonField::Name,
        PersonField::NameReading,
        PersonField::Email,
        PersonField::Department,
        PersonField::Function,
        PersonField::Region,
        PersonField::Location,
        PersonField::JobLevel,
        PersonField::Title,
        PersonField::ManagerExternalId,
        PersonField::TimeZone,
        PersonField::Languages,
        PersonField::Skills,
        PersonField::IsExecutive,
        PersonField::HireDate,
        PersonField::PreferredLocale,
        PersonField::Gender,
        PersonField::AgeBand,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            PersonField::ExternalId => "external_id",
            PersonField::Name => "name",
            PersonField::NameReading => "name_reading",
            PersonField::Email => "email",
            PersonField::Department => "department",
            PersonField::Function => "function",
            PersonField::Region => "region",
            PersonField::Location => "location",
            PersonField::JobLevel => "job_level",
            PersonField::Title => "title",
            PersonField::ManagerExternalId => "manager_external_id",
            PersonField::TimeZone => "time_zone",
            PersonField::Languages => "languages",
            PersonField::Skills => "skills",
            PersonField::IsExecutive => "is_executive",
            PersonField::HireDate => "hire_date",
            PersonField::PreferredLocale => "preferred_locale",
            PersonField::Gender => "gender",
            PersonField::AgeBand => "age_band",
        }
    }

    /// Sensitive attributes: kept only when the tenant turns them on, shown only to admins.
    pub fn is_sensitive(self) -> bool {
        matches!(self, PersonField::Gender | PersonField::AgeBand)
    }
}

impl fmt::Display for PersonField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for PersonField {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PersonField::ALL.into_iter().find(|f| f.as_str() == s).ok_or_else(|| format!("unknown person field {s:?}"))
    }
}

/// A person as submitted: every field as text, as a CSV row has it (a partner's JSON is
/// turned into this too, so both are read by the same rules).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PersonDraft {
    pub values: Vec<(PersonField, String)>,
}

impl PersonDraft {
    pub fn set(&mut self, field: PersonField, value: impl Into<String>) {
        self.values.push((field, value.into()));
    }

    /// The field's value, trimmed; `None` when absent or blank.
    pub fn value(&self, field: PersonField) -> Option<&str> {
        self.values.iter().rev().find(|(f, _)| *f == field).map(|(_, v)| v.trim()).filter(|v| !v.is_empty())
    }

    fn get(&self, field: PersonField) -> Option<&str> {
        self.value(field)
    }
}

/// A valid person. `manager_external_id` is resolved to a person by the store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    pub external_id: String,
    pub name: String,
    /// How the name is read (furigana, e.g. "タナカ アイコ"): Japanese names sort by it.
    pub name_reading: Option<String>,
    pub email: EmailAddress,
    pub department: Option<String>,
    pub function: Option<String>,
    pub region: Option<String>,
    pub location: Option<String>,
    pub job_level: Option<JobLevel>,
    pub title: Option<String>,
    pub manager_external_id: Option<String>,
    pub time_zone: Option<String>,
    pub languages: Vec<String>,
    pub skills: Vec<String>,
    pub is_executive: bool,
    pub hire_date: Option<NaiveDate>,
    pub preferred_locale: Locale,
    pub gender: Option<String>,
    pub age_band: Option<String>,
}

/// One refused field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: PersonField,
    pub reason: Reason,
}

fn text(draft: &PersonDraft, field: PersonField, max: usize, problems: &mut Vec<FieldProblem>) -> Option<String> {
    let value = draft.get(field)?;
    if value.chars().count() > max {
        problems.push(FieldProblem { field, reason: Reason::TooLong { max } });
        return None;
    }
    if value.chars().any(char::is_control) {
        problems.push(FieldProblem { field, reason: Reason::ControlCharacters });
        return None;
    }
    Some(value.to_owned())
}

/// A list written as "a; b", "a, b" or "a、b", trimmed, each item through `item`, without
/// duplicates, in order.
fn list(
    draft: &PersonDraft,
    field: PersonField,
    item: impl Fn(&str) -> String,
    problems: &mut Vec<FieldProblem>,
) -> Vec<String> {
    let Some(raw) = draft.get(field) else { return Vec::new() };
    let mut seen = HashSet::new();
    let items: Vec<String> = raw
        .split([';', ',', '、', '；', '，'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(item)
        .filter(|s| seen.insert(s.to_lowercase()))
        .collect();
    if items.len() > 50 || items.iter().any(|i| i.chars().count() > 80 || i.contains('|')) {
        problems.push(FieldProblem { field, reason: Reason::ListTooLong });
        return Vec::new();
    }
    items
}

fn boolean(value: &str) -> Option<bool> {
    match value.to_lowercase().as_str() {
        "true" | "yes" | "y" | "1" | "はい" => Some(true),
        "false" | "no" | "n" | "0" | "いいえ" => Some(false),
        _ => None,
    }
}

/// What reading a person depends on besides the person: the tenant's settings and tables.
#[derive(Clone, Debug, Default)]
pub struct ReadRules {
    /// The tenant's switch: when off, sensitive values are dropped (not refused), so an HR
    /// export with every column can still be imported.
    pub keep_sensitive: bool,
    /// Grades as the tenant's HR system writes them, to job levels.
    pub grades: GradeTable,
}

/// Reads a person with no grade table: job levels must be whole numbers.
pub fn read_person(draft: &PersonDraft, keep_sensitive: bool) -> Result<Person, Vec<FieldProblem>> {
    read_person_with(draft, &ReadRules { keep_sensitive, grades: GradeTable::default() })
}

/// Reads a person. Dates may be written as Japanese HR systems write them
/// ([`crate::import::parse_date`]), languages as names ("Japanese", 「日本語」), and job levels
/// as grades the tenant's table maps.
pub fn read_person_with(draft: &PersonDraft, rules: &ReadRules) -> Result<Person, Vec<FieldProblem>> {
    let keep_sensitive = rules.keep_sensitive;
    let mut problems = Vec::new();
    let mut required = |field: PersonField| {
        let value = draft.get(field).map(str::to_owned);
        if value.is_none() {
            problems.push(FieldProblem { field, reason: Reason::Required });
        }
        value
    };
    let external_id = required(PersonField::ExternalId);
    let name = required(PersonField::Name);
    let email = required(PersonField::Email);
    let external_id = external_id.filter(|id| {
        let ok = id.chars().count() <= 128 && !id.chars().any(char::is_control);
        if !ok {
            problems.push(FieldProblem { field: PersonField::ExternalId, reason: Reason::TooLong { max: 128 } });
        }
        ok
    });
    let name = name.and_then(|n| match PersonName::parse(&n) {
        Ok(n) => Some(n.as_str().to_owned()),
        Err(e) => {
            problems.push(FieldProblem { field: PersonField::Name, reason: e });
            None
        }
    });
    let email = email.and_then(|e| match EmailAddress::parse(&e) {
        Ok(e) => Some(e),
        Err(e) => {
            problems.push(FieldProblem { field: PersonField::Email, reason: e });
            None
        }
    });
    let name_reading = text(draft, PersonField::NameReading, 200, &mut problems);
    let department = text(draft, PersonField::Department, 200, &mut problems);
    let function = text(draft, PersonField::Function, 200, &mut problems);
    let region = text(draft, PersonField::Region, 200, &mut problems);
    let location = text(draft, PersonField::Location, 200, &mut problems);
    let title = text(draft, PersonField::Title, 200, &mut problems);
    let manager_external_id = text(draft, PersonField::ManagerExternalId, 128, &mut problems);
    let job_level = draft.get(PersonField::JobLevel).and_then(|raw| match import::job_level(raw, &rules.grades) {
        Ok(level) => Some(level),
        Err(reason) => {
            problems.push(FieldProblem { field: PersonField::JobLevel, reason });
            None
        }
    });
    let time_zone = draft.get(PersonField::TimeZone).and_then(|raw| match raw.parse::<chrono_tz::Tz>() {
        Ok(zone) => Some(zone.name().to_owned()),
        Err(_) => {
            problems.push(FieldProblem { field: PersonField::TimeZone, reason: Reason::NotATimeZone });
            None
        }
    });
    let languages = list(
        draft,
        PersonField::Languages,
        |l| import::language_code(l).map_or_else(|| l.to_owned(), str::to_owned),
        &mut problems,
    );
    let skills = list(draft, PersonField::Skills, str::to_owned, &mut problems);
    let is_executive = match draft.get(PersonField::IsExecutive) {
        None => false,
        Some(raw) => boolean(raw).unwrap_or_else(|| {
            problems.push(FieldProblem { field: PersonField::IsExecutive, reason: Reason::NotABoolean });
            false
        }),
    };
    let hire_date = draft.get(PersonField::HireDate).and_then(|raw| {
        let date = import::parse_date(raw);
        if date.is_none() {
            problems.push(FieldProblem { field: PersonField::HireDate, reason: Reason::NotADate });
        }
        date
    });
    let preferred_locale = match draft.get(PersonField::PreferredLocale) {
        None => Locale::default(),
        Some(raw) => import::language_code(raw).unwrap_or(raw).parse().unwrap_or_else(|e| {
            problems.push(FieldProblem { field: PersonField::PreferredLocale, reason: e });
            Locale::default()
        }),
    };
    let (gender, age_band) = if keep_sensitive {
        (text(draft, PersonField::Gender, 64, &mut problems), text(draft, PersonField::AgeBand, 32, &mut problems))
    } else {
        (None, None)
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    match (external_id, name, email) {
        (Some(external_id), Some(name), Some(email)) => Ok(Person {
            external_id,
            name,
            name_reading,
            email,
            department,
            function,
            region,
            location,
            job_level,
            title,
            manager_external_id,
            time_zone,
            languages,
            skills,
            is_executive,
            hire_date,
            preferred_locale,
            gender,
            age_band,
        }),
        _ => Err(problems),
    }
}

/// A problem on one row of an import, by the line it is on in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowProblem {
    pub line: u64,
    pub field: Option<PersonField>,
    pub reason: Reason,
    /// The cell as the file has it, when the problem is about one.
    pub value: Option<String>,
}

/// Reads every row, and checks what no single row can: an external id or email given twice,
/// a manager that is neither in the file nor (per `known_external_ids`) in the directory, and
/// someone managing themselves. A manager whose own row is refused is not "no such manager":
/// [`crate::import::manager_consequences`] reports what that does to the rows that name them.
pub fn read_rows(
    rows: &[(u64, PersonDraft)],
    rules: &ReadRules,
    known_external_ids: &BTreeSet<String>,
) -> (Vec<(u64, Person)>, Vec<RowProblem>) {
    let mut people = Vec::new();
    let mut problems = Vec::new();
    for (line, draft) in rows {
        match read_person_with(draft, rules) {
            Ok(person) => people.push((*line, person)),
            Err(fields) => problems.extend(fields.into_iter().map(|p| RowProblem {
                line: *line,
                field: Some(p.field),
                value: draft.value(p.field).map(str::to_owned),
                reason: p.reason,
            })),
        }
    }
    let in_file: HashSet<&str> = rows.iter().filter_map(|(_, d)| d.value(PersonField::ExternalId)).collect();
    let mut ids = HashSet::new();
    let mut emails = HashSet::new();
    for (line, person) in &people {
        if !ids.insert(person.external_id.clone()) {
            problems.push(RowProblem {
                line: *line,
                field: Some(PersonField::ExternalId),
                reason: Reason::DuplicateInFile { value: person.external_id.clone() },
                value: Some(person.external_id.clone()),
            });
        }
        if !emails.insert(person.email.clone()) {
            problems.push(RowProblem {
                line: *line,
                field: Some(PersonField::Email),
                reason: Reason::DuplicateInFile { value: person.email.to_string() },
                value: Some(person.email.to_string()),
            });
        }
    }
    for (line, person) in &people {
        if let Some(manager) = &person.manager_external_id {
            if *manager == person.external_id {
                problems.push(RowProblem {
                    line: *line,
                    field: Some(PersonField::ManagerExternalId),
                    reason: Reason::OwnManager,
                    value: Some(manager.clone()),
                });
            } else if !in_file.contains(manager.as_str()) && !known_external_ids.contains(manager) {
                problems.push(RowProblem {
                    line: *line,
                    field: Some(PersonField::ManagerExternalId),
                    reason: Reason::NoSuchManager { external_id: manager.clone() },
                    value: Some(manager.clone()),
                });
            }
        }
    }
    problems.sort_by_key(|p| p.line);
    (people, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(values: &[(PersonField, &str)]) -> PersonDraft {
        let mut draft = PersonDraft::default();
        for (field, value) in values {
            draft.set(*field, *value);
        }
        draft
    }

    fn aiko() -> PersonDraft {
        draft(&[
            (PersonField::ExternalId, "E001"),
            (PersonField::Name, " 田中 愛子 "),
            (PersonField::Email, "Aiko@Sakura.example"),
            (PersonField::JobLevel, "3"),
            (PersonField::TimeZone, "Asia/Tokyo"),
            (PersonField::Skills, "Python; data analysis, python"),
            (PersonField::IsExecutive, "no"),
            (PersonField::HireDate, "2021-04-01"),
            (PersonField::PreferredLocale, "JA"),
            (PersonField::Gender, "female"),
        ])
    }

    #[test]
    fn a_person_is_read_and_normalised() {
        let person = read_person(&aiko(), true).expect("valid");
        assert_eq!(person.name, "田中 愛子");
        assert_eq!(person.email.as_str(), "aiko@sakura.example");
        assert_eq!(person.skills, ["Python", "data analysis"], "duplicates are dropped whatever their case");
        assert_eq!(person.job_level, Some(JobLevel::new(3).unwrap()));
        assert_eq!(person.preferred_locale, Locale::Ja);
        assert_eq!(person.gender.as_deref(), Some("female"));
    }

    #[test]
    fn sensitive_values_are_dropped_when_the_tenant_has_them_off() {
        assert_eq!(read_person(&aiko(), false).expect("valid").gender, None);
    }

    #[test]
    fn every_bad_field_is_named() {
        let bad = draft(&[
            (PersonField::Name, "Ann"),
            (PersonField::Email, "ann"),
            (PersonField::JobLevel, "99"),
            (PersonField::TimeZone, "Mars/Olympus"),
            (PersonField::HireDate, "01/04/2021"),
            (PersonField::IsExecutive, "maybe"),
        ]);
        let fields: Vec<PersonField> = read_person(&bad, false).unwrap_err().into_iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            [
                PersonField::ExternalId,
                PersonField::Email,
                PersonField::JobLevel,
                PersonField::TimeZone,
                PersonField::IsExecutive,
                PersonField::HireDate
            ]
        );
    }

    #[test]
    fn levels_order_seniority() {
        assert!(JobLevel::new(5).unwrap().is_more_senior_than(JobLevel::new(2).unwrap()));
        assert!(JobLevel::new(0).is_err() && JobLevel::new(21).is_err());
    }

    #[test]
    fn rows_are_checked_together() {
        let mut second = aiko();
        second.set(PersonField::Email, "other@sakura.example");
        let mut third = draft(&[
            (PersonField::ExternalId, "E003"),
            (PersonField::Name, "Ken"),
            (PersonField::Email, "ken@sakura.example"),
            (PersonField::ManagerExternalId, "E404"),
        ]);
        let fourth = draft(&[
            (PersonField::ExternalId, "E004"),
            (PersonField::Name, "Mei"),
            (PersonField::Email, "mei@sakura.example"),
            (PersonField::ManagerExternalId, "E900"),
        ]);
        third.set(PersonField::Department, "Sales");
        let rows = vec![(2, aiko()), (3, second), (4, third), (5, fourth)];
        let known: BTreeSet<String> = ["E900".to_owned()].into();
        let (people, problems) = read_rows(&rows, &ReadRules::default(), &known);
        assert_eq!(people.len(), 4);
        let found: Vec<(u64, Option<PersonField>)> = problems.iter().map(|p| (p.line, p.field)).collect();
        assert_eq!(found, [(3, Some(PersonField::ExternalId)), (4, Some(PersonField::ManagerExternalId))]);
    }
}
