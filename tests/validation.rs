//! One test per issue code and per conditional rule of SPEC §4–5.
#![cfg(not(target_arch = "wasm32"))] // Native suite; the browser suite is tests/web.rs.

mod common;

use common::*;
use serde_json::{json, Value};

#[test]
fn the_fixture_is_valid_with_no_issues() {
    let evaluation = evaluate(&valid_input());
    assert!(evaluation.valid, "{:?}", evaluation.issues);
    assert!(evaluation.issues.is_empty(), "{:?}", evaluation.issues);
}

fn with(pointer: &str, value: Value) -> Value {
    let mut input = valid_input();
    set(&mut input, pointer, value);
    input
}

fn without(pointer: &str) -> Value {
    let mut input = valid_input();
    remove(&mut input, pointer);
    input
}

#[test]
fn required() {
    for pointer in [
        "/caseNumber",
        "/procedure",
        "/subject/vNumber",
        "/context/type",
        "/indicators/0/code",
        "/indicators/0/reliability",
        "/indicators/0/credibility",
        "/indicators/0/observedOn",
        "/summary",
        "/officer/id",
        "/officer/unit",
        "/handling/tlp",
        "/indicators",
        "/context/sisAlert/regulation",
        "/context/sisAlert/article",
        "/context/sisAlert/issuingState",
        "/context/sisAlert/alertReference",
    ] {
        assert_issue(&without(pointer), pointer, "required", "error");
        // Empty after trimming counts as absent; so does null.
        assert_issue(&with(pointer, json!("   ")), pointer, "required", "error");
        assert_issue(&with(pointer, Value::Null), pointer, "required", "error");
    }
    let mut input = valid_input();
    remove(&mut input, "/subject");
    assert_issue(&input, "/subject/vNumber", "required", "error");
}

#[test]
fn type_() {
    for (pointer, value) in [
        ("/caseNumber", json!(12)),
        ("/procedure", json!(["asylum"])),
        ("/subject", json!("1234567890")),
        ("/subject/unknownSubject", json!("true")),
        ("/indicators", json!({ "0": {} })),
        ("/indicators/0", json!("TER-01")),
        ("/indicators/0/reliability", json!(1)),
        ("/indicators/0/credibility", json!(2)),
        ("/indicators/0/evidenceRefs", json!("AB-1")),
        ("/indicators/0/evidenceRefs/0", json!(5)),
        ("/summary", json!(true)),
        ("/officer", json!([])),
        ("/sharedWith", json!("AIVD")),
        ("/sharedWith/0", json!({})),
        ("/extensions", json!(1)),
    ] {
        assert_issue(&with(pointer, value), pointer, "type", "error");
    }
}

#[test]
fn enum_() {
    for (pointer, value) in [
        ("/procedure", "visa"),
        ("/context/type", "rumour"),
        ("/context/sisAlert/regulation", "2018/1860"),
        ("/indicators/0/reliability", "G"),
        ("/indicators/0/reliability", "a"),
        ("/indicators/0/credibility", "7"),
        ("/handling/tlp", "WHITE"),
        ("/sharedWith/1", "CIA"),
    ] {
        assert_issue(&with(pointer, json!(value)), pointer, "enum", "error");
    }
    let evaluation = evaluate(&with("/procedure", json!("visa")));
    let issue = evaluation.issues.iter().find(|i| i.path == "/procedure").expect("issue");
    assert_eq!(
        issue.params.as_ref().and_then(|p| p.get("allowed")),
        Some(&json!(["regular", "asylum", "naturalisation"]))
    );
}

#[test]
fn formats() {
    assert_issue(&with("/caseNumber", json!("IND 2026")), "/caseNumber", "format.case-number", "error");
    assert_issue(&with("/caseNumber", json!("A".repeat(41))), "/caseNumber", "format.case-number", "error");
    assert_issue(&with("/subject/vNumber", json!("123456789")), "/subject/vNumber", "format.vnumber", "error");
    assert_issue(&with("/subject/vNumber", json!("12345678901")), "/subject/vNumber", "format.vnumber", "error");
    assert_issue(
        &with("/subject/vNumber", json!("１２３４５６７８９０")),
        "/subject/vNumber",
        "format.vnumber",
        "error",
    );
    assert_issue(&with("/subject/bsn", json!("123456789")), "/subject/bsn", "format.bsn", "error");
    assert_issue(&with("/subject/bsn", json!("12345678")), "/subject/bsn", "format.bsn", "error");
    assert_issue(
        &with("/indicators/0/observedOn", json!("2026-02-30")),
        "/indicators/0/observedOn",
        "format.date",
        "error",
    );
    assert_issue(
        &with("/indicators/0/observedOn", json!("12-05-2026")),
        "/indicators/0/observedOn",
        "format.date",
        "error",
    );
    assert_issue(
        &with("/context/sisAlert/issuingState", json!("US")),
        "/context/sisAlert/issuingState",
        "format.country",
        "error",
    );
    assert_issue(&with("/officer/id", json!("ind-4711")), "/officer/id", "format.officer-id", "error");
    // Whitespace around a value is trimmed, not an error.
    assert!(evaluate(&with("/subject/vNumber", json!(" 1234567890 "))).valid);
}

#[test]
fn text_lengths_count_utf16_units_after_trimming() {
    assert_issue(&with("/summary", json!("Te kort.")), "/summary", "text.too-short", "error");
    let evaluation = evaluate(&with("/summary", json!("  Te kort.  ")));
    let issue = evaluation.issues.iter().find(|i| i.code == "text.too-short").expect("too short");
    assert_eq!(issue.params.as_ref().map(|p| (p["min"].clone(), p["actual"].clone())), Some((json!(20), json!(8))));
    assert_issue(&with("/summary", json!("x".repeat(4001))), "/summary", "text.too-long", "error");
    // 2000 astral characters are 4000 UTF-16 units: exactly the maximum.
    assert!(evaluate(&with("/summary", json!("😀".repeat(2000)))).valid);
    assert_issue(&with("/summary", json!("😀".repeat(2001))), "/summary", "text.too-long", "error");
    assert_issue(&with("/officer/unit", json!("u".repeat(81))), "/officer/unit", "text.too-long", "error");
    assert_issue(&with("/indicators/0/note", json!("n".repeat(2001))), "/indicators/0/note", "text.too-long", "error");
    assert_issue(
        &with("/indicators/0/evidenceRefs/0", json!("r".repeat(513))),
        "/indicators/0/evidenceRefs/0",
        "text.too-long",
        "error",
    );
    // v1.2: a reference (a document key or a URL) may have 512 characters.
    assert!(evaluate(&with("/indicators/0/evidenceRefs/0", json!("r1".repeat(256)))).valid);
    assert_issue(
        &with("/context/sisAlert/alertReference", json!("r".repeat(65))),
        "/context/sisAlert/alertReference",
        "text.too-long",
        "error",
    );
}

#[test]
fn arrays() {
    assert_issue(&with("/indicators", json!([])), "/indicators", "array.too-few", "error");
    let many: Vec<Value> = (0..201).map(|_| json!({ "code": "TER-05" })).collect();
    let evaluation = evaluate(&with("/indicators", Value::Array(many)));
    let found = triples(&evaluation);
    assert!(found.contains(&("/indicators".into(), "array.too-many".into(), "error".into())));
    // Items of an over-long array are not read.
    assert!(!found.iter().any(|(p, _, _)| p.starts_with("/indicators/")), "{found:?}");
    assert_issue(
        &with("/sharedWith", json!(["AIVD", "NCTV", "AIVD", "CT-INFOBOX"])),
        "/sharedWith/2",
        "array.duplicate",
        "error",
    );
    // [] is present, and an empty sharedWith is allowed (with a reason).
    let mut input = with("/sharedWith", json!([]));
    set(&mut input, "/noShareReason", json!("Lopend onderzoek; afgestemd met teamleider."));
    assert!(evaluate(&input).valid);
}

#[test]
fn dates() {
    assert_issue(
        &with("/indicators/0/observedOn", json!("2026-11-29")),
        "/indicators/0/observedOn",
        "date.future",
        "error",
    );
    assert!(evaluate(&with("/indicators/0/observedOn", json!(TODAY))).valid);
    assert_issue(
        &with("/indicators/0/observedOn", json!("1899-12-31")),
        "/indicators/0/observedOn",
        "date.too-old",
        "error",
    );
    assert!(evaluate(&with("/indicators/0/observedOn", json!("1900-01-01"))).valid);
}

#[test]
fn indicators() {
    assert_issue(&with("/indicators/1/code", json!("TER-99")), "/indicators/1/code", "indicator.unknown", "error");
    assert_issue(
        &without("/indicators/0/evidenceRefs"),
        "/indicators/0/evidenceRefs",
        "indicator.evidence-required",
        "error",
    );
    assert_issue(
        &with("/indicators/0/evidenceRefs", json!([])),
        "/indicators/0/evidenceRefs",
        "indicator.evidence-required",
        "error",
    );
    // TER-05 does not require evidence.
    assert!(evaluate(&without("/indicators/1/evidenceRefs")).valid);
    let mut input = valid_input();
    let first = input["indicators"][0].clone();
    input["indicators"].as_array_mut().expect("array").push(first);
    let evaluation = evaluate(&input);
    assert!(evaluation.valid, "a duplicate is only a warning");
    assert!(triples(&evaluation).contains(&("/indicators/2".into(), "indicator.duplicate".into(), "warning".into())));
    assert!(!triples(&evaluation).iter().any(|(p, c, _)| p == "/indicators/0" && c == "indicator.duplicate"));
}

#[test]
fn sis_article_table() {
    for (regulation, article, ok) in [
        ("2018/1861", "24", true),
        ("2018/1861", "25", true),
        ("2018/1861", "26", false),
        ("2018/1861", "36", false),
        ("2018/1862", "26", true),
        ("2018/1862", "36", true),
        ("2018/1862", "38", true),
        ("2018/1862", "24", false),
        ("2018/1862", "32", false),
        ("2018/1862", "34", false),
    ] {
        let mut input = with("/context/sisAlert/regulation", json!(regulation));
        set(&mut input, "/context/sisAlert/article", json!(article));
        let evaluation = evaluate(&input);
        assert_eq!(evaluation.valid, ok, "{regulation} art. {article}: {:?}", evaluation.issues);
        if !ok {
            assert_issue(&input, "/context/sisAlert/article", "sis.article", "error");
        }
    }
    // A number is a type issue: HTML controls yield strings.
    assert_issue(&with("/context/sisAlert/article", json!(24)), "/context/sisAlert/article", "type", "error");
}

#[test]
fn each_context_type_requires_its_own_member_and_drops_others() {
    let cases: [(&str, &str, Value); 6] = [
        (
            "sis-check",
            "sisAlert",
            json!({ "regulation": "2018/1862", "article": "36", "issuingState": "NL", "alertReference": "X-1" }),
        ),
        ("post-decision-tip", "tip", json!({ "channel": "anonymous", "receivedOn": "2026-11-01" })),
        ("asylum-screening", "screeningMethod", json!("internet-search")),
        ("partner-report", "partner", json!("AIVD")),
        ("application-assessment", "", Value::Null),
        ("document-examination", "", Value::Null),
    ];
    for (context_type, member, value) in &cases {
        let mut input = valid_input();
        input["context"] = json!({ "type": context_type });
        if !member.is_empty() {
            let evaluation = evaluate(&input);
            let path = format!("/context/{member}");
            assert!(
                triples(&evaluation).contains(&(path.clone(), "required".into(), "error".into())),
                "{context_type} without {member}: {:?}",
                evaluation.issues
            );
            input["context"][member] = value.clone();
        }
        let evaluation = evaluate(&input);
        assert!(evaluation.valid, "{context_type}: {:?}", evaluation.issues);
        // A member of another context type is warned about and dropped.
        let (_, other, other_value) =
            cases.iter().find(|(t, m, _)| t != context_type && !m.is_empty()).expect("another type");
        input["context"][other] = other_value.clone();
        let evaluation = evaluate(&input);
        assert!(evaluation.valid);
        assert!(
            triples(&evaluation).contains(&(format!("/context/{other}"), "field.unknown".into(), "warning".into())),
            "{context_type} with {other}: {:?}",
            evaluation.issues
        );
        let record = engine().build_record(&input, today(), &stamp()).expect("valid");
        let context = serde_json::to_value(&record.context).expect("json");
        assert!(context.get(*other).is_none(), "{other} must not be recorded");
    }
    // Tip: channel enum, receivedOn date rules (future included).
    let mut input = valid_input();
    input["context"] =
        json!({ "type": "post-decision-tip", "tip": { "channel": "email", "receivedOn": "2026-12-01" } });
    assert_issue(&input, "/context/tip/channel", "enum", "error");
    assert_issue(&input, "/context/tip/receivedOn", "date.future", "error");
    input["context"] = json!({ "type": "asylum-screening", "screeningMethod": "guess" });
    assert_issue(&input, "/context/screeningMethod", "enum", "error");
    input["context"] = json!({ "type": "partner-report", "partner": "FBI" });
    assert_issue(&input, "/context/partner", "enum", "error");
}

#[test]
fn unknown_subject() {
    let mut input = valid_input();
    input["subject"] = json!({ "unknownSubject": true });
    assert!(evaluate(&input).valid, "no V-nummer needed for an unknown subject");
    input["subject"]["vNumber"] = json!("1234567890");
    assert_issue(&input, "/subject/vNumber", "subject.conflict", "error");
    input["subject"] = json!({ "unknownSubject": false });
    assert_issue(&input, "/subject/vNumber", "required", "error");
}

#[test]
fn routing_unshared() {
    // v1.3: a warning; the officer decides what to share.
    let input = with("/sharedWith", json!(["AIVD"]));
    let evaluation = evaluate(&input);
    assert!(triples(&evaluation).contains(&("/sharedWith".into(), "routing.unshared".into(), "warning".into())));
    assert!(evaluation.valid);
    let issue = evaluation.issues.iter().find(|i| i.code == "routing.unshared").expect("issue");
    // Codes in `params`, the names officers read in the message.
    assert_eq!(issue.params.as_ref().map(|p| p["partners"].clone()), Some(json!(["CT-INFOBOX", "NCTV"])));
    assert_eq!(issue.message, "Deel met de geadviseerde partners (CT Infobox, NCTV) of leg uit waarom niet.");
    // An explanation silences it; when given it has 10–2000 characters.
    let mut explained = input.clone();
    explained["noShareReason"] = json!("Afgestemd met AIVD; zij informeren NCTV.");
    let evaluation = evaluate(&explained);
    assert!(evaluation.valid && !evaluation.issues.iter().any(|i| i.code == "routing.unshared"));
    explained["noShareReason"] = json!("Kort.");
    assert_issue(&explained, "/noShareReason", "text.too-short", "error");
    let mut everyone = valid_input();
    everyone["noShareReason"] = json!("Kort.");
    assert_issue(&everyone, "/noShareReason", "text.too-short", "error");
    // Absent sharedWith means [].
    assert_issue(&without("/sharedWith"), "/sharedWith", "routing.unshared", "warning");
    // English names.
    let engine = engine_en();
    let english = engine.evaluate(&input, today());
    let issue = english.issues.iter().find(|i| i.code == "routing.unshared").expect("issue");
    assert_eq!(issue.message, "Share with the advised partners (CT Infobox, NCTV) or explain why not.");
}

#[test]
fn handling_too_open() {
    assert_issue(&with("/handling/tlp", json!("GREEN")), "/handling/tlp", "handling.too-open", "warning");
    assert_issue(&with("/handling/tlp", json!("CLEAR")), "/handling/tlp", "handling.too-open", "warning");
    assert!(evaluate(&with("/handling/tlp", json!("GREEN"))).valid, "only a warning");
    assert!(evaluate(&with("/handling/tlp", json!("RED"))).issues.is_empty());
}

#[test]
fn unknown_and_protected_fields_are_warned_and_never_recorded() {
    let mut input = valid_input();
    input["favouriteColour"] = json!("blue");
    input["nationality"] = json!("XX");
    input["subject"]["religion"] = json!("x");
    input["subject"]["name"] = json!("x");
    input["indicators"][0]["ethnicity"] = json!("x");
    input["officer"]["language"] = json!("x");
    let evaluation = evaluate(&input);
    assert!(evaluation.valid);
    let found = triples(&evaluation);
    for (path, code) in [
        ("/favouriteColour", "field.unknown"),
        ("/nationality", "field.protected"),
        ("/subject/religion", "field.protected"),
        ("/subject/name", "field.unknown"),
        ("/indicators/0/ethnicity", "field.protected"),
        ("/officer/language", "field.protected"),
    ] {
        assert!(found.contains(&(path.into(), code.into(), "warning".into())), "{path} {code}: {found:?}");
    }
    // A protected key gives field.protected and nothing else.
    assert!(!found.iter().any(|(p, c, _)| p == "/nationality" && c != "field.protected"));
    let record = engine().build_record(&input, today(), &stamp()).expect("valid");
    let text = serde_json::to_string(&record).expect("json");
    for word in ["\"favouriteColour\"", "\"nationality\"", "\"religion\"", "\"ethnicity\"", "\"language\"", "\"XX\""] {
        assert!(!text.contains(word), "{word} leaked into the record");
    }
    let subject = serde_json::to_value(&record.subject).expect("json");
    assert_eq!(subject, json!({ "vNumber": "1234567890", "bsn": "123456782", "status": "applicant" }));
}

#[test]
fn whole_input_problems() {
    for input in [json!(null), json!([]), json!("form"), json!(7), json!(true)] {
        let evaluation = evaluate(&input);
        assert_eq!(triples(&evaluation), vec![("".into(), "input.not-object".into(), "error".into())]);
    }
    let mut deep = json!("leaf");
    for _ in 0..20 {
        deep = json!({ "x": deep });
    }
    let input = with("/extensions", deep);
    assert_eq!(triples(&evaluate(&input)), vec![("".into(), "input.too-large".into(), "error".into())]);
    let big = with("/summary", json!("x".repeat((1 << 20) + 1)));
    assert_eq!(triples(&evaluate(&big)), vec![("".into(), "input.too-large".into(), "error".into())]);
}

#[test]
fn text_replaced_comes_from_the_boundary() {
    let boundary = vec![signal_indicators::Finding::warning("/summary", signal_indicators::Kind::TextReplaced)];
    let engine = engine();
    let evaluation = engine.evaluate_with(&valid_input(), boundary, today());
    assert!(evaluation.valid);
    assert_eq!(triples(&evaluation), vec![("/summary".into(), "text.replaced".into(), "warning".into())]);
}

#[test]
fn issues_are_ordered_by_table_row_then_index_then_code() {
    let input = json!({
        "summary": "kort",
        "indicators": [
            { "code": "TER-99", "reliability": "Z" },
            { "code": "XXX", "credibility": "9", "observedOn": "2030-01-01" }
        ],
        "subject": { "bsn": "1", "vNumber": "12" },
        "caseNumber": "bad number",
        "zzz": 1
    });
    let order: Vec<(String, String)> =
        evaluate(&input).issues.iter().map(|i| (i.path.clone(), i.code.clone())).collect();
    let expected: Vec<(&str, &str)> = vec![
        ("/caseNumber", "format.case-number"),
        ("/procedure", "required"),
        ("/subject/vNumber", "format.vnumber"),
        ("/subject/bsn", "format.bsn"),
        ("/context/type", "required"),
        ("/indicators/0/code", "indicator.unknown"),
        ("/indicators/1/code", "indicator.unknown"),
        ("/indicators/0/reliability", "enum"),
        ("/indicators/1/reliability", "required"),
        ("/indicators/0/credibility", "required"),
        ("/indicators/1/credibility", "enum"),
        ("/indicators/0/observedOn", "required"),
        ("/indicators/1/observedOn", "date.future"),
        ("/summary", "text.too-short"),
        ("/officer/id", "required"),
        ("/officer/unit", "required"),
        ("/handling/tlp", "required"),
        ("/zzz", "field.unknown"),
    ];
    let expected: Vec<(String, String)> = expected.into_iter().map(|(p, c)| (p.into(), c.into())).collect();
    assert_eq!(order, expected);
    // Same input, same list.
    assert_eq!(evaluate(&input), evaluate(&input));
}

#[test]
fn messages_are_localized_and_never_echo_input() {
    let secret = "GEHEIM-12345-XYZ";
    let mut input = valid_input();
    input["caseNumber"] = json!(format!("{secret} !"));
    input["subject"]["vNumber"] = json!(secret);
    input["procedure"] = json!(secret);
    input["indicators"][0]["code"] = json!(secret);
    input["summary"] = json!(secret);
    let (engine_nl, engine_en) = (engine(), engine_en());
    let nl = engine_nl.evaluate(&input, today());
    let en = engine_en.evaluate(&input, today());
    assert_eq!(nl.issues.len(), en.issues.len());
    for (a, b) in nl.issues.iter().zip(&en.issues) {
        assert!(!a.message.contains(secret) && !b.message.contains(secret));
        assert_ne!(a.message, b.message, "{} should differ between nl and en", a.code);
        assert!(!a.message.is_empty());
    }
    let vnumber = nl.issues.iter().find(|i| i.code == "format.vnumber").expect("issue");
    assert!(vnumber.message.contains("V-nummer"));
}

#[test]
fn issue_paths_escape_tilde_and_slash() {
    let mut input = valid_input();
    input["a/b~c"] = json!("x");
    input["subject"]["x~1"] = json!("y");
    let evaluation = evaluate(&input);
    let mut paths: Vec<&str> =
        evaluation.issues.iter().filter(|i| i.code == "field.unknown").map(|i| i.path.as_str()).collect();
    paths.sort_unstable();
    assert_eq!(paths, ["/a~1b~0c", "/subject/x~01"]);
}
