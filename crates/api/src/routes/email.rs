//! Email as admins see it: every delivery with its state and reason, the tenant's template
//! overrides with a preview, and the suppression list.

use actix_web::{HttpResponse, delete, get, post, put, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tandem_domain::mail::{DeliveryState, EmailCategory};
use tandem_domain::{EmailAddress, EmailDeliveryId, Locale, Permission, Reason};
use tandem_mail::{Override, Rendered, Sender, Template, builtin_sources, frame, sample};
use tandem_store::{Db, EmailDelivery, NewAuditEvent, PageRequest, Suppression, TemplateOverride};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::TenantCtx;
use crate::error::{ApiError, Fields};
use crate::http::Json;
use crate::pagination::{ListQuery, Paginated};
use crate::render::render_off_workers;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_deliveries)
        .service(list_email_templates)
        .service(put_template)
        .service(reset_template)
        .service(preview_template)
        .service(list_suppressions)
        .service(add_suppression)
        .service(remove_suppression);
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DeliveryView {
    pub id: EmailDeliveryId,
    pub category: EmailCategory,
    #[schema(example = "invitation")]
    pub template: String,
    pub locale: Locale,
    #[schema(example = "kenji.sato@sakura.example")]
    pub to_email: String,
    #[schema(example = "Sakura Industriesに招待されました")]
    pub subject: Option<String>,
    pub state: DeliveryState,
    /// Why it is in this state (an SMTP answer, "unsubscribed", "quiet hours until …").
    #[schema(example = "temporary: 451 4.3.0 try again later")]
    pub reason: Option<String>,
    #[schema(example = "<5d0c9a4e-8a1f-5b7e-9c2d-1e3f4a5b6c7d@tandem.mail>")]
    pub message_id: String,
    #[schema(example = 1)]
    pub attempts: u32,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

impl From<EmailDelivery> for DeliveryView {
    fn from(d: EmailDelivery) -> Self {
        Self {
            id: d.id,
            category: d.category,
            template: d.template,
            locale: d.locale,
            to_email: d.to_email,
            subject: d.subject,
            state: d.state,
            reason: d.reason,
            message_id: d.message_id,
            attempts: d.attempts,
            created_at: d.created_at,
            sent_at: d.sent_at,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DeliveryQuery {
    /// Only deliveries in this state.
    pub state: Option<DeliveryState>,
    #[param(minimum = 1, maximum = 100, example = 50)]
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// Every email of the tenant, newest first, with where it stands and why.
#[utoipa::path(
    tag = "email",
    params(DeliveryQuery),
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 200, description = "A page of deliveries", body = Paginated<DeliveryView>))
)]
#[get("/email/deliveries")]
pub async fn list_deliveries(
    ctx: TenantCtx,
    db: web::Data<Db>,
    query: web::Query<DeliveryQuery>,
) -> Result<web::Json<Paginated<DeliveryView>>, ApiError> {
    let page = ListQuery { limit: query.limit, cursor: query.cursor.clone() }.page()?;
    let scoped = ctx.open(&db, Permission::Read).await?;
    let deliveries = scoped.tx.deliveries(query.state, page).await?;
    scoped.tx.commit().await?;
    Ok(web::Json(Paginated::from_page(deliveries, DeliveryView::from)))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TemplateView {
    #[schema(example = "invitation")]
    pub template: String,
    pub category: EmailCategory,
    pub locale: Locale,
    /// Whether the tenant changed it; the sources are the tenant's then, else the built-in ones.
    pub overridden: bool,
    #[schema(example = "{{ inviter }} invited you to {{ company }} on Tandem")]
    pub subject: String,
    #[schema(
        example = "<p><strong>{{ inviter }}</strong> has invited you to join <strong>{{ company }}</strong> on Tandem as {{ role }}.</p>"
    )]
    pub html: String,
    #[schema(example = "{{ inviter }} has invited you to join {{ company }} on Tandem as {{ role }}.\n\n{{ link }}")]
    pub text: String,
    /// Variables the template may use, with sample values.
    #[schema(value_type = BTreeMap<String, Value>, example = json!({
        "company": "Sakura Industries", "inviter": "Aiko Tanaka", "role": "program manager",
        "link": "https://tandem.example/invitations/accept?token=sample"
    }))]
    pub variables: serde_json::Value,
}

/// Every template in every language, as the tenant's emails will use it. Owners and admins.
#[utoipa::path(
    tag = "email",
    security(("access_token" = [])),
    responses((status = 200, description = "Templates", body = Vec<TemplateView>))
)]
#[get("/email/templates")]
pub async fn list_email_templates(ctx: TenantCtx, db: web::Data<Db>) -> Result<web::Json<Vec<TemplateView>>, ApiError> {
    let scoped = ctx.open(&db, Permission::ManageTeam).await?;
    let mut views = Vec::new();
    for &template in Template::ALL.iter().filter(|t| t.tenant_editable()) {
        for locale in [Locale::En, Locale::Ja] {
            let custom = scoped.tx.template_override(template.name(), locale).await?;
            let overridden = custom.is_some();
            let sources = custom
                .map(|o| Override { subject: o.subject, html: o.html, text: o.text })
                .unwrap_or_else(|| builtin_sources(template, locale));
            views.push(TemplateView {
                template: template.name().to_owned(),
                category: template.category(),
                locale,
                overridden,
                subject: sources.subject,
                html: sources.html,
                text: sources.text,
                variables: sample(template, locale).variables(),
            });
        }
    }
    scoped.tx.commit().await?;
    Ok(web::Json(views))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "subject": "Join {{ company }} on Tandem",
    "html": "<p>{{ inviter }} invites you. <a href=\"{{ link }}\">Accept</a></p>",
    "text": "{{ inviter }} invites you: {{ link }}"
}))]
pub struct TemplateSources {
    #[schema(example = "Join {{ company }} on Tandem")]
    pub subject: String,
    #[schema(example = "<p>{{ inviter }} invites you. <a href=\"{{ link }}\">Accept</a></p>")]
    pub html: String,
    #[schema(example = "{{ inviter }} invites you: {{ link }}")]
    pub text: String,
}

fn parse_target(template: &str, locale: &str) -> Result<(Template, Locale), ApiError> {
    let template = Template::from_name(template).filter(|t| t.tenant_editable()).ok_or(ApiError::NotFound)?;
    let locale = locale.parse::<Locale>().map_err(|_| ApiError::NotFound)?;
    Ok((template, locale))
}

/// Checks sources by rendering them with the template's sample variables.
async fn check_sources(template: Template, locale: Locale, body: &TemplateSources) -> Result<Rendered, ApiError> {
    let mut fields = Fields::default();
    for (name, value, max) in
        [("subject", &body.subject, 998), ("html", &body.html, 100_000), ("text", &body.text, 100_000)]
    {
        if value.trim().is_empty() {
            fields.push(name, Reason::Empty);
        } else if value.len() > max {
            fields.push(name, Reason::TooManyBytes { max });
        }
    }
    fields.finish(|| Some(()))?;
    let sources = Override { subject: body.subject.clone(), html: body.html.clone(), text: body.text.clone() };
    render_off_workers(sources, sample(template, locale).variables()).await.map_err(template_refused)
}

fn template_refused(e: tandem_mail::TemplateError) -> ApiError {
    ApiError::field(e.part, e.reason())
}

/// Replaces a template's subject and bodies for this tenant. Refused when it does not render
/// (an unknown variable, a syntax error), naming the part at fault. Owners and admins.
#[utoipa::path(
    tag = "email",
    params(
        ("template" = String, Path, description = "Template name, e.g. invitation"),
        ("locale" = Locale, Path, description = "en or ja"),
    ),
    request_body = TemplateSources,
    security(("access_token" = [])),
    responses(
        (status = 204, description = "Saved"),
        (status = 404, description = "No such template or language"),
        (status = 422, description = "Invalid fields, or a part is empty, too long or does not render (named in `errors`)"),
    )
)]
#[put("/email/templates/{template}/{locale}")]
pub async fn put_template(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<(String, String)>,
    body: Json<TemplateSources>,
) -> Result<HttpResponse, ApiError> {
    let (template, locale) = parse_target(&path.0, &path.1)?;
    let scoped = ctx.open(&db, Permission::ManageTeam).await?;
    let body = body.read()?;
    check_sources(template, locale, &body).await?;
    let value = TemplateOverride {
        subject: body.subject.clone(),
        html: body.html.clone(),
        text: body.text.clone(),
        updated_at: Utc::now(),
    };
    scoped.tx.set_template_override(template.name(), locale, &value).await?;
    scoped
        .tx
        .record(NewAuditEvent {
            actor: scoped.audit_actor(),
            action: "email_template.changed",
            target_kind: "email_template",
            target_id: None,
            details: serde_json::json!({ "template": template.name(), "locale": locale }),
        })
        .await?;
    scoped.tx.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Goes back to the built-in template. Owners and admins.
#[utoipa::path(
    tag = "email",
    params(
        ("template" = String, Path, description = "Template name, e.g. invitation"),
        ("locale" = Locale, Path, description = "en or ja"),
    ),
    security(("access_token" = [])),
    responses(
        (status = 204, description = "The built-in template applies again"),
        (status = 404, description = "No override for this template and language"),
    )
)]
#[delete("/email/templates/{template}/{locale}")]
pub async fn reset_template(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (template, locale) = parse_target(&path.0, &path.1)?;
    let scoped = ctx.open(&db, Permission::ManageTeam).await?;
    scoped.tx.delete_template_override(template.name(), locale).await?;
    scoped.tx.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"sources": {
    "subject": "Join {{ company }} on Tandem",
    "html": "<p>{{ inviter }} invites you. <a href=\"{{ link }}\">Accept</a></p>",
    "text": "{{ inviter }} invites you: {{ link }}"
}}))]
pub struct TemplatePreviewRequest {
    /// Sources to try before saving; the template in effect when absent.
    pub sources: Option<TemplateSources>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PreviewView {
    #[schema(example = "Aiko Tanaka invited you to Sakura Industries on Tandem")]
    pub subject: String,
    #[schema(
        example = "<p><strong>Aiko Tanaka</strong> has invited you to join <strong>Sakura Industries</strong> on Tandem as program manager.</p>"
    )]
    pub html: String,
    #[schema(
        example = "Aiko Tanaka has invited you to join Sakura Industries on Tandem as program manager.\n\nhttps://tandem.example/invitations/accept?token=sample"
    )]
    pub text: String,
}

/// Renders a template with sample data: the one in effect, or sources not yet saved. Owners and
/// admins.
#[utoipa::path(
    tag = "email",
    params(
        ("template" = String, Path, description = "Template name, e.g. invitation"),
        ("locale" = Locale, Path, description = "en or ja"),
    ),
    request_body = TemplatePreviewRequest,
    security(("access_token" = [])),
    responses(
        (status = 200, description = "The rendered email", body = PreviewView),
        (status = 404, description = "No such template or language"),
        (status = 422, description = "Invalid fields, or a part is empty, too long or does not render (named in `errors`)"),
    )
)]
#[post("/email/templates/{template}/{locale}/preview")]
pub async fn preview_template(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<(String, String)>,
    body: Json<TemplatePreviewRequest>,
) -> Result<web::Json<PreviewView>, ApiError> {
    let (template, locale) = parse_target(&path.0, &path.1)?;
    let scoped = ctx.open(&db, Permission::ManageTeam).await?;
    let body = body.read()?;
    let rendered = match &body.sources {
        Some(sources) => check_sources(template, locale, sources).await?,
        None => {
            let sources = scoped
                .tx
                .template_override(template.name(), locale)
                .await?
                .map(|o| Override { subject: o.subject, html: o.html, text: o.text })
                .unwrap_or_else(|| builtin_sources(template, locale));
            render_off_workers(sources, sample(template, locale).variables()).await.map_err(template_refused)?
        }
    };
    let sender = Sender { company: scoped.tx.tenant().await?.name };
    scoped.tx.commit().await?;
    let rendered = frame(rendered, &sender, locale);
    Ok(web::Json(PreviewView { subject: rendered.subject, html: rendered.html, text: rendered.text }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SuppressionView {
    #[schema(example = "kenji.sato@sakura.example")]
    pub email: String,
    /// A category, or `all`.
    #[schema(example = "nudge")]
    pub category: String,
    #[schema(example = "unsubscribed")]
    pub reason: String,
    pub created_at: DateTime<Utc>,
}

impl From<Suppression> for SuppressionView {
    fn from(s: Suppression) -> Self {
        Self { email: s.email, category: s.category, reason: s.reason, created_at: s.created_at }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"email": "former.employee@sakura.example", "category": "all"}))]
pub struct AddSuppression {
    #[schema(example = "former.employee@sakura.example")]
    pub email: String,
    /// A category to suppress, or `all` for every optional email.
    #[schema(example = "all")]
    pub category: String,
}

/// The tenant's suppression list: addresses that get no optional email (of a category). Owners
/// and admins.
#[utoipa::path(
    tag = "email",
    params(ListQuery),
    security(("access_token" = [])),
    responses((status = 200, description = "Suppressions, by email", body = Vec<SuppressionView>))
)]
#[get("/email/suppressions")]
pub async fn list_suppressions(
    ctx: TenantCtx,
    db: web::Data<Db>,
    query: web::Query<ListQuery>,
) -> Result<web::Json<Vec<SuppressionView>>, ApiError> {
    let page = query.page()?;
    let scoped = ctx.open(&db, Permission::ManageTeam).await?;
    let rows = scoped.tx.suppressions(PageRequest::first(page.limit)).await?;
    scoped.tx.commit().await?;
    Ok(web::Json(rows.into_iter().map(SuppressionView::from).collect()))
}

pub(crate) fn parse_category(raw: &str) -> Result<String, Reason> {
    if raw == "all" {
        return Ok(raw.to_owned());
    }
    match raw.parse::<EmailCategory>() {
        Ok(c) if c.is_optional() => Ok(c.as_str().to_owned()),
        Ok(_) => Err(Reason::TransactionalAlwaysSent),
        Err(_) => Err(Reason::NotAnEmailCategory),
    }
}

/// Adds an address to the suppression list. Owners and admins.
#[utoipa::path(
    tag = "email",
    request_body = AddSuppression,
    security(("access_token" = [])),
    responses((status = 204, description = "Suppressed"))
)]
#[post("/email/suppressions")]
pub async fn add_suppression(
    ctx: TenantCtx,
    db: web::Data<Db>,
    body: Json<AddSuppression>,
) -> Result<HttpResponse, ApiError> {
    let scoped = ctx.open(&db, Permission::ManageTeam).await?;
    let body = body.read()?;
    let mut fields = Fields::default();
    let email = fields.check("email", EmailAddress::parse(&body.email));
    let category = fields.check("category", parse_category(&body.category));
    let (email, category) = fields.finish(|| Some((email?, category?)))?;
    scoped.tx.suppress(email.as_str(), &category, "added by an admin").await?;
    scoped.tx.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Takes an address off the suppression list for a category. Owners and admins.
#[utoipa::path(
    tag = "email",
    params(
        ("email" = String, Path, description = "The address"),
        ("category" = String, Path, description = "A category, or all"),
    ),
    security(("access_token" = [])),
    responses((status = 204, description = "No longer suppressed"))
)]
#[delete("/email/suppressions/{email}/{category}")]
pub async fn remove_suppression(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let scoped = ctx.open(&db, Permission::ManageTeam).await?;
    let email = EmailAddress::parse(&path.0).map_err(|_| ApiError::NotFound)?;
    scoped.tx.unsuppress(email.as_str(), &path.1).await?;
    scoped.tx.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}
