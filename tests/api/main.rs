//! The API end to end, over HTTP, on SQLite and on PostgreSQL.

mod abuse;
mod access;
mod api_keys;
mod audit;
mod auth;
mod campaign_changes;
mod console;
mod demo;
mod email;
mod free_text;
mod headers;
mod imports;
mod languages;
mod openapi;
mod operations;
mod outbox;
mod people;
mod programs;
mod queue;
mod recruitment;
mod row_level_security;
mod team;
mod templates;
mod tenancy;
mod tokens;
mod workers;
