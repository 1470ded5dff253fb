//! The pattern matcher (host extension and schema patterns). Input: a
//! pattern, a newline, a text. Invariants: no panic, whatever the pattern;
//! a pattern it accepts is accepted by regex-lite too, with the same answer.
#![no_main]

use libfuzzer_sys::fuzz_target;
use signal_indicators::Pattern;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else { return };
    let (pattern, text) = input.split_once('\n').unwrap_or((input, ""));
    let Ok(ours) = Pattern::whole(pattern) else { return };
    let theirs = regex_lite::Regex::new(&format!("^(?:{pattern})$")).expect("regex-lite refuses a pattern we accept");
    assert_eq!(ours.is_match(text), theirs.is_match(text), "pattern {pattern:?} on {text:?}");
});
