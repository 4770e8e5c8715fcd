//! What a finished run keeps for its review, and the blind view of it: a pseudonym per person
//! and only the job attributes that matching is about (level band, department, function,
//! region, executive), never a name, an email or a sensitive attribute.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::fairness::{self, FairnessReport};
use super::run::{CertificateRecord, LeftOut};
use crate::ids::{MatchingRunId, PersonId};
use crate::people::Person;
use crate::programs::ParticipantRole;

/// A person as blind review shows them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"pseudonym": "P-017", "role": "mentor", "level_band": "1–3", "department": "Marketing", "function": "Creative", "region": "Kanto", "executive": false})))]
pub struct BlindProfile {
    /// Stable within the run ("P-017"), unrelated to who the person is.
    #[cfg_attr(feature = "openapi", schema(example = "P-017"))]
    pub pseudonym: String,
    /// The role they applied for.
    pub role: ParticipantRole,
    #[cfg_attr(feature = "openapi", schema(example = "7–9"))]
    pub level_band: Option<String>,
    pub department: Option<String>,
    pub function: Option<String>,
    pub region: Option<String>,
    pub executive: bool,
}

impl BlindProfile {
    pub fn of(pseudonym: String, role: ParticipantRole, person: &Person) -> Self {
        BlindProfile {
            pseudonym,
            role,
            level_band: person.job_level.map(|l| fairness::level_band(l.get())),
            department: person.department.clone(),
            function: person.function.clone(),
            region: person.region.clone(),
            executive: person.is_executive,
        }
    }
}

/// Someone a run left out, with the reason.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeftOutPerson {
    pub person: PersonId,
    /// The side they were on (`either` in a pool).
    pub role: ParticipantRole,
    pub reason: LeftOut,
}

/// What a finished run keeps besides its pairs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Findings {
    /// Everyone the run considered, as blind review shows them.
    pub people: BTreeMap<PersonId, BlindProfile>,
    pub unmatched: Vec<LeftOutPerson>,
    pub fairness: FairnessReport,
    pub certificate: Option<CertificateRecord>,
    /// "Either" applicants given a role before solving.
    pub roles_chosen: Vec<(PersonId, ParticipantRole)>,
    pub candidate_pairs: usize,
    pub barred_pairs: usize,
}

/// A pseudonym for each person of a run: numbered in an order drawn from the run's id, so
/// the numbers say nothing of who was added first, and differ from run to run.
pub fn pseudonyms(run: MatchingRunId, people: &[PersonId]) -> BTreeMap<PersonId, String> {
    let key = |person: &PersonId| {
        // A keyed mix of the two ids (not a secret: it only has to scatter the order).
        let mixed = person.as_uuid().as_u128() ^ run.as_uuid().as_u128().rotate_left(17);
        Uuid::from_u128(mixed.wrapping_mul(0x9E37_79B9_7F4A_7C15_F39C_C060_5CED_C835)).as_u128()
    };
    let mut order: Vec<&PersonId> = people.iter().collect();
    order.sort_by_key(|p| (key(p), **p));
    order.dedup();
    let width = order.len().to_string().len().max(3);
    order.into_iter().enumerate().map(|(i, p)| (*p, format!("P-{:0width$}", i + 1))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pseudonyms_are_distinct_and_do_not_follow_the_ids() {
        let people: Vec<PersonId> = (1..=200u128).map(|n| PersonId::from_uuid(Uuid::from_u128(n))).collect();
        let run = MatchingRunId::from_uuid(Uuid::from_u128(42));
        let names = pseudonyms(run, &people);
        assert_eq!(names.len(), 200);
        let distinct: std::collections::BTreeSet<&String> = names.values().collect();
        assert_eq!(distinct.len(), 200);
        let in_id_order: Vec<&String> = people.iter().map(|p| &names[p]).collect();
        let mut sorted = in_id_order.clone();
        sorted.sort();
        assert_ne!(in_id_order, sorted, "the first person added is not P-001");
        let other = pseudonyms(MatchingRunId::from_uuid(Uuid::from_u128(43)), &people);
        assert_ne!(names, other, "each run numbers afresh");
        assert_eq!(names, pseudonyms(run, &people), "the same run, the same names");
    }
}
