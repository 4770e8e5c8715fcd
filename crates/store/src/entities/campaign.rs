use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "campaigns")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub program_id: Uuid,
    pub name: String,
    pub kind: String,
    pub state: String,
    pub public_token: String,
    pub public_opens: i32,
    pub deadline: Option<DateTimeUtc>,
    pub send_at: Option<DateTimeUtc>,
    pub reminder_hours_before: Option<i32>,
    pub messages: Json,
    pub questions: Json,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
