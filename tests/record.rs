//! The signal record (SPEC §7): building, canonical digest, member order,
//! schema validity and verification that catches tampering.
#![cfg(not(target_arch = "wasm32"))] // Native suite; the browser suite is tests/web.rs.

mod common;

use common::*;
use serde_json::{json, Map, Value};
use signal_indicators::{
    canonical_bytes, record_schema, sha256_tagged, ActiveCatalog, Date, Instant, Locale, RecordStamp, SignalEngine,
    SignalError,
};

fn record_value() -> Value {
    let record = engine().build_record(&valid_input(), today(), &stamp()).expect("valid form");
    serde_json::to_value(record).expect("json")
}

fn verify(record: &Value) -> signal_indicators::Verification {
    engine().verify_record(record, &[])
}

fn schema_validator() -> (boon::Schemas, boon::SchemaIndex) {
    let schema: Value = serde_json::from_str(record_schema()).expect("schema is JSON");
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.enable_format_assertions();
    compiler.add_resource("record.json", schema).expect("add schema");
    let index = compiler.compile("record.json", &mut schemas).expect("schema compiles");
    (schemas, index)
}

#[test]
fn record_members_in_the_documented_order_with_integrity_last() {
    let record = engine().build_record(&valid_input(), today(), &stamp()).expect("valid");
    let text = serde_json::to_string(&record).expect("json");
    let value: Map<String, Value> = serde_json::from_str(&text).expect("object");
    let keys: Vec<&str> = value.keys().map(String::as_str).collect();
    let mut expected = vec![
        "recordType",
        "schemaVersion",
        "id",
        "createdAt",
        "engine",
        "catalog",
        "case",
        "subject",
        "context",
        "indicators",
        "assessment",
        "routing",
        "measuresForConsideration",
        "handling",
        "officerJudgement",
        "summary",
        "officer",
        "integrity",
    ];
    // serde_json's Map sorts keys, so compare positions in the text instead.
    let positions: Vec<usize> =
        expected.iter().map(|k| text.find(&format!("\"{k}\":")).expect("member present")).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "members out of order: {text}");
    expected.sort();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(sorted, expected);
    assert_eq!(record.record_type, "signal-record");
    assert_eq!(record.schema_version, "1.2");
    // v1.3: the review date is the evaluation date plus the catalog's 365 days.
    assert_eq!((record.handling.tlp.as_str(), record.handling.review_on.as_str()), ("AMBER+STRICT", "2027-11-28"));
    assert_eq!(record.id, ID);
    assert_eq!(record.created_at, NOW);
    assert_eq!(record.engine.name, "signal-indicators");
    assert_eq!(record.engine.version, env!("CARGO_PKG_VERSION"));
    assert_eq!(record.catalog.id, "ind-example");
    assert_eq!(record.catalog.digest, engine().active_catalog().digest());
    assert_eq!(record.routing.advised, vec!["AIVD", "CT-INFOBOX", "NCTV"]);
    assert_eq!(record.routing.shared_with, vec!["AIVD", "CT-INFOBOX", "NCTV"]);
    assert_eq!(record.integrity.canonicalization, "RFC8785");
    assert!(!text.contains("null"), "absent members are omitted, never null");
    let indicators = serde_json::to_value(&record.indicators).expect("json");
    assert_eq!(
        indicators,
        json!([
            { "code": "TER-01", "category": "terrorism", "reliability": "B", "credibility": "2",
              "observedOn": "2026-05-12", "evidenceRefs": ["AB-2026-17"] },
            { "code": "TER-05", "category": "terrorism", "reliability": "C", "credibility": "3",
              "observedOn": "2024-09-10" }
        ])
    );
}

#[test]
fn digest_is_sha256_of_the_canonical_record_without_integrity() {
    let record = record_value();
    let mut body = record.as_object().expect("object").clone();
    let integrity = body.remove("integrity").expect("integrity");
    let canonical = canonical_bytes(&Value::Object(body)).expect("canonical");
    let text = String::from_utf8(canonical.clone()).expect("utf-8");
    // Canonical form: sorted members, no whitespace.
    assert!(text.starts_with("{\"assessment\":{\"advisory\":true,\"categories\":["), "{text}");
    assert!(!text.contains("\": ") && !text.contains('\n'));
    assert_eq!(integrity["digest"], json!(sha256_tagged(&canonical)));
}

#[test]
fn same_input_id_and_clock_give_byte_identical_records() {
    let a =
        serde_json::to_string(&engine().build_record(&valid_input(), today(), &stamp()).expect("valid")).expect("json");
    let b = serde_json::to_string(&engine_en().build_record(&valid_input(), today(), &stamp()).expect("valid"))
        .expect("json");
    assert_eq!(a, b, "the locale must not change the record");
    let other = RecordStamp { id: "00000000-0000-4000-8000-000000000000".into(), ..stamp() };
    let c =
        serde_json::to_string(&engine().build_record(&valid_input(), today(), &other).expect("valid")).expect("json");
    assert_ne!(a, c);
}

#[test]
fn an_invalid_form_gives_form_invalid_with_its_issues() {
    let mut input = valid_input();
    input["subject"]["vNumber"] = json!("12");
    let error = engine().build_record(&input, today(), &stamp()).expect_err("invalid");
    assert_eq!(error.code(), "form.invalid");
    assert!(error.issues().iter().any(|i| i.code == "format.vnumber" && i.path == "/subject/vNumber"));
}

#[test]
fn bad_options_give_option_invalid() {
    for id in ["not-a-uuid", "3F0C6A52-8D1E-4C7A-9B2F-5E4D3C2B1A09", "3f0c6a52-8d1e-1c7a-9b2f-5e4d3c2b1a09"] {
        let bad = RecordStamp { id: id.into(), ..stamp() };
        let error = engine().build_record(&valid_input(), today(), &bad).expect_err("bad id");
        assert_eq!(error.code(), "option.invalid", "{id}");
    }
    let far = Date::parse("2026-11-20").expect("date");
    let error = engine().build_record(&valid_input(), far, &stamp()).expect_err("today far from now");
    assert!(matches!(error, SignalError::OptionInvalid(_)));
}

#[test]
fn every_emitted_record_validates_against_the_record_schema() {
    let (schemas, index) = schema_validator();
    let mut inputs = vec![valid_input()];
    let mut tip = valid_input();
    tip["context"] = json!({ "type": "post-decision-tip", "tip": { "channel": "public", "receivedOn": "2026-11-02" } });
    tip["subject"] = json!({ "unknownSubject": true });
    tip["handling"] = json!({ "tlp": "RED" });
    tip["indicators"][0]["note"] = json!("Bron bevestigd door tweede partner.");
    inputs.push(tip);
    let mut victim = valid_input();
    victim["indicators"] =
        json!([{ "code": "VIC-01", "reliability": "F", "credibility": "6", "observedOn": "2020-01-01" }]);
    victim["sharedWith"] = json!([]);
    victim["noShareReason"] = json!("Slachtoffer al in contact met AVIM.");
    inputs.push(victim);
    for (i, input) in inputs.iter().enumerate() {
        let record = engine().build_record(input, today(), &stamp()).unwrap_or_else(|e| panic!("{i}: {e:?}"));
        let value = serde_json::to_value(&record).expect("json");
        if let Err(error) = schemas.validate(&value, index) {
            panic!("record {i} does not validate: {error}");
        }
        assert!(verify(&value).ok, "record {i}: {:?}", verify(&value).issues);
    }
    // The schema is not a rubber stamp.
    let mut broken = record_value();
    broken["assessment"]["overall"]["score"] = json!(10001);
    assert!(schemas.validate(&broken, index).is_err());
    let mut broken = record_value();
    broken["subject"]["bsn"] = Value::Null;
    assert!(schemas.validate(&broken, index).is_err());
    let mut broken = record_value();
    broken["surprise"] = json!(1);
    assert!(schemas.validate(&broken, index).is_err());
}

#[test]
fn a_fresh_record_verifies_on_every_check() {
    let verification = verify(&record_value());
    assert!(verification.ok, "{:?}", verification.issues);
    let checks = verification.checks;
    assert!(
        checks.schema
            && checks.digest
            && checks.catalog
            && checks.content == Some(true)
            && checks.assessment == Some(true)
    );
    assert!(verification.issues.is_empty());
}

#[test]
fn members_in_another_order_still_verify() {
    let record = record_value();
    let text = serde_json::to_string(&record).expect("json");
    // Reverse the top-level member order by hand.
    let map = record.as_object().expect("object");
    let reversed: Vec<String> = map
        .iter()
        .rev()
        .map(|(k, v)| {
            format!("{}:{}", serde_json::to_string(k).expect("key"), serde_json::to_string(v).expect("value"))
        })
        .collect();
    let reordered = format!("{{{}}}", reversed.join(","));
    assert_ne!(reordered, text);
    let value = signal_indicators::parse_strict(&reordered).expect("parse");
    assert!(verify(&value).ok);
}

fn changed(value: &Value) -> Vec<Value> {
    match value {
        Value::String(s) => vec![json!(format!("{s}x")), json!(""), json!(7), Value::Null],
        Value::Number(n) => {
            let n = n.as_u64().unwrap_or(0);
            vec![json!(n + 1), json!(n as f64 + 0.5), json!(n.to_string()), json!(-1)]
        }
        Value::Bool(b) => vec![json!(!b), json!("true")],
        Value::Array(items) => vec![json!([]), json!({}), json!([items.first().cloned().unwrap_or(json!(1)), 1])],
        Value::Object(_) => vec![json!([]), json!({}), json!("x")],
        Value::Null => vec![json!(0)],
    }
}

#[test]
fn verify_rejects_every_single_change_of_a_member() {
    let record = record_value();
    let mut all = Vec::new();
    all_pointers(&record, String::new(), &mut all);
    let mut tried = 0;
    for pointer in &all {
        let original = record.pointer(pointer).expect("exists").clone();
        for replacement in changed(&original).into_iter().filter(|r| *r != original) {
            let mut tampered = record.clone();
            *tampered.pointer_mut(pointer).expect("exists") = replacement.clone();
            assert!(!verify(&tampered).ok, "changing {pointer} to {replacement} went unnoticed");
            tried += 1;
        }
        // Removal.
        let mut tampered = record.clone();
        remove(&mut tampered, pointer);
        assert!(!verify(&tampered).ok, "removing {pointer} went unnoticed");
        // Addition next to it.
        if let Some(Value::Object(map)) = tampered.pointer_mut(pointer.rsplit_once('/').map_or("", |p| p.0)) {
            map.insert("extra".into(), json!(1));
        }
    }
    for parent in std::iter::once(String::new())
        .chain(all.iter().filter(|p| record.pointer(p).is_some_and(Value::is_object)).cloned())
    {
        let mut tampered = record.clone();
        if let Some(Value::Object(map)) = tampered.pointer_mut(&parent) {
            map.insert("extra".into(), json!(1));
        }
        assert!(!verify(&tampered).ok, "adding a member under {parent:?} went unnoticed");
    }
    assert!(tried > 300, "only {tried} changes tried");
}

#[test]
fn a_redigested_record_with_invalid_content_fails_content_or_assessment() {
    let redigest = |mut record: Value| {
        let digest = signal_indicators::record_digest(&record).expect("digest");
        record["integrity"]["digest"] = json!(digest);
        record
    };
    // A V-nummer of the wrong form breaks the schema already.
    let mut record = record_value();
    record["subject"]["vNumber"] = json!("12345");
    let verification = verify(&redigest(record));
    assert!(verification.checks.digest && !verification.checks.schema);
    assert!(verification.issues.iter().any(|i| i.code == "record.schema" && i.path == "/subject/vNumber"));
    // A BSN of the right form failing the 11-proef: digest and schema fine, content not.
    let mut record = record_value();
    record["subject"]["bsn"] = json!("123456789");
    let verification = verify(&redigest(record));
    assert!(verification.checks.digest && verification.checks.schema);
    assert!(verification.checks.content != Some(true));
    assert!(verification.issues.iter().any(|i| i.code == "format.bsn" && i.path == "/subject/bsn"));
    // Unexplained unshared advice is the officer's choice (v1.3): it verifies.
    let mut record = record_value();
    record["routing"]["sharedWith"] = json!(["AIVD"]);
    let verification = verify(&redigest(record));
    assert!(verification.ok, "{:?}", verification.issues);
    // A review date that is not the engine's fails the content check.
    let mut record = record_value();
    record["handling"]["reviewOn"] = json!("2030-01-01");
    let verification = verify(&redigest(record));
    assert!(verification.checks.digest && verification.checks.content != Some(true));
    assert!(verification.issues.iter().any(|i| i.code == "record.content" && i.path == "/handling"));
    // A lowered score.
    let mut record = record_value();
    record["assessment"]["overall"]["score"] = json!(100);
    let verification = verify(&redigest(record));
    assert!(verification.checks.content == Some(true) && verification.checks.assessment != Some(true));
    assert!(verification.issues.iter().any(|i| i.code == "record.assessment" && i.path == "/assessment"));
    // Dropped measure.
    let mut record = record_value();
    record["measuresForConsideration"].as_array_mut().expect("array").pop();
    let verification = verify(&redigest(record));
    assert!(verification.checks.assessment != Some(true));
    // evaluatedOn far from createdAt.
    let mut record = record_value();
    record["assessment"]["evaluatedOn"] = json!("2026-11-25");
    let verification = verify(&redigest(record));
    assert!(!verification.ok);
    assert!(verification.issues.iter().any(|i| i.code == "record.evaluated-on"));
    // Untrimmed text the engine would never write.
    let mut record = record_value();
    record["summary"] = json!(format!(" {} ", record["summary"].as_str().expect("text")));
    assert!(verify(&redigest(record)).checks.content != Some(true));
}

#[test]
fn the_catalog_check_accepts_listed_catalogs_only() {
    let mut custom: Value = serde_json::from_str(signal_indicators::EXAMPLE_CATALOG_JSON).expect("json");
    custom["version"] = json!("2027.1");
    let custom = ActiveCatalog::from_value(&custom, Locale::Nl).expect("valid");
    let other_engine = SignalEngine::new(Locale::Nl, Some(custom.clone()), &[]).expect("engine");
    let record = other_engine.build_record(&valid_input(), today(), &stamp()).expect("valid");
    let value = serde_json::to_value(&record).expect("json");
    let verification = engine().verify_record(&value, &[]);
    assert!(!verification.ok && !verification.checks.catalog);
    assert!(verification.issues.iter().any(|i| i.code == "record.catalog"));
    assert!(engine().verify_record(&value, &[(&custom).into()]).ok);
}

#[test]
fn created_at_is_utc_with_milliseconds() {
    let stamp = RecordStamp { id: ID.into(), created_at: Instant::parse("2026-11-28T23:30:00Z").expect("instant") };
    // 23:30 UTC is already 29 November in Amsterdam.
    let tomorrow = Date::parse("2026-11-29").expect("date");
    let record = engine().build_record(&valid_input(), tomorrow, &stamp).expect("valid");
    assert_eq!(record.created_at, "2026-11-28T23:30:00.000Z");
    assert!(verify(&serde_json::to_value(&record).expect("json")).ok);
}

/// A record the engine of v1.2 built (schemaVersion "1.1") with its
/// built-in catalog 2026.2, as an archive keeps it.
fn earlier_record() -> (Value, signal_indicators::KnownCatalog) {
    let old_catalog: Value = serde_json::from_str(include_str!("data/catalog-2026.2.json")).expect("json");
    let known = signal_indicators::KnownCatalog::from_value(&old_catalog, signal_indicators::Locale::Nl);
    // The v1.2 engine filled in absent `requiresEvidence` before digesting;
    // the 2026.2 catalog names it on every indicator, so both digests agree.
    let digest = signal_indicators::canonical_digest(&old_catalog).expect("digest");
    let mut record = json!({
        "recordType": "signal-record", "schemaVersion": "1.1",
        "id": ID, "createdAt": NOW,
        "engine": { "name": "signal-indicators", "version": "0.1.0" },
        "catalog": { "id": "ind-example", "version": "2026.2", "digest": digest, "illustrative": true },
        "case": { "caseNumber": "IND-2026-000123", "procedure": "asylum" },
        "subject": { "vNumber": "1234567890", "status": "applicant" },
        "context": { "type": "application-assessment" },
        "indicators": [{ "code": "TER-05", "category": "terrorism", "reliability": "A", "credibility": "1", "observedOn": "2026-11-01" }],
        "assessment": {
            "evaluatedOn": "2026-11-28", "method": "noisy-or-fixed-v1", "advisory": true,
            "overall": { "score": 6000, "band": "medium" },
            "categories": [{ "category": "terrorism", "score": 6000, "band": "medium", "evidencedScore": 0, "evidencedBand": "none",
                             "contributions": [{ "index": 0, "code": "TER-05", "strength": 6000, "reliabilityFactor": 1000, "credibilityFactor": 1000, "recencyFactor": 1000 }] }],
            "protectionFlags": []
        },
        "routing": { "advised": ["AIVD", "CT-INFOBOX", "NCTV"], "sharedWith": ["AIVD", "CT-INFOBOX", "NCTV"] },
        "measuresForConsideration": [],
        "handling": { "tlp": "AMBER+STRICT" },
        "summary": "Eigen openbare uitlatingen die terroristisch geweld verheerlijken.",
        "officer": { "id": "IND-4711", "unit": "Unit Nationale Veiligheid" },
        "integrity": { "canonicalization": "RFC8785", "digest": "" }
    });
    let digest = signal_indicators::record_digest(&record).expect("digest");
    record["integrity"]["digest"] = json!(digest);
    (record, known)
}

#[test]
fn records_of_an_earlier_schema_version_verify_for_ever_integrity_only() {
    let (record, known) = earlier_record();
    // The 2026.2 catalog fails today's rules (the single-item rule, the
    // grading order) but still identifies its records.
    assert!(known.active().is_none());
    let verification = engine().verify_record(&record, std::slice::from_ref(&known));
    assert!(verification.ok, "{:?}", verification.issues);
    assert_eq!(
        (verification.checks.schema, verification.checks.digest, verification.checks.catalog),
        (true, true, true)
    );
    assert_eq!((verification.checks.content, verification.checks.assessment), (None, None));
    let codes: Vec<(&str, &str, &str)> = verification
        .issues
        .iter()
        .map(|i| {
            (
                i.path.as_str(),
                i.code.as_str(),
                if i.severity == signal_indicators::Severity::Error { "error" } else { "warning" },
            )
        })
        .collect();
    assert_eq!(codes, vec![("/schemaVersion", "record.earlier-version", "warning")]);
    let json = serde_json::to_value(verification.checks).expect("json");
    assert_eq!((json["content"].clone(), json["assessment"].clone()), (Value::Null, Value::Null));
    // Integrity is still checked: a changed word fails the digest.
    let mut tampered = record.clone();
    tampered["summary"] = json!("Iets anders dan wat de medewerker schreef.");
    let verification = engine().verify_record(&tampered, std::slice::from_ref(&known));
    assert!(!verification.ok && !verification.checks.digest);
    // Against its own schema: a 1.2 member in a 1.1 record does not belong.
    let mut extended = record.clone();
    extended["handling"]["reviewOn"] = json!("2027-11-28");
    let digest = signal_indicators::record_digest(&extended).expect("digest");
    extended["integrity"]["digest"] = json!(digest);
    let verification = engine().verify_record(&extended, std::slice::from_ref(&known));
    assert!(!verification.checks.schema && verification.issues.iter().any(|i| i.path == "/handling/reviewOn"));
    // Without its catalog: record.catalog.
    let verification = engine().verify_record(&record, &[]);
    assert!(!verification.ok && !verification.checks.catalog);
    // A version never released is refused by the schema.
    let mut unreleased = record.clone();
    unreleased["schemaVersion"] = json!("1.3");
    let digest = signal_indicators::record_digest(&unreleased).expect("digest");
    unreleased["integrity"]["digest"] = json!(digest);
    assert!(!engine().verify_record(&unreleased, std::slice::from_ref(&known)).checks.schema);
}

#[test]
fn the_catalog_digest_is_that_of_the_catalog_as_given() {
    let mut catalog: Value = serde_json::from_str(signal_indicators::EXAMPLE_CATALOG_JSON).expect("json");
    catalog["indicators"][4].as_object_mut().expect("object").remove("requiresEvidence");
    let active = signal_indicators::ActiveCatalog::from_value(&catalog, signal_indicators::Locale::Nl).expect("valid");
    assert_eq!(active.digest(), signal_indicators::canonical_digest(&catalog).expect("digest"));
    let exported = serde_json::to_value(active.catalog()).expect("json");
    assert!(exported["indicators"][4].get("requiresEvidence").is_none(), "absent stays absent");
    assert_eq!(signal_indicators::canonical_digest(&exported).expect("digest"), active.digest());
}

#[test]
fn a_submission_from_an_earlier_engine_is_refused() {
    use signal_indicators::PostMapping;
    use signal_indicators::{Seen, SubmissionRules};
    let (record, known) = earlier_record();
    let mapping = PostMapping::default();
    let never = |_: &str| Seen::No;
    let rules = SubmissionRules {
        mapping: &mapping,
        record_field: "signal_record",
        catalogs: std::slice::from_ref(&known),
        now: signal_indicators::Instant::parse(NOW).expect("instant"),
        max_age_seconds: 86_400,
        seen: &never,
        new_id: ID.to_owned(),
    };
    let result = engine().verify_submission(&[("signal_record".to_owned(), record.to_string())], &rules);
    assert!(!result.ok);
    assert!(result
        .issues
        .iter()
        .any(|i| i.code == "record.earlier-version" && i.severity == signal_indicators::Severity::Error));
}

/// Records the released engine of v1.2 built (`tests/data/records-1.1.ndjson`,
/// made with its CLI's `build` and kept as an archive keeps them) verify
/// integrity-only for ever, and every kind of tampering fails.
#[test]
fn archived_1_1_records_verify_integrity_only_and_fail_when_tampered() {
    let old_catalog: Value = serde_json::from_str(include_str!("data/catalog-2026.2.json")).expect("json");
    let known = signal_indicators::KnownCatalog::from_value(&old_catalog, signal_indicators::Locale::Nl);
    let archive = include_str!("data/records-1.1.ndjson");
    let records: Vec<Value> = archive.lines().map(|line| serde_json::from_str(line).expect("record")).collect();
    assert_eq!(records.len(), 4);
    for record in &records {
        assert_eq!(record["schemaVersion"], "1.1");
        let verification = engine().verify_record(record, std::slice::from_ref(&known));
        assert!(verification.ok, "{:?}", verification.issues);
        let codes: Vec<&str> = verification.issues.iter().map(|i| i.code.as_str()).collect();
        assert_eq!(codes, vec!["record.earlier-version"]);
        let tamperings: [(&str, Value); 4] = [
            ("/summary", json!("Een andere samenvatting dan die van de medewerker.")),
            ("/assessment/overall/score", json!(10)),
            ("/routing/sharedWith", json!([])),
            ("/createdAt", json!("2026-06-01T00:00:00.000Z")),
        ];
        for (pointer, value) in tamperings {
            let mut tampered = record.clone();
            *tampered.pointer_mut(pointer).expect("member") = value;
            let verification = engine().verify_record(&tampered, std::slice::from_ref(&known));
            assert!(!verification.ok && !verification.checks.digest, "{pointer} tampered still verifies");
        }
        // Without the catalog it was built with, it is not accepted.
        assert!(!engine().verify_record(record, &[]).checks.catalog);
    }
}
