//! # signal-indicators
//!
//! Validates IND signal forms, scores the recorded indicators as
//! explainable advice (never a decision, never based on who a person is)
//! and emits standardized signal records: RFC 8785 canonical JSON with a
//! SHA-256 digest.
//!
//! The [`core`] is plain Rust; the WebAssembly bindings (`src/wasm/`) are a
//! thin layer over it, and the native CLI (`src/bin/`) uses it directly.
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

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use crate::core::canonical::{canonical_bytes, canonical_digest, sha256_tagged};
pub use crate::core::catalog::{ActiveCatalog, Catalog, EXAMPLE_CATALOG_JSON};
pub use crate::core::date::{Date, Instant};
pub use crate::core::engine::{default_today, Evaluation, RoutingAdvice, SignalEngine};
pub use crate::core::error::SignalError;
pub use crate::core::extensions::ExtensionDeclaration;
pub use crate::core::form_data::input_from_entries;
pub use crate::core::issue::{Finding, Issue, Kind, Severity, CODES};
pub use crate::core::messages::Locale;
pub use crate::core::record::{RecordStamp, SignalRecord, Verification};
pub use crate::core::schema::{catalog_schema, record_schema, Problem};
