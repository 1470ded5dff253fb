//! # signal-indicators
//!
//! Validates IND signal forms, scores the recorded indicators as
//! explainable advice (never a decision, never based on who a person is)
//! and emits standardized signal records: RFC 8785 canonical JSON with a
//! SHA-256 digest.
//!
//! The core (`src/core/`) is plain Rust; the WebAssembly bindings
//! (`src/wasm/`) are a thin layer over it, and the native CLI (`src/bin/`)
//! uses what this file exports, like any other user of the crate: the
//! core's modules are private, so everything public is named here.
//!
//! ```
//! use signal_indicators::{Date, Locale, SignalEngine};
//! use serde_json::json;
//!
//! let engine = SignalEngine::example(Locale::En);
//! let today = Date::parse("2026-11-28").unwrap();
//! let evaluation = engine.evaluate(&json!({ "indicators": [] }), today);
//! assert!(!evaluation.valid);
//! assert!(evaluation.issues.iter().any(|i| i.code == "array.too-few"));
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod core;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use crate::core::canonical::{canonical_bytes, canonical_digest, sha256_tagged};
pub use crate::core::catalog::{ActiveCatalog, Catalog, KnownCatalog, EXAMPLE_CATALOG_JSON};
pub use crate::core::catalog_describe::describe_catalog;
pub use crate::core::catalog_diff::{diff_catalogs, differences_markdown, CatalogDifference};
pub use crate::core::catalog_impact::{catalog_impact, CatalogImpact};
pub use crate::core::correction::CORRECTION_TYPE;
pub use crate::core::date::{Date, Instant};
pub use crate::core::engine::{default_today, Evaluation, RoutingAdvice, SignalEngine};
pub use crate::core::error::SignalError;
pub use crate::core::extensions::{declarations_from_value, ExtensionDeclaration};
pub use crate::core::form_data::{control_of, entries_from_input, input_from_entries, Control, PostMapping};
pub use crate::core::issue::{Finding, Issue, Kind, Severity, CODES};
pub use crate::core::json_text::{parse_strict, read_text, TextValue, FORM_LIMITS, RECORD_LIMITS};
pub use crate::core::messages::Locale;
pub use crate::core::pattern::Pattern;
pub use crate::core::picker::render_picker;
pub use crate::core::record::{is_uuid_v4, record_digest, Checks, RecordStamp, SignalRecord, Verification};
pub use crate::core::schema::{catalog_schema, record_schema, Problem};
pub use crate::core::session::{FormSession, FormState};
pub use crate::core::submission::{Seen, Submission, SubmissionRules, DEFAULT_MAX_AGE_SECONDS, DEFAULT_RECORD_FIELD};
