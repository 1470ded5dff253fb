//! JSON text as input (SPEC §8): what a server received goes straight in.
#![cfg(not(target_arch = "wasm32"))] // Native suite; the browser suite is tests/web.rs.

mod common;

use common::*;
use serde_json::{json, Value};

fn issue_codes(evaluation: &signal_indicators::Evaluation<'_>) -> Vec<(String, String)> {
    evaluation.issues.iter().map(|i| (i.path.clone(), i.code.clone())).collect()
}

#[test]
fn text_gives_exactly_the_result_of_the_parsed_object() {
    let engine = engine();
    let mut inputs = vec![valid_input(), json!({ "caseNumber": "x" }), json!([]), json!("text"), json!(null)];
    let mut bad = valid_input();
    bad["subject"]["vNumber"] = json!("12");
    bad["nationality"] = json!("XX");
    inputs.push(bad);
    for input in inputs {
        let text = serde_json::to_string_pretty(&input).expect("json");
        let from_text = engine.evaluate_text(&text, today());
        let from_value = engine.evaluate(&input, today());
        assert_eq!(from_text, from_value, "{text}");
    }
    // A byte-order mark in front is ignored.
    let text = format!("\u{FEFF}{}", serde_json::to_string(&valid_input()).expect("json"));
    assert!(engine.evaluate_text(&text, today()).valid);
}

#[test]
fn text_that_does_not_parse_or_repeats_a_member_is_input_not_json() {
    let engine = engine();
    let good = serde_json::to_string(&valid_input()).expect("json");
    let repeated = good.replacen('{', r#"{"caseNumber":"IND-1","#, 1);
    for text in ["", "{", "{} x", "nul", r#"{"a":1,"a":2}"#, repeated.as_str()] {
        let evaluation = engine.evaluate_text(text, today());
        assert!(!evaluation.valid);
        assert_eq!(issue_codes(&evaluation), vec![("".to_owned(), "input.not-json".to_owned())], "{text:?}");
        match engine.build_record_text(text, today(), &stamp()) {
            Err(signal_indicators::SignalError::FormInvalid(issues)) => assert_eq!(issues[0].code, "input.not-json"),
            other => panic!("{other:?}"),
        }
    }
    // Text over 4 MiB is too large; nesting deeper than 16 levels too.
    let huge = format!(r#"{{"summary":"{}"}}"#, "x".repeat(4 << 20));
    assert_eq!(issue_codes(&engine.evaluate_text(&huge, today())), vec![("".to_owned(), "input.too-large".to_owned())]);
    let deep = format!(r#"{{"summary":{}{}}}"#, "[".repeat(40), "]".repeat(40));
    assert_eq!(issue_codes(&engine.evaluate_text(&deep, today())), vec![("".to_owned(), "input.too-large".to_owned())]);
    // So deep that the parser's own recursion limit refuses it: no crash.
    let deeper = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(!engine.evaluate_text(&deeper, today()).valid);
}

#[test]
fn records_as_text_verify_like_records_as_values() {
    let engine = engine();
    let record = engine.build_record_text(&valid_input().to_string(), today(), &stamp()).expect("valid");
    let text = serde_json::to_string(&record).expect("json");
    assert!(engine.verify_record_text(&text, &[]).ok);
    let value: Value = serde_json::from_str(&text).expect("json");
    assert_eq!(engine.verify_record_text(&text, &[]), engine.verify_record(&value, &[]));
    let tampered = text.replace("\"score\":6865", "\"score\":7000");
    assert!(!engine.verify_record_text(&tampered, &[]).ok);
    for broken in ["", "{", &text[..text.len() - 1], &text.replacen('{', r#"{"id":"x","#, 1)] {
        let verification = engine.verify_record_text(broken, &[]);
        assert!(!verification.ok);
        let codes: Vec<&str> = verification.issues.iter().map(|i| i.code.as_str()).collect();
        assert_eq!(codes, vec!["record.not-json"]);
    }
}

#[test]
fn record_schema_issues_say_what_is_wrong() {
    let engine = engine();
    let record = engine.build_record(&valid_input(), today(), &stamp()).expect("valid");
    let value = serde_json::to_value(&record).expect("json");
    let problem = |change: &dyn Fn(&mut Value), path: &str| -> (String, String) {
        let mut changed = value.clone();
        change(&mut changed);
        let verification = engine.verify_record(&changed, &[]);
        let issue = verification
            .issues
            .iter()
            .find(|i| i.code == "record.schema" && i.path == path)
            .unwrap_or_else(|| panic!("no record.schema at {path}: {:?}", verification.issues));
        let problem = issue.params.as_ref().and_then(|p| p.get("problem")).and_then(Value::as_str).unwrap_or_default();
        (problem.to_owned(), issue.message.clone())
    };
    let missing = problem(&|r| drop(r.as_object_mut().map(|o| o.remove("summary"))), "/summary");
    assert_eq!(missing.0, "missing");
    assert!(missing.1.contains("ontbreekt"), "{}", missing.1);
    let extra = problem(&|r| r["extra"] = json!(1), "/extra");
    assert_eq!(extra.0, "not-allowed");
    let wrong = problem(&|r| r["summary"] = json!(5), "/summary");
    assert_eq!(wrong.0, "type");
    let value_ = problem(&|r| r["handling"]["tlp"] = json!("WHITE"), "/handling/tlp");
    assert_eq!(value_.0, "value");
    let pattern = problem(&|r| r["subject"]["vNumber"] = json!("12"), "/subject/vNumber");
    assert_eq!(pattern.0, "pattern");
    let created = problem(&|r| r["createdAt"] = json!("2026-11-28T20:15:00Z"), "/createdAt");
    assert_eq!(created.0, "pattern");
}
