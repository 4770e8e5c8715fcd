use serde_json::json;
use tandem_tests::{PASSWORD, TestApp, on_both_databases};

on_both_databases!(
    signup_creates_a_tenant_and_signs_the_owner_in,
    signup_names_every_invalid_field_and_writes_nothing,
    signup_refuses_unknown_fields_and_malformed_json,
    signup_with_a_taken_email_is_a_conflict_and_creates_no_tenant,
    an_oversized_body_is_refused,
    login_returns_a_session_for_the_right_password_only,
    repeated_failed_logins_are_throttled,
    parallel_guesses_cannot_share_one_count,
    a_person_chooses_their_language_for_every_device,
    a_person_in_two_tenants_chooses_one_at_login,
);

async fn signup_creates_a_tenant_and_signs_the_owner_in(app: TestApp) {
    let reply = app
        .post(
            "/api/v1/auth/signup",
            None,
            json!({"company_name": "Sakura Industries", "owner_name": "Aiko Tanaka",
                   "email": " Aiko@Sakura.Example ", "password": PASSWORD, "locale": "ja"}),
        )
        .await;
    let session = reply.ok(201);
    assert_eq!(session["role"], "owner");
    assert_eq!(session["token_type"], "Bearer");
    assert_eq!(session["expires_in"], 900);

    let me = app.get("/api/v1/me", session["access_token"].as_str().unwrap()).await;
    let me = me.ok(200);
    assert_eq!(me["tenant"]["name"], "Sakura Industries");
    assert_eq!(me["tenant"]["locale"], "ja");
    assert_eq!(me["tenant"]["id"], session["tenant_id"]);
    assert_eq!(me["principal"]["kind"], "user");
    assert_eq!(me["principal"]["email"], "aiko@sakura.example", "emails are normalised");
    assert_eq!(me["principal"]["role"], "owner");
}

async fn signup_names_every_invalid_field_and_writes_nothing(app: TestApp) {
    let reply = app
        .post(
            "/api/v1/auth/signup",
            None,
            json!({"company_name": " ", "owner_name": "Ann", "email": "not-an-email", "password": "short"}),
        )
        .await;
    assert_eq!(reply.invalid_fields(), ["company_name", "email", "password"]);
    let missing = app.post("/api/v1/auth/signup", None, json!({"company_name": "Acme"})).await;
    assert_eq!(missing.invalid_fields(), ["owner_name"], "serde names the first missing field");
    let locale = app
        .post(
            "/api/v1/auth/signup",
            None,
            json!({"company_name": "Acme", "owner_name": "Ann", "email": "a@b.example", "password": PASSWORD, "locale": "fr"}),
        )
        .await;
    assert_eq!(locale.invalid_fields(), ["locale"]);
    assert_eq!(app.count("tenants").await, 0);
    assert_eq!(app.count("users").await, 0);
}

async fn signup_refuses_unknown_fields_and_malformed_json(app: TestApp) {
    let reply = app
        .post(
            "/api/v1/auth/signup",
            None,
            json!({"company_name": "Acme", "owner_name": "Ann", "email": "ann@acme.example", "password": PASSWORD, "role": "admin"}),
        )
        .await;
    assert_eq!(reply.invalid_fields(), ["role"]);

    let response = app
        .client
        .post(app.url("/api/v1/auth/signup"))
        .header("content-type", "application/json")
        .body("{\"company_name\": ")
        .send()
        .await
        .unwrap();
    let reply = TestApp::read(response).await;
    assert_eq!(reply.problem(400), "/problems/malformed-request");

    let response = app.client.post(app.url("/api/v1/auth/signup")).body("company_name=Acme").send().await.unwrap();
    assert_eq!(TestApp::read(response).await.problem(415), "/problems/unsupported-media-type");
    assert_eq!(app.count("tenants").await, 0);
}

async fn signup_with_a_taken_email_is_a_conflict_and_creates_no_tenant(app: TestApp) {
    app.signup("Acme", "ann@acme.example").await;
    let reply = app
        .post(
            "/api/v1/auth/signup",
            None,
            json!({"company_name": "Acme Two", "owner_name": "Ann", "email": "ANN@acme.example", "password": PASSWORD}),
        )
        .await;
    assert_eq!(reply.problem(409), "/problems/conflict");
    assert_eq!(app.count("tenants").await, 1, "the second tenant was rolled back with the user");
}

async fn an_oversized_body_is_refused(app: TestApp) {
    let huge = "x".repeat(100 * 1024);
    let reply = app
        .post(
            "/api/v1/auth/signup",
            None,
            json!({"company_name": huge, "owner_name": "Ann", "email": "ann@acme.example", "password": PASSWORD}),
        )
        .await;
    assert_eq!(reply.problem(413), "/problems/payload-too-large");
    assert_eq!(app.count("tenants").await, 0);
}

async fn login_returns_a_session_for_the_right_password_only(app: TestApp) {
    let company = app.signup("Acme", "ann@acme.example").await;
    let session = app.login("Ann@Acme.example").await;
    assert_eq!(session.tenant_id, company.tenant_id);
    assert_eq!(app.get("/api/v1/me", &session.access_token).await.status, 200);

    let wrong =
        app.post("/api/v1/auth/login", None, json!({"email": "ann@acme.example", "password": "wrong password!"})).await;
    assert_eq!(wrong.problem(401), "/problems/unauthorized");
    assert_eq!(wrong.headers["www-authenticate"], "Bearer");
    let unknown =
        app.post("/api/v1/auth/login", None, json!({"email": "nobody@acme.example", "password": PASSWORD})).await;
    assert_eq!(unknown.problem(401), "/problems/unauthorized");
    assert_eq!(wrong.body["detail"], unknown.body["detail"], "no hint whether the account exists");
    let invalid = app.post("/api/v1/auth/login", None, json!({"email": "ann", "password": PASSWORD})).await;
    assert_eq!(invalid.invalid_fields(), ["email"]);
}

async fn repeated_failed_logins_are_throttled(app: TestApp) {
    app.signup("Acme", "ann@acme.example").await;
    for _ in 0..4 {
        let reply = app
            .post("/api/v1/auth/login", None, json!({"email": "ann@acme.example", "password": "guess guess!"}))
            .await;
        reply.problem(401);
    }
    // A success before the lockout resets the count.
    app.login("ann@acme.example").await;
    for _ in 0..5 {
        let reply = app
            .post("/api/v1/auth/login", None, json!({"email": "ann@acme.example", "password": "guess guess!"}))
            .await;
        reply.problem(401);
    }
    let locked = app.post("/api/v1/auth/login", None, json!({"email": "ann@acme.example", "password": PASSWORD})).await;
    assert_eq!(locked.problem(429), "/problems/too-many-requests");
    let retry_after: u64 = locked.headers["retry-after"].to_str().unwrap().parse().expect("seconds");
    assert!((1..=30).contains(&retry_after), "retry after {retry_after}");
}

async fn parallel_guesses_cannot_share_one_count(app: TestApp) {
    app.signup("Acme", "ann@acme.example").await;
    let guesses = (0..20).map(|i| {
        app.post(
            "/api/v1/auth/login",
            None,
            json!({"email": "ann@acme.example", "password": format!("guess number {i}")}),
        )
    });
    let replies = futures_util::future::join_all(guesses).await;
    let wrong = replies.iter().filter(|r| r.status == 401).count();
    let refused = replies.iter().filter(|r| r.status == 429).count();
    assert_eq!(wrong + refused, 20, "every guess is either wrong or refused");
    assert!((1..=5).contains(&wrong), "{wrong} guesses were checked; the throttle allows five");
    // One at a time, the rest of the free guesses are checked; then even the right password waits.
    for _ in wrong..5 {
        let reply = app
            .post("/api/v1/auth/login", None, json!({"email": "ann@acme.example", "password": "one more guess"}))
            .await;
        reply.problem(401);
    }
    let locked = app.post("/api/v1/auth/login", None, json!({"email": "ann@acme.example", "password": PASSWORD})).await;
    assert_eq!(locked.problem(429), "/problems/too-many-requests");
}

async fn a_person_in_two_tenants_chooses_one_at_login(app: TestApp) {
    let first = app.signup("First Co", "owner1@first.example").await;
    let second = app.signup("Second Co", "owner2@second.example").await;
    app.add_member(&first, "both@people.example", "viewer").await;
    // The same person is invited to the second tenant and confirms with their password.
    app.post(
        "/api/v1/team/invitations",
        Some(&second.access_token),
        json!({"email": "both@people.example", "role": "admin"}),
    )
    .await
    .ok(201);
    app.wait_for_emails_to("both@people.example", 2).await;
    let token = app.invitation_token_for("both@people.example").await;
    let wrong =
        app.post("/api/v1/auth/invitations/accept", None, json!({"token": token, "password": "not my password"})).await;
    wrong.problem(401);
    let joined = app.post("/api/v1/auth/invitations/accept", None, json!({"token": token, "password": PASSWORD})).await;
    assert_eq!(joined.ok(201)["tenant_id"].as_str(), Some(second.tenant_id.as_str()));

    let default = app.login("both@people.example").await;
    assert_eq!(default.tenant_id, first.tenant_id, "the oldest membership by default");
    let chosen = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({"email": "both@people.example", "password": PASSWORD, "tenant_id": second.tenant_id}),
        )
        .await;
    assert_eq!(chosen.ok(200)["role"], "admin");
    let stranger = app.signup("Third Co", "owner3@third.example").await;
    let refused = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({"email": "both@people.example", "password": PASSWORD, "tenant_id": stranger.tenant_id}),
        )
        .await;
    refused.problem(401);
}

async fn a_person_chooses_their_language_for_every_device(app: TestApp) {
    let owner = app.signup("Acme", "ann@acme.example").await;
    let viewer = app.add_member(&owner, "val@acme.example", "viewer").await;
    let changed = app.patch("/api/v1/me", &viewer.access_token, json!({"locale": "ja"})).await;
    assert_eq!(changed.ok(200)["principal"]["locale"], "ja");
    let elsewhere = app.login("val@acme.example").await;
    let me = app.get("/api/v1/me", &elsewhere.access_token).await;
    assert_eq!(me.ok(200)["principal"]["locale"], "ja", "a new session finds the choice");
    assert_eq!(me.body["tenant"]["locale"], "en", "the tenant keeps its own");

    let bad = app.patch("/api/v1/me", &viewer.access_token, json!({"locale": "fr"})).await;
    assert_eq!(bad.invalid_fields(), ["locale"]);
    let unknown = app.patch("/api/v1/me", &viewer.access_token, json!({"locale": "en", "name": "x"})).await;
    assert_eq!(unknown.invalid_fields(), ["name"]);
    let me = app.get("/api/v1/me", &viewer.access_token).await;
    assert_eq!(me.ok(200)["principal"]["locale"], "ja", "nothing written");

    let key = app
        .post("/api/v1/api-keys", Some(&owner.access_token), json!({"name": "k", "scopes": ["read", "write"]}))
        .await;
    let key = key.ok(201)["secret"].as_str().unwrap().to_owned();
    assert_eq!(app.patch("/api/v1/me", &key, json!({"locale": "ja"})).await.problem(403), "/problems/forbidden");
}
