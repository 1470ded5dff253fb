//! The infrastructure under `signal-indicators`: the strict JSON reader and
//! writer, JSON Pointers, RFC 8785 canonical JSON and its SHA-256 digests,
//! the JSON Schema validator, calendar dates and instants, the anchored
//! pattern matcher, the comparison of typed values with JSON, sorting, and
//! the small sorted map the engine uses for text keys.
//!
//! This crate is the lowest layer: it knows no issue kinds, no messages and
//! no locales, and it cannot import the engine above it (the compiler
//! refuses it), so no import circle can come back across it.

pub mod canonical;
pub mod date;
pub mod json_text;
pub mod pattern;
pub mod pointer;
pub mod same_json;
pub mod schema;
pub mod sorting;
pub mod text_map;
