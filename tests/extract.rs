//! Extracts per recipient (SPEC v1.3 §12.6): what one partner receives of
//! a record it was shared with, and no more.
#![cfg(not(target_arch = "wasm32"))] // Native suite; the browser suite is tests/web.rs.

mod common;

use common::*;
use serde_json::{json, Value};
use signal_indicators::SignalError;

/// A record with terrorism, public-order and victim items, a known
/// possible victim, shared with the AIVD, the police and CoMensha.
fn record() -> Value {
    let mut input = valid_input();
    input["procedure"] = json!("regular");
    input["subject"]["protection"] = json!("possible-victim");
    input["indicators"] = json!([
        { "code": "TER-01", "reliability": "B", "credibility": "2", "observedOn": "2026-05-12", "evidenceRefs": ["AB-2026-17"] },
        { "code": "PUB-03", "reliability": "A", "credibility": "1", "observedOn": "2026-11-01", "evidenceRefs": ["SIS-NL-2026-7"] },
        { "code": "IDF-01", "reliability": "A", "credibility": "1", "observedOn": "2026-11-01", "evidenceRefs": ["PV-2026-9"] },
        { "code": "VIC-01", "reliability": "C", "credibility": "3", "observedOn": "2026-11-01", "note": "Schuld bij de ronselaar." }
    ]);
    input["sharedWith"] = json!(["AIVD", "POLITIE", "COMENSHA"]);
    input["noShareReason"] = json!("Afgestemd met de teamleider; de rest volgt.");
    let record = engine().build_record(&input, today(), &stamp()).expect("valid");
    serde_json::to_value(&record).expect("json")
}

fn codes(extract: &Value) -> Vec<&str> {
    extract["indicators"].as_array().expect("array").iter().map(|i| i["code"].as_str().expect("code")).collect()
}

#[test]
fn each_recipient_gets_only_what_its_routing_concerns() {
    let record = record();
    let extract = |partner: &str| {
        serde_json::to_value(engine().extract_for(&record, partner, &[]).expect("extract")).expect("json")
    };
    let aivd = extract("AIVD");
    assert_eq!(codes(&aivd), vec!["TER-01"]);
    assert!(aivd["subject"].get("protection").is_none(), "the victim route only");
    // No assessment, measures, judgement, reason for not sharing or officer id.
    let keys: Vec<&str> = aivd.as_object().expect("object").keys().map(String::as_str).collect();
    for absent in ["assessment", "measuresForConsideration", "officerJudgement", "routing", "noShareReason", "catalog"]
    {
        assert!(!keys.contains(&absent), "{absent}");
    }
    assert_eq!(aivd["officer"], json!({ "unit": "Unit Nationale Veiligheid" }));
    assert_eq!(aivd["refersTo"], json!({ "id": record["id"], "digest": record["integrity"]["digest"] }));
    assert_eq!((aivd["recipient"].as_str(), aivd["createdAt"].as_str()), (Some("AIVD"), record["createdAt"].as_str()));
    // The police: public order (the routing-only SIS hit too) and identity fraud.
    assert_eq!(codes(&extract("POLITIE")), vec!["PUB-03", "IDF-01"]);
    // CoMensha is on the victim route: the victim item and the known protection.
    let comensha = extract("COMENSHA");
    assert_eq!(codes(&comensha), vec!["VIC-01"]);
    assert_eq!(comensha["subject"]["protection"], "possible-victim");
    // Member order as JSON.stringify sends it; the same bytes every time.
    let text = serde_json::to_string(&engine().extract_for(&record, "AIVD", &[]).expect("extract")).expect("json");
    assert!(text.starts_with(r#"{"recordType":"signal-extract","schemaVersion":"1.2","refersTo":"#), "{text}");
    assert_eq!(
        text,
        serde_json::to_string(&engine().extract_for(&record, "AIVD", &[]).expect("extract")).expect("json")
    );
    // A partner the record was not shared with, and a record that does not verify.
    assert!(matches!(engine().extract_for(&record, "NCTV", &[]), Err(SignalError::OptionInvalid(_))));
    let mut tampered = record.clone();
    tampered["summary"] = json!("Later gewijzigd zonder nieuw record.");
    assert!(matches!(engine().extract_for(&tampered, "AIVD", &[]), Err(SignalError::FormInvalid(_))));
}

#[test]
fn an_extract_verifies_alone_and_against_its_original() {
    let record = record();
    let extract = serde_json::to_value(engine().extract_for(&record, "POLITIE", &[]).expect("extract")).expect("json");
    let alone = engine().verify_record(&extract, &[]);
    assert!(alone.ok, "{:?}", alone.issues);
    assert_eq!((alone.checks.schema, alone.checks.digest, alone.checks.content), (true, true, None));
    let against = engine().verify_against(&extract, &[], Some(&record));
    assert!(against.ok && against.checks.content == Some(true));
    // An item added and the digest made again: the digest holds, the content does not.
    let mut widened = extract.clone();
    widened["indicators"].as_array_mut().expect("array").push(record["indicators"][0].clone());
    let body: Value = {
        let mut body = widened.clone();
        body.as_object_mut().expect("object").remove("integrity");
        body
    };
    widened["integrity"]["digest"] = json!(signal_indicators::canonical_digest(&body).expect("digest"));
    assert!(engine().verify_record(&widened, &[]).ok, "schema and digest alone cannot see it");
    let verification = engine().verify_against(&widened, &[], Some(&record));
    assert!(!verification.ok && verification.checks.content == Some(false));
    assert!(verification.issues.iter().any(|i| i.code == "record.content"));
    // A changed word: the digest fails.
    let mut tampered = extract.clone();
    tampered["summary"] = json!("Iets anders.");
    assert!(!engine().verify_record(&tampered, &[]).checks.digest);
}
