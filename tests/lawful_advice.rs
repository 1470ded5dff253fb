//! Lawful, proportionate advice (SPEC v1.2 §4–§7, DOMAIN "Measures and
//! when they can apply"): measures only where they can apply, never on
//! hearsay, victims not punished, no way around the protected-attribute rule.
#![cfg(not(target_arch = "wasm32"))] // Native suite; the browser suite is tests/web.rs.

mod common;

use common::*;
use serde_json::{json, Value};
use signal_indicators::{ActiveCatalog, ExtensionDeclaration, Locale, SignalEngine, SignalError};

const PROCEDURES: [&str; 3] = ["regular", "asylum", "naturalisation"];
const STATUSES: [Option<&str>; 6] =
    [None, Some("applicant"), Some("permit-holder"), Some("dutch-national"), Some("union-law"), Some("unknown")];
const SIX: [&str; 6] =
    ["terrorism", "national-security", "war-crimes", "human-smuggling", "human-trafficking", "public-order"];
const STD: [&str; 2] = ["applicant", "permit-holder"];

/// One row of DOMAIN.md's table: (measure, categories, procedures, statuses).
type TableRow = (&'static str, Vec<&'static str>, Vec<&'static str>, Vec<&'static str>);

/// DOMAIN.md's "Measures (v1.3)" table, written out here independently of
/// the catalog file (for forms whose conviction indicators are present, so
/// `requiresAnyOf` holds).
fn domain_table() -> Vec<TableRow> {
    let std_and_union: Vec<&str> = STD.iter().copied().chain(["union-law"]).collect();
    vec![
        ("refuse-or-withdraw-residence", SIX.to_vec(), vec!["regular"], STD.to_vec()),
        ("refuse-or-withdraw-asylum", SIX.to_vec(), vec!["asylum"], STD.to_vec()),
        ("exclusion-1f", vec!["war-crimes"], vec!["asylum"], STD.to_vec()),
        ("refuse-naturalisation", SIX.to_vec(), vec!["naturalisation"], std_and_union),
        ("revoke-nationality", vec!["terrorism"], PROCEDURES.to_vec(), vec!["dutch-national"]),
        ("entry-ban", vec!["terrorism", "national-security", "public-order"], vec!["regular", "asylum"], STD.to_vec()),
        ("entry-ban", vec!["war-crimes"], vec!["asylum"], STD.to_vec()),
        (
            "undesirability",
            vec!["terrorism", "national-security", "public-order"],
            PROCEDURES.to_vec(),
            vec!["union-law"],
        ),
    ]
}

/// An item graded A/1, dated this month, with its own evidence reference.
fn item(code: &str, evidence: bool) -> Value {
    let mut item = json!({ "code": code, "reliability": "A", "credibility": "1", "observedOn": "2026-11-01" });
    if evidence {
        item["evidenceRefs"] = json!([format!("DOC-{code}")]);
    }
    item
}

fn measures_of(input: &Value) -> Vec<(String, String)> {
    evaluate(input).measures.iter().map(|m| (m.category.to_owned(), m.code.to_owned())).collect()
}

/// Strong, evidenced indicators in all seven scored categories (every one
/// scores `high`), the final convictions (TER-02, SMU-04, TRA-04, PUB-04)
/// included.
fn every_category_high() -> Vec<Value> {
    ["TER-02", "NSE-01", "WAR-03", "SMU-04", "TRA-04", "PUB-02", "PUB-04", "IDF-01"]
        .iter()
        .map(|c| item(c, true))
        .collect()
}

#[test]
fn measures_follow_the_domain_table_under_every_procedure_and_status() {
    let table = domain_table();
    for procedure in PROCEDURES {
        for status in STATUSES {
            let input = form(every_category_high(), procedure, status);
            let evaluation = evaluate(&input);
            for category in &evaluation.assessment.categories {
                assert_eq!(category.evidenced_band, "high", "{}", category.category);
            }
            // An absent or unknown status meets no list (none lists `unknown`).
            let effective = status.unwrap_or("unknown");
            let mut expected: Vec<(String, String)> = Vec::new();
            for (measure, categories, procedures, statuses) in &table {
                if procedures.contains(&procedure) && statuses.contains(&effective) {
                    expected.extend(categories.iter().map(|c| (c.to_string(), measure.to_string())));
                }
            }
            let mut found = measures_of(&input);
            found.sort();
            expected.sort();
            assert_eq!(found, expected, "{procedure} × {status:?}");
        }
    }
}

#[test]
fn status_judgement_and_protection_change_measures_never_a_score() {
    let reference = evaluate(&form(every_category_high(), "regular", None)).assessment;
    for procedure in PROCEDURES {
        for status in STATUSES {
            for (view, protection) in [
                (None, None),
                (Some("agree"), Some("possible-victim")),
                (Some("partly"), None),
                (Some("disagree"), Some("possible-victim")),
            ] {
                let mut input = form(every_category_high(), procedure, status);
                if let Some(protection) = protection {
                    input["subject"]["protection"] = json!(protection);
                }
                match view {
                    Some(view) => {
                        input["officerJudgement"] = json!({ "view": view, "reason": "Eigen afweging van het advies." })
                    }
                    None => {
                        input.as_object_mut().expect("object").remove("officerJudgement");
                    }
                }
                let assessment = evaluate(&input).assessment;
                assert_eq!(
                    (&assessment.overall, &assessment.categories),
                    (&reference.overall, &reference.categories),
                    "{procedure} {status:?} {view:?} {protection:?}"
                );
            }
        }
    }
}

#[test]
fn what_the_table_rules_out_never_appears() {
    for procedure in PROCEDURES {
        for status in STATUSES {
            let found = measures_of(&form(every_category_high(), procedure, status));
            let codes: Vec<&str> = found.iter().map(|(_, code)| code.as_str()).collect();
            let status = status.unwrap_or("unknown");
            if procedure != "naturalisation" {
                assert!(!codes.contains(&"refuse-naturalisation"), "{procedure} {status}");
            }
            if procedure != "asylum" {
                assert!(!codes.contains(&"exclusion-1f") && !codes.contains(&"refuse-or-withdraw-asylum"));
            }
            if status != "dutch-national" {
                assert!(!codes.contains(&"revoke-nationality"), "{procedure} {status}");
            }
            if status != "union-law" {
                assert!(!codes.contains(&"undesirability"), "{procedure} {status}");
            }
            if matches!(status, "dutch-national" | "union-law") {
                assert!(!codes.contains(&"entry-ban"), "{procedure} {status}");
            }
            if status == "dutch-national" {
                // Only the revocation applies to a Dutch national.
                assert!(codes.iter().all(|c| *c == "revoke-nationality"), "{procedure}: {codes:?}");
            }
            if status == "unknown" {
                // Nothing status-bound for someone who may be Dutch or an EU citizen.
                assert!(codes.is_empty(), "{procedure}: {codes:?}");
            }
            // Identity fraud has its own grounds, never a measure here.
            assert!(found.iter().all(|(category, _)| category != "identity-fraud"));
        }
    }
}

#[test]
fn revoking_nationality_needs_the_final_conviction_with_evidence() {
    // A fresh partner report graded high does not make it appear.
    let report = form(vec![item("TER-01", true)], "naturalisation", Some("dutch-national"));
    assert_eq!(evaluate(&report).assessment.overall.band, "high");
    assert!(measures_of(&report).is_empty());
    // A final conviction two years old (medium after decay) does.
    let mut old = item("TER-02", true);
    old["observedOn"] = json!("2024-11-01");
    let conviction = form(vec![old], "naturalisation", Some("dutch-national"));
    let evaluation = evaluate(&conviction);
    assert_eq!(evaluation.assessment.categories[0].evidenced_band, "medium");
    assert_eq!(measures_of(&conviction), vec![("terrorism".to_owned(), "revoke-nationality".to_owned())]);
    let revoke = &evaluation.measures[0];
    assert!(revoke.notes.is_some_and(|n| n.contains("staatloos")), "the decision-maker is told what to weigh");
    // Without evidence the conviction counts for routing only.
    let unproven = form(vec![item("TER-02", false)], "naturalisation", Some("dutch-national"));
    assert!(measures_of(&unproven).is_empty());
    // CT Infobox and the NCTV only from an evidenced "medium".
    assert_eq!(evaluate(&unproven).routing.advised, vec!["AIVD"]);
}

#[test]
fn an_indicator_without_evidence_changes_routing_but_never_measures() {
    // WAR-01 (an own statement) needs no evidence to be recorded; without
    // it, it is hearsay for measures.
    let hearsay = form(vec![item("WAR-01", false)], "regular", Some("applicant"));
    let evaluation = evaluate(&hearsay);
    assert!(evaluation.valid, "{:?}", evaluation.issues);
    let war = &evaluation.assessment.categories[0];
    assert_eq!((war.score, war.band.as_str()), (7000, "high"));
    assert_eq!((war.evidenced_score, war.evidenced_band.as_str()), (0, "none"));
    assert_eq!(evaluation.routing.advised, vec!["IND-1F"]);
    assert!(evaluation.measures.is_empty());
    // `[]` is present but is no evidence; nor is a placeholder.
    let mut empty = hearsay.clone();
    empty["indicators"][0]["evidenceRefs"] = json!([]);
    assert!(evaluate(&empty).measures.is_empty());
    let mut placeholder = hearsay.clone();
    placeholder["indicators"][0]["evidenceRefs"] = json!(["-"]);
    assert!(evaluate(&placeholder).measures.is_empty());
    // With a reference it counts.
    let evidenced = form(vec![item("WAR-01", true)], "regular", Some("applicant"));
    assert_eq!(measures_of(&evidenced), vec![("war-crimes".to_owned(), "refuse-or-withdraw-residence".to_owned())]);
}

#[test]
fn a_routing_only_indicator_routes_to_the_police_and_nothing_else() {
    // A SIS discreet-check hit is not scored: no band, only the police.
    for evidence in [true, false] {
        let discreet = form(vec![item("PUB-03", evidence)], "regular", Some("applicant"));
        let evaluation = evaluate(&discreet);
        assert!(evaluation.assessment.categories.is_empty());
        assert_eq!(evaluation.assessment.overall.band, "none");
        assert_eq!(evaluation.routing.advised, vec!["POLITIE"]);
        assert!(evaluation.measures.is_empty());
        assert_eq!(evaluation.explanation[0].reason, Some("routing-only"));
        assert_eq!(evaluation.explanation[0].routes_to, vec!["POLITIE"]);
    }
    // Ungraded too.
    let bare = form(vec![json!({ "code": "PUB-03" })], "regular", Some("applicant"));
    assert_eq!(evaluate(&bare).routing.advised, vec!["POLITIE"]);
    // Beside another public-order item it adds nothing to the score.
    let alone = evaluate(&form(vec![item("PUB-01", true)], "regular", Some("applicant")));
    let both = evaluate(&form(vec![item("PUB-01", true), item("PUB-03", true)], "regular", Some("applicant")));
    assert_eq!(alone.assessment.categories, both.assessment.categories);
}

#[test]
fn non_punishment_suspends_the_listed_categories_and_says_so() {
    let conviction = vec![item("PUB-04", true), item("TER-01", true)];
    let base = evaluate(&form(conviction.clone(), "regular", Some("applicant")));
    let codes = |e: &signal_indicators::Evaluation<'_>| -> Vec<(String, String)> {
        e.measures.iter().map(|m| (m.category.to_owned(), m.code.to_owned())).collect()
    };
    assert!(codes(&base).contains(&("public-order".into(), "refuse-or-withdraw-residence".into())));
    assert!(base.suspended_measures.is_empty());

    // A possible-victim indicator, even ungraded, suspends them; so does the
    // host's knowledge that the person is a possible victim.
    let mut with_victim = conviction.clone();
    with_victim.push(json!({ "code": "VIC-02" }));
    let mut known = form(conviction.clone(), "regular", Some("applicant"));
    known["subject"]["protection"] = json!("possible-victim");
    for input in [form(with_victim, "regular", Some("applicant")), known] {
        let suspended = evaluate(&input);
        assert_eq!(suspended.assessment.protection_flags, vec!["trafficking-victim"]);
        let terrorism_only: Vec<(String, String)> =
            codes(&base).into_iter().filter(|(c, _)| c == "terrorism").collect();
        assert_eq!(codes(&suspended), terrorism_only, "terrorism measures are not suspended");
        let held: Vec<(&str, &str, &str)> =
            suspended.suspended_measures.iter().map(|m| (m.category, m.code, m.reason)).collect();
        assert_eq!(held, vec![("public-order", "refuse-or-withdraw-residence", "protection")]);
        let advised = vec!["AIVD", "AVIM", "COMENSHA", "CT-INFOBOX", "NCTV", "POLITIE"];
        assert_eq!(suspended.routing.advised, advised);
        // Never scored.
        assert_eq!(suspended.assessment.categories, base.assessment.categories);
    }

    // Not recorded: the record lists only what is advised.
    let mut input = form(conviction.clone(), "regular", Some("applicant"));
    input["subject"]["protection"] = json!("possible-victim");
    input["sharedWith"] = json!(["AIVD", "AVIM", "COMENSHA", "CT-INFOBOX", "NCTV", "POLITIE"]);
    let record = engine().build_record(&input, today(), &stamp()).expect("valid");
    let text = serde_json::to_string(&record).expect("json");
    assert!(!text.contains("suspended"));
    assert!(text.contains(r#""status":"applicant","protection":"possible-victim"}"#), "{text}");
    assert!(record.measures_for_consideration.iter().all(|m| m.category == "terrorism"));
    assert!(engine().verify_record(&serde_json::to_value(&record).expect("json"), &[]).ok);
}

#[test]
fn of_duplicates_only_the_strongest_counts_whatever_the_order() {
    let weak = json!({ "code": "TER-01", "reliability": "C", "credibility": "3", "observedOn": "2026-11-01", "evidenceRefs": ["DOC-1"] });
    let strong = json!({ "code": "TER-01", "reliability": "A", "credibility": "1", "observedOn": "2026-11-01", "evidenceRefs": ["DOC-2"] });
    for (order, strong_at) in [(vec![weak.clone(), strong.clone()], 1), (vec![strong.clone(), weak.clone()], 0)] {
        let evaluation = evaluate(&form(order, "regular", Some("applicant")));
        let terrorism = &evaluation.assessment.categories[0];
        assert_eq!(terrorism.score, 9000, "not the noisy-OR of both");
        assert_eq!(terrorism.contributions.len(), 1);
        assert_eq!(terrorism.contributions[0].index, strong_at);
        let duplicates: Vec<&str> =
            evaluation.issues.iter().filter(|i| i.code == "indicator.duplicate").map(|i| i.path.as_str()).collect();
        assert_eq!(duplicates, vec![format!("/indicators/{}", 1 - strong_at)]);
    }
    // Equally strong: the one with evidence is scored, so an unevidenced
    // duplicate never removes evidenced weight.
    let mut bare = strong.clone();
    bare["evidenceRefs"] = json!([]);
    let evaluation = evaluate(&form(vec![bare, strong.clone()], "regular", Some("applicant")));
    let terrorism = &evaluation.assessment.categories[0];
    assert_eq!(terrorism.contributions[0].index, 1);
    assert_eq!(terrorism.evidenced_score, 9000);
    // A stronger item without evidence is scored; the evidenced score keeps
    // the evidenced one.
    let mut loud = strong.clone();
    loud["evidenceRefs"] = json!([]);
    let evaluation = evaluate(&form(vec![weak.clone(), loud], "regular", Some("applicant")));
    let terrorism = &evaluation.assessment.categories[0];
    assert_eq!((terrorism.score, terrorism.contributions[0].index), (9000, 1));
    // C/3: 90 × 100 × 650 × 650 / 10⁶ = 3802.5 → 3803
    assert_eq!(terrorism.evidenced_score, 3803);
}

#[test]
fn war_crimes_do_not_fade_with_time() {
    let mut old = item("WAR-03", true);
    old["observedOn"] = json!("2006-11-01");
    let evaluation = evaluate(&form(vec![old], "asylum", Some("applicant")));
    let war = &evaluation.assessment.categories[0];
    assert_eq!(war.contributions[0].recency_factor, 1000);
    assert_eq!((war.score, war.band.as_str()), (8000, "high"));
    // The 1F unit first (it passes cases on to the OM).
    assert_eq!(evaluation.routing.advised, vec!["IND-1F"]);
    let codes: Vec<&str> = evaluation.measures.iter().map(|m| m.code).collect();
    assert_eq!(codes, vec!["refuse-or-withdraw-asylum", "exclusion-1f", "entry-ban"]);
    // Terrorism still decays: 20 years is the last bucket (250‰).
    let mut terror = item("TER-01", true);
    terror["observedOn"] = json!("2006-11-01");
    assert_eq!(
        evaluate(&form(vec![terror], "asylum", None)).assessment.categories[0].contributions[0].recency_factor,
        250
    );
}

#[test]
fn the_reporting_partner_is_not_advised_back_to_itself() {
    let mut input = form(vec![item("TER-01", true)], "regular", Some("applicant"));
    input["context"] = json!({ "type": "partner-report", "partner": "AIVD" });
    input["sharedWith"] = json!(["CT-INFOBOX", "NCTV"]);
    let evaluation = evaluate(&input);
    assert_eq!(evaluation.routing.advised, vec!["CT-INFOBOX", "NCTV"]);
    assert!(evaluation.valid, "no explanation needed for not sharing back: {:?}", evaluation.issues);
}

#[test]
fn the_officers_view_is_required_and_an_unknown_status_lists_nothing_status_bound() {
    // Status absent: no measure is listed (every one is status-bound), and
    // the warning says why.
    let mut input = form(vec![item("TER-01", true)], "regular", None);
    input.as_object_mut().expect("object").remove("officerJudgement");
    let evaluation = evaluate(&input);
    let found = triples(&evaluation);
    assert!(evaluation.measures.is_empty());
    assert!(found.contains(&("/subject/status".into(), "subject.status-unknown".into(), "warning".into())));
    assert!(evaluation.valid, "{found:?}");
    for status in ["unknown", "tourist"] {
        input["subject"]["status"] = json!(status);
        let evaluation = evaluate(&input);
        assert!(evaluation.measures.is_empty());
        assert!(triples(&evaluation).contains(&(
            "/subject/status".into(),
            "subject.status-unknown".into(),
            "warning".into()
        )));
    }
    // A known status lists measures; then the officer's view is required.
    input["subject"]["status"] = json!("applicant");
    let evaluation = evaluate(&input);
    assert!(!evaluation.measures.is_empty());
    assert!(triples(&evaluation).contains(&(
        "/officerJudgement/view".into(),
        "judgement.missing".into(),
        "error".into()
    )));
    assert!(!evaluation.valid);
    assert!(!triples(&evaluation).iter().any(|(_, code, _)| code == "subject.status-unknown"));
    // No measure could apply, no warnings.
    let mut quiet = form(vec![item("TER-05", false)], "regular", None);
    quiet.as_object_mut().expect("object").remove("officerJudgement");
    assert!(evaluate(&quiet).issues.is_empty(), "{:?}", evaluate(&quiet).issues);
}

#[test]
fn officer_judgement_rules() {
    let judged = |judgement: Value| {
        let mut input = valid_input();
        input["officerJudgement"] = judgement;
        input
    };
    assert!(evaluate(&judged(json!({ "view": "agree" }))).valid);
    assert_issue(&judged(json!({ "view": "partly" })), "/officerJudgement/reason", "required", "error");
    assert_issue(
        &judged(json!({ "view": "disagree", "reason": "Te kort" })),
        "/officerJudgement/reason",
        "text.too-short",
        "error",
    );
    assert!(evaluate(&judged(json!({ "view": "disagree", "reason": "De bron is eerder onjuist gebleken." }))).valid);
    assert_issue(
        &judged(json!({ "reason": "Zonder oordeel geschreven." })),
        "/officerJudgement/view",
        "required",
        "error",
    );
    assert_issue(&judged(json!({ "view": "maybe" })), "/officerJudgement/view", "enum", "error");
    assert_issue(&judged(json!("agree")), "/officerJudgement", "type", "error");
    // Recorded only when given, in the order view, reason.
    let input = judged(json!({ "view": "partly", "reason": "Ernst lager dan het advies." }));
    let record = engine().build_record(&input, today(), &stamp()).expect("valid");
    let text = serde_json::to_string(&record).expect("json");
    assert!(text.contains(r#""handling":{"tlp":"AMBER+STRICT","reviewOn":"2027-11-28"},"officerJudgement":{"view":"partly","reason":"Ernst lager dan het advies."},"summary""#));
    // Measures are listed: without a view there is no record.
    let mut without = valid_input();
    without.as_object_mut().expect("object").remove("officerJudgement");
    assert!(engine().build_record(&without, today(), &stamp()).is_err());
    // Without measures the view stays optional and is not recorded.
    without["indicators"] = json!([item("TER-05", false)]);
    let record = engine().build_record(&without, today(), &stamp()).expect("valid");
    assert!(record.officer_judgement.is_none());
}

#[test]
fn subject_status_is_validated_and_recorded_as_given() {
    assert_issue(&form(vec![item("TER-01", true)], "regular", Some("tourist")), "/subject/status", "enum", "error");
    for status in ["unknown", "union-law"] {
        let input = form(vec![item("TER-01", true)], "naturalisation", Some(status));
        let mut input = input;
        input["sharedWith"] = json!(["AIVD", "CT-INFOBOX", "NCTV"]);
        let record = engine().build_record(&input, today(), &stamp()).expect("valid");
        assert_eq!(record.subject.status.as_deref(), Some(status));
    }
    let absent = form(vec![item("TER-01", true)], "naturalisation", None);
    let record = engine().build_record(&absent, today(), &stamp()).expect("valid");
    assert_eq!(record.subject.status, None);
    let text = serde_json::to_string(&record.subject).expect("json");
    assert_eq!(text, r#"{"vNumber":"1234567890","bsn":"123456782"}"#);
}

#[test]
fn handling_too_open_for_every_record_and_amber_on_a_discreet_check() {
    let mut unknown = valid_input();
    unknown["subject"] = json!({ "unknownSubject": true, "status": "applicant" });
    unknown["handling"]["tlp"] = json!("GREEN");
    assert_issue(&unknown, "/handling/tlp", "handling.too-open", "warning");
    let mut discreet = valid_input();
    discreet["context"]["sisAlert"] =
        json!({ "regulation": "2018/1862", "article": "36", "issuingState": "DE", "alertReference": "SIS-1" });
    discreet["handling"]["tlp"] = json!("AMBER");
    assert_issue(&discreet, "/handling/tlp", "handling.too-open", "warning");
    discreet["handling"]["tlp"] = json!("AMBER+STRICT");
    assert!(!triples(&evaluate(&discreet)).iter().any(|(_, code, _)| code == "handling.too-open"));
    let mut arrest = valid_input();
    arrest["context"]["sisAlert"] =
        json!({ "regulation": "2018/1862", "article": "26", "issuingState": "DE", "alertReference": "SIS-1" });
    arrest["handling"]["tlp"] = json!("AMBER");
    assert!(!triples(&evaluate(&arrest)).iter().any(|(_, code, _)| code == "handling.too-open"));
}

#[test]
fn protected_keys_by_word_at_every_depth_never_reach_a_record() {
    let mut input = valid_input();
    input["subjectNationality"] = json!("XX");
    input["subject"]["Religion"] = json!("XX");
    input["context"]["sisAlert"]["geboorteland"] = json!("XX");
    input["indicators"][0]["nationality_code"] = json!("XX");
    input["officer"]["languageLevel"] = json!("XX");
    input["handling"]["EUNationality"] = json!("XX");
    input["sexton"] = json!("bell");
    let found = triples(&evaluate(&input));
    for path in [
        "/subjectNationality",
        "/subject/Religion",
        "/context/sisAlert/geboorteland",
        "/indicators/0/nationality_code",
        "/officer/languageLevel",
        "/handling/EUNationality",
    ] {
        assert!(found.contains(&(path.into(), "field.protected".into(), "warning".into())), "{path}: {found:?}");
        assert!(!found.iter().any(|(p, c, _)| p == path && c != "field.protected"), "{path}");
    }
    assert!(found.contains(&("/sexton".into(), "field.unknown".into(), "warning".into())));
    let record = engine().build_record(&input, today(), &stamp()).expect("valid");
    let text = serde_json::to_string(&record).expect("json");
    assert!(!text.contains("XX") && !text.contains("bell"), "{text}");
}

#[test]
fn extension_names_cannot_declare_a_way_around_the_rule() {
    for name in ["nationality", "subjectReligion", "geboorteland", "countryOfOrigin", "nationality2", "taal"] {
        let declaration = ExtensionDeclaration {
            name: name.to_owned(),
            kind: serde_json::from_value(json!("string")).expect("type"),
            required: false,
            pattern: None,
            max_length: None,
            values: None,
        };
        match SignalEngine::new(Locale::Nl, None, &[declaration]) {
            Err(SignalError::OptionInvalid(message)) => assert!(message.contains(name), "{message}"),
            other => panic!("{name} accepted: {other:?}"),
        }
    }
}

#[test]
fn a_custom_catalog_gets_the_same_conditions() {
    let mut catalog: Value = serde_json::from_str(signal_indicators::EXAMPLE_CATALOG_JSON).expect("json");
    let idf02 = catalog["indicators"].as_array().expect("array").iter().position(|i| i["code"] == "IDF-02");
    catalog["indicators"][idf02.expect("IDF-02")]["sufficientAlone"] = json!(true);
    catalog["measures"] = json!([{
        "category": "identity-fraud", "minBand": "low", "code": "review",
        "labels": { "nl": "Heroverwegen", "en": "Review" }, "legalBasis": "Testbasis",
        "procedures": ["asylum"], "statuses": ["permit-holder"], "requiresAnyOf": ["IDF-02"],
        "suspendedByProtection": true
    }]);
    let active = ActiveCatalog::from_value(&catalog, Locale::En).expect("valid");
    let engine = SignalEngine::new(Locale::En, Some(active), &[]).expect("engine");
    let mut allowed = 0;
    for procedure in PROCEDURES {
        for status in STATUSES {
            for indicators in [vec![item("IDF-02", true)], vec![item("IDF-01", true)], vec![item("IDF-02", false)]] {
                let input = form(indicators.clone(), procedure, status);
                let evaluation = engine.evaluate(&input, today());
                let listed = !evaluation.measures.is_empty();
                let may = procedure == "asylum"
                    && status == Some("permit-holder")
                    && indicators[0]["code"] == "IDF-02"
                    && indicators[0].get("evidenceRefs").is_some();
                assert_eq!(listed, may, "{procedure} {status:?} {indicators:?}");
                allowed += usize::from(listed);
                if may {
                    let mut victim = indicators.clone();
                    victim.push(json!({ "code": "VIC-01" }));
                    let held = engine.evaluate(&form(victim, procedure, status), today());
                    assert!(held.measures.is_empty());
                    assert_eq!(held.suspended_measures.len(), 1);
                }
            }
        }
    }
    assert_eq!(allowed, 1);
}

#[test]
fn verify_recomputes_measures_from_procedure_status_and_evidence() {
    let record = engine().build_record(&valid_input(), today(), &stamp()).expect("valid");
    let value = serde_json::to_value(&record).expect("json");
    assert_eq!(value["schemaVersion"], "1.2");
    assert_eq!(value["catalog"]["illustrative"], true);
    assert_eq!(value["assessment"]["categories"][0]["evidencedScore"], 6503);
    assert_eq!(value["assessment"]["categories"][0]["evidencedBand"], "medium");
    assert!(engine().verify_record(&value, &[]).ok);
    let redigest = |mut record: Value| {
        let digest = signal_indicators::record_digest(&record).expect("digest");
        record["integrity"]["digest"] = json!(digest);
        record
    };
    // A measure that cannot apply, added and re-digested, fails.
    let mut forged = value.clone();
    forged["measuresForConsideration"].as_array_mut().expect("array").push(json!({
        "code": "revoke-nationality", "category": "terrorism", "legalBasis": "RWN art. 14 lid 2"
    }));
    let verification = engine().verify_record(&redigest(forged), &[]);
    assert!(verification.checks.digest && verification.checks.assessment != Some(true));
    // A changed status or procedure changes what may be advised.
    for (pointer, value_) in [("/subject/status", json!("dutch-national")), ("/case/procedure", json!("regular"))] {
        let mut changed = value.clone();
        *changed.pointer_mut(pointer).expect("member") = value_;
        let verification = engine().verify_record(&redigest(changed), &[]);
        assert!(!verification.ok && verification.checks.assessment != Some(true), "{pointer}");
    }
    // Evidence removed: the evidenced score and the measures no longer hold.
    let mut unproven = value.clone();
    unproven["indicators"][0].as_object_mut().expect("object").remove("evidenceRefs");
    assert!(!engine().verify_record(&redigest(unproven), &[]).ok);
    // A judgement changed after building fails the digest; re-digested it
    // is content the officer could have given.
    let mut judged = value.clone();
    judged["officerJudgement"] = json!({ "view": "disagree" });
    let verification = engine().verify_record(&redigest(judged), &[]);
    assert!(verification.checks.content != Some(true), "a disagreement without a reason is not valid content");
    // The illustrative mark cannot be dropped from a record.
    let mut unmarked = value.clone();
    unmarked["catalog"].as_object_mut().expect("catalog").remove("illustrative");
    let verification = engine().verify_record(&redigest(unmarked), &[]);
    assert!(verification.checks.digest && !verification.checks.catalog);
    // A 1.0 record is refused.
    let mut old = value.clone();
    old["schemaVersion"] = json!("1.0");
    let verification = engine().verify_record(&redigest(old), &[]);
    assert!(!verification.checks.schema);
}
