use serde_json::json;
use tandem_tests::{PASSWORD, TestApp, on_both_databases};

on_both_databases!(
    signup_is_verified_by_the_emailed_link_which_signs_the_owner_in,
    signup_names_every_invalid_field_and_writes_nothing,
    signup_refuses_unknown_fields_and_malformed_json,
    signup_answers_alike_for_a_known_address_and_tells_its_owner,
    signup_is_limited_per_client_address,
    a_password_reset_link_sets_a_new_password_and_signs_out_everywhere,
    signing_out_ends_the_access_token_at_once,
    a_browser_keeps_its_refresh_token_in_an_http_only_cookie,
    failed_logins_are_limited_per_client_but_a_known_browser_still_signs_in,
    an_oversized_body_is_refused,
    login_returns_a_session_for_the_right_password_only,
    repeated_failed_logins_are_throttled,
    parallel_guesses_cannot_share_one_count,
    a_person_chooses_their_language_for_every_device,
    a_person_in_two_tenants_chooses_one_at_login,
);

async fn signup_is_verified_by_the_emailed_link_which_signs_the_owner_in(app: TestApp) {
    let reply = app
        .post(
            "/api/v1/auth/signup",
            None,
            json!({"company_name": "Sakura Industries", "owner_name": "Aiko Tanaka",
                   "email": " Aiko@Sakura.Example ", "password": PASSWORD, "locale": "ja"}),
        )
        .await;
    assert_eq!(reply.ok(202), &json!({"email": "aiko@sakura.example"}), "emails are normalised");
    let email = &app.wait_for_emails_to("aiko@sakura.example", 1).await[0];
    assert!(email.subject.contains("Sakura Industries") && email.subject.contains("確認"), "{}", email.subject);
    assert_eq!(app.companies().await, 0, "nothing is created before the link is followed");
    assert_eq!(app.count("users").await, 0);

    let token = app.link_token_in_email("aiko@sakura.example", 1, "/signup/verify?token=").await;
    let verified = app.post("/api/v1/auth/signup/verify", None, json!({ "token": token })).await;
    let session = verified.ok(201);
    assert_eq!(session["role"], "owner");
    assert_eq!(session["token_type"], "Bearer");
    assert_eq!(session["expires_in"], 900);
    assert!(session["refresh_token"].is_string());

    let me = app.get("/api/v1/me", session["access_token"].as_str().unwrap()).await;
    let me = me.ok(200);
    assert_eq!(me["tenant"]["name"], "Sakura Industries");
    assert_eq!(me["tenant"]["locale"], "ja");
    assert_eq!(me["tenant"]["id"], session["tenant_id"]);
    assert_eq!(me["principal"]["kind"], "user");
    assert_eq!(me["principal"]["email"], "aiko@sakura.example");
    assert_eq!(me["principal"]["role"], "owner");

    let again = app.post("/api/v1/auth/signup/verify", None, json!({ "token": token })).await;
    assert_eq!(again.problem(410), "/problems/gone");
    assert_eq!(again.body["code"], "signup_link_used");
    let forged = token.replace(&token[token.len() - 4..], "0000");
    app.post("/api/v1/auth/signup/verify", None, json!({ "token": forged })).await.problem(410);
    let other_tenant = format!("{}.{}", session["tenant_id"].as_str().unwrap().replace('-', ""), &token[33..]);
    app.post("/api/v1/auth/signup/verify", None, json!({ "token": other_tenant })).await.problem(404);
    assert_eq!(app.companies().await, 1);
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
    assert_eq!(app.count("signups").await, 0);
    assert_eq!(app.companies().await, 0);
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
    assert_eq!(app.count("signups").await, 0);
}

async fn signup_answers_alike_for_a_known_address_and_tells_its_owner(app: TestApp) {
    app.signup("Acme", "ann@acme.example").await;
    let known = app
        .post(
            "/api/v1/auth/signup",
            None,
            json!({"company_name": "Acme Two", "owner_name": "Ann", "email": "ANN@acme.example", "password": PASSWORD}),
        )
        .await;
    let new = app
        .post(
            "/api/v1/auth/signup",
            None,
            json!({"company_name": "Bolt", "owner_name": "Bo", "email": "bo@bolt.example", "password": PASSWORD}),
        )
        .await;
    assert_eq!(known.status, new.status);
    assert_eq!(known.ok(202)["email"], "ann@acme.example");
    assert_eq!(new.ok(202)["email"], "bo@bolt.example");
    // What differs reaches only the owner of the address.
    let notice = &app.wait_for_emails_to("ann@acme.example", 2).await[1];
    assert!(notice.subject.contains("already have"), "{}", notice.subject);
    assert!(notice.text.contains("http://console.test/password/forgot"), "{}", notice.text);
    assert!(!notice.text.contains("token="), "the notice creates nothing: {}", notice.text);
    assert_eq!(app.companies().await, 1, "no second tenant");
    app.eventually("the known address's sign-up forgotten", || async { app.count("signups").await == 1 }).await;
}

async fn signup_is_limited_per_client_address(app: TestApp) {
    let backend = app.backend;
    drop(app);
    let app = TestApp::spawn_with(backend, |c, _| c.signup_per_client_per_hour = 3).await.unwrap();
    let signup = |i: usize| {
        app.post(
            "/api/v1/auth/signup",
            None,
            json!({"company_name": "Spam", "owner_name": "Spam", "email": format!("victim{i}@example.com"), "password": PASSWORD}),
        )
    };
    for i in 0..3 {
        signup(i).await.ok(202);
    }
    let refused = signup(3).await;
    assert_eq!(refused.problem(429), "/problems/too-many-requests");
    assert!(refused.headers["retry-after"].to_str().unwrap().parse::<u64>().unwrap() > 0);
    assert_eq!(app.count("signups").await, 3, "nothing written for the refused one");
    // Password reset requests share the client's count.
    let reset = app.post("/api/v1/auth/password-reset", None, json!({"email": "victim0@example.com"})).await;
    reset.ok(202);
    for _ in 0..3 {
        app.post("/api/v1/auth/password-reset", None, json!({"email": "victim0@example.com"})).await;
    }
    app.post("/api/v1/auth/password-reset", None, json!({"email": "victim0@example.com"})).await.problem(429);
}

async fn a_password_reset_link_sets_a_new_password_and_signs_out_everywhere(app: TestApp) {
    let owner = app.signup("Acme", "ann@acme.example").await;
    let other = app.signup("Other", "olga@other.example").await;
    let elsewhere = app.add_member(&other, "ann@acme.example", "viewer").await;
    let before = app.emails_to("ann@acme.example").len();
    let unknown = app.post("/api/v1/auth/password-reset", None, json!({"email": "nobody@acme.example"})).await;
    let known = app.post("/api/v1/auth/password-reset", None, json!({"email": "Ann@Acme.example"})).await;
    assert_eq!((unknown.status, &unknown.body), (known.status, &known.body), "alike for known and unknown");
    known.ok(202);
    app.post("/api/v1/auth/password-reset", None, json!({"email": "ann"})).await.invalid_fields();

    let email = &app.wait_for_emails_to("ann@acme.example", before + 1).await[before];
    assert!(email.text.contains("60"), "says how long the link works: {}", email.text);
    let token = app.link_token_in_email("ann@acme.example", before + 1, "/password/reset?token=").await;
    let short =
        app.post("/api/v1/auth/password-reset/confirm", None, json!({"token": token, "password": "short"})).await;
    assert_eq!(short.invalid_fields(), ["password"]);
    let new_password = "a brand new passphrase";
    let confirm = |token: &str| {
        app.post("/api/v1/auth/password-reset/confirm", None, json!({"token": token, "password": new_password}))
    };
    assert_eq!(confirm(&token).await.status, 204);
    assert_eq!(confirm(&token).await.body["code"], "reset_link_used");
    confirm("not-a-token").await.problem(404);

    for session in [&owner, &elsewhere] {
        let ended = app.get("/api/v1/me", &session.access_token).await;
        assert_eq!(ended.problem(401), "/problems/unauthorized");
        let refresh = app.post("/api/v1/auth/refresh", None, json!({"refresh_token": session.refresh_token})).await;
        refresh.problem(401);
    }
    app.post("/api/v1/auth/login", None, json!({"email": "ann@acme.example", "password": PASSWORD})).await.problem(401);
    app.login_with("ann@acme.example", new_password).await;
    assert!(app.emails_to("nobody@acme.example").is_empty(), "an unknown address gets nothing");
}

async fn signing_out_ends_the_access_token_at_once(app: TestApp) {
    let owner = app.signup("Acme", "ann@acme.example").await;
    let second = app.login("ann@acme.example").await;
    app.get("/api/v1/me", &owner.access_token).await.ok(200);
    let out = app.post("/api/v1/auth/logout", None, json!({"refresh_token": owner.refresh_token})).await;
    assert_eq!(out.status, 204);
    let ended = app.get("/api/v1/me", &owner.access_token).await;
    assert_eq!(ended.problem(401), "/problems/unauthorized");
    assert_eq!(ended.body["code"], "session_ended");
    app.get("/api/v1/me", &second.access_token).await.ok(200);
}

/// The value of cookie `name` that `reply` sets, with its attributes.
fn set_cookie(reply: &tandem_tests::Reply, name: &str) -> Option<String> {
    reply
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(str::to_owned)
}

fn cookie_value(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap().split_once('=').unwrap().1.to_owned()
}

async fn a_browser_keeps_its_refresh_token_in_an_http_only_cookie(app: TestApp) {
    app.signup("Acme", "ann@acme.example").await;
    let post = |path: &str, body: serde_json::Value, cookie: Option<String>, header: bool| {
        let mut request = app.client.post(app.url(path)).json(&body);
        if header {
            request = request.header("x-tandem-session", "cookie");
        }
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        async move { TestApp::read(request.send().await.unwrap()).await }
    };
    let login =
        post("/api/v1/auth/login", json!({"email": "ann@acme.example", "password": PASSWORD}), None, true).await;
    let session = login.ok(200);
    assert!(session.get("refresh_token").is_none(), "no script sees the refresh token: {session}");
    let cookie = set_cookie(&login, "tandem_refresh").expect("a refresh cookie");
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/api/v1/auth"] {
        assert!(cookie.contains(attribute), "{attribute} in {cookie}");
    }
    assert!(!cookie.contains("Secure"), "plain http here: {cookie}");
    let refresh_cookie = format!("tandem_refresh={}", cookie_value(&cookie));

    // Without the header a cookie is never read: another site cannot make the browser use it.
    let forged = post("/api/v1/auth/refresh", json!({}), Some(refresh_cookie.clone()), false).await;
    assert_eq!(forged.invalid_fields(), ["refresh_token"]);
    let renewed = post("/api/v1/auth/refresh", json!({}), Some(refresh_cookie.clone()), true).await;
    assert!(renewed.ok(200).get("refresh_token").is_none());
    app.get("/api/v1/me", renewed.body["access_token"].as_str().unwrap()).await.ok(200);
    let next = format!("tandem_refresh={}", cookie_value(&set_cookie(&renewed, "tandem_refresh").unwrap()));
    assert_ne!(next, refresh_cookie, "each refresh rotates the cookie");

    let out = post("/api/v1/auth/logout", json!({}), Some(next.clone()), true).await;
    assert_eq!(out.status, 204);
    assert!(set_cookie(&out, "tandem_refresh").unwrap().contains("Max-Age=0"), "the cookie is cleared");
    post("/api/v1/auth/refresh", json!({}), Some(next), true).await.problem(401);
    post("/api/v1/auth/refresh", json!({}), None, true).await.problem(401);
}

async fn failed_logins_are_limited_per_client_but_a_known_browser_still_signs_in(app: TestApp) {
    let backend = app.backend;
    drop(app);
    let app = TestApp::spawn_with(backend, |c, _| c.login_failures_per_client_per_hour = 8).await.unwrap();
    app.signup("Acme", "ann@acme.example").await;
    let login = |email: &str, password: &str, cookie: Option<String>| {
        let mut request =
            app.client.post(app.url("/api/v1/auth/login")).json(&json!({"email": email, "password": password}));
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        async move { TestApp::read(request.send().await.unwrap()).await }
    };
    // Ann signs in once from her browser, which keeps a device cookie.
    let first = login("ann@acme.example", PASSWORD, None).await;
    first.ok(200);
    let device = set_cookie(&first, "tandem_device").expect("a device cookie");
    assert!(device.contains("HttpOnly") && device.contains("SameSite=Strict"), "{device}");
    let device = format!("tandem_device={}", cookie_value(&device));

    // Someone's wrong guesses lock Ann's email …
    for _ in 0..5 {
        login("ann@acme.example", "guess guess!", Some("tandem_device=forged.0.0".into())).await.problem(401);
    }
    login("ann@acme.example", PASSWORD, None).await.problem(429);
    // … but her own browser still signs in, and is not counted against the client.
    login("ann@acme.example", PASSWORD, Some(device.clone())).await.ok(200);
    // The same client spraying guesses over other accounts meets its limit (8 failures).
    for i in 0..2 {
        login(&format!("user{i}@acme.example"), "guess guess!", None).await.problem(401);
    }
    let sprayed = login("user9@acme.example", "guess guess!", None).await;
    assert_eq!(sprayed.problem(429), "/problems/too-many-requests");
    // Ann's device cookie exempts nobody else.
    let other = login("bo@acme.example", "guess guess!", Some(device)).await;
    assert_eq!(other.problem(429), "/problems/too-many-requests");
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
    assert_eq!(app.count("signups").await, 0);
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
