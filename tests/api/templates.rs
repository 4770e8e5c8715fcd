//! Templates that tenants write are bounded (work, depth and size), are rendered off the HTTP
//! workers, and every email goes out inside the product's frame, whatever the override says.

use serde_json::json;
use tandem_tests::{TestApp, on_both_databases};

use crate::recruitment::recruiting_program;

on_both_databases!(
    a_template_that_would_run_for_hours_answers_a_problem,
    a_short_template_that_renders_megabytes_is_refused,
    a_viewer_may_not_preview_a_campaign_message,
    an_override_without_a_footer_goes_out_in_the_product_frame,
);

const NESTED: &str = "{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}";
const HUGE: &str = "{{ \"x\" * 20000000 }}";

async fn a_template_that_would_run_for_hours_answers_a_problem(app: TestApp) {
    let owner = app.signup("Acme", "ann@acme.example").await;
    let token = Some(owner.access_token.as_str());
    let program = recruiting_program(&app, &owner).await;
    let preview = app
        .post(
            &format!("/api/v1/programs/{program}/campaign-message-preview"),
            token,
            json!({"locale": "en", "message": {"subject": "Hi", "body": NESTED}}),
        )
        .await;
    assert_eq!(preview.invalid_fields(), ["message.body"]);
    assert_eq!(preview.body["errors"][0]["code"], "template_too_much_work", "{}", preview.body);
    let sources = json!({"subject": "Hi", "html": NESTED, "text": "t"});
    let preview = app.post("/api/v1/email/templates/invitation/en/preview", token, json!({"sources": sources})).await;
    assert_eq!(preview.invalid_fields(), ["html"]);
    assert_eq!(preview.body["errors"][0]["code"], "template_too_much_work");
    let saved =
        app.request(reqwest::Method::PUT, "/api/v1/email/templates/invitation/en", token, Some(sources.clone())).await;
    assert_eq!(saved.invalid_fields(), ["html"]);
    let campaign = app
        .post(
            &format!("/api/v1/programs/{program}/campaigns"),
            token,
            json!({"name": "Spring", "kind": "open", "messages": {"en": {"subject": "Hi", "body": NESTED}}}),
        )
        .await;
    assert_eq!(campaign.invalid_fields(), ["messages.en.body"]);
    // The server still answers, in words, in the caller's language.
    let ja = app
        .request_in(
            Some("ja"),
            reqwest::Method::POST,
            "/api/v1/email/templates/invitation/en/preview",
            token,
            Some(json!({"sources": sources})),
        )
        .await;
    assert!(ja.body["errors"][0]["message"].as_str().unwrap().contains("処理が多すぎます"), "{}", ja.body);
    assert_eq!(app.count("email_templates").await, 0, "nothing was saved");
    assert_eq!(app.count("campaigns").await, 0);
}

async fn a_short_template_that_renders_megabytes_is_refused(app: TestApp) {
    let owner = app.signup("Acme", "ann@acme.example").await;
    let token = Some(owner.access_token.as_str());
    let program = recruiting_program(&app, &owner).await;
    let looped = "{% for i in range(30000) %}{{ \"y\" * 100 }}{% endfor %}";
    for body in [HUGE, looped] {
        let preview = app
            .post(
                &format!("/api/v1/programs/{program}/campaign-message-preview"),
                token,
                json!({"locale": "en", "message": {"subject": "Hi", "body": body}}),
            )
            .await;
        assert_eq!(preview.invalid_fields(), ["message.body"], "{body}");
        assert_eq!(preview.body["errors"][0]["code"], "template_too_large", "{}", preview.body);
    }
    let sources = json!({"subject": "Hi", "html": "h", "text": HUGE});
    let saved = app.request(reqwest::Method::PUT, "/api/v1/email/templates/invitation/en", token, Some(sources)).await;
    assert_eq!(saved.invalid_fields(), ["text"]);
    assert_eq!(saved.body["errors"][0]["code"], "template_too_large");
    assert_eq!(app.count("email_templates").await, 0, "nothing was saved");
}

async fn a_viewer_may_not_preview_a_campaign_message(app: TestApp) {
    let owner = app.signup("Acme", "ann@acme.example").await;
    let viewer = app.add_member(&owner, "val@acme.example", "viewer").await;
    let program = recruiting_program(&app, &owner).await;
    let path = format!("/api/v1/programs/{program}/campaign-message-preview");
    let body = json!({"locale": "en", "message": {"subject": "Hi", "body": "Hello {{ name }}"}});
    let refused = app.post(&path, Some(&viewer.access_token), body.clone()).await;
    assert_eq!(refused.problem(403), "/problems/forbidden");
    let key = app.post("/api/v1/api-keys", Some(&owner.access_token), json!({"name": "HR", "scopes": ["read"]})).await;
    let key = key.ok(201)["secret"].as_str().unwrap().to_owned();
    assert_eq!(app.post(&path, Some(&key), body.clone()).await.problem(403), "/problems/forbidden");
    let shown = app.post(&path, Some(&owner.access_token), body).await;
    let shown = shown.ok(200);
    assert!(shown["text"].as_str().unwrap().contains("Hello Kenji Sato"), "{shown}");
    assert!(shown["text"].as_str().unwrap().contains("Sent through Tandem on behalf of Acme."), "{shown}");
}

async fn an_override_without_a_footer_goes_out_in_the_product_frame(app: TestApp) {
    let owner = app.signup("Acme & Sons", "ann@acme.example").await;
    let token = Some(owner.access_token.as_str());
    let bare = json!({"subject": "Hello", "html": "<p><a href=\"{{ link }}\">click</a></p><!--", "text": "{{ link }}"});
    let saved = app.request(reqwest::Method::PUT, "/api/v1/email/templates/invitation/en", token, Some(bare)).await;
    assert_eq!(saved.status, 204, "{}", saved.body);
    let preview = app.post("/api/v1/email/templates/invitation/en/preview", token, json!({})).await;
    assert!(preview.ok(200)["html"].as_str().unwrap().contains("Sent through Tandem on behalf of Acme &amp; Sons."));

    app.add_member(&owner, "bob@acme.example", "viewer").await;
    let email = app.wait_for_emails_to("bob@acme.example", 1).await.remove(0);
    assert_eq!(email.subject, "Hello");
    let text = email.text.replace("\r\n", "\n");
    assert!(text.contains("Acme & Sons\nSent through Tandem on behalf of Acme & Sons.\n"), "{text}");
    assert!(text.contains("\nYou receive this because Acme & Sons invited you to its mentoring programs."), "{text}");
    let comment_closed = email.html.find("-->").expect("the open comment is closed");
    let footer = email.html.find("Sent through Tandem on behalf of Acme &amp; Sons.").expect("the frame");
    assert!(comment_closed < footer, "{}", email.html);

    // In the email's language: Japanese for a Japanese invitation.
    let ja = json!({"subject": "ようこそ", "html": "<p>{{ link }}</p>", "text": "{{ link }}"});
    app.request(reqwest::Method::PUT, "/api/v1/email/templates/invitation/ja", token, Some(ja)).await;
    let preview = app.post("/api/v1/email/templates/invitation/ja/preview", token, json!({})).await;
    assert!(preview.ok(200)["text"].as_str().unwrap().contains("Acme & Sonsに代わって Tandem から送信しています"));
}
