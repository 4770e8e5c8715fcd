//! One tenant can neither read, change nor delete anything of another, on any route.

use std::collections::BTreeSet;

use serde_json::{Value, json};
use tandem_tests::{Company, TestApp, on_both_databases};

on_both_databases!(
    another_tenants_objects_answer_404_on_every_route,
    lists_show_only_the_callers_tenant,
    tokens_cannot_be_moved_to_another_tenant
);

/// Every route with an id in its path, and how the cross-tenant test calls it.
const ROUTES_WITH_IDS: &[(&str, &str)] = &[
    ("patch", "/api/v1/team/members/{user_id}"),
    ("delete", "/api/v1/team/members/{user_id}"),
    ("delete", "/api/v1/team/invitations/{invitation_id}"),
    ("post", "/api/v1/team/invitations/{invitation_id}/resend"),
    ("delete", "/api/v1/api-keys/{api_key_id}"),
    ("post", "/api/v1/jobs/{job_id}/retry"),
    ("delete", "/api/v1/jobs/{job_id}"),
    ("get", "/api/v1/dev/mailbox/{delivery_id}"),
    ("get", "/api/v1/people/{person_id}"),
    ("put", "/api/v1/people/{person_id}"),
    ("delete", "/api/v1/people/{person_id}"),
    ("get", "/api/v1/programs/{program_id}"),
    ("put", "/api/v1/programs/{program_id}"),
    ("delete", "/api/v1/programs/{program_id}"),
    ("post", "/api/v1/programs/{program_id}/transitions"),
    ("get", "/api/v1/programs/{program_id}/campaigns"),
    ("post", "/api/v1/programs/{program_id}/campaigns"),
    ("get", "/api/v1/programs/{program_id}/funnel"),
    ("post", "/api/v1/programs/{program_id}/campaign-message-preview"),
    ("get", "/api/v1/campaigns/{campaign_id}"),
    ("put", "/api/v1/campaigns/{campaign_id}"),
    ("post", "/api/v1/campaigns/{campaign_id}/transitions"),
    ("post", "/api/v1/campaigns/{campaign_id}/invitees"),
    ("get", "/api/v1/campaigns/{campaign_id}/invitees"),
    ("get", "/api/v1/campaigns/{campaign_id}/audience"),
    ("get", "/api/v1/campaigns/{campaign_id}/applications"),
    ("get", "/api/v1/campaigns/{campaign_id}/funnel"),
    ("get", "/api/v1/campaigns/{campaign_id}/refusals"),
    ("post", "/api/v1/applications/{application_id}/decision"),
    ("get", "/api/v1/programs/{program_id}/matching-settings"),
    ("post", "/api/v1/programs/{program_id}/matching-runs"),
    ("get", "/api/v1/programs/{program_id}/matching-runs"),
    ("get", "/api/v1/matching-runs/{run_id}"),
    ("get", "/api/v1/matching-runs/{run_id}/proposals"),
    ("get", "/api/v1/matching-runs/{run_id}/unmatched"),
    ("post", "/api/v1/matching-runs/{run_id}/reveal"),
    ("post", "/api/v1/matching-runs/{run_id}/publish"),
    ("get", "/api/v1/matching-runs/{run_id}/compare/{other_run_id}"),
    ("get", "/api/v1/programs/{program_id}/pairs"),
    ("get", "/api/v1/programs/{program_id}/matching-edits"),
    ("post", "/api/v1/programs/{program_id}/matching-edits"),
    ("delete", "/api/v1/programs/{program_id}/matching-edits/{edit_id}"),
    ("post", "/api/v1/matching-runs/{run_id}/changes"),
    ("post", "/api/v1/pairs/{pair_id}/withdrawal"),
    ("get", "/api/v1/programs/{program_id}/kickoff"),
    ("put", "/api/v1/programs/{program_id}/kickoff"),
    ("delete", "/api/v1/programs/{program_id}/kickoff"),
    ("get", "/api/v1/programs/{program_id}/training"),
    ("post", "/api/v1/programs/{program_id}/training/completions"),
    ("get", "/api/v1/programs/{program_id}/monitoring"),
    ("get", "/api/v1/pairs/{pair_id}"),
    ("post", "/api/v1/pairs/{pair_id}/pause"),
    ("post", "/api/v1/pairs/{pair_id}/resume"),
    ("put", "/api/v1/pairs/{pair_id}/story/featured"),
    ("get", "/api/v1/programs/{program_id}/check-ins"),
    ("post", "/api/v1/programs/{program_id}/check-ins"),
    ("get", "/api/v1/programs/{program_id}/surveys"),
    ("post", "/api/v1/programs/{program_id}/surveys"),
    ("get", "/api/v1/programs/{program_id}/surveys/{survey_id}"),
    ("put", "/api/v1/programs/{program_id}/surveys/{survey_id}"),
    ("delete", "/api/v1/programs/{program_id}/surveys/{survey_id}"),
    ("post", "/api/v1/programs/{program_id}/surveys/{survey_id}/open"),
    ("post", "/api/v1/programs/{program_id}/surveys/{survey_id}/close"),
    ("post", "/api/v1/programs/{program_id}/surveys/{survey_id}/reminders"),
    ("get", "/api/v1/programs/{program_id}/surveys/{survey_id}/results"),
    ("get", "/api/v1/programs/{program_id}/results"),
    ("post", "/api/v1/programs/{program_id}/metric-values"),
    ("get", "/api/v1/programs/{program_id}/nudges/settings"),
    ("put", "/api/v1/programs/{program_id}/nudges/settings"),
    ("get", "/api/v1/programs/{program_id}/nudges"),
    ("get", "/api/v1/people/{person_id}/nudges"),
    ("get", "/api/v1/programs/{program_id}/exports/{table}"),
];

/// A tenant with something in every kind of table.
pub(crate) struct Tenant {
    pub(crate) owner: Company,
    member: Company,
    invitation_id: String,
    delivery_id: String,
    dead_job_id: String,
    pub(crate) person_id: String,
    pub(crate) program_id: String,
    campaign_id: String,
    application_id: String,
    run_id: String,
    edit_id: String,
    pair_id: String,
    api_key_id: String,
    api_key: String,
    survey_id: String,
    /// The open campaign's public link token.
    public_token: String,
}

pub(crate) async fn populate(app: &TestApp, name: &str) -> Tenant {
    let owner = app.signup(name, &format!("owner@{name}.example")).await;
    let member = app.add_member(&owner, &format!("member@{name}.example"), "viewer").await;
    let invited = app
        .post(
            "/api/v1/team/invitations",
            Some(&owner.access_token),
            json!({"email": format!("pending@{name}.example"), "role": "viewer"}),
        )
        .await;
    let invitation_id = invited.ok(201)["invitation"]["id"].as_str().unwrap().to_owned();
    let delivery_id = invited.body["email"]["id"].as_str().unwrap().to_owned();
    app.wait_for_emails_to(&format!("pending@{name}.example"), 1).await;
    // A job that can never succeed, to have a dead letter.
    let dead_job_id = app.enqueue(&owner.tenant_id, "no_such_kind", json!({}), "doomed").await;
    app.eventually("the job to be dead-lettered", || async {
        app.get("/api/v1/jobs/depth", &owner.access_token).await.body["dead"] == 1
    })
    .await;
    let person = app
        .post(
            "/api/v1/people",
            Some(&owner.access_token),
            json!({"external_id": "E1", "name": format!("{name} person"), "email": format!("person@{name}.example"), "job_level": 2}),
        )
        .await;
    let person_id = person.ok(201)["id"].as_str().unwrap().to_owned();
    let program = app
        .post(
            "/api/v1/programs/from-template",
            Some(&owner.access_token),
            json!({"template": "executive_reverse", "name": format!("{name} program")}),
        )
        .await;
    let program_id = program.ok(201)["id"].as_str().unwrap().to_owned();
    let token = Some(owner.access_token.as_str());
    app.post(&format!("/api/v1/programs/{program_id}/transitions"), token, json!({"to": "recruiting"})).await.ok(200);
    let campaign = app
        .post(
            &format!("/api/v1/programs/{program_id}/campaigns"),
            token,
            json!({"name": format!("{name} campaign"), "kind": "open"}),
        )
        .await;
    let campaign = campaign.ok(201).clone();
    let campaign_id = campaign["id"].as_str().unwrap().to_owned();
    app.post(&format!("/api/v1/campaigns/{campaign_id}/transitions"), token, json!({"to": "open"})).await.ok(200);
    let public = campaign["public_link"].as_str().unwrap().split("token=").nth(1).unwrap().to_owned();
    let form = json!({"email": format!("person@{name}.example"), "role_wanted": "mentor", "can_teach": "x", "wants_to_learn": "y",
        "goals": "z", "availability": "w", "consent": true});
    app.post(&format!("/api/v1/public/campaigns/{public}/applications"), None, form).await.ok(202);
    // Let the background work settle (the confirmation email), so snapshots compare data only.
    app.wait_for_emails_to(&format!("person@{name}.example"), 1).await;
    app.queue_idle(&owner.access_token).await;
    let applications = app.get(&format!("/api/v1/campaigns/{campaign_id}/applications"), &owner.access_token).await;
    let application_id = applications.ok(200)["items"][0]["id"].as_str().unwrap().to_owned();
    let run = app.post(&format!("/api/v1/programs/{program_id}/matching-runs"), token, json!({})).await;
    let run_id = run.ok(202)["id"].as_str().unwrap().to_owned();
    let second = app
        .post(
            "/api/v1/people",
            token,
            json!({"external_id": "E2", "name": format!("{name} senior"), "email": format!("senior@{name}.example"), "job_level": 12}),
        )
        .await;
    let second_id = second.ok(201)["id"].as_str().unwrap().to_owned();
    let edit = app
        .post(
            &format!("/api/v1/programs/{program_id}/matching-edits"),
            token,
            json!({"kind": "forbid", "mentor_id": person_id, "mentee_id": second_id}),
        )
        .await;
    let edit_id = edit.ok(201)["id"].as_str().unwrap().to_owned();
    let run_path = format!("/api/v1/matching-runs/{run_id}");
    app.eventually("the matching run to finish", || async {
        app.get(&run_path, &owner.access_token).await.body["state"] == "done"
    })
    .await;
    // A published pair (its person and the senior), written as publishing writes it.
    let store = app.store().await;
    let tx = store.tenant(owner.tenant_id.parse().unwrap()).await.unwrap();
    let proposal = tandem_store::ProposalRecord {
        id: tandem_domain::ProposalId::new(),
        run_id: run_id.parse().unwrap(),
        mentor: person_id.parse().unwrap(),
        mentee: second_id.parse().unwrap(),
        score: 1.0,
        parts: json!([]),
        locked: false,
    };
    let pairs = tx.create_pairs(program_id.parse().unwrap(), proposal.run_id, &[proposal]).await.unwrap();
    tx.commit().await.unwrap();
    let pair_id = pairs[0].id.to_string();
    let key = app
        .post("/api/v1/api-keys", Some(&owner.access_token), json!({"name": name, "scopes": ["read", "write"]}))
        .await;
    let key = key.ok(201).clone();
    let survey = app
        .post(&format!("/api/v1/programs/{program_id}/surveys"), token, json!({"kind": "custom", "audience": "either"}))
        .await;
    let survey_id = survey.ok(201)["id"].as_str().unwrap().to_owned();
    Tenant {
        owner,
        member,
        invitation_id,
        delivery_id,
        dead_job_id,
        person_id,
        program_id,
        campaign_id,
        application_id,
        run_id,
        edit_id,
        pair_id,
        api_key_id: key["api_key"]["id"].as_str().unwrap().to_owned(),
        api_key: key["secret"].as_str().unwrap().to_owned(),
        survey_id,
        public_token: public,
    }
}

#[test]
fn the_cross_tenant_test_covers_every_route_with_an_id() {
    let spec = tandem_api::openapi();
    let mut documented = BTreeSet::new();
    for (path, item) in &spec.paths.paths {
        // Routes keyed by an object's id; names (templates, categories) are per tenant by key.
        // The portal's routes take a participant's session: tests/api/portal.rs covers them.
        if !path.contains("_id}") || path.starts_with("/api/v1/portal/") {
            continue;
        }
        let item = serde_json::to_value(item).unwrap();
        for method in ["get", "put", "post", "patch", "delete"] {
            if item.get(method).is_some() {
                documented.insert((method.to_owned(), path.clone()));
            }
        }
    }
    let covered: BTreeSet<_> = ROUTES_WITH_IDS.iter().map(|(m, p)| ((*m).to_owned(), (*p).to_owned())).collect();
    assert_eq!(documented, covered, "add new routes with ids to ROUTES_WITH_IDS and to the test below");
}

async fn another_tenants_objects_answer_404_on_every_route(app: TestApp) {
    let a = populate(&app, "alpha").await;
    let b = populate(&app, "beta").await;
    let before = snapshot(&app, &b).await;
    for (method, template) in ROUTES_WITH_IDS {
        let path = template
            .replace("{user_id}", &b.member.user_id)
            .replace("{invitation_id}", &b.invitation_id)
            .replace("{api_key_id}", &b.api_key_id)
            .replace("{job_id}", &b.dead_job_id)
            .replace("{delivery_id}", &b.delivery_id)
            .replace("{person_id}", &b.person_id)
            .replace("{program_id}", &b.program_id)
            .replace("{campaign_id}", &b.campaign_id)
            .replace("{application_id}", &b.application_id)
            .replace("{run_id}", &b.run_id)
            .replace("{other_run_id}", &b.run_id)
            .replace("{edit_id}", &b.edit_id)
            .replace("{pair_id}", &b.pair_id)
            .replace("{survey_id}", &b.survey_id)
            .replace("{table}", "pairs");
        let own_path = [
            "{user_id}",
            "{invitation_id}",
            "{api_key_id}",
            "{job_id}",
            "{delivery_id}",
            "{person_id}",
            "{program_id}",
            "{campaign_id}",
            "{application_id}",
            "{run_id}",
            "{other_run_id}",
            "{edit_id}",
            "{pair_id}",
            "{survey_id}",
        ]
        .iter()
        .fold(template.replace("{table}", "pairs"), |path, param| {
            path.replace(param, "00000000-0000-7000-8000-000000000000")
        });
        let foreign = call(&app, method, &path, &a.owner.access_token).await;
        let missing = call(&app, method, &own_path, &a.owner.access_token).await;
        assert_eq!(foreign.problem(404), "/problems/not-found", "{method} {template}");
        assert_eq!(
            foreign.body, missing.body,
            "{method} {template}: another tenant's id looks exactly like a missing one"
        );
    }
    assert_eq!(snapshot(&app, &b).await, before, "nothing of beta changed");
    app.get("/api/v1/me", &b.api_key).await.ok(200);
}

async fn call(app: &TestApp, method: &str, path: &str, token: &str) -> tandem_tests::Reply {
    match method {
        "get" => app.get(path, token).await,
        "put" if path.contains("/people/") => {
            let person = json!({"external_id": "E1", "name": "Taken over", "email": "taken@alpha.example"});
            app.request(reqwest::Method::PUT, path, Some(token), Some(person)).await
        }
        "put" if path.ends_with("/kickoff") => {
            let kickoff =
                json!({"starts_at": "2027-01-15T01:00:00Z", "ends_at": "2027-01-15T02:30:00Z", "time_zone": "UTC"});
            app.request(reqwest::Method::PUT, path, Some(token), Some(kickoff)).await
        }
        "put" if path.ends_with("/nudges/settings") => {
            app.request(reqwest::Method::PUT, path, Some(token), Some(json!({"paused": true}))).await
        }
        "put" if path.contains("/surveys/") => {
            app.request(reqwest::Method::PUT, path, Some(token), Some(json!({"kind": "custom", "audience": "either"})))
                .await
        }
        "post" if path.ends_with("/metric-values") => {
            app.post(path, Some(token), json!({"metric": "Mentees promoted", "value": 1.0})).await
        }
        "post" if path.ends_with("/surveys") => {
            app.post(path, Some(token), json!({"kind": "custom", "audience": "either"})).await
        }
        "put" if path.ends_with("/featured") => {
            app.request(reqwest::Method::PUT, path, Some(token), Some(json!({"featured": true}))).await
        }
        "post" if path.ends_with("/training/completions") => {
            app.post(path, Some(token), json!({"person_id": "00000000-0000-7000-8000-000000000001", "module": 0})).await
        }
        "post" if path.ends_with("/pause") => app.post(path, Some(token), json!({"reason": "Taken over"})).await,
        "put" if path.contains("/campaigns/") => {
            app.request(reqwest::Method::PUT, path, Some(token), Some(json!({"name": "Taken over", "kind": "open"})))
                .await
        }
        "put" => {
            let program = json!({"name": "Taken over", "kind": "mutual", "purposes": ["knowledge_sharing"], "slots": 1,
                "meetings_per_month": 1, "minutes_per_meeting": 30, "check_in_cadence": "monthly"});
            app.request(reqwest::Method::PUT, path, Some(token), Some(program)).await
        }
        "post" if path.contains("/campaigns/") && path.ends_with("/transitions") => {
            app.post(path, Some(token), json!({"to": "closed"})).await
        }
        "post" if path.ends_with("/transitions") => app.post(path, Some(token), json!({"to": "recruiting"})).await,
        "post" if path.ends_with("/campaigns") => {
            app.post(path, Some(token), json!({"name": "Intruder", "kind": "open"})).await
        }
        "post" if path.ends_with("/invitees") => app.post(path, Some(token), json!({"filter": {}})).await,
        "post" if path.ends_with("/decision") => app.post(path, Some(token), json!({"decision": "decline"})).await,
        "post" if path.ends_with("/campaign-message-preview") => {
            app.post(path, Some(token), json!({"locale": "en", "message": {"subject": "s", "body": "b"}})).await
        }
        "post" if path.ends_with("/matching-edits") => {
            let pair = json!({"kind": "forbid", "mentor_id": "00000000-0000-7000-8000-000000000001",
                "mentee_id": "00000000-0000-7000-8000-000000000002"});
            app.post(path, Some(token), pair).await
        }
        "post" if path.ends_with("/changes") => {
            app.post(path, Some(token), json!({"kind": "remove", "mentor": "P-001", "mentee": "P-002"})).await
        }
        "post" => app.post(path, Some(token), json!({})).await,
        "patch" => app.patch(path, token, json!({"role": "admin"})).await,
        "delete" => app.delete(path, token).await,
        other => panic!("no call for {other}"),
    }
}

async fn snapshot(app: &TestApp, tenant: &Tenant) -> Vec<Value> {
    let mut out = Vec::new();
    let campaigns = format!("/api/v1/programs/{}/campaigns", tenant.program_id);
    let campaign = format!("/api/v1/campaigns/{}", tenant.campaign_id);
    let applications = format!("/api/v1/campaigns/{}/applications", tenant.campaign_id);
    let funnel = format!("/api/v1/campaigns/{}/funnel", tenant.campaign_id);
    let runs = format!("/api/v1/programs/{}/matching-runs", tenant.program_id);
    let edits = format!("/api/v1/programs/{}/matching-edits", tenant.program_id);
    let pairs = format!("/api/v1/programs/{}/pairs", tenant.program_id);
    let monitoring = format!("/api/v1/programs/{}/monitoring", tenant.program_id);
    let training = format!("/api/v1/programs/{}/training", tenant.program_id);
    let pair = format!("/api/v1/pairs/{}", tenant.pair_id);
    let check_ins = format!("/api/v1/programs/{}/check-ins", tenant.program_id);
    let surveys = format!("/api/v1/programs/{}/surveys", tenant.program_id);
    let results = format!("/api/v1/programs/{}/results", tenant.program_id);
    let nudge_settings = format!("/api/v1/programs/{}/nudges/settings", tenant.program_id);
    for path in [
        "/api/v1/team/members",
        "/api/v1/team/invitations",
        "/api/v1/api-keys",
        "/api/v1/jobs/dead",
        "/api/v1/jobs/depth",
        "/api/v1/people",
        "/api/v1/programs",
        "/api/v1/email/deliveries",
        &campaigns,
        &campaign,
        &applications,
        &funnel,
        &runs,
        &edits,
        &pairs,
        &monitoring,
        &training,
        &pair,
        &check_ins,
        &surveys,
        &results,
        &nudge_settings,
    ] {
        let mut body = app.get(path, &tenant.owner.access_token).await.ok(200).clone();
        // last_used_at moves whenever a key is used; it is not data a tenant changes.
        for item in body.get_mut("items").and_then(Value::as_array_mut).into_iter().flatten() {
            item.as_object_mut().unwrap().remove("last_used_at");
        }
        out.push(body);
    }
    out
}

async fn lists_show_only_the_callers_tenant(app: TestApp) {
    let a = populate(&app, "alpha").await;
    let b = populate(&app, "beta").await;
    for token in [&a.owner.access_token, &a.api_key] {
        let me = app.get("/api/v1/me", token).await;
        assert_eq!(me.ok(200)["tenant"]["id"].as_str(), Some(a.owner.tenant_id.as_str()));
    }
    for path in [
        "/api/v1/team/members",
        "/api/v1/team/invitations",
        "/api/v1/api-keys",
        "/api/v1/audit-events",
        "/api/v1/jobs/dead",
        "/api/v1/email/deliveries",
        "/api/v1/dev/mailbox",
        "/api/v1/people",
        "/api/v1/programs",
    ] {
        let body = app.get(path, &a.owner.access_token).await.ok(200).to_string();
        assert!(!body.contains("beta"), "{path} shows beta's data: {body}");
        for id in [
            &b.owner.user_id,
            &b.api_key_id,
            &b.dead_job_id,
            &b.delivery_id,
            &b.person_id,
            &b.program_id,
            &b.campaign_id,
            &b.application_id,
        ] {
            assert!(!body.contains(id.as_str()), "{path} shows {id}: {body}");
        }
    }
    let dead = app.get("/api/v1/jobs/dead", &a.owner.access_token).await;
    assert_eq!(dead.ok(200)["items"][0]["id"].as_str(), Some(a.dead_job_id.as_str()));
}

async fn tokens_cannot_be_moved_to_another_tenant(app: TestApp) {
    let a = populate(&app, "alpha").await;
    let b = populate(&app, "beta").await;
    let tenant_hex = |company: &Company| company.tenant_id.replace('-', "");
    // An API key of beta relabelled with alpha's tenant finds nothing in alpha.
    let moved_key = b.api_key.replace(&tenant_hex(&b.owner), &tenant_hex(&a.owner));
    assert_ne!(moved_key, b.api_key);
    app.get("/api/v1/me", &moved_key).await.problem(401);
    let moved_refresh = b.member.refresh_token.replace(&tenant_hex(&b.owner), &tenant_hex(&a.owner));
    app.post("/api/v1/auth/refresh", None, json!({"refresh_token": moved_refresh})).await.problem(401);
    app.post("/api/v1/auth/logout", None, json!({"refresh_token": moved_refresh})).await.ok(204);
    app.post("/api/v1/auth/refresh", None, json!({"refresh_token": b.member.refresh_token})).await.ok(200);
    // A campaign's public link relabelled with alpha's tenant leads nowhere in alpha.
    let moved_link = b.public_token.replace(&tenant_hex(&b.owner), &tenant_hex(&a.owner));
    assert_ne!(moved_link, b.public_token);
    let page = format!("/api/v1/public/campaigns/{moved_link}");
    assert_eq!(app.request(reqwest::Method::GET, &page, None, None).await.problem(404), "/problems/not-found");
    let form = json!({"email": "person@alpha.example", "role_wanted": "mentor", "can_teach": "x", "wants_to_learn": "y",
        "goals": "z", "availability": "w", "consent": true});
    let applied = app.post(&format!("/api/v1/public/campaigns/{moved_link}/applications"), None, form).await;
    assert_eq!(applied.problem(404), "/problems/not-found");
    let own = format!("/api/v1/public/campaigns/{}", b.public_token);
    app.request(reqwest::Method::GET, &own, None, None).await.ok(200);
}
