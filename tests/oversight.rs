//! Proportion and oversight (SPEC v1.3 §12.1–§12.3, DOMAIN "Built-in
//! catalog v1.3"): no measure from one weak item, one source counts once,
//! placeholders are no evidence, the date of the facts, a known possible
//! victim, protected words in keys and text.
#![cfg(not(target_arch = "wasm32"))] // Native suite; the browser suite is tests/web.rs.

mod common;

use common::*;
use serde_json::{json, Value};
use signal_indicators::{ActiveCatalog, Evaluation, ExtensionDeclaration, Locale, SignalEngine, SignalError};

const PROCEDURES: [&str; 3] = ["regular", "asylum", "naturalisation"];
const STATUSES: [Option<&str>; 6] =
    [None, Some("applicant"), Some("permit-holder"), Some("dutch-national"), Some("union-law"), Some("unknown")];

fn graded(code: &str, refs: &[&str]) -> Value {
    json!({ "code": code, "reliability": "A", "credibility": "1", "observedOn": TODAY, "evidenceRefs": refs })
}

fn codes_of(evaluation: &Evaluation<'_>, code: &str) -> Vec<String> {
    evaluation.issues.iter().filter(|i| i.code == code).map(|i| i.path.clone()).collect()
}

#[test]
fn no_indicator_without_sufficient_alone_leads_to_a_measure_on_its_own() {
    // Every indicator of the built-in catalog alone, at the best grading,
    // dated today, with evidence, under every procedure and status.
    let catalog = ActiveCatalog::example();
    let mut reached = 0;
    for definition in &catalog.catalog().indicators {
        for procedure in PROCEDURES {
            for status in STATUSES {
                let evaluation = evaluate(&form(vec![graded(&definition.code, &["DOC-2026-1"])], procedure, status));
                let leads = !evaluation.measures.is_empty() || !evaluation.suspended_measures.is_empty();
                if leads {
                    reached += 1;
                    assert_eq!(
                        definition.sufficient_alone,
                        Some(true),
                        "{} alone reached {:?} ({procedure}, {status:?})",
                        definition.code,
                        evaluation.measures.iter().map(|m| m.code).collect::<Vec<_>>()
                    );
                }
            }
        }
    }
    assert!(reached > 0, "the strong indicators do reach measures");
    // The weak ones named in DOMAIN v1.3 never do, even graded A/1.
    for weak in ["PUB-01", "TER-05", "SMU-03", "TRA-02", "NSE-03", "PUB-03", "IDF-01"] {
        for procedure in PROCEDURES {
            let evaluation = evaluate(&form(vec![graded(weak, &["DOC-2026-1"])], procedure, Some("applicant")));
            assert!(evaluation.measures.is_empty(), "{weak} {procedure}");
        }
    }
}

#[test]
fn identity_fraud_lists_no_measure_and_public_order_needs_the_conviction() {
    for procedure in PROCEDURES {
        let fraud = ["IDF-01", "IDF-02", "IDF-03"].iter().map(|c| graded(c, &[&format!("DOC-{c}")])).collect();
        let evaluation = evaluate(&form(fraud, procedure, Some("applicant")));
        assert_eq!(evaluation.assessment.categories[0].band, "high");
        assert!(evaluation.measures.is_empty() && evaluation.suspended_measures.is_empty(), "{procedure}");
        assert_eq!(evaluation.routing.advised, vec!["KMAR", "POLITIE"]);
    }
    // Smuggling, trafficking and public order: only with the final conviction.
    for (strong, conviction) in [("SMU-01", "SMU-04"), ("TRA-01", "TRA-04"), ("PUB-02", "PUB-04")] {
        let without = evaluate(&form(vec![graded(strong, &["DOC-A1"])], "regular", Some("applicant")));
        assert!(without.measures.is_empty(), "{strong}");
        let with = evaluate(&form(
            vec![graded(strong, &["DOC-A1"]), graded(conviction, &["VONNIS-2025-7"])],
            "regular",
            Some("applicant"),
        ));
        let codes: Vec<&str> = with.measures.iter().map(|m| m.code).collect();
        assert!(codes.contains(&"refuse-or-withdraw-residence"), "{conviction}: {codes:?}");
        let basis = with.measures.iter().find(|m| m.code == "refuse-or-withdraw-residence").expect("measure");
        assert!(basis.legal_basis.contains("Vb 2000 art. 3.77 en 3.86"), "{}", basis.legal_basis);
        // Naturalisation: serious suspicions suffice (RWN art. 9), no conviction needed.
        let naturalisation = evaluate(&form(vec![graded(strong, &["DOC-A1"])], "naturalisation", Some("applicant")));
        assert_eq!(naturalisation.measures.iter().map(|m| m.code).collect::<Vec<_>>(), vec!["refuse-naturalisation"]);
    }
}

#[test]
fn one_source_counts_once_transitively_within_a_category() {
    // One ambtsbericht entered as three indicators.
    let three = vec![
        graded("TER-01", &["AMB-2026-17"]),
        graded("TER-03", &["amb-2026-17 "]),
        graded("TER-04", &["AMB-2026-17"]),
    ];
    let evaluation = evaluate(&form(three, "regular", Some("applicant")));
    let terrorism = &evaluation.assessment.categories[0];
    assert_eq!((terrorism.score, terrorism.evidenced_score), (9000, 9000));
    assert_eq!(terrorism.contributions.len(), 1);
    assert_eq!(
        codes_of(&evaluation, "indicator.same-source"),
        vec!["/indicators/1/evidenceRefs", "/indicators/2/evidenceRefs"]
    );
    let warning = evaluation.issues.iter().find(|i| i.code == "indicator.same-source").expect("warning");
    assert_eq!(warning.params.as_ref().map(|p| p["counted"].clone()), Some(json!(0)));
    assert!(evaluation.valid, "a warning, never blocking");
    // Linked through a third: A–B share one reference, B–C another.
    let chain =
        vec![graded("TER-03", &["DOC-AAA"]), graded("TER-04", &["DOC-AAA", "DOC-BBB"]), graded("TER-01", &["DOC-BBB"])];
    let evaluation = evaluate(&form(chain, "regular", Some("applicant")));
    let terrorism = &evaluation.assessment.categories[0];
    assert_eq!(terrorism.score, 9000, "only TER-01 (the strongest) counts");
    assert_eq!(terrorism.contributions[0].index, 2);
    assert_eq!(
        codes_of(&evaluation, "indicator.same-source"),
        vec!["/indicators/0/evidenceRefs", "/indicators/1/evidenceRefs"]
    );
    // Independent sources both count.
    let two = vec![graded("TER-01", &["DOC-AAA"]), graded("TER-03", &["DOC-CCC"])];
    let evaluation = evaluate(&form(two, "regular", Some("applicant")));
    assert_eq!(evaluation.assessment.categories[0].contributions.len(), 2);
    assert!(codes_of(&evaluation, "indicator.same-source").is_empty());
    // Across categories a shared document is not folded.
    let across = vec![graded("TER-01", &["DOC-AAA"]), graded("NSE-01", &["DOC-AAA"])];
    let evaluation = evaluate(&form(across, "regular", Some("applicant")));
    assert_eq!(evaluation.assessment.categories.len(), 2);
    assert!(codes_of(&evaluation, "indicator.same-source").is_empty());
    // Items without evidence are each their own source; a placeholder links nothing.
    let bare = vec![graded("TER-05", &[]), graded("TER-01", &[]), graded("TER-03", &["-"]), graded("TER-04", &["-"])];
    let evaluation = evaluate(&form(bare, "regular", Some("applicant")));
    assert_eq!(evaluation.assessment.categories[0].contributions.len(), 4);
    assert!(codes_of(&evaluation, "indicator.same-source").is_empty());
}

#[test]
fn the_evidenced_score_folds_sources_too_and_requires_any_of_sees_every_fact() {
    // The stronger item of the source has no evidence of its own here, so
    // the evidenced score takes both evidenced items, folded to one.
    let items = vec![graded("TER-02", &["VONNIS-1"]), graded("TER-03", &["VONNIS-1"]), graded("TER-05", &[])];
    let evaluation = evaluate(&form(items, "regular", Some("dutch-national")));
    let terrorism = &evaluation.assessment.categories[0];
    assert_eq!(terrorism.evidenced_score, 9500);
    // TER-02 is the final conviction revocation needs.
    assert_eq!(evaluation.measures.iter().map(|m| m.code).collect::<Vec<_>>(), vec!["revoke-nationality"]);
    // requiresAnyOf is met by a conviction that the fold does not count.
    let mut weak_conviction = graded("TER-02", &["AMB-77"]);
    weak_conviction["reliability"] = json!("C");
    weak_conviction["credibility"] = json!("3");
    let items = vec![graded("TER-01", &["AMB-77"]), weak_conviction];
    let evaluation = evaluate(&form(items, "naturalisation", Some("dutch-national")));
    assert_eq!(codes_of(&evaluation, "indicator.same-source"), vec!["/indicators/1/evidenceRefs"]);
    assert_eq!(evaluation.measures.iter().map(|m| m.code).collect::<Vec<_>>(), vec!["revoke-nationality"]);
    let explained: Vec<(bool, Option<&str>, Option<u32>)> =
        evaluation.explanation.iter().map(|e| (e.counts_for_measures, e.reason, e.same_as)).collect();
    assert_eq!(explained, vec![(true, None, None), (false, Some("same-source"), Some(0))]);
}

#[test]
fn placeholders_are_refused_and_real_references_accepted() {
    let with_ref = |reference: &str| {
        let mut input = valid_input();
        input["indicators"][0]["evidenceRefs"] = json!(["AB-2026-17", reference]);
        input
    };
    for placeholder in [
        "nvt",
        "N.v.t.",
        "geen",
        "Onbekend",
        "unknown",
        "none",
        "NULL",
        "undefined",
        "NaN",
        "tbd",
        "todo",
        "volgt",
        "leeg",
        "empty",
        "test",
        "-",
        "xxxx",
        "0000",
        "ab",
        "??",
        "a-1",
    ] {
        let evaluation = evaluate(&with_ref(placeholder));
        assert_eq!(
            codes_of(&evaluation, "indicator.evidence-placeholder"),
            vec!["/indicators/0/evidenceRefs/1"],
            "{placeholder}"
        );
        assert!(!evaluation.valid);
    }
    for reference in ["AMB-2026-0042", "abc", "https://dms.example/d/1", "وثيقة ١٢", "Σελίδα"] {
        let evaluation = evaluate(&with_ref(reference));
        assert!(codes_of(&evaluation, "indicator.evidence-placeholder").is_empty(), "{reference}");
        assert!(evaluation.valid, "{reference}: {:?}", evaluation.issues);
    }
    // Only placeholders: no evidence for the evidenced score.
    let mut only = valid_input();
    only["indicators"][0]["evidenceRefs"] = json!(["n.v.t."]);
    let evaluation = evaluate(&only);
    assert_eq!(evaluation.assessment.categories[0].evidenced_score, 0);
    assert!(evaluation.measures.is_empty());
    // TER-01 requires evidence: the placeholder is reported, not also `required`.
    assert!(codes_of(&evaluation, "indicator.evidence-required").is_empty());
}

#[test]
fn recency_counts_from_the_date_of_the_facts() {
    let mut old_facts = graded("TER-02", &["VONNIS-2011-3"]);
    old_facts["factsOn"] = json!("2011-06-01");
    let evaluation = evaluate(&form(vec![old_facts.clone()], "regular", Some("applicant")));
    let contribution = &evaluation.assessment.categories[0].contributions[0];
    assert_eq!(contribution.recency_factor, 250, "a 15-year-old conviction learned of today");
    assert_eq!(evaluation.explanation[0].counts_from.as_deref(), Some("2011-06-01"));
    assert_eq!(evaluation.explanation[0].age_months, Some(185));
    // Recorded right after observedOn.
    let mut input = form(vec![old_facts], "regular", Some("applicant"));
    input["sharedWith"] = json!(["AIVD"]);
    let record = engine().build_record(&input, today(), &stamp()).expect("valid");
    let text = serde_json::to_string(&record.indicators).expect("json");
    assert!(text.contains(r#""observedOn":"2026-11-28","factsOn":"2011-06-01","evidenceRefs""#), "{text}");
    assert!(engine().verify_record(&serde_json::to_value(&record).expect("json"), &[]).ok);
}

#[test]
fn the_date_of_the_facts_is_checked_and_an_item_with_a_wrong_one_is_not_scored() {
    let with_facts = |facts: &str, observed: &str| {
        let mut item = graded("TER-01", &["AMB-2026-1"]);
        item["factsOn"] = json!(facts);
        item["observedOn"] = json!(observed);
        evaluate(&form(vec![item], "regular", Some("applicant")))
    };
    let order = with_facts("2026-06-02", "2026-06-01");
    assert_eq!(triples(&order).first(), Some(&("/indicators/0/factsOn".into(), "date.order".into(), "error".into())));
    assert!(order.assessment.categories.is_empty(), "not scored");
    let future = with_facts("2027-01-01", "2026-06-01");
    assert_eq!(codes_of(&future, "date.future"), vec!["/indicators/0/factsOn"]);
    assert!(codes_of(&future, "date.order").is_empty(), "a future date gets date.future only");
    let old = with_facts("1899-12-31", "2026-06-01");
    assert_eq!(codes_of(&old, "date.too-old"), vec!["/indicators/0/factsOn"]);
    let both_old = with_facts("1899-12-31", "1899-01-01");
    assert_eq!(codes_of(&both_old, "date.order"), vec!["/indicators/0/factsOn"], "a date before 1900 still compares");
    let bad = with_facts("2026-02-30", "2026-06-01");
    assert_eq!(codes_of(&bad, "format.date"), vec!["/indicators/0/factsOn"]);
    let same_day = with_facts("2026-06-01", "2026-06-01");
    assert!(same_day.valid, "{:?}", same_day.issues);
    // factsOn sorts right after observedOn.
    let mut item = json!({ "code": "TER-01", "reliability": "A", "credibility": "1", "observedOn": "2030-01-01",
                           "factsOn": "2029-01-01", "evidenceRefs": ["n"], "note": "x" });
    item["note"] = json!("n".repeat(2001));
    let evaluation = evaluate(&form(vec![item], "regular", Some("applicant")));
    let paths: Vec<String> = evaluation.issues.iter().map(|i| i.path.clone()).collect();
    assert_eq!(
        paths,
        vec!["/indicators/0/observedOn", "/indicators/0/factsOn", "/indicators/0/evidenceRefs/0", "/indicators/0/note"]
    );
    // Two convictions learned of on one day are two facts, not duplicates.
    let mut a = graded("PUB-04", &["VONNIS-A1"]);
    a["factsOn"] = json!("2020-01-01");
    let mut b = graded("PUB-04", &["VONNIS-B2"]);
    b["factsOn"] = json!("2022-01-01");
    let evaluation = evaluate(&form(vec![a.clone(), b], "regular", Some("applicant")));
    assert!(codes_of(&evaluation, "indicator.duplicate").is_empty());
    assert_eq!(evaluation.assessment.categories[0].contributions.len(), 2);
    let evaluation = evaluate(&form(vec![a.clone(), a], "regular", Some("applicant")));
    assert_eq!(codes_of(&evaluation, "indicator.duplicate"), vec!["/indicators/1"]);
}

#[test]
fn a_known_possible_victim_is_protected_and_never_scored() {
    let mut input =
        form(vec![graded("SMU-01", &["PV-2026-1"]), graded("SMU-04", &["VONNIS-9"])], "asylum", Some("applicant"));
    let before = evaluate(&input);
    assert!(!before.measures.is_empty());
    input["subject"]["protection"] = json!("possible-victim");
    let after = evaluate(&input);
    assert!(after.measures.is_empty());
    assert_eq!(after.suspended_measures.len(), before.measures.len());
    assert_eq!(after.assessment.protection_flags, vec!["trafficking-victim"]);
    assert_eq!(after.assessment.categories, before.assessment.categories);
    assert!(after.routing.advised.contains(&"COMENSHA") && after.routing.advised.contains(&"AVIM"));
    // An unknown value is an enum error; it sorts right after the status.
    input["subject"]["protection"] = json!("victim");
    input["subject"]["status"] = json!("tourist");
    let paths: Vec<(String, String)> =
        evaluate(&input).issues.iter().filter(|i| i.code == "enum").map(|i| (i.path.clone(), i.code.clone())).collect();
    assert_eq!(paths, vec![("/subject/status".into(), "enum".into()), ("/subject/protection".into(), "enum".into())]);
}

#[test]
fn an_anonymous_tip_is_never_shared_by_default_with_ct_infobox_or_the_nctv() {
    let mut input = form(
        vec![json!({ "code": "TER-01", "reliability": "F", "credibility": "6", "observedOn": TODAY })],
        "regular",
        Some("applicant"),
    );
    input["context"] = json!({ "type": "post-decision-tip", "tip": { "channel": "anonymous", "receivedOn": TODAY } });
    input["sharedWith"] = json!([]);
    // F/6: 90 × 100 × 400 × 400 / 10⁶ = 1440, below "low": nothing to pass on.
    assert!(evaluate(&input).routing.advised.is_empty());
    // C/3 without evidence: "low"; the AIVD, not CT Infobox or the NCTV.
    input["indicators"][0]["reliability"] = json!("C");
    input["indicators"][0]["credibility"] = json!("3");
    let evaluation = evaluate(&input);
    assert_eq!(evaluation.routing.advised, vec!["AIVD"]);
    // Not sharing is the officer's choice: a warning, not an error.
    assert_eq!(triples(&evaluation).iter().filter(|(_, c, _)| c == "routing.unshared").count(), 1);
    assert!(evaluation
        .issues
        .iter()
        .all(|i| i.code != "routing.unshared" || i.severity == signal_indicators::Severity::Warning));
    // F and 6 never weigh more than D and 4.
    let catalog = ActiveCatalog::example();
    assert!(catalog.reliability_factor("F") <= catalog.reliability_factor("D"));
    assert!(catalog.credibility_factor("6") <= catalog.credibility_factor("4"));
}

#[test]
fn protected_stems_in_keys_at_every_depth_and_in_extension_names() {
    let mut input = valid_input();
    input["herkomstland"] = json!("XX");
    input["subject"]["geloofsovertuiging"] = json!("XX");
    input["context"]["sisAlert"]["nationaliteitcode"] = json!("XX");
    input["indicators"][0]["Moedertaal"] = json!("XX");
    input["officer"]["languages"] = json!("XX");
    input["geslachtsnaam"] = json!("Jansen");
    input["taalniveau"] = json!("B1");
    let found = triples(&evaluate(&input));
    for path in [
        "/herkomstland",
        "/subject/geloofsovertuiging",
        "/context/sisAlert/nationaliteitcode",
        "/indicators/0/Moedertaal",
        "/officer/languages",
    ] {
        assert!(found.contains(&(path.into(), "field.protected".into(), "warning".into())), "{path}: {found:?}");
    }
    for path in ["/geslachtsnaam", "/taalniveau"] {
        assert!(found.contains(&(path.into(), "field.unknown".into(), "warning".into())), "{path}: {found:?}");
    }
    for name in ["herkomstland", "religions", "etnischeAchtergrond"] {
        let declaration = ExtensionDeclaration {
            name: name.to_owned(),
            kind: serde_json::from_value(json!("string")).expect("type"),
            required: false,
            pattern: None,
            max_length: None,
            values: None,
        };
        assert!(
            matches!(SignalEngine::new(Locale::Nl, None, &[declaration]), Err(SignalError::OptionInvalid(_))),
            "{name}"
        );
    }
}

#[test]
fn free_text_naming_a_protected_attribute_is_warned_about_once_and_never_echoed() {
    let mut input = valid_input();
    input["summary"] =
        json!("Betrokkene noemde zijn nationaliteit en zijn Religie in het gehoor; nationaliteit bleek later.");
    input["indicators"][1]["note"] = json!("Geloof: niet relevant.");
    input["indicators"][0]["note"] = json!("De grasmat en de racebaan.");
    let evaluation = evaluate(&input);
    let found: Vec<(String, String, String)> =
        triples(&evaluation).into_iter().filter(|(_, c, _)| c == "text.protected-term").collect();
    assert_eq!(
        found,
        vec![
            ("/indicators/1/note".into(), "text.protected-term".into(), "warning".into()),
            ("/summary".into(), "text.protected-term".into(), "warning".into())
        ]
    );
    let issue = evaluation.issues.iter().find(|i| i.code == "text.protected-term").expect("issue");
    assert_eq!(issue.params, None);
    assert!(issue.message.starts_with("Deze tekst noemt mogelijk een beschermd kenmerk"));
    assert!(evaluation.valid);
}

#[test]
fn an_evaluation_date_outside_the_catalogs_validity_is_warned_about() {
    let engine = SignalEngine::example(Locale::Nl);
    let early = engine.evaluate(&valid_input(), signal_indicators::Date::parse("2026-06-30").expect("date"));
    assert!(early.issues.iter().any(|i| i.code == "catalog.outside-validity" && i.path.is_empty()));
    assert!(!evaluate(&valid_input()).issues.iter().any(|i| i.code == "catalog.outside-validity"));
}

#[test]
fn the_explanation_says_why_each_item_counts_for_measures_or_not() {
    let mut duplicate = graded("TER-05", &[]);
    duplicate["reliability"] = json!("B");
    let items = vec![
        graded("TER-01", &["AMB-1"]),
        graded("TER-03", &["AMB-1"]),
        graded("TER-05", &[]),
        duplicate,
        json!({ "code": "TER-04" }),
        graded("PUB-03", &[]),
        graded("VIC-01", &[]),
        graded("IDF-01", &["PV-2026-9"]),
    ];
    let evaluation = evaluate(&form(items, "regular", Some("applicant")));
    let explained: Vec<(u32, bool, Option<&str>)> =
        evaluation.explanation.iter().map(|e| (e.index, e.counts_for_measures, e.reason)).collect();
    assert_eq!(
        explained,
        vec![
            (0, true, None),
            (1, false, Some("same-source")),
            (2, false, Some("no-evidence")),
            (3, false, Some("duplicate")),
            (4, false, Some("not-scored")),
            (5, false, Some("routing-only")),
            (6, false, Some("protective")),
            (7, false, Some("no-measures")),
        ]
    );
}
