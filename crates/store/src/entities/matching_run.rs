use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "matching_runs")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub program_id: Uuid,
    pub mode: String,
    pub settings: Json,
    pub state: String,
    pub progress: i16,
    pub error: Option<String>,
    pub total: Option<f64>,
    pub pairs: Option<i32>,
    pub unmatched: Option<i32>,
    pub proven_optimal: bool,
    pub blocking_pairs: Option<i32>,
    pub result: Option<Json>,
    pub created_at: DateTimeUtc,
    pub finished_at: Option<DateTimeUtc>,
    pub published_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
