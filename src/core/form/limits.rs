//! What an input may hold (SPEC §4 limits), checked before anything is read.

use serde_json::Value;

/// Most string data an input may hold, in UTF-8 bytes (1 MiB).
pub const MAX_STRING_BYTES: usize = 1 << 20;
/// Deepest nesting of objects and arrays an input may have.
pub const MAX_DEPTH: usize = 16;
/// Most indicators on one form.
pub const MAX_INDICATORS: usize = 200;
/// Most evidence references on one indicator.
pub const MAX_EVIDENCE_REFS: usize = 20;
/// Most entries in `sharedWith`.
pub const MAX_SHARED_WITH: usize = 100;

/// True when the input holds more than [`MAX_STRING_BYTES`] of strings or
/// nests deeper than [`MAX_DEPTH`]; no input can exhaust the stack.
pub fn exceeds_limits(input: &Value) -> bool {
    exceeds_limits_with(input, MAX_STRING_BYTES, MAX_DEPTH)
}

/// True when `input` holds more than `max_bytes` of strings (keys included)
/// or nests objects and arrays deeper than `max_depth`. The walk descends
/// no further than `max_depth + 1` levels, so no input can exhaust the stack.
pub fn exceeds_limits_with(input: &Value, max_bytes: usize, max_depth: usize) -> bool {
    fn exceeds(value: &Value, depth: usize, limits: (usize, usize), bytes: &mut usize) -> bool {
        let (max_bytes, max_depth) = limits;
        match value {
            Value::String(s) => {
                *bytes = bytes.saturating_add(s.len());
                *bytes > max_bytes
            }
            Value::Array(items) => depth > max_depth || items.iter().any(|v| exceeds(v, depth + 1, limits, bytes)),
            Value::Object(map) => {
                depth > max_depth
                    || map.iter().any(|(key, v)| {
                        *bytes = bytes.saturating_add(key.len());
                        *bytes > max_bytes || exceeds(v, depth + 1, limits, bytes)
                    })
            }
            _ => false,
        }
    }
    exceeds(input, 1, (max_bytes, max_depth), &mut 0)
}
