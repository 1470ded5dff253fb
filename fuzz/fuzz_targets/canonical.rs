//! The RFC 8785 canonicalizer. Invariants: no panic; canonicalizing the
//! canonical form changes nothing (idempotence); the canonical form reads
//! back as the same JSON value (round trip) when its numbers are exact.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use signal_indicators::canonical_bytes;
use signal_indicators::parse_strict;

fn exact_numbers(value: &Value) -> bool {
    match value {
        Value::Number(n) => {
            n.as_u64().is_some_and(|n| n <= 1 << 53) || n.as_i64().is_some_and(|n| n.unsigned_abs() <= 1 << 53)
        }
        Value::Array(items) => items.iter().all(exact_numbers),
        Value::Object(map) => map.values().all(exact_numbers),
        _ => true,
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(value) = parse_strict(text) else { return };
    let Ok(canonical) = canonical_bytes(&value) else { return };
    let canonical_text = std::str::from_utf8(&canonical).expect("canonical form is UTF-8");
    let reread = parse_strict(canonical_text).expect("canonical form is JSON");
    assert_eq!(canonical_bytes(&reread).expect("canonical"), canonical, "not idempotent");
    if exact_numbers(&value) {
        assert_eq!(reread, value, "round trip changed the value");
    }
});
