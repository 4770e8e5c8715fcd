//! A program with published pairs, as the tests of launch and the portal start from: two
//! pairs of a reverse program (a junior mentor and a senior mentee each; one mentee an
//! executive who reads Japanese), written as publishing writes them.

use serde_json::json;
use tandem_tests::{Company, TestApp};

pub(crate) struct Launched {
    pub(crate) owner: Company,
    pub(crate) program_id: String,
    /// Aoi (mentor, level 2) and Kenji (mentee, level 9, executive, Japanese).
    pub(crate) pair_id: String,
    /// Ren (mentor, level 3) and Mei (mentee, level 8).
    pub(crate) other_pair_id: String,
    pub(crate) aoi: String,
    pub(crate) kenji: String,
    pub(crate) ren: String,
    pub(crate) mei: String,
}

pub(crate) fn email(name: &str, company: &str) -> String {
    format!("{}@{company}.example", name.to_lowercase())
}

pub(crate) async fn launched(app: &TestApp, company: &str) -> Launched {
    let owner = app.signup(company, &format!("owner@{company}.example")).await;
    let token = Some(owner.access_token.as_str());
    let mut ids = Vec::new();
    for (external, name, level, executive, locale, zone) in [
        ("M1", "Aoi", 2, false, "en", "Europe/London"),
        ("E1", "Kenji", 9, true, "ja", "Asia/Tokyo"),
        ("M2", "Ren", 3, false, "en", "Asia/Tokyo"),
        ("E2", "Mei", 8, false, "en", "Asia/Tokyo"),
    ] {
        let person = json!({"external_id": external, "name": name, "email": email(name, company), "job_level": level,
            "is_executive": executive, "preferred_locale": locale, "time_zone": zone, "department": format!("{name} dept"),
            "languages": ["en", "ja"]});
        let created = app.post("/api/v1/people", token, person).await;
        ids.push(created.ok(201)["id"].as_str().unwrap().to_owned());
    }
    let program = app
        .post(
            "/api/v1/programs/from-template",
            token,
            json!({"template": "executive_reverse", "name": format!("{company} reverse mentoring")}),
        )
        .await;
    let program_id = program.ok(201)["id"].as_str().unwrap().to_owned();
    let store = app.store().await;
    let tx = store.tenant(owner.tenant_id.parse().unwrap()).await.unwrap();
    let program: tandem_domain::ProgramId = program_id.parse().unwrap();
    let run = tx.create_matching_run(program, tandem_domain::matching::run::Mode::MostPairs, &json!({})).await.unwrap();
    let proposal = |mentor: &str, mentee: &str| tandem_store::NewProposal {
        mentor: mentor.parse().unwrap(),
        mentee: mentee.parse().unwrap(),
        score: 1.0,
        parts: json!([]),
        locked: false,
    };
    let result = tandem_store::RunResult {
        total: 2.0,
        unmatched: 0,
        proven_optimal: true,
        blocking_pairs: 0,
        result: json!({}),
        proposals: vec![proposal(&ids[0], &ids[1]), proposal(&ids[2], &ids[3])],
    };
    assert!(tx.finish_run(run.id, result).await.unwrap());
    let proposals = tx.all_proposals(run.id).await.unwrap();
    let pairs = tx.create_pairs(program, run.id, &proposals).await.unwrap();
    tx.commit().await.unwrap();
    let pair_of = |mentor: &str| pairs.iter().find(|p| p.mentor.to_string() == mentor).unwrap().id.to_string();
    Launched {
        pair_id: pair_of(&ids[0]),
        other_pair_id: pair_of(&ids[2]),
        owner,
        program_id,
        aoi: email("Aoi", company),
        kenji: email("Kenji", company),
        ren: email("Ren", company),
        mei: email("Mei", company),
    }
}

/// Launches the program, as publishing its first pairs does.
pub(crate) async fn activate(app: &TestApp, l: &Launched) {
    use tandem_domain::programs::ProgramState;
    let store = app.store().await;
    let tx = store.tenant(l.owner.tenant_id.parse().unwrap()).await.unwrap();
    tx.set_program_state(l.program_id.parse().unwrap(), ProgramState::Draft, ProgramState::Active).await.unwrap();
    tx.commit().await.unwrap();
}
