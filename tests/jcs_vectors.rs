//! The canonicalizer against every RFC 8785 test vector by the RFC's author
//! (`shared/testdata/jcs`): input → exactly the expected output bytes.
#![cfg(not(target_arch = "wasm32"))] // Native suite; the browser suite is tests/web.rs.

use std::path::PathBuf;

use signal_indicators::canonical_bytes;
use signal_indicators::parse_strict;

fn vectors_dir() -> PathBuf {
    // Shipped beside the repository; a copy under tests/data keeps the test
    // usable when the repository travels alone.
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shared = manifest.join("../shared/testdata/jcs");
    if shared.join("input").is_dir() {
        shared
    } else {
        manifest.join("tests/data/jcs")
    }
}

#[test]
fn every_vector_canonicalizes_to_the_exact_bytes() {
    let dir = vectors_dir();
    let mut names: Vec<String> = std::fs::read_dir(dir.join("input"))
        .expect("JCS vectors present")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    names.sort();
    assert!(names.len() >= 6, "expected the six RFC 8785 vectors, found {names:?}");
    for name in names {
        let input = std::fs::read_to_string(dir.join("input").join(&name)).expect("read input");
        let expected = std::fs::read(dir.join("output").join(&name)).expect("read output");
        let hex = std::fs::read_to_string(dir.join("outhex").join(name.replace(".json", ".txt"))).expect("read outhex");
        let from_hex: Vec<u8> = hex.split_whitespace().map(|b| u8::from_str_radix(b, 16).expect("hex byte")).collect();
        assert_eq!(expected, from_hex, "{name}: output and outhex disagree");
        let value = parse_strict(&input).unwrap_or_else(|e| panic!("{name}: {e}"));
        let actual = canonical_bytes(&value).expect("canonicalize");
        assert_eq!(
            String::from_utf8_lossy(&actual),
            String::from_utf8_lossy(&expected),
            "{name}: canonical form differs"
        );
        assert_eq!(actual, expected, "{name}: bytes differ");
        // Idempotent: canonicalizing the canonical form changes nothing.
        let again =
            canonical_bytes(&parse_strict(&String::from_utf8_lossy(&actual)).expect("reparse")).expect("canonicalize");
        assert_eq!(again, actual, "{name}: not idempotent");
    }
}
