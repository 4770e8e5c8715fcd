//! The tenant's audit log: who did what to which object, newest first.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use tandem_domain::AuditEventId;

use super::TenantTx;
use crate::entities::audit_event;
use crate::error::StoreError;
use crate::page::{Page, PageRequest};
use crate::records::{AuditActor, AuditEvent, NewAuditEvent};

impl TenantTx {
    pub async fn record(&self, event: NewAuditEvent) -> Result<(), StoreError> {
        let (actor_kind, actor_id) = match event.actor {
            AuditActor::User(id) => ("user", Some(id.as_uuid())),
            AuditActor::ApiKey(id) => ("api_key", Some(id.as_uuid())),
            AuditActor::System => ("system", None),
        };
        audit_event::ActiveModel {
            tenant_id: Set(self.tid()),
            id: Set(AuditEventId::new().as_uuid()),
            actor_kind: Set(actor_kind.to_owned()),
            actor_id: Set(actor_id),
            action: Set(event.action.to_owned()),
            target_kind: Set(event.target_kind.to_owned()),
            target_id: Set(event.target_id),
            details: Set(event.details),
            created_at: Set(Utc::now()),
        }
        .insert(&self.tx)
        .await?;
        Ok(())
    }

    pub async fn audit_events(&self, page: PageRequest) -> Result<Page<AuditEvent>, StoreError> {
        let mut query = audit_event::Entity::find()
            .filter(audit_event::Column::TenantId.eq(self.tid()))
            .order_by_desc(audit_event::Column::Id)
            .limit(page.limit + 1);
        if let Some(after) = page.after {
            query = query.filter(audit_event::Column::Id.lt(after));
        }
        let rows = query
            .all(&self.tx)
            .await?
            .into_iter()
            .map(|m| AuditEvent {
                id: AuditEventId::from_uuid(m.id),
                actor_kind: m.actor_kind,
                actor_id: m.actor_id,
                action: m.action,
                target_kind: m.target_kind,
                target_id: m.target_id,
                details: m.details,
                created_at: m.created_at,
            })
            .collect();
        Ok(Page::from_overfetch(rows, page.limit, |e| e.id.as_uuid()))
    }
}
