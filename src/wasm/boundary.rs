//! Reading hostile JS values into plain JSON values.
//!
//! A snapshot of own, enumerable properties of plain objects and arrays is
//! read, each property once (SPEC §8.2). The walk runs in JS (`read.js`, every
//! access guarded) and hands over JSON text in one call; sizes are checked
//! before anything is copied and the depth is bounded, so no input can
//! exhaust the stack, the memory or the time.

use serde_json::Value;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use crate::core::issue::{Finding, Kind};
use crate::core::json_text::{read_text, read_text_replaced, TextError, TextValue, MAX_TEXT_BYTES};

#[cfg(feature = "full")]
pub use crate::core::json_text::RECORD_LIMITS;
pub use crate::core::json_text::{Limits, CATALOG_LIMITS, FORM_LIMITS};

/// The value read, and findings about what could not be read as given.
pub struct Read {
    /// The JSON value (`Null` when the whole input was too large).
    pub value: Value,
    /// `type` for exotic values, `text.replaced` for lone surrogates,
    /// `input.too-large` (alone) when a limit was hit.
    pub findings: Vec<Finding>,
}

#[wasm_bindgen(module = "/src/wasm/read.js")]
extern "C" {
    /// The walk itself runs in JS (read.js): one call across the boundary
    /// instead of several per property, each guarded with `try`.
    #[wasm_bindgen(js_name = readHostValue, catch)]
    fn read_host_value(
        input: &JsValue,
        string_units: u32,
        depth: u32,
        nodes: u32,
        array_items: u32,
    ) -> Result<String, JsValue>;

    /// UTF-16 indexes of the lone surrogates in `text`, or `None` when it
    /// has none (read.js): what a JS string loses when it crosses.
    #[wasm_bindgen(js_name = loneSurrogates)]
    fn lone_surrogates(text: &JsValue) -> Option<Vec<u32>>;

    /// A post's entries as JSON text `[name, value, …]` (read.js), in one
    /// call; `None` when they are not iterable.
    #[wasm_bindgen(js_name = readEntries)]
    fn read_entries_text(entries: &JsValue, limit: u32) -> Option<String>;

    /// A lowercase UUID v4 from the page's `crypto`, `None` without one
    /// (read.js).
    #[wasm_bindgen(js_name = randomUuid)]
    pub fn random_uuid() -> Option<String>;

    /// `[member, rest]` of an options object (read.js): the member `key`
    /// and a copy of the others; `None` when reading it threw.
    #[wasm_bindgen(js_name = splitMember)]
    pub fn split_member(options: &JsValue, key: &str) -> Option<js_sys::Array>;

    /// An `Error` named `SignalError` with `code` and, given as JSON text,
    /// `issues` (read.js).
    #[wasm_bindgen(js_name = signalError)]
    pub fn signal_error(code: &str, message: &str, issues: Option<String>) -> JsValue;

    /// A posted body (entries, or an object of strings and string arrays)
    /// as JSON text `[name, value, …]` (read.js), in one call; `None` when
    /// it is not an object or could not be read.
    #[cfg(feature = "full")]
    #[wasm_bindgen(js_name = readBody)]
    fn read_body_text(body: &JsValue, limit: u32) -> Option<String>;
}

/// The `[name, value]` text pairs of a post's entries, at most `limit`;
/// `None` when `entries` is not a FormData or an iterable of pairs.
pub fn read_entries(entries: &JsValue, limit: usize) -> Option<Vec<(String, String)>> {
    pairs_of(&read_entries_text(entries, u32::try_from(limit).unwrap_or(u32::MAX))?)
}

/// The `[name, value]` text pairs of a posted body, at most `limit` entries;
/// `None` when it is not an object or reading it threw.
#[cfg(feature = "full")]
pub fn read_body(body: &JsValue, limit: usize) -> Option<Vec<(String, String)>> {
    pairs_of(&read_body_text(body, u32::try_from(limit).unwrap_or(u32::MAX))?)
}

/// The pairs of the JSON text `[name, value, …]` read.js hands over.
fn pairs_of(text: &str) -> Option<Vec<(String, String)>> {
    let serde_json::Value::Array(flat) = crate::core::json_text::parse_strict(text).ok()? else { return None };
    let mut texts = flat.into_iter().filter_map(|value| match value {
        serde_json::Value::String(text) => Some(text),
        _ => None,
    });
    let mut pairs = Vec::new();
    while let (Some(name), Some(value)) = (texts.next(), texts.next()) {
        pairs.push((name, value));
    }
    Some(pairs)
}

/// JSON text handed to the engine as a JS string, read within `limits`:
/// `None` when `value` is not a string. Lone surrogates, which the string
/// loses on its way into the module, still give their `text.replaced`.
pub fn read_json_string(value: &JsValue, limits: Limits) -> Option<Result<TextValue, TextError>> {
    let string = value.dyn_ref::<js_sys::JsString>()?;
    // A string of more UTF-16 units than the limit has more UTF-8 bytes
    // too: refused before it is copied into the module.
    if usize::try_from(string.length()).map_or(true, |units| units > MAX_TEXT_BYTES) {
        return Some(Err(TextError::TooLarge));
    }
    let text = value.as_string()?;
    let Some(units) = lone_surrogates(value) else { return Some(read_text(&text, limits)) };
    // Each lone surrogate became one U+FFFD (3 bytes for 1 unit): the byte
    // offsets of those characters.
    let mut offsets = Vec::with_capacity(units.len());
    let mut wanted = units.iter().map(|unit| *unit as usize).peekable();
    let mut unit = 0;
    for (byte, character) in text.char_indices() {
        if wanted.peek().is_none() {
            break;
        }
        if wanted.peek() == Some(&unit) {
            wanted.next();
            offsets.push(byte);
        }
        unit += character.len_utf16();
    }
    Some(read_text_replaced(&text, limits, &offsets))
}

/// Reads `value` within `limits`.
pub fn read(value: &JsValue, limits: Limits) -> Read {
    let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let text = read_host_value(
        value,
        clamp(limits.string_units),
        clamp(limits.depth),
        clamp(limits.nodes),
        clamp(limits.array_items),
    );
    // The one JSON parser of the module (read.js never writes a name twice).
    let parsed = text.ok().and_then(|text| crate::core::json_text::parse_strict(&text).ok());
    let Some(Value::Array(mut parts)) = parsed else {
        return Read { value: Value::Null, findings: vec![Finding::error("", Kind::Type)] };
    };
    if parts.get(2) == Some(&Value::Bool(true)) {
        return Read { value: Value::Null, findings: vec![Finding::error("", Kind::InputTooLarge)] };
    }
    let findings = match parts.get(1) {
        Some(Value::Array(list)) => list.iter().filter_map(finding).collect(),
        _ => Vec::new(),
    };
    parts.truncate(1);
    Read { value: parts.pop().unwrap_or(Value::Null), findings }
}

/// One `[path, code]` pair of the JS walk as a finding.
fn finding(pair: &Value) -> Option<Finding> {
    let path = pair.get(0)?.as_str()?;
    match pair.get(1)?.as_str()? {
        "text.replaced" => Some(Finding::warning(path, Kind::TextReplaced)),
        _ => Some(Finding::error(path, Kind::Type)),
    }
}
