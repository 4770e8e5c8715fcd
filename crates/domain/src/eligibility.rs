//! Why someone may not take part, as data: the same reason reads in English on a refused form
//! and in the person's own language in the email that explains it.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::Locale;
use crate::programs::ParticipantRole;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Mutual programs take everyone as both learner and teacher.
    MutualTakesEither,
    /// The program has no rule for the role asked for.
    NoRuleForRole(ParticipantRole),
    LevelAtLeast(u8),
    LevelAtMost(u8),
    Departments(Vec<String>),
    Functions(Vec<String>),
    Regions(Vec<String>),
    ExecutivesOnly,
}

text_enum!(
    /// What kind of reason turned someone away, without its particulars: what an admin sees
    /// counted for a campaign's public link. `not_in_directory` is an address nobody in the
    /// directory has.
    RefusalKind {
        MutualTakesEither = "mutual_takes_either",
        NoRuleForRole = "no_rule_for_role",
        LevelTooLow = "level_too_low",
        LevelTooHigh = "level_too_high",
        Department = "department",
        Function = "function",
        Region = "region",
        ExecutivesOnly = "executives_only",
        NotInDirectory = "not_in_directory",
    }
);

impl Refusal {
    pub fn kind(&self) -> RefusalKind {
        match self {
            Refusal::MutualTakesEither => RefusalKind::MutualTakesEither,
            Refusal::NoRuleForRole(_) => RefusalKind::NoRuleForRole,
            Refusal::LevelAtLeast(_) => RefusalKind::LevelTooLow,
            Refusal::LevelAtMost(_) => RefusalKind::LevelTooHigh,
            Refusal::Departments(_) => RefusalKind::Department,
            Refusal::Functions(_) => RefusalKind::Function,
            Refusal::Regions(_) => RefusalKind::Region,
            Refusal::ExecutivesOnly => RefusalKind::ExecutivesOnly,
        }
    }

    /// The reason in words, in `locale`.
    pub fn describe(&self, locale: Locale) -> String {
        match locale {
            Locale::En => self.to_string(),
            Locale::Ja => match self {
                Refusal::MutualTakesEither => {
                    "相互メンタリングでは全員が学び合い、教え合います。「どちらでも」で応募してください".to_owned()
                }
                Refusal::NoRuleForRole(role) => format!("このプログラムは{}を募集していません", role_ja(*role)),
                Refusal::LevelAtLeast(level) => format!("等級{level}以上が対象です"),
                Refusal::LevelAtMost(level) => format!("等級{level}以下が対象です"),
                Refusal::Departments(names) => format!("対象の部署は{}のみです", names.join("、")),
                Refusal::Functions(names) => format!("対象の職種は{}のみです", names.join("、")),
                Refusal::Regions(names) => format!("対象の地域は{}のみです", names.join("、")),
                Refusal::ExecutivesOnly => "役員のみが対象です".to_owned(),
            },
        }
    }
}

fn role_ja(role: ParticipantRole) -> &'static str {
    match role {
        ParticipantRole::Mentor => "メンター",
        ParticipantRole::Mentee => "メンティー",
        ParticipantRole::Either => "参加者",
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::MutualTakesEither => {
                f.write_str("in a mutual program everyone both learns and teaches: apply as either")
            }
            Refusal::NoRuleForRole(role) => write!(f, "this program takes no {role}s"),
            Refusal::LevelAtLeast(level) => write!(f, "needs job level {level} or above"),
            Refusal::LevelAtMost(level) => write!(f, "needs job level {level} or below"),
            Refusal::Departments(names) => write!(f, "open to the departments {} only", names.join(", ")),
            Refusal::Functions(names) => write!(f, "open to the functions {} only", names.join(", ")),
            Refusal::Regions(names) => write!(f, "open to the regions {} only", names.join(", ")),
            Refusal::ExecutivesOnly => f.write_str("open to executives only"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_reason_reads_in_both_languages() {
        let reasons = [
            Refusal::MutualTakesEither,
            Refusal::NoRuleForRole(ParticipantRole::Mentee),
            Refusal::LevelAtLeast(8),
            Refusal::LevelAtMost(4),
            Refusal::Departments(vec!["Sales".into(), "Finance".into()]),
            Refusal::Functions(vec!["Digital".into()]),
            Refusal::Regions(vec!["APAC".into()]),
            Refusal::ExecutivesOnly,
        ];
        for reason in &reasons {
            let (en, ja) = (reason.describe(Locale::En), reason.describe(Locale::Ja));
            assert!(en.is_ascii() && !en.is_empty(), "{en}");
            assert!(!ja.is_ascii(), "{ja} is Japanese");
        }
        assert_eq!(reasons[2].describe(Locale::En), "needs job level 8 or above");
        assert_eq!(reasons[2].describe(Locale::Ja), "等級8以上が対象です");
        assert_eq!(reasons[4].describe(Locale::Ja), "対象の部署はSales、Financeのみです");
        assert_eq!(reasons[1].to_string(), "this program takes no mentees");
    }
}
