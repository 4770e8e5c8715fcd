//! A program's life after launch: it completes by itself once its end date has passed (the day
//! after it, in UTC), and its pairs end with it, as when a writer completes it.

use chrono::NaiveDate;
use tandem_domain::programs::ProgramState;
use tandem_store::{AuditActor, Db, NewAuditEvent, StoreError};

/// Completes every active program whose end date is before `today`; how many.
pub async fn complete_ended_programs(db: &Db, today: NaiveDate) -> Result<usize, StoreError> {
    let mut completed = 0;
    for (tenant, program, end) in db.active_programs_everywhere().await? {
        if end.is_none_or(|end| end >= today) {
            continue;
        }
        let tx = db.tenant(tenant).await?;
        // Another scheduler pass, or a writer, may have got there first: then nothing happens.
        match tx.set_program_state(program, ProgramState::Active, ProgramState::Completed).await {
            Ok(()) => {}
            Err(StoreError::NotFound) => continue,
            Err(other) => return Err(other),
        }
        let pairs = tx.end_pairs(program).await?;
        tx.record(NewAuditEvent {
            actor: AuditActor::System,
            action: "program.state_changed",
            target_kind: "program",
            target_id: Some(program.as_uuid()),
            details: serde_json::json!({ "from": "active", "to": "completed", "end_date": end, "pairs_ended": pairs }),
        })
        .await?;
        tx.commit().await?;
        completed += 1;
    }
    Ok(completed)
}
