//! Who took part in a pair's session: both members unless one could not. Sessions recorded
//! before this column have an empty list: nobody was asked then.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter().table("pair_sessions").add_column(json("took_part").default(Expr::val("[]"))).to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("pair_sessions").drop_column("took_part").to_owned()).await
    }
}
