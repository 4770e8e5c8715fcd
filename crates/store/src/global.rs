//! What happens before a tenant is known: finding a user at login, listing that user's own
//! memberships (the one narrow path across tenants), and throttling failed logins.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, Set, Statement};
use tandem_domain::{PersonId, Role, TenantId, UserId};
use tandem_migrations::rls;

use crate::db::{Backend, Db};
use crate::entities::{login_throttle, membership, password_reset, person, signup, user};
use crate::error::{StoreError, corrupt};
use crate::records::{LoginThrottle, User, UserCredentials};

impl Db {
    pub async fn user_credentials(&self, email: &str) -> Result<Option<UserCredentials>, StoreError> {
        let model = user::Entity::find().filter(user::Column::Email.eq(email)).one(&self.conn).await?;
        model
            .map(|m| {
                let password_hash = m.password_hash.clone();
                user_record(m).map(|user| UserCredentials { user, password_hash })
            })
            .transpose()
    }

    /// The tenants a user belongs to, with their role in each, oldest membership first.
    /// On PostgreSQL this reads as the application role with only `tandem.user_id` set, which
    /// the memberships policy allows for the user's own rows and nothing else.
    pub async fn memberships_of(&self, user: UserId) -> Result<Vec<(TenantId, Role)>, StoreError> {
        let tx = self.begin().await?;
        if self.backend() == Backend::Postgres {
            tx.execute_unprepared(&format!("SET LOCAL ROLE {}", rls::APP_ROLE)).await?;
            tx.execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT set_config('tandem.user_id', $1, true)",
                [user.to_string().into()],
            ))
            .await?;
        }
        let mut rows =
            membership::Entity::find().filter(membership::Column::UserId.eq(user.as_uuid())).all(&tx).await?;
        tx.commit().await?;
        rows.sort_by_key(|m| m.created_at);
        rows.into_iter().map(|m| Ok((TenantId::from_uuid(m.tenant_id), m.role.parse().map_err(corrupt)?))).collect()
    }

    /// The failed-login count of an email; `None` when it has none.
    pub async fn login_throttle(&self, email: &str) -> Result<Option<LoginThrottle>, StoreError> {
        let row = login_throttle::Entity::find_by_id(email.to_owned()).one(&self.conn).await?;
        Ok(row
            .map(|r| LoginThrottle { failures: u32::try_from(r.failures).unwrap_or(0), locked_until: r.locked_until }))
    }

    /// Claims one login attempt for an email before its password is checked: the attempt is
    /// counted as a failure, and `lock_if_failed` is set as the lockout, in one statement that
    /// only succeeds when nobody changed the count since `seen` was read. Parallel guesses
    /// therefore cannot share one count: all but one lose the race and are refused.
    /// A successful login clears the count again ([`Db::clear_login_throttle`]).
    pub async fn claim_login_attempt(
        &self,
        email: &str,
        seen: Option<&LoginThrottle>,
        lock_if_failed: Option<DateTime<Utc>>,
    ) -> Result<bool, StoreError> {
        let now = Utc::now();
        let claimed = match seen {
            None => {
                let row = login_throttle::ActiveModel {
                    email: Set(email.to_owned()),
                    failures: Set(1),
                    locked_until: Set(lock_if_failed),
                    updated_at: Set(now),
                };
                login_throttle::Entity::insert(row)
                    .on_conflict(OnConflict::column(login_throttle::Column::Email).do_nothing().to_owned())
                    .exec_without_returning(&self.conn)
                    .await?
            }
            Some(seen) => {
                let failures = i32::try_from(seen.failures).unwrap_or(i32::MAX);
                login_throttle::Entity::update_many()
                    .col_expr(login_throttle::Column::Failures, Expr::value(failures.saturating_add(1)))
                    .col_expr(login_throttle::Column::LockedUntil, Expr::value(lock_if_failed))
                    .col_expr(login_throttle::Column::UpdatedAt, Expr::value(now))
                    .filter(login_throttle::Column::Email.eq(email))
                    .filter(login_throttle::Column::Failures.eq(failures))
                    .exec(&self.conn)
                    .await?
                    .rows_affected
            }
        };
        Ok(claimed == 1)
    }

    /// Forgets the counts of emails that have not failed for a day and are not locked.
    pub async fn purge_login_throttles(&self) -> Result<u64, StoreError> {
        let now = Utc::now();
        let result = login_throttle::Entity::delete_many()
            .filter(login_throttle::Column::UpdatedAt.lt(now - chrono::Duration::days(1)))
            .filter(
                Condition::any()
                    .add(login_throttle::Column::LockedUntil.is_null())
                    .add(login_throttle::Column::LockedUntil.lt(now)),
            )
            .exec(&self.conn)
            .await?;
        Ok(result.rows_affected)
    }

    /// Forgets sign-ups whose link expired and password resets a day past their expiry.
    pub async fn purge_account_links(&self) -> Result<u64, StoreError> {
        let now = Utc::now();
        let signups = signup::Entity::delete_many().filter(signup::Column::ExpiresAt.lt(now)).exec(&self.conn).await?;
        let resets = password_reset::Entity::delete_many()
            .filter(password_reset::Column::ExpiresAt.lt(now - chrono::Duration::days(1)))
            .exec(&self.conn)
            .await?;
        Ok(signups.rows_affected + resets.rows_affected)
    }

    /// The directory entries with this work email, in every tenant: whom a participant's
    /// sign-in link goes to. On PostgreSQL this reads as the application role with only
    /// `tandem.sign_in_email` set, which the people policy `participant_sign_in` allows for
    /// rows with exactly that email and nothing else (the one narrow path for participants).
    pub async fn people_with_email(&self, email: &str) -> Result<Vec<(TenantId, PersonId)>, StoreError> {
        let tx = self.begin().await?;
        if self.backend() == Backend::Postgres {
            tx.execute_unprepared(&format!("SET LOCAL ROLE {}", rls::APP_ROLE)).await?;
            tx.execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT set_config('tandem.sign_in_email', $1, true)",
                [email.to_owned().into()],
            ))
            .await?;
        }
        let rows = person::Entity::find().filter(person::Column::Email.eq(email)).all(&tx).await?;
        tx.commit().await?;
        Ok(rows.into_iter().map(|p| (TenantId::from_uuid(p.tenant_id), PersonId::from_uuid(p.id))).collect())
    }

    pub async fn clear_login_throttle(&self, email: &str) -> Result<(), StoreError> {
        login_throttle::Entity::delete_by_id(email.to_owned()).exec(&self.conn).await?;
        Ok(())
    }
}

pub(crate) fn user_record(model: user::Model) -> Result<User, StoreError> {
    Ok(User {
        id: UserId::from_uuid(model.id),
        email: model.email,
        name: model.name,
        locale: model.locale.parse().map_err(corrupt)?,
        created_at: model.created_at,
    })
}
