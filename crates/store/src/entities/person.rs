use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "people")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub external_id: String,
    pub name: String,
    pub name_reading: Option<String>,
    pub email: String,
    pub department: Option<String>,
    pub function: Option<String>,
    pub region: Option<String>,
    pub location: Option<String>,
    pub job_level: Option<i16>,
    pub title: Option<String>,
    pub manager_id: Option<Uuid>,
    pub time_zone: Option<String>,
    pub languages: Json,
    pub skills: Json,
    pub skills_index: String,
    pub is_executive: bool,
    pub hire_date: Option<Date>,
    pub preferred_locale: String,
    pub gender: Option<String>,
    pub age_band: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
