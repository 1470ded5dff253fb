//! The engine core: plain Rust, no JavaScript types, testable with `cargo test`.

pub mod canonical;
pub mod catalog;
pub mod catalog_describe;
pub mod catalog_diff;
pub mod catalog_impact;
pub mod correction;
pub mod date;
pub mod engine;
pub mod error;
pub mod extensions;
pub mod extract;
pub mod form;
pub mod form_data;
pub mod identifiers;
pub mod issue;
pub mod json_text;
pub mod messages;
pub mod pattern;
pub mod picker;
pub mod record;
pub mod same_json;
pub mod schema;
pub mod scoring;
pub mod sorting;
pub mod submission;
pub mod vocabulary;
