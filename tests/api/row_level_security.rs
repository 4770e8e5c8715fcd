//! PostgreSQL's row-level security, the second wall behind the scoped store.

use sea_orm::{ConnectionTrait, DatabaseConnection, Statement, TransactionTrait};
use tandem_tests::{Backend, TestApp};

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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_query_without_the_tenant_setting_sees_no_rows() {
    let Some(app) = postgres().await else { return };
    let alpha = app.signup("alpha", "owner@alpha.example").await;
    let beta = app.signup("beta", "owner@beta.example").await;
    app.post("/api/v1/api-keys", Some(&beta.access_token), serde_json::json!({"name": "k", "scopes": ["read"]}))
        .await
        .ok(201);
    let db = app.database().await;
    let backend = db.get_database_backend();
    let tables = tenant_tables(&db).await;

    let tx = db.begin().await.unwrap();
    tx.execute_unprepared("SET LOCAL ROLE tandem_app").await.unwrap();
    for table in &tables {
        let row = tx
            .query_one_raw(Statement::from_string(backend, format!("SELECT COUNT(*) AS n FROM {table}")))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(row.try_get::<i64>("", "n").unwrap(), 0, "{table} is visible without a tenant");
    }
    tx.rollback().await.unwrap();

    let tx = db.begin().await.unwrap();
    tx.execute_unprepared("SET LOCAL ROLE tandem_app").await.unwrap();
    tx.execute_unprepared(&format!("SELECT set_config('tandem.tenant_id', '{}', true)", alpha.tenant_id))
        .await
        .unwrap();
    let count = |table: &'static str| {
        let tx = &tx;
        async move {
            let row = tx
                .query_one_raw(Statement::from_string(backend, format!("SELECT COUNT(*) AS n FROM {table}")))
                .await
                .unwrap()
                .unwrap();
            row.try_get::<i64>("", "n").unwrap()
        }
    };
    assert_eq!(count("tenants").await, 1);
    assert_eq!(count("memberships").await, 1);
    assert_eq!(count("api_keys").await, 0, "beta's key is invisible to alpha");
    let write = tx
        .execute_unprepared(&format!(
            "INSERT INTO audit_events (tenant_id, id, actor_kind, action, target_kind, details, created_at)
             VALUES ('{}', gen_random_uuid(), 'system', 'forged', 'tenant', '{{}}', now())",
            beta.tenant_id
        ))
        .await;
    assert!(write.is_err(), "a write into another tenant is refused");
    tx.rollback().await.unwrap();
    assert_eq!(app.count("audit_events").await, 3, "only the sign-ups' and the key's events exist");
}
