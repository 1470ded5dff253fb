//! The engine core: plain Rust, no JavaScript types, testable with `cargo test`.

// The infrastructure crate's modules, where the core's files name them.
pub use signal_infra::{canonical, date, pattern, same_json, sorting, text_map};

pub mod catalog;
pub mod catalog_describe;
pub mod catalog_diff;
pub mod catalog_impact;
pub mod correction;
pub mod engine;
pub mod error;
pub mod extensions;
pub mod extract;
pub mod fields;
pub mod form;
pub mod form_data;
pub mod identifiers;
pub mod issue;
pub mod json_text;
pub mod locale;
pub mod messages;
pub mod picker;
pub mod protected;
pub mod record;
pub mod schema;
pub mod scoring;
pub mod session;
pub mod submission;
pub mod vocabulary;
