//! What participants reach from links in emails, without an account: one-click unsubscribe
//! (RFC 8058) and their email preferences. The signed token in the link is the credential;
//! it names one person in one tenant.

use actix_web::{get, post, put, web};
use serde::{Deserialize, Serialize};
use tandem_domain::Reason;
use tandem_domain::mail::EmailCategory;
use tandem_mail::unsubscribe::{UnsubscribeClaims, UnsubscribeSigner};
use tandem_store::Db;
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::error::ApiError;
use crate::http::Json;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(unsubscribe).service(preferences).service(update_preferences);
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TokenQuery {
    /// The signed token from the email's link.
    pub token: String,
}

fn claims(signer: &UnsubscribeSigner, token: &str) -> Result<UnsubscribeClaims, ApiError> {
    signer.verify(token).ok_or(ApiError::NotFound)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CategoryPreference {
    pub category: EmailCategory,
    pub subscribed: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Preferences {
    #[schema(example = "kenji.sato@sakura.example")]
    pub email: String,
    /// The category of the email the link came from.
    pub from_category: EmailCategory,
    pub categories: Vec<CategoryPreference>,
}

async fn current(db: &Db, claims: &UnsubscribeClaims) -> Result<Preferences, ApiError> {
    let tx = db.tenant(claims.tenant).await?;
    let suppressed = tx.suppressions_of(&claims.email).await?;
    tx.commit().await?;
    let all = suppressed.iter().any(|s| s.category == "all");
    let categories = EmailCategory::OPTIONAL
        .into_iter()
        .map(|category| CategoryPreference {
            category,
            subscribed: !all && !suppressed.iter().any(|s| s.category == category.as_str()),
        })
        .collect();
    Ok(Preferences { email: claims.email.clone(), from_category: claims.category, categories })
}

/// One-click unsubscribe from the email's category (the `List-Unsubscribe-Post` target).
#[utoipa::path(
    tag = "participants",
    params(TokenQuery),
    responses(
        (status = 200, description = "Unsubscribed; the person's preferences now", body = Preferences),
        (status = 404, description = "Not a valid link"),
    )
)]
#[post("/public/unsubscribe")]
pub async fn unsubscribe(
    db: web::Data<Db>,
    signer: web::Data<UnsubscribeSigner>,
    query: web::Query<TokenQuery>,
) -> Result<web::Json<Preferences>, ApiError> {
    let claims = claims(&signer, &query.token)?;
    let tx = db.tenant(claims.tenant).await?;
    tx.suppress(&claims.email, claims.category.as_str(), "unsubscribed").await?;
    tx.commit().await?;
    Ok(web::Json(current(&db, &claims).await?))
}

/// The person's email preferences.
#[utoipa::path(
    tag = "participants",
    params(TokenQuery),
    responses(
        (status = 200, description = "Preferences", body = Preferences),
        (status = 404, description = "Not a valid link"),
    )
)]
#[get("/public/email-preferences")]
pub async fn preferences(
    db: web::Data<Db>,
    signer: web::Data<UnsubscribeSigner>,
    query: web::Query<TokenQuery>,
) -> Result<web::Json<Preferences>, ApiError> {
    let claims = claims(&signer, &query.token)?;
    Ok(web::Json(current(&db, &claims).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"category": "nudge", "subscribed": false}))]
pub struct PreferenceChange {
    pub category: EmailCategory,
    pub subscribed: bool,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"categories": [
    {"category": "nudge", "subscribed": false}, {"category": "campaign", "subscribed": true}
]}))]
pub struct UpdatePreferences {
    pub categories: Vec<PreferenceChange>,
}

/// Changes the person's preferences per category.
#[utoipa::path(
    tag = "participants",
    params(TokenQuery),
    request_body = UpdatePreferences,
    responses(
        (status = 200, description = "Preferences now", body = Preferences),
        (status = 404, description = "Not a valid link"),
        (status = 422, description = "Invalid fields, or a transactional category, which cannot be turned off"),
    )
)]
#[put("/public/email-preferences")]
pub async fn update_preferences(
    db: web::Data<Db>,
    signer: web::Data<UnsubscribeSigner>,
    query: web::Query<TokenQuery>,
    body: Json<UpdatePreferences>,
) -> Result<web::Json<Preferences>, ApiError> {
    let body = body.read()?;
    let claims = claims(&signer, &query.token)?;
    if let Some(i) = body.categories.iter().position(|c| !c.category.is_optional()) {
        return Err(ApiError::field(&format!("categories[{i}].category"), Reason::TransactionalAlwaysSent));
    }
    let tx = db.tenant(claims.tenant).await?;
    tx.unsuppress(&claims.email, "all").await?;
    for change in &body.categories {
        if change.subscribed {
            tx.unsuppress(&claims.email, change.category.as_str()).await?;
        } else {
            tx.suppress(&claims.email, change.category.as_str(), "unsubscribed").await?;
        }
    }
    tx.commit().await?;
    Ok(web::Json(current(&db, &claims).await?))
}
