//! Verification of the three record types (signal records, corrections,
//! extracts; seeds of each). Invariants: no panic; a failed verdict names an issue.
#![no_main]

use libfuzzer_sys::fuzz_target;
use signal_indicators::parse_strict;
use signal_indicators::{Locale, SignalEngine};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(record) = parse_strict(text) else { return };
    let verification = SignalEngine::example(Locale::En).verify_record(&record, &[]);
    assert!(verification.ok || !verification.issues.is_empty(), "a failed verdict without issues");
});
