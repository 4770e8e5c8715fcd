//! PostgreSQL's row-level security, the second wall behind the scoped store.

use sea_orm::{ConnectionTrait, DatabaseConnection, DatabaseTransaction, Statement, TransactionTrait};
use serde_json::json;
use tandem_tests::{Backend, TestApp};

use crate::tenancy::{Tenant, populate};

async fn postgres() -> Option<TestApp> {
    TestApp::spawn(Backend::Postgres).await
}

async fn tenant_tables(db: &DatabaseConnection) -> Vec<String> {
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT table_name FROM information_schema.columns
             WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY table_name",
        ))
        .await
        .unwrap();
    let mut tables: Vec<String> = rows.iter().map(|r| r.try_get("", "table_name").unwrap()).collect();
    tables.push("tenants".into());
    tables
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_tenant_table_has_row_level_security_forced_with_policies() {
    let Some(app) = postgres().await else { return };
    let db = app.database().await;
    let tables = tenant_tables(&db).await;
    assert!(tables.len() >= 6, "{tables:?}");
    for table in tables {
        let row = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                format!(
                    "SELECT c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
                            (SELECT COUNT(*) FROM pg_policies p WHERE p.tablename = c.relname) AS policies
                     FROM pg_class c WHERE c.relname = '{table}' AND c.relkind = 'r'"
                ),
            ))
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("{table} exists"));
        assert!(row.try_get::<bool>("", "enabled").unwrap(), "{table}: RLS enabled");
        assert!(row.try_get::<bool>("", "forced").unwrap(), "{table}: RLS forced");
        assert!(row.try_get::<i64>("", "policies").unwrap() >= 4, "{table}: a policy per command");
    }
    let bypass = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT rolbypassrls AS bypass, rolsuper AS super FROM pg_roles WHERE rolname = 'tandem_app'",
        ))
        .await
        .unwrap()
        .expect("the application role exists");
    assert!(!bypass.try_get::<bool>("", "bypass").unwrap() && !bypass.try_get::<bool>("", "super").unwrap());
}

/// Gives a populated tenant rows in the tables `populate` leaves empty: a suppression, a
/// template of its own, and a closed campaign with an invitee.
async fn fill_the_rest(app: &TestApp, tenant: &Tenant) {
    let token = tenant.owner.access_token.as_str();
    app.post("/api/v1/email/suppressions", Some(token), json!({"email": "gone@example.test", "category": "all"}))
        .await
        .ok(204);
    let template = json!({"subject": "Join us", "html": "<p>{{ link }}</p>", "text": "{{ link }}"});
    app.request(reqwest::Method::PUT, "/api/v1/email/templates/invitation/en", Some(token), Some(template))
        .await
        .ok(204);
    let campaign = app
        .post(
            &format!("/api/v1/programs/{}/campaigns", tenant.program_id),
            Some(token),
            json!({"name": "Invite only", "kind": "closed"}),
        )
        .await;
    let campaign_id = campaign.ok(201)["id"].as_str().unwrap().to_owned();
    let invite = json!({"person_ids": [tenant.person_id], "eligible_only": false});
    app.post(&format!("/api/v1/campaigns/{campaign_id}/invitees"), Some(token), invite).await.ok(200);
}

async fn count_as_app(tx: &DatabaseTransaction, table: &str) -> i64 {
    let row = tx
        .query_one_raw(Statement::from_string(tx.get_database_backend(), format!("SELECT COUNT(*) AS n FROM {table}")))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_query_without_the_tenant_setting_sees_no_rows() {
    let Some(app) = postgres().await else { return };
    let alpha = populate(&app, "alpha").await;
    let beta = populate(&app, "beta").await;
    fill_the_rest(&app, &alpha).await;
    fill_the_rest(&app, &beta).await;
    let db = app.database().await;
    let backend = db.get_database_backend();
    let tables = tenant_tables(&db).await;
    let tenant_column = |table: &str| if table == "tenants" { "id" } else { "tenant_id" };

    // Every tenant table holds rows of both tenants, so what follows proves something.
    for table in &tables {
        for tenant in [&alpha, &beta] {
            let row = db
                .query_one_raw(Statement::from_string(
                    backend,
                    format!(
                        "SELECT COUNT(*) AS n FROM {table} WHERE {} = '{}'",
                        tenant_column(table),
                        tenant.owner.tenant_id
                    ),
                ))
                .await
                .unwrap()
                .unwrap();
            assert!(row.try_get::<i64>("", "n").unwrap() > 0, "{table} has rows of {}", tenant.owner.tenant_id);
        }
    }

    let tx = db.begin().await.unwrap();
    tx.execute_unprepared("SET LOCAL ROLE tandem_app").await.unwrap();
    for table in &tables {
        assert_eq!(count_as_app(&tx, table).await, 0, "{table} is visible without a tenant");
    }
    tx.rollback().await.unwrap();

    let tx = db.begin().await.unwrap();
    tx.execute_unprepared("SET LOCAL ROLE tandem_app").await.unwrap();
    tx.execute_unprepared(&format!("SELECT set_config('tandem.tenant_id', '{}', true)", alpha.owner.tenant_id))
        .await
        .unwrap();
    for table in &tables {
        let foreign =
            count_as_app(&tx, &format!("{table} WHERE {} <> '{}'", tenant_column(table), alpha.owner.tenant_id)).await;
        assert_eq!(foreign, 0, "{table}: beta's rows are invisible to alpha");
        assert!(count_as_app(&tx, table).await > 0, "{table}: alpha sees its own rows");
    }
    let write = tx
        .execute_unprepared(&format!(
            "INSERT INTO audit_events (tenant_id, id, actor_kind, action, target_kind, details, created_at)
             VALUES ('{}', gen_random_uuid(), 'system', 'forged', 'tenant', '{{}}', now())",
            beta.owner.tenant_id
        ))
        .await;
    assert!(write.is_err(), "a write into another tenant is refused");
    tx.rollback().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_worker_cannot_move_a_job_to_another_tenant() {
    let Some(app) = postgres().await else { return };
    let alpha = app.signup("alpha", "owner@alpha.example").await;
    let beta = app.signup("beta", "owner@beta.example").await;
    let job = app.enqueue(&alpha.tenant_id, "no_such_kind", json!({}), "stay-home").await;
    let db = app.database().await;
    let tx = db.begin().await.unwrap();
    tx.execute_unprepared("SET LOCAL ROLE tandem_app").await.unwrap();
    tx.execute_unprepared("SELECT set_config('tandem.queue', 'worker', true)").await.unwrap();
    let moved =
        tx.execute_unprepared(&format!("UPDATE jobs SET tenant_id = '{}' WHERE id = '{job}'", beta.tenant_id)).await;
    assert!(moved.is_err(), "the worker's reach across tenants does not let it move a job");
    tx.rollback().await.unwrap();
}
