//! Scoring (SPEC §6.2), routing advice and measures (§6.3), and the worked
//! example of docs/RULES.md checked against the engine.
#![cfg(not(target_arch = "wasm32"))] // Native suite; the browser suite is tests/web.rs.

mod common;

use common::*;
use serde_json::json;

#[test]
fn worked_example_of_the_readme() {
    // docs/RULES.md "Worked example": TER-01 graded B/2, observed 200 days before
    // the evaluation date; TER-05 graded C/3, observed 809 days before.
    let evaluation = evaluate(&valid_input());
    assert!(evaluation.valid);
    let assessment = &evaluation.assessment;
    assert_eq!(assessment.evaluated_on, "2026-11-28");
    assert_eq!(assessment.method, "noisy-or-fixed-v1");
    assert!(assessment.advisory);
    assert_eq!(assessment.categories.len(), 1);
    let terrorism = &assessment.categories[0];
    assert_eq!(terrorism.category, "terrorism");
    let c = &terrorism.contributions;
    assert_eq!((c[0].index, c[0].code.as_str()), (0, "TER-01"));
    assert_eq!((c[0].reliability_factor, c[0].credibility_factor, c[0].recency_factor), (850, 850, 1000));
    // 90 × 100 × 850 × 850 × 1000 / 10⁹ = 6502.5 → 6503
    assert_eq!(c[0].strength, 6503);
    assert_eq!((c[1].reliability_factor, c[1].credibility_factor, c[1].recency_factor), (650, 650, 700));
    // 35 × 100 × 650 × 650 × 700 / 10⁹ = 1035.125 → 1035
    assert_eq!(c[1].strength, 1035);
    // R₁ = ⌊10¹² × 3497 / 10000⌋ = 349 700 000 000
    // R₂ = ⌊349 700 000 000 × 8965 / 10000⌋ = 313 506 050 000
    // S  = 10000 − ⌊R₂ / 10⁸⌋ = 10000 − 3135 = 6865
    assert_eq!(terrorism.score, 6865);
    assert_eq!(terrorism.band, "medium");
    assert_eq!((assessment.overall.score, assessment.overall.band.as_str()), (6865, "medium"));
    // AIVD from "low"; CT Infobox and the NCTV from an evidenced "medium".
    assert_eq!(evaluation.routing.advised, vec!["AIVD", "CT-INFOBOX", "NCTV"]);
    // Measures follow the evidenced score: TER-05 has no evidence, so only
    // TER-01 counts (6503, medium); the procedure is asylum.
    assert_eq!((terrorism.evidenced_score, terrorism.evidenced_band.as_str()), (6503, "medium"));
    let measures: Vec<&str> = evaluation.measures.iter().map(|m| m.code).collect();
    assert_eq!(measures, vec!["refuse-or-withdraw-asylum"]);
    assert_eq!(
        evaluation.measures[0].legal_basis,
        "Vw 2000 art. 30b lid 1 onder j; intrekken: art. 32 lid 1 onder b, art. 35 lid 1"
    );
    assert_eq!(
        evaluation.measures[0].label,
        "Aanvraag verblijfsvergunning asiel afwijzen of verblijfsvergunning asiel intrekken"
    );
    assert!(evaluation.suspended_measures.is_empty());
    assert_eq!((evaluation.catalog.id, evaluation.catalog.illustrative), ("ind-example", true));
}

#[test]
fn recency_buckets_apply_by_age_in_days() {
    let factor_at = |observed: &str| {
        let mut input = valid_input();
        input["indicators"] =
            json!([{ "code": "TER-05", "reliability": "A", "credibility": "1", "observedOn": observed }]);
        evaluate(&input).assessment.categories[0].contributions[0].recency_factor
    };
    assert_eq!(factor_at("2026-11-28"), 1000); // age 0
    assert_eq!(factor_at("2025-11-28"), 1000); // age 365
    assert_eq!(factor_at("2025-11-27"), 700); // age 366
    assert_eq!(factor_at("2023-11-29"), 700); // age 1095
    assert_eq!(factor_at("2023-11-28"), 450); // age 1096
    assert_eq!(factor_at("2021-11-29"), 450); // age 1825 (2024 is a leap year)
    assert_eq!(factor_at("2021-11-28"), 250); // age 1826
    assert_eq!(factor_at("1900-01-01"), 250);
}

#[test]
fn bands_follow_the_catalog_thresholds() {
    let band_of = |weight_code: &str, rel: &str, cred: &str| {
        let mut input = valid_input();
        input["indicators"] = json!([{ "code": weight_code, "reliability": rel, "credibility": cred, "observedOn": "2026-11-01", "evidenceRefs": ["REF-1"] }]);
        let e = evaluate(&input);
        (e.assessment.overall.score, e.assessment.overall.band)
    };
    // IDF-03 weight 30: A/1 → 3000 low; E/5 → 30·100·150·150/10⁶ = 67.5 → 68 none.
    assert_eq!(band_of("IDF-03", "A", "1"), (3000, "low".into()));
    assert_eq!(band_of("IDF-03", "E", "5"), (68, "none".into()));
    assert_eq!(band_of("TER-05", "A", "1"), (3500, "low".into()));
    assert_eq!(band_of("NSE-02", "A", "1"), (6000, "medium".into()));
    assert_eq!(band_of("TER-02", "A", "1"), (9500, "high".into()));
    assert_eq!(band_of("WAR-01", "A", "1"), (7000, "high".into()), "from is inclusive");
    // A routing-only indicator is not scored (SPEC §12.2).
    assert_eq!(band_of("PUB-03", "A", "1"), (0, "none".into()));
}

#[test]
fn protective_category_never_raises_a_score_or_leads_to_measures() {
    let mut input = valid_input();
    input["indicators"] = json!([
        { "code": "VIC-01", "reliability": "A", "credibility": "1", "observedOn": "2026-11-01" },
        { "code": "VIC-02", "reliability": "A", "credibility": "1", "observedOn": "2026-11-01" }
    ]);
    input["sharedWith"] = json!(["AVIM", "COMENSHA"]);
    let evaluation = evaluate(&input);
    assert!(evaluation.valid, "{:?}", evaluation.issues);
    assert_eq!(evaluation.assessment.overall.score, 0);
    assert_eq!(evaluation.assessment.overall.band, "none");
    assert!(evaluation.assessment.categories.is_empty());
    assert_eq!(evaluation.assessment.protection_flags, vec!["trafficking-victim"]);
    assert_eq!(evaluation.routing.advised, vec!["AVIM", "COMENSHA"], "victim route from band none");
    assert!(evaluation.measures.is_empty());

    // Added to a risk signal it changes nothing of the risk score.
    let base = evaluate(&valid_input());
    let mut both = valid_input();
    both["indicators"].as_array_mut().expect("array").push(json!(
        { "code": "VIC-03", "reliability": "A", "credibility": "1", "observedOn": "2026-11-01" }
    ));
    both["sharedWith"] = json!(["AIVD", "AVIM", "COMENSHA", "CT-INFOBOX", "NCTV"]);
    let with_victim = evaluate(&both);
    assert_eq!(with_victim.assessment.overall, base.assessment.overall);
    assert_eq!(with_victim.assessment.categories, base.assessment.categories);
    assert_eq!(with_victim.routing.advised, vec!["AIVD", "AVIM", "COMENSHA", "CT-INFOBOX", "NCTV"]);
    assert_eq!(with_victim.measures, base.measures);
}

#[test]
fn several_categories_score_separately_and_overall_is_the_highest() {
    let mut input = valid_input();
    input["indicators"] = json!([
        { "code": "IDF-03", "reliability": "B", "credibility": "2", "observedOn": "2026-10-01" },
        { "code": "SMU-03", "reliability": "A", "credibility": "1", "observedOn": "2026-10-01" },
        { "code": "IDF-03", "reliability": "C", "credibility": "3", "observedOn": "2026-09-01" }
    ]);
    input["sharedWith"] = json!(["EMM", "KMAR", "POLITIE"]);
    let evaluation = evaluate(&input);
    assert!(evaluation.valid, "{:?}", evaluation.issues);
    let categories: Vec<(&str, u32)> =
        evaluation.assessment.categories.iter().map(|c| (c.category.as_str(), c.score)).collect();
    // Catalog order: human-smuggling before identity-fraud.
    // SMU-03: 35·100 = 3500. IDF-03: 30·100·.85·.85 = 2167.5 → 2168; 30·100·.65·.65 = 1267.5 → 1268.
    // IDF: R = 10¹² × 7832/10⁴ = 783 200 000 000; × 8732/10⁴ = 683 890 240 000 → 10000 − 6838 = 3162.
    assert_eq!(categories, vec![("human-smuggling", 3500), ("identity-fraud", 3162)]);
    assert_eq!(evaluation.assessment.overall.score, 3500);
    let identity = &evaluation.assessment.categories[1];
    let indexes: Vec<u32> = identity.contributions.iter().map(|c| c.index).collect();
    assert_eq!(indexes, vec![0, 2], "contributions in input order with input indexes");
    assert_eq!(evaluation.routing.advised, vec!["EMM", "KMAR", "POLITIE"]);
}

#[test]
fn invalid_indicators_are_left_out_of_the_score_but_still_reported() {
    let mut input = valid_input();
    input["indicators"][1]["reliability"] = json!("Z");
    let evaluation = evaluate(&input);
    assert!(!evaluation.valid);
    assert_eq!(evaluation.assessment.categories[0].contributions.len(), 1);
    assert_eq!(evaluation.assessment.overall.score, 6503);
}
