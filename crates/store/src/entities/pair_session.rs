use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "pair_sessions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub pair_id: Uuid,
    pub held_at: DateTimeUtc,
    pub minutes: i32,
    pub format: String,
    pub topics: Json,
    pub planned: bool,
    pub logged_by: Uuid,
    pub took_part: Json,
    pub confirmed_at: Option<DateTimeUtc>,
    pub corrected: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
