//! The tenant's team: members with roles, and invitations by email. Owners and admins only.

use actix_web::{HttpResponse, delete, get, patch, post, web};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use tandem_domain::emails::{Email, InvitationEmail};
use tandem_domain::team::{check_invitation, check_removal, check_role_change};
use tandem_domain::{EmailAddress, InvitationId, Locale, Permission, Reason, Role, UserId};
use tandem_mail::role_label;
use tandem_store::{Db, Invitation, Member, NewAuditEvent, NewEmailDelivery, NewInvitation, StoreError};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::ApiSettings;
use crate::auth::{TenantCtx, secrets};
use crate::error::{ApiError, Fields};
use crate::http::Json;
use crate::pagination::{ListQuery, Paginated};
use crate::routes::email::DeliveryView;

const INVITATION_DAYS: i64 = 7;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_members)
        .service(change_role)
        .service(remove_member)
        .service(invite)
        .service(list_invitations)
        .service(revoke_invitation)
        .service(resend_invitation);
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MemberView {
    pub user_id: UserId,
    #[schema(example = "kenji.sato@sakura.example")]
    pub email: String,
    #[schema(example = "Kenji Sato")]
    pub name: String,
    pub role: Role,
    pub joined_at: DateTime<Utc>,
}

impl From<Member> for MemberView {
    fn from(m: Member) -> Self {
        Self { user_id: m.user_id, email: m.email, name: m.name, role: m.role, joined_at: m.joined_at }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationView {
    pub id: InvitationId,
    #[schema(example = "kenji.sato@sakura.example")]
    pub email: String,
    pub role: Role,
    pub invited_by: UserId,
    pub expires_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
}

impl From<Invitation> for InvitationView {
    fn from(i: Invitation) -> Self {
        Self {
            id: i.id,
            email: i.email,
            role: i.role,
            invited_by: i.invited_by,
            expires_at: i.expires_at,
            created_at: i.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationSent {
    pub invitation: InvitationView,
    /// The invitation email, queued for sending; follow it in `/email/deliveries`.
    pub email: DeliveryView,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"role": "program_manager"}))]
pub struct RoleChange {
    pub role: Role,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"email": "kenji.sato@sakura.example", "role": "program_manager", "locale": "ja"}))]
pub struct InviteRequest {
    #[schema(example = "kenji.sato@sakura.example")]
    pub email: String,
    pub role: Role,
    /// The language of the invitation email; the tenant's language when absent.
    pub locale: Option<Locale>,
}

/// Lists the tenant's members.
#[utoipa::path(
    tag = "team",
    params(ListQuery),
    security(("access_token" = [])),
    responses((status = 200, description = "A page of members", body = Paginated<MemberView>))
)]
#[get("/team/members")]
pub async fn list_members(
    ctx: TenantCtx,
    db: web::Data<Db>,
    query: web::Query<ListQuery>,
) -> Result<web::Json<Paginated<MemberView>>, ApiError> {
    let page = query.page()?;
    let scoped = ctx.open(&db, Permission::ManageTeam).await?;
    let members = scoped.tx.members(page).await?;
    scoped.tx.commit().await?;
    Ok(web::Json(Paginated::from_page(members, MemberView::from)))
}

/// Changes a member's role. Only owners grant or take away the owner role, and a tenant keeps
/// at least one owner.
#[utoipa::path(
    tag = "team",
    params(("user_id" = UserId, Path, description = "The member's user id")),
    request_body = RoleChange,
    security(("access_token" = [])),
    responses(
        (status = 200, description = "The member with their new role", body = MemberView),
        (status = 403, description = "Not an owner or admin, or the change is an owner's to make; the last owner stays"),
    )
)]
#[patch("/team/members/{user_id}")]
pub async fn change_role(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<UserId>,
    body: Json<RoleChange>,
) -> Result<web::Json<MemberView>, ApiError> {
    let target = path.into_inner();
    let scoped = ctx.open(&db, Permission::ManageTeam).await?;
    let (_, actor_role) = scoped.user()?;
    let body = body.read()?;
    let member = scoped.tx.member(target).await?;
    let owners = scoped.tx.count_owners().await?;
    check_role_change(actor_role, member.role, body.role, owners).map_err(ApiError::Forbidden)?;
    scoped.tx.set_role(target, body.role).await?;
    scoped
        .tx
        .record(NewAuditEvent {
            actor: scoped.audit_actor(),
            action: "member.role_changed",
            target_kind: "user",
            target_id: Some(target.as_uuid()),
            details: serde_json::json!({ "from": member.role, "to": body.role }),
        })
        .await?;
    let updated = scoped.tx.member(target).await?;
    scoped.tx.commit().await?;
    Ok(web::Json(updated.into()))
}

/// Removes a member from the tenant; their sessions end with it.
#[utoipa::path(
    tag = "team",
    params(("user_id" = UserId, Path, description = "The member's user id")),
    security(("access_token" = [])),
    responses(
        (status = 204, description = "Removed"),
        (status = 403, description = "Not an owner or admin, or the member is an owner (only owners remove owners; the last one stays)"),
    )
)]
#[delete("/team/members/{user_id}")]
pub async fn remove_member(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<UserId>,
) -> Result<HttpResponse, ApiError> {
    let target = path.into_inner();
    let scoped = ctx.open(&db, Permission::ManageTeam).await?;
    let (_, actor_role) = scoped.user()?;
    let member = scoped.tx.member(target).await?;
    let owners = scoped.tx.count_owners().await?;
    check_removal(actor_role, member.role, owners).map_err(ApiError::Forbidden)?;
    scoped.tx.remove_member(target).await?;
    scoped
        .tx
        .record(NewAuditEvent {
            actor: scoped.audit_actor(),
            action: "member.removed",
            target_kind: "user",
            target_id: Some(target.as_uuid()),
            details: serde_json::json!({ "email": member.email, "role": member.role }),
        })
        .await?;
    scoped.tx.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Invites someone by email to join the team with a role. The email carries a link to accept,
/// valid for 7 days.
#[utoipa::path(
    tag = "team",
    request_body = InviteRequest,
    security(("access_token" = [])),
    responses(
        (status = 201, description = "Invitation created and emailed", body = InvitationSent),
        (status = 403, description = "Not an owner or admin, or the role is owner (only owners invite owners)"),
        (status = 409, description = "Already a member"),
    )
)]
#[post("/team/invitations")]
pub async fn invite(
    ctx: TenantCtx,
    db: web::Data<Db>,
    settings: web::Data<ApiSettings>,
    body: Json<InviteRequest>,
) -> Result<HttpResponse, ApiError> {
    let scoped = ctx.open(&db, Permission::ManageTeam).await?;
    let (inviter_id, inviter_role) = scoped.user()?;
    let body = body.read()?;
    let mut fields = Fields::default();
    let email = fields.check("email", EmailAddress::parse(&body.email));
    let email = fields.finish(|| email)?;
    check_invitation(inviter_role, body.role).map_err(ApiError::Forbidden)?;
    if let Some(existing) = scoped.tx.find_user_by_email(email.as_str()).await? {
        match scoped.tx.member(existing.id).await {
            Ok(_) => return Err(ApiError::Conflict(Reason::PersonAlreadyMember)),
            Err(StoreError::NotFound) => {}
            Err(other) => return Err(other.into()),
        }
    }
    let issued = secrets::issue_tenant_token(ctx.tenant());
    let invitation = scoped
        .tx
        .create_invitation(NewInvitation {
            email: email.to_string(),
            role: body.role,
            token_hash: issued.hash.clone(),
            invited_by: inviter_id,
            expires_at: Utc::now() + Duration::days(INVITATION_DAYS),
        })
        .await?;
    scoped
        .tx
        .record(NewAuditEvent {
            actor: scoped.audit_actor(),
            action: "invitation.created",
            target_kind: "invitation",
            target_id: Some(invitation.id.as_uuid()),
            details: serde_json::json!({ "email": invitation.email, "role": invitation.role }),
        })
        .await?;
    let key = format!("invitation:{}", invitation.id);
    let delivery = email_invitation(&scoped, &settings, &invitation, &issued.token, body.locale, key).await?;
    scoped.tx.commit().await?;
    Ok(HttpResponse::Created().json(InvitationSent { invitation: invitation.into(), email: delivery.into() }))
}

/// Records the invitation email (with its link) for sending, in the company's language unless
/// the inviter chose another.
async fn email_invitation(
    scoped: &crate::auth::Scoped,
    settings: &ApiSettings,
    invitation: &Invitation,
    token: &str,
    locale: Option<Locale>,
    idempotency_key: String,
) -> Result<tandem_store::EmailDelivery, ApiError> {
    let tenant = scoped.tx.tenant().await?;
    let inviter = scoped.tx.member(invitation.invited_by).await?;
    let link = format!("{}/invitations/accept?token={token}", settings.public_url.trim_end_matches('/'));
    let locale = locale.unwrap_or(tenant.locale);
    let (delivery, _) = scoped
        .tx
        .create_delivery(NewEmailDelivery {
            idempotency_key,
            email: Email::Invitation(InvitationEmail {
                company: tenant.name,
                inviter: inviter.name,
                role: role_label(invitation.role, locale).to_owned(),
                link,
            }),
            locale,
            to_email: invitation.email.clone(),
            to_name: None,
            time_zone: None,
        })
        .await?;
    Ok(delivery)
}

/// Sends a pending invitation again, in the company's language, with a new link (the old one
/// stops working) valid for another 7 days.
#[utoipa::path(
    tag = "team",
    params(("invitation_id" = InvitationId, Path, description = "The invitation's id")),
    security(("access_token" = [])),
    responses(
        (status = 200, description = "Sent again", body = InvitationSent),
        (status = 403, description = "Not an owner or admin, or an owner's invitation resent by an admin"),
        (status = 404, description = "No such pending invitation in this tenant"),
    )
)]
#[post("/team/invitations/{invitation_id}/resend")]
pub async fn resend_invitation(
    ctx: TenantCtx,
    db: web::Data<Db>,
    settings: web::Data<ApiSettings>,
    path: web::Path<InvitationId>,
) -> Result<web::Json<InvitationSent>, ApiError> {
    let id = path.into_inner();
    let scoped = ctx.open(&db, Permission::ManageTeam).await?;
    let (_, role) = scoped.user()?;
    let invitation = scoped.tx.pending_invitation(id).await?;
    check_invitation(role, invitation.role).map_err(ApiError::Forbidden)?;
    let issued = secrets::issue_tenant_token(ctx.tenant());
    let expires_at = Utc::now() + Duration::days(INVITATION_DAYS);
    scoped.tx.reissue_invitation(id, issued.hash.clone(), expires_at).await?;
    let invitation = scoped.tx.pending_invitation(id).await?;
    scoped
        .tx
        .record(NewAuditEvent {
            actor: scoped.audit_actor(),
            action: "invitation.resent",
            target_kind: "invitation",
            target_id: Some(id.as_uuid()),
            details: serde_json::json!({ "email": invitation.email }),
        })
        .await?;
    let key = format!("invitation:{id}:{}", issued.hash);
    let delivery = email_invitation(&scoped, &settings, &invitation, &issued.token, None, key).await?;
    scoped.tx.commit().await?;
    Ok(web::Json(InvitationSent { invitation: invitation.into(), email: delivery.into() }))
}

/// Lists invitations not yet accepted.
#[utoipa::path(
    tag = "team",
    params(ListQuery),
    security(("access_token" = [])),
    responses((status = 200, description = "A page of pending invitations", body = Paginated<InvitationView>))
)]
#[get("/team/invitations")]
pub async fn list_invitations(
    ctx: TenantCtx,
    db: web::Data<Db>,
    query: web::Query<ListQuery>,
) -> Result<web::Json<Paginated<InvitationView>>, ApiError> {
    let page = query.page()?;
    let scoped = ctx.open(&db, Permission::ManageTeam).await?;
    let invitations = scoped.tx.pending_invitations(page).await?;
    scoped.tx.commit().await?;
    Ok(web::Json(Paginated::from_page(invitations, InvitationView::from)))
}

/// Withdraws a pending invitation; its link stops working.
#[utoipa::path(
    tag = "team",
    params(("invitation_id" = InvitationId, Path, description = "The invitation's id")),
    security(("access_token" = [])),
    responses(
        (status = 204, description = "Withdrawn"),
        (status = 404, description = "No such pending invitation in this tenant"),
    )
)]
#[delete("/team/invitations/{invitation_id}")]
pub async fn revoke_invitation(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<InvitationId>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let scoped = ctx.open(&db, Permission::ManageTeam).await?;
    scoped.tx.delete_invitation(id).await?;
    scoped
        .tx
        .record(NewAuditEvent {
            actor: scoped.audit_actor(),
            action: "invitation.withdrawn",
            target_kind: "invitation",
            target_id: Some(id.as_uuid()),
            details: serde_json::json!({}),
        })
        .await?;
    scoped.tx.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}
