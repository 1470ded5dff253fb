//! Shared fixtures for the integration tests.
#![allow(dead_code)]

use serde_json::{json, Value};
use signal_indicators::{Date, Evaluation, Instant, Locale, RecordStamp, SignalEngine};

/// The evaluation date of the fixtures.
pub const TODAY: &str = "2026-11-28";
/// The creation instant of the fixtures.
pub const NOW: &str = "2026-11-28T20:15:00.000Z";
/// The record id of the fixtures.
pub const ID: &str = "3f0c6a52-8d1e-4c7a-9b2f-5e4d3c2b1a09";

pub fn today() -> Date {
    Date::parse(TODAY).expect("valid date")
}

pub fn stamp() -> RecordStamp {
    RecordStamp { id: ID.to_owned(), created_at: Instant::parse(NOW).expect("valid instant") }
}

pub fn engine() -> SignalEngine {
    SignalEngine::example(Locale::Nl)
}

pub fn engine_en() -> SignalEngine {
    SignalEngine::example(Locale::En)
}

/// A complete, valid signal about a SIS check with two terrorism indicators:
/// `tests/data/valid-form.json`, the one fixture of every suite (Rust, Node,
/// Chromium, the bad-input table and the fuzz seeds).
pub fn valid_input() -> Value {
    serde_json::from_str(include_str!("../data/valid-form.json")).expect("the fixture is JSON")
}

/// The valid form with `indicators`, the procedure and the status (absent when None).
pub fn form(indicators: Vec<Value>, procedure: &str, status: Option<&str>) -> Value {
    let mut input = valid_input();
    input["indicators"] = Value::Array(indicators);
    input["procedure"] = json!(procedure);
    match status {
        Some(status) => input["subject"]["status"] = json!(status),
        None => {
            input["subject"].as_object_mut().expect("subject").remove("status");
        }
    }
    input
}

/// Evaluates with one shared Dutch engine (an evaluation borrows its
/// engine's catalog, so the engine outlives every test).
pub fn evaluate(input: &Value) -> Evaluation<'static> {
    static ENGINE: std::sync::OnceLock<SignalEngine> = std::sync::OnceLock::new();
    ENGINE.get_or_init(engine).evaluate(input, today())
}

/// Sets the member at a JSON Pointer, creating objects on the way.
pub fn set(value: &mut Value, pointer: &str, new: Value) {
    let tokens: Vec<&str> = pointer.split('/').skip(1).collect();
    let mut current = value;
    for (i, token) in tokens.iter().enumerate() {
        let last = i + 1 == tokens.len();
        current = match current {
            Value::Object(map) => {
                if last {
                    map.insert((*token).to_owned(), new);
                    return;
                }
                map.entry((*token).to_owned()).or_insert_with(|| json!({}))
            }
            Value::Array(items) => {
                let index: usize = token.parse().expect("array index");
                if last {
                    items[index] = new;
                    return;
                }
                &mut items[index]
            }
            _ => panic!("cannot descend into {pointer}"),
        };
    }
}

/// Removes the member at a JSON Pointer.
pub fn remove(value: &mut Value, pointer: &str) {
    let (parent, key) = pointer.rsplit_once('/').expect("pointer");
    match value.pointer_mut(parent) {
        Some(Value::Object(map)) => {
            map.remove(key);
        }
        Some(Value::Array(items)) => {
            items.remove(key.parse::<usize>().expect("index"));
        }
        _ => panic!("no parent at {pointer}"),
    }
}

/// The (path, code, severity) triples of an evaluation.
pub fn triples(evaluation: &Evaluation) -> Vec<(String, String, String)> {
    evaluation
        .issues
        .iter()
        .map(|i| (i.path.clone(), i.code.clone(), format!("{:?}", i.severity).to_lowercase()))
        .collect()
}

/// Asserts that `input` yields an issue with this path, code and severity.
pub fn assert_issue(input: &Value, path: &str, code: &str, severity: &str) {
    let evaluation = evaluate(input);
    let found = triples(&evaluation);
    assert!(
        found.iter().any(|(p, c, s)| p == path && c == code && s == severity),
        "expected {severity} {code} at {path:?}, got {found:?}"
    );
}

/// Every member and item of a JSON value (containers included), as JSON Pointers.
pub fn all_pointers(value: &Value, base: String, out: &mut Vec<String>) {
    let children: Vec<(String, &Value)> = match value {
        Value::Object(map) => map.iter().map(|(k, v)| (k.replace('~', "~0").replace('/', "~1"), v)).collect(),
        Value::Array(items) => items.iter().enumerate().map(|(i, v)| (i.to_string(), v)).collect(),
        _ => Vec::new(),
    };
    for (token, child) in children {
        let pointer = format!("{base}/{token}");
        out.push(pointer.clone());
        all_pointers(child, pointer, out);
    }
}
