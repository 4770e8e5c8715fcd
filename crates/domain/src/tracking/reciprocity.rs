//! The reciprocity index: how balanced a pair's learning is in both directions.
//!
//! Definition. For a pair with members M (mentor, or the first learner in a mutual program)
//! and E (mentee), let L_M be the number of learning entries in which M recorded learning
//! something from E (`direction = learned`, author M), and L_E the same for E. Then
//!
//! ```text
//! R = 1 − |L_M − L_E| / (L_M + L_E)      when L_M + L_E > 0
//! R = undefined                          when nobody recorded learning yet
//! ```
//!
//! R is 1 when both learned equally often, 0 when only one of them ever did, and between in
//! proportion. Only `learned` entries count: what someone says they taught is a claim about the
//! other's learning, which the learner's own entry says better; `taught` entries are shown but
//! do not move the index. A pair without entries is left out of a program's figures rather
//! than counted as 0 or 1, so silence is not read as balance or imbalance.
//!
//! A program's index is the mean of its pairs' defined indices. Its "senior learned" share is,
//! among pairs whose members' job levels differ, the share where the more senior member
//! recorded learning at least once from the more junior one: the point of reverse mentoring.

use serde::Serialize;

use crate::Locale;
use crate::matching::criteria::topic_key;
use crate::people::JobLevel;

/// One pair's learning balance.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reciprocity {
    /// 0..1; `null` when nobody in the pair recorded learning yet.
    pub index: Option<f64>,
    /// Learning entries in which the mentor recorded learning from the mentee.
    pub learned_by_mentor: u32,
    /// Learning entries in which the mentee recorded learning from the mentor.
    pub learned_by_mentee: u32,
}

/// The reciprocity index of a pair whose mentor recorded `learned_by_mentor` learning entries
/// and whose mentee recorded `learned_by_mentee`.
pub fn reciprocity(learned_by_mentor: u32, learned_by_mentee: u32) -> Reciprocity {
    let total = f64::from(learned_by_mentor) + f64::from(learned_by_mentee);
    let index = (total > 0.0)
        .then(|| 1.0 - (f64::from(learned_by_mentor) - f64::from(learned_by_mentee)).abs() / total);
    Reciprocity { index, learned_by_mentor, learned_by_mentee }
}

impl Reciprocity {
    /// The index in words, for the pair's page.
    pub fn explain(&self, locale: Locale) -> String {
        let (m, e) = (self.learned_by_mentor, self.learned_by_mentee);
        match (self.index, locale) {
            (None, Locale::En) => "Nobody has recorded learning yet.".to_owned(),
            (None, Locale::Ja) => "まだ学びの記録がありません。".to_owned(),
            (Some(i), Locale::En) => format!(
                "{:.2}: the mentor recorded learning {m} time(s), the mentee {e} time(s); 1 means both learned equally often.",
                i
            ),
            (Some(i), Locale::Ja) => format!(
                "{:.2}：メンターの学びの記録 {m} 件、メンティーの学びの記録 {e} 件。1 は双方が同じだけ学んだことを表します。",
                i
            ),
        }
    }
}

/// What a program's figures need of one pair.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PairLearning {
    pub mentor_level: Option<JobLevel>,
    pub mentee_level: Option<JobLevel>,
    pub learned_by_mentor: u32,
    pub learned_by_mentee: u32,
}

/// How many pairs' indices fall in each fifth of 0..1 (the last bucket includes 1).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"from": 0.8, "to": 1.0, "pairs": 4})))]
pub struct Distribution {
    pub from: f64,
    pub to: f64,
    pub pairs: u32,
}

/// A program's learning balance.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "index": 0.72, "pairs_with_learning": 9,
    "distribution": [{"from": 0.0, "to": 0.2, "pairs": 1}, {"from": 0.2, "to": 0.4, "pairs": 0},
        {"from": 0.4, "to": 0.6, "pairs": 2}, {"from": 0.6, "to": 0.8, "pairs": 2}, {"from": 0.8, "to": 1.0, "pairs": 4}],
    "senior_learned_share": 0.8, "senior_learned_pairs": 8, "pairs_with_seniority": 10
})))]
pub struct ProgramReciprocity {
    /// The mean of the pairs' defined indices; `null` when no pair recorded learning.
    pub index: Option<f64>,
    pub pairs_with_learning: u32,
    pub distribution: Vec<Distribution>,
    /// Among pairs whose members' job levels differ, the share where the more senior member
    /// recorded learning from the more junior one; `null` when no pair's levels differ.
    pub senior_learned_share: Option<f64>,
    pub senior_learned_pairs: u32,
    pub pairs_with_seniority: u32,
}

const BUCKETS: usize = 5;

pub fn program_reciprocity(pairs: &[PairLearning]) -> ProgramReciprocity {
    let mut counts = [0u32; BUCKETS];
    let mut sum = 0.0;
    let mut with_learning = 0u32;
    let (mut senior_learned, mut with_seniority) = (0u32, 0u32);
    for pair in pairs {
        if let Some(index) = reciprocity(pair.learned_by_mentor, pair.learned_by_mentee).index {
            sum += index;
            with_learning += 1;
            // Truncation is the bucket: 0.39 is in 0.2..0.4.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let bucket = ((index * BUCKETS as f64) as usize).min(BUCKETS - 1);
            counts[bucket] += 1;
        }
        if let (Some(mentor), Some(mentee)) = (pair.mentor_level, pair.mentee_level)
            && mentor != mentee
        {
            with_seniority += 1;
            let senior_learned_count =
                if mentor.is_more_senior_than(mentee) { pair.learned_by_mentor } else { pair.learned_by_mentee };
            if senior_learned_count > 0 {
                senior_learned += 1;
            }
        }
    }
    let width = 1.0 / BUCKETS as f64;
    ProgramReciprocity {
        index: (with_learning > 0).then(|| sum / f64::from(with_learning)),
        pairs_with_learning: with_learning,
        distribution: (0..BUCKETS)
            .map(|i| Distribution { from: i as f64 * width, to: (i + 1) as f64 * width, pairs: counts[i] })
            .collect(),
        senior_learned_share: (with_seniority > 0).then(|| f64::from(senior_learned) / f64::from(with_seniority)),
        senior_learned_pairs: senior_learned,
        pairs_with_seniority: with_seniority,
    }
}

/// A topic and how many learning entries named it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"topic": "TikTok", "count": 6})))]
pub struct TopicCount {
    pub topic: String,
    pub count: u32,
}

/// The `max` topics named most often, compared by [`topic_key`] and shown as first written;
/// ties in the order of their keys.
pub fn top_topics<'a>(topics: impl IntoIterator<Item = &'a str>, max: usize) -> Vec<TopicCount> {
    let mut counts: std::collections::BTreeMap<String, TopicCount> = std::collections::BTreeMap::new();
    for topic in topics {
        counts.entry(topic_key(topic)).or_insert_with(|| TopicCount { topic: topic.to_owned(), count: 0 }).count += 1;
    }
    let mut counted: Vec<TopicCount> = counts.into_values().collect();
    // Stable: equal counts keep the keys' order.
    counted.sort_by(|a, b| b.count.cmp(&a.count));
    counted.truncate(max);
    counted
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn balanced_learning_is_one_one_sided_is_zero_none_is_undefined() {
        assert_eq!(reciprocity(3, 3).index, Some(1.0));
        assert_eq!(reciprocity(4, 0).index, Some(0.0));
        assert_eq!(reciprocity(0, 4).index, Some(0.0));
        assert_eq!(reciprocity(3, 1).index, Some(0.5));
        assert_eq!(reciprocity(0, 0).index, None);
        assert!(reciprocity(0, 0).explain(Locale::Ja).contains("まだ"));
        assert!(reciprocity(3, 1).explain(Locale::En).starts_with("0.50"));
    }

    proptest! {
        #[test]
        fn the_index_is_symmetric_and_within_zero_and_one(a in 0u32..1000, b in 0u32..1000) {
            let one = reciprocity(a, b).index;
            prop_assert_eq!(one, reciprocity(b, a).index);
            if let Some(i) = one {
                prop_assert!((0.0..=1.0).contains(&i));
                prop_assert_eq!(i == 1.0, a == b);
            } else {
                prop_assert!(a == 0 && b == 0);
            }
        }
    }

    fn level(n: i64) -> Option<JobLevel> {
        Some(JobLevel::new(n).unwrap())
    }

    #[test]
    fn a_program_averages_pairs_with_learning_and_counts_seniors_who_learned() {
        let pairs = [
            // Reverse pair: the junior mentor (3) taught, the senior mentee (8) learned.
            PairLearning { mentor_level: level(3), mentee_level: level(8), learned_by_mentor: 1, learned_by_mentee: 3 },
            // Balanced, senior mentor learned.
            PairLearning { mentor_level: level(9), mentee_level: level(2), learned_by_mentor: 2, learned_by_mentee: 2 },
            // Nothing recorded: out of the index, but its seniority counts (nobody learned).
            PairLearning { mentor_level: level(2), mentee_level: level(7), learned_by_mentor: 0, learned_by_mentee: 0 },
            // Same level: out of the senior share.
            PairLearning { mentor_level: level(5), mentee_level: level(5), learned_by_mentor: 0, learned_by_mentee: 1 },
        ];
        let program = program_reciprocity(&pairs);
        assert_eq!(program.pairs_with_learning, 3);
        assert_eq!(program.index, Some((0.5 + 1.0 + 0.0) / 3.0));
        assert_eq!(program.distribution.iter().map(|d| d.pairs).collect::<Vec<_>>(), [1, 0, 1, 0, 1]);
        assert_eq!((program.senior_learned_pairs, program.pairs_with_seniority), (2, 3));
        assert_eq!(program.senior_learned_share, Some(2.0 / 3.0));
    }

    #[test]
    fn an_empty_program_has_no_figures_rather_than_zeros() {
        let program = program_reciprocity(&[]);
        assert_eq!(program.index, None);
        assert_eq!(program.senior_learned_share, None);
        assert_eq!(program.distribution.len(), 5);
    }

    #[test]
    fn topics_are_counted_by_key_and_shown_as_first_written() {
        let top = top_topics(["Excel", "TikTok", "excel", "ＥＸＣＥＬ", "tiktok", "SQL"], 2);
        assert_eq!(
            top,
            [TopicCount { topic: "Excel".into(), count: 3 }, TopicCount { topic: "TikTok".into(), count: 2 }]
        );
    }
}
