//! The engine's JSON reading: the infrastructure's strict reader, with what
//! it notices turned into findings (the infrastructure knows no issue kinds).

pub use signal_infra::json_text::{parse_strict, to_text, to_value, Limits, TextError, FORM_LIMITS, RECORD_LIMITS};
use signal_infra::json_text::{Note, NoteKind};
#[cfg(target_arch = "wasm32")]
pub use signal_infra::json_text::{CATALOG_LIMITS, MAX_TEXT_BYTES};

use serde_json::Value;

use super::issue::{Finding, Kind};

/// JSON text read as a value, with what `JSON.parse` and the JS walk
/// (`read.js`) would have reported about it.
#[derive(Debug, Clone, PartialEq)]
pub struct TextValue {
    /// The value (`Null` when a limit was passed).
    pub value: Value,
    /// `text.replaced` (warning) where a lone surrogate became U+FFFD,
    /// `type` where a number is outside the double range (read as `false`),
    /// or `input.too-large` alone at `""` when a limit was passed.
    pub findings: Vec<Finding>,
}

/// Reads JSON text as the engine's entry points do (SPEC §8); see
/// [`signal_infra::json_text::read_text`].
pub fn read_text(text: &str, limits: Limits) -> Result<TextValue, TextError> {
    signal_infra::json_text::read_text(text, limits).map(with_findings)
}

#[cfg(target_arch = "wasm32")]
/// [`read_text`] of text in which the U+FFFD at each of the byte offsets
/// `replaced` stands for a raw lone surrogate of the original text.
pub fn read_text_replaced(text: &str, limits: Limits, replaced: &[usize]) -> Result<TextValue, TextError> {
    signal_infra::json_text::read_text_replaced(text, limits, replaced).map(with_findings)
}

fn with_findings(read: signal_infra::json_text::TextValue) -> TextValue {
    TextValue { value: read.value, findings: read.notes.into_iter().map(finding).collect() }
}

/// The issue a note of the reader is.
fn finding(note: Note) -> Finding {
    match note.kind {
        NoteKind::Replaced => Finding::warning(note.at, Kind::TextReplaced),
        NoteKind::OutOfRange => Finding::error(note.at, Kind::Type),
        NoteKind::TooLarge => Finding::error(note.at, Kind::InputTooLarge),
    }
}
