//! Malformed values of every JSON type at every path of a valid form give
//! issues, never a panic (the wasm instance would die with it).
#![cfg(not(target_arch = "wasm32"))] // Native suite; the browser suite is tests/web.rs.

mod common;

use common::*;
use serde_json::{json, Value};

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

#[test]
fn every_type_at_every_path_gives_issues_not_panics() {
    let base = valid_input();
    let mut pointers = Vec::new();
    all_pointers(&base, String::new(), &mut pointers);
    pointers.extend([
        "/subject/unknownSubject".to_owned(),
        "/noShareReason".to_owned(),
        "/indicators/0/note".to_owned(),
    ]);
    let bad_values = [
        json!(true),
        json!(false),
        json!(0),
        json!(-1.5),
        json!(1e300),
        json!(u64::MAX),
        json!(-0.0),
        json!(1u64 << 60),
        json!("x"),
        json!("\u{0}\u{FFFD}"),
        json!([]),
        json!([null, 1, "a", {}]),
        json!({}),
        json!({ "__proto__": { "polluted": true }, "constructor": 1 }),
    ];
    let mut checked = 0;
    for pointer in &pointers {
        let original_kind = match base.pointer(pointer) {
            Some(value) => kind(value),
            None if pointer.ends_with("unknownSubject") => "bool",
            None => "string",
        };
        for bad in &bad_values {
            let mut input = base.clone();
            set(&mut input, pointer, bad.clone());
            let evaluation = evaluate(&input);
            assert_eq!(evaluation, evaluate(&input), "not deterministic at {pointer}");
            if kind(bad) != original_kind {
                assert!(
                    evaluation
                        .issues
                        .iter()
                        .any(|i| i.path == *pointer && i.severity == signal_indicators::Severity::Error),
                    "{bad} at {pointer} gave no error there: {:?}",
                    evaluation.issues
                );
                assert!(!evaluation.valid);
                let error = engine().build_record(&input, today(), &stamp()).expect_err("invalid");
                assert_eq!(error.code(), "form.invalid");
            }
            checked += 1;
        }
    }
    assert!(checked > 400, "only {checked} cases");
}

#[test]
fn hostile_shapes_of_the_whole_input() {
    // serde_json drops nested values recursively; give the test itself room.
    std::thread::Builder::new().stack_size(256 << 20).spawn(hostile_shapes).expect("thread").join().expect("no panic");
}

fn hostile_shapes() {
    // Built by hand: `json!` would re-serialize the inner value at every level.
    let deep_array = (0..10_000).fold(json!(1), |acc, _| Value::Array(vec![acc]));
    let wide: Vec<Value> = (0..100_000).map(|i| json!(i)).collect();
    let cases = [
        json!({ "indicators": deep_array }),
        json!({ "extensions": { "x": wide.clone() } }),
        json!({ "indicators": wide }),
        json!({ "summary": "x".repeat(10 << 20) }),
        json!({ "": "", "~": 1, "/": 2 }),
        json!({ "__proto__": 1, "constructor": { "prototype": {} } }),
    ];
    for input in &cases {
        let evaluation = evaluate(input);
        assert!(!evaluation.valid);
        assert!(!evaluation.issues.is_empty());
    }
    // Deep nesting and huge strings stop the reading at once.
    for input in [&cases[0], &cases[3]] {
        let codes: Vec<String> = evaluate(input).issues.into_iter().map(|i| i.code).collect();
        assert_eq!(codes, vec!["input.too-large"]);
    }
    let codes: Vec<(String, String)> =
        evaluate(&cases[2]).issues.iter().map(|i| (i.path.clone(), i.code.clone())).collect();
    assert!(codes.contains(&("/indicators".into(), "array.too-many".into())));
    // Pointer escaping of odd keys.
    let paths: Vec<String> = evaluate(&cases[4]).issues.iter().map(|i| i.path.clone()).collect();
    assert!(paths.contains(&"/~0".to_owned()) && paths.contains(&"/~1".to_owned()) && paths.contains(&"/".to_owned()));
    // The engine keeps working.
    assert!(evaluate(&valid_input()).valid);
}

#[test]
fn verify_survives_anything() {
    std::thread::Builder::new().stack_size(256 << 20).spawn(verify_hostile).expect("thread").join().expect("no panic");
}

fn verify_hostile() {
    let engine = engine();
    let deep = (0..5_000).fold(json!(1), |acc, _| Value::Object([("a".to_owned(), acc)].into_iter().collect()));
    for record in [json!(null), json!([]), json!("record"), json!(1.5), json!({}), deep, json!({ "integrity": 5 })] {
        let verification = engine.verify_record(&record, &[]);
        assert!(!verification.ok);
        assert!(!verification.issues.is_empty());
    }
}
