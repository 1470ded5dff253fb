//! Host-declared extensions (SPEC §9.3).
#![cfg(not(target_arch = "wasm32"))] // Native suite; the browser suite is tests/web.rs.

mod common;

use common::*;
use serde_json::{json, Value};
use signal_indicators::{ExtensionDeclaration, Locale, SignalEngine};

fn declarations(value: Value) -> Vec<ExtensionDeclaration> {
    signal_indicators::declarations_from_value(&value).expect("declarations")
}

fn host_engine() -> SignalEngine {
    SignalEngine::new(
        Locale::Nl,
        None,
        &declarations(json!([
            { "name": "teamCode", "type": "string", "required": true, "pattern": "[A-Z]{2}[0-9]{2}", "maxLength": 4 },
            { "name": "intakeDate", "type": "date" },
            { "name": "priority", "type": "enum", "values": ["normal", "urgent"] }
        ])),
    )
    .expect("valid declarations")
}

fn codes_at(engine: &SignalEngine, input: &Value, path: &str) -> Vec<String> {
    engine.evaluate(input, today()).issues.into_iter().filter(|i| i.path == path).map(|i| i.code).collect()
}

#[test]
fn declared_extensions_are_validated_and_recorded() {
    let engine = host_engine();
    let mut input = valid_input();
    assert_eq!(codes_at(&engine, &input, "/extensions/teamCode"), vec!["required"]);
    input["extensions"] = json!({ "teamCode": "ab12" });
    assert_eq!(codes_at(&engine, &input, "/extensions/teamCode"), vec!["format.pattern"]);
    input["extensions"] = json!({ "teamCode": "AB12X" });
    assert_eq!(codes_at(&engine, &input, "/extensions/teamCode"), vec!["text.too-long"]);
    input["extensions"] = json!({ "teamCode": "XAB12" });
    assert_eq!(codes_at(&engine, &input, "/extensions/teamCode"), vec!["text.too-long"]);
    input["extensions"] = json!({ "teamCode": "AB12", "intakeDate": "2026-13-01", "priority": "low", "other": "x" });
    assert_eq!(codes_at(&engine, &input, "/extensions/intakeDate"), vec!["format.date"]);
    assert_eq!(codes_at(&engine, &input, "/extensions/priority"), vec!["enum"]);
    assert_eq!(codes_at(&engine, &input, "/extensions/other"), vec!["field.unknown"]);
    input["extensions"] = json!({ "teamCode": " AB12 ", "intakeDate": "2026-11-01", "priority": "urgent" });
    let record = engine.build_record(&input, today(), &stamp()).expect("valid");
    assert_eq!(
        serde_json::to_value(&record.extensions).expect("json"),
        json!({ "intakeDate": "2026-11-01", "priority": "urgent", "teamCode": "AB12" })
    );
    let value = serde_json::to_value(&record).expect("json");
    assert!(engine.verify_record(&value, &[]).ok);
    // An engine without the declarations does not accept the extensions.
    assert!(!common::engine().verify_record(&value, &[]).ok);
}

#[test]
fn without_declarations_extensions_are_unknown_and_not_recorded() {
    let mut input = valid_input();
    input["extensions"] = json!({ "teamCode": "AB12" });
    let evaluation = evaluate(&input);
    assert!(evaluation.valid);
    assert!(evaluation.issues.iter().any(|i| i.path == "/extensions/teamCode" && i.code == "field.unknown"));
    let record = engine().build_record(&input, today(), &stamp()).expect("valid");
    assert!(record.extensions.is_none());
}

#[test]
fn bad_declarations_give_option_invalid() {
    for bad in [
        json!([{ "name": "Team", "type": "string" }]),
        json!([{ "name": "a-b", "type": "string" }]),
        json!([{ "name": "x", "type": "string", "pattern": "(" }]),
        json!([{ "name": "x", "type": "string", "pattern": "a".repeat(1001) }]),
        json!([{ "name": "x", "type": "string", "pattern": "(?i)\\b" }]),
        json!([{ "name": "x", "type": "enum" }]),
        json!([{ "name": "x", "type": "enum", "values": [] }]),
        json!([{ "name": "x", "type": "date", "pattern": "." }]),
        json!([{ "name": "x", "type": "string" }, { "name": "x", "type": "date" }]),
        json!([{ "name": "x", "type": "string", "maxLength": 0 }]),
        json!([{ "name": "x", "type": "number" }]),
        json!([{ "name": "x", "type": "string", "colour": "red" }]),
        json!({ "name": "x" }),
    ] {
        let error = signal_indicators::declarations_from_value(&bad)
            .and_then(|d| SignalEngine::new(Locale::Nl, None, &d))
            .expect_err("invalid");
        assert_eq!(error.code(), "option.invalid", "{bad}");
    }
}
