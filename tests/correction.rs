//! Corrections and withdrawals (SPEC v1.3 §12.6).
#![cfg(not(target_arch = "wasm32"))] // Native suite; the browser suite is tests/web.rs.

mod common;

use common::*;
use serde_json::{json, Value};
use signal_indicators::{Instant, RecordStamp, SignalError};

const CORRECTION_ID: &str = "5a1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c3d";

fn built(input: &Value, id: &str) -> Value {
    let stamp = RecordStamp { id: id.to_owned(), created_at: Instant::parse(NOW).expect("instant") };
    serde_json::to_value(engine().build_record(input, today(), &stamp).expect("valid")).expect("json")
}

fn stamp_of(id: &str) -> RecordStamp {
    RecordStamp { id: id.to_owned(), created_at: Instant::parse("2026-12-01T09:00:00.000Z").expect("instant") }
}

fn request(action: &str) -> Value {
    json!({ "action": action, "reason": "De bron is later onjuist gebleken.", "officer": { "id": "IND-4712", "unit": "Unit NV" } })
}

#[test]
fn a_withdrawal_tells_every_partner_it_was_shared_with() {
    let original = built(&valid_input(), ID);
    let correction = engine()
        .build_correction(&original, &request("withdrawn"), None, &[], &stamp_of(CORRECTION_ID))
        .expect("correction");
    let value = serde_json::to_value(&correction).expect("json");
    assert_eq!(value["refersTo"], json!({ "id": ID, "digest": original["integrity"]["digest"] }));
    assert_eq!(value["notify"], json!(["AIVD", "CT-INFOBOX", "NCTV"]));
    assert!(value.get("supersededBy").is_none());
    let text = serde_json::to_string(&correction).expect("json");
    assert!(text.starts_with(r#"{"recordType":"signal-correction","schemaVersion":"1.2","id":"5a1b2c3d"#), "{text}");
    let verification = engine().verify_record(&value, &[]);
    assert!(verification.ok && verification.checks.content.is_none(), "{:?}", verification.issues);
    let against = engine().verify_correction_against(&value, &[], Some(&original), None);
    assert!(against.ok && against.checks.content == Some(true));
    // Against another record: refersTo and notify do not match.
    let mut other_input = valid_input();
    other_input["sharedWith"] = json!(["AIVD", "CT-INFOBOX", "NCTV", "POLITIE"]);
    let other = built(&other_input, "6b2c3d4e-5f60-4b7c-8d9e-0f1a2b3c4d5e");
    let wrong = engine().verify_correction_against(&value, &[], Some(&other), None);
    let paths: Vec<&str> = wrong.issues.iter().map(|i| i.path.as_str()).collect();
    assert_eq!(paths, vec!["/notify", "/refersTo"]);
    // Tampered: the digest fails.
    let mut tampered = value.clone();
    tampered["notify"] = json!(["AIVD"]);
    assert!(!engine().verify_record(&tampered, &[]).checks.digest);
}

#[test]
fn a_supersession_names_the_new_record_about_the_same_person() {
    let original = built(&valid_input(), ID);
    let mut corrected_input = valid_input();
    corrected_input["summary"] = json!("Ambtsbericht ontvangen; de eerdere samenvatting was onvolledig.");
    let replacement = built(&corrected_input, "6b2c3d4e-5f60-4b7c-8d9e-0f1a2b3c4d5e");
    let correction = engine()
        .build_correction(&original, &request("superseded"), Some(&replacement), &[], &stamp_of(CORRECTION_ID))
        .expect("correction");
    let value = serde_json::to_value(&correction).expect("json");
    assert_eq!(value["supersededBy"]["id"], "6b2c3d4e-5f60-4b7c-8d9e-0f1a2b3c4d5e");
    assert!(engine().verify_correction_against(&value, &[], Some(&original), Some(&replacement)).ok);
    assert!(!engine().verify_correction_against(&value, &[], Some(&original), Some(&original)).ok);
    // Superseded needs a replacement, about the same person.
    let issues = |result: Result<_, SignalError>| match result {
        Err(SignalError::FormInvalid(issues)) => issues.into_iter().map(|i| (i.path, i.code)).collect::<Vec<_>>(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        issues(engine().build_correction(&original, &request("superseded"), None, &[], &stamp_of(CORRECTION_ID))),
        vec![("/replacement".to_owned(), "required".to_owned())]
    );
    let mut someone_else = corrected_input.clone();
    someone_else["subject"]["vNumber"] = json!("9876543210");
    let elsewhere = built(&someone_else, "6b2c3d4e-5f60-4b7c-8d9e-0f1a2b3c4d5e");
    assert_eq!(
        issues(engine().build_correction(
            &original,
            &request("superseded"),
            Some(&elsewhere),
            &[],
            &stamp_of(CORRECTION_ID)
        )),
        vec![("/replacement".to_owned(), "subject.conflict".to_owned())]
    );
    // The request's own fields, and a record that does not verify.
    let bad = json!({ "action": "deleted", "reason": "kort", "officer": { "id": "x" } });
    assert_eq!(
        issues(engine().build_correction(&original, &bad, None, &[], &stamp_of(CORRECTION_ID))),
        vec![
            ("/action".to_owned(), "enum".to_owned()),
            ("/reason".to_owned(), "text.too-short".to_owned()),
            ("/officer/id".to_owned(), "format.officer-id".to_owned()),
            ("/officer/unit".to_owned(), "required".to_owned())
        ]
    );
    let mut tampered = original.clone();
    tampered["summary"] = json!("Later gewijzigd zonder nieuw record.");
    assert!(matches!(
        engine().build_correction(&tampered, &request("withdrawn"), None, &[], &stamp_of(CORRECTION_ID)),
        Err(SignalError::FormInvalid(_))
    ));
}

#[test]
fn the_cli_verifies_a_correction_against_its_record_earlier_in_the_stream() {
    let original = built(&valid_input(), ID);
    let correction = serde_json::to_value(
        engine()
            .build_correction(&original, &request("withdrawn"), None, &[], &stamp_of(CORRECTION_ID))
            .expect("correction"),
    )
    .expect("json");
    let mut forged = correction.clone();
    forged["notify"] = json!(["AIVD"]);
    let body = {
        let mut body = forged.clone();
        body.as_object_mut().expect("object").remove("integrity");
        body
    };
    forged["integrity"]["digest"] = json!(signal_indicators::canonical_digest(&body).expect("digest"));
    let ndjson = format!("{original}\n{correction}\n{forged}\n");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_signal-indicators"))
        .arg("verify")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().expect("stdin").write_all(ndjson.as_bytes())?;
            child.wait_with_output()
        })
        .expect("run");
    let verdicts: Vec<Value> =
        String::from_utf8_lossy(&output.stdout).lines().map(|line| serde_json::from_str(line).expect("json")).collect();
    let oks: Vec<bool> = verdicts.iter().map(|v| v["ok"].as_bool().expect("ok")).collect();
    assert_eq!(oks, vec![true, true, false], "the forged notify list fails against its record");
    assert_eq!(verdicts[1]["checks"]["content"], json!(true));
    assert_eq!(output.status.code(), Some(1));
}
