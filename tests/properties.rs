//! Property tests of the engine's invariants (SPEC §2, §6.2, §7).
#![cfg(not(target_arch = "wasm32"))] // Native suite; the browser suite is tests/web.rs.

mod common;

use common::*;
use proptest::prelude::*;
use serde_json::{json, Value};
use signal_indicators::{ActiveCatalog, Date};

fn codes() -> Vec<String> {
    ActiveCatalog::example().catalog().indicators.iter().map(|i| i.code.clone()).collect()
}

fn factor(grade: &str) -> u32 {
    let c = ActiveCatalog::example();
    c.reliability_factor(grade).or_else(|| c.credibility_factor(grade)).unwrap_or(0)
}

prop_compose! {
    fn indicator()(code in prop::sample::select(codes()),
                   rel in prop::sample::select(vec!["A", "B", "C", "D", "E", "F"]),
                   cred in prop::sample::select(vec!["1", "2", "3", "4", "5", "6"]),
                   // A few fixed ages make items with the same code and date
                   // (duplicates) common.
                   age in prop_oneof![0i64..14_000, Just(30i64), Just(400i64)],
                   // A few shared references make one source behind several
                   // items common, linked directly and through others.
                   refs in prop_oneof![
                       Just(json!([])),
                       prop::sample::select(vec!["REF-1", "ref-2", "REF-3"]).prop_map(|r| json!([r])),
                       (prop::sample::select(vec!["REF-1", "REF-2"]), prop::sample::select(vec!["REF-3", "DOC-4"]))
                           .prop_map(|(a, b)| json!([a, b])),
                   ]) -> Value {
        let observed = Date::from_days_since_epoch(today().days_since_epoch() - age).expect("date");
        json!({ "code": code, "reliability": rel, "credibility": cred,
                "observedOn": observed.to_string(), "evidenceRefs": refs })
    }
}

fn with_indicators(indicators: Vec<Value>) -> Value {
    let mut input = valid_input();
    input["indicators"] = Value::Array(indicators);
    input
}

/// Something a host or officer could put in any non-indicator field.
fn noise() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        ".{0,30}".prop_map(Value::from),
        prop::collection::vec(".{0,8}", 0..3).prop_map(|v| json!(v)),
        ".{0,10}".prop_map(|s| json!({ "k": s })),
    ]
}

const NON_INDICATOR_POINTERS: [&str; 23] = [
    "/caseNumber",
    "/procedure",
    "/subject/vNumber",
    "/subject/bsn",
    "/subject/unknownSubject",
    "/context/type",
    "/context/sisAlert",
    "/context/tip",
    "/summary",
    "/officer/id",
    "/officer/unit",
    "/handling/tlp",
    "/sharedWith",
    "/noShareReason",
    "/extensions",
    "/nationality",
    "/subject/religion",
    "/ethnicity",
    "/context/partner",
    "/hostField",
    "/subject/status",
    "/officerJudgement/view",
    "/officerJudgement/reason",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, .. ProptestConfig::default() })]

    #[test]
    fn assessment_depends_on_indicators_only(
        indicators in prop::collection::vec(indicator(), 1..15),
        changes in prop::collection::vec((prop::sample::select(NON_INDICATOR_POINTERS.to_vec()), noise()), 1..6),
    ) {
        let input = with_indicators(indicators);
        let mut changed = input.clone();
        for (pointer, value) in changes {
            set(&mut changed, pointer, value);
        }
        prop_assert_eq!(evaluate(&changed).assessment, evaluate(&input).assessment);
    }

    #[test]
    fn permuting_indicators_leaves_category_scores_unchanged(
        indicators in prop::collection::vec(indicator(), 1..20),
        seed in any::<u64>(),
    ) {
        let mut shuffled = indicators.clone();
        // Fisher–Yates with a small LCG, so the permutation comes from the seed.
        let mut state = seed;
        for i in (1..shuffled.len()).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (state >> 33) as usize % (i + 1));
        }
        let scores = |input: &Value| {
            let e = evaluate(input);
            (e.assessment.overall.clone(),
             e.assessment.categories.iter()
                .map(|c| (c.category.clone(), c.score, c.band.clone(), c.evidenced_score, c.evidenced_band.clone()))
                .collect::<Vec<_>>(),
             e.assessment.protection_flags.clone(), e.routing.advised, e.measures, e.suspended_measures,
             e.issues.iter().filter(|i| i.code == "indicator.duplicate").count(),
             e.issues.iter().filter(|i| i.code == "indicator.same-source").count())
        };
        prop_assert_eq!(scores(&with_indicators(indicators)), scores(&with_indicators(shuffled)));
    }

    #[test]
    fn better_grading_or_one_more_indicator_never_lowers_a_category_score(
        indicators in prop::collection::vec(indicator(), 1..15),
        extra in indicator(),
        which in any::<prop::sample::Index>(),
        better_rel in prop::sample::select(vec!["A", "B", "C", "D", "E", "F"]),
        better_cred in prop::sample::select(vec!["1", "2", "3", "4", "5", "6"]),
    ) {
        let score_map = |input: &Value| -> std::collections::BTreeMap<String, u32> {
            evaluate(input).assessment.categories.into_iter().map(|c| (c.category, c.score)).collect()
        };
        let base = score_map(&with_indicators(indicators.clone()));

        // One more item with its own source (or none): linking existing
        // items into one source may lower a score, by design (SPEC §12.3).
        let mut extra = extra;
        if extra["evidenceRefs"].as_array().is_some_and(|refs| !refs.is_empty()) {
            extra["evidenceRefs"] = json!(["REF-OF-THE-EXTRA-ITEM"]);
        }
        let mut more = indicators.clone();
        more.push(extra);
        let with_more = score_map(&with_indicators(more));
        for (category, score) in &base {
            prop_assert!(with_more.get(category).copied().unwrap_or(0) >= *score);
        }

        let mut regraded = indicators.clone();
        let i = which.index(regraded.len());
        let item = &mut regraded[i];
        if factor(better_rel) >= factor(item["reliability"].as_str().unwrap_or("F")) {
            item["reliability"] = json!(better_rel);
        }
        if factor(better_cred) >= factor(item["credibility"].as_str().unwrap_or("6")) {
            item["credibility"] = json!(better_cred);
        }
        let regraded = score_map(&with_indicators(regraded));
        for (category, score) in &base {
            prop_assert!(regraded.get(category).copied().unwrap_or(0) >= *score);
        }
    }

    #[test]
    fn scores_stay_within_0_and_10000(indicators in prop::collection::vec(indicator(), 1..60)) {
        let e = evaluate(&with_indicators(indicators));
        prop_assert!(e.assessment.overall.score <= 10_000);
        for category in &e.assessment.categories {
            prop_assert!(category.score <= 10_000);
            prop_assert!(category.score <= e.assessment.overall.score);
            for c in &category.contributions {
                prop_assert!(c.strength <= 10_000);
                prop_assert!(category.score >= c.strength);
            }
        }
    }

    #[test]
    fn same_input_id_and_clock_give_byte_identical_records(indicators in prop::collection::vec(indicator(), 1..10)) {
        let mut input = with_indicators(indicators);
        input["sharedWith"] = json!([]);
        input["noShareReason"] = json!("Afgestemd met de teamleider; later delen.");
        let first = engine().build_record(&input, today(), &stamp());
        let second = signal_indicators::SignalEngine::example(signal_indicators::Locale::En)
            .build_record(&input.clone(), today(), &stamp());
        match (first, second) {
            (Ok(a), Ok(b)) => prop_assert_eq!(
                serde_json::to_string(&a).expect("json"), serde_json::to_string(&b).expect("json")),
            (Err(a), Err(b)) => prop_assert_eq!(a.code(), b.code()),
            _ => prop_assert!(false, "one engine built a record, the other did not"),
        }
    }

    #[test]
    fn verify_rejects_any_single_changed_member(
        indicators in prop::collection::vec(indicator(), 1..6),
        pick in any::<prop::sample::Index>(),
        replacement in noise(),
    ) {
        let mut input = with_indicators(indicators);
        input["sharedWith"] = json!([]);
        input["noShareReason"] = json!("Afgestemd met de teamleider; later delen.");
        let Ok(record) = engine().build_record(&input, today(), &stamp()) else { return Ok(()) };
        let record = serde_json::to_value(record).expect("json");
        prop_assert!(engine().verify_record(&record, &[]).ok);
        let mut leaves = Vec::new();
        all_pointers(&record, String::new(), &mut leaves);
        let pointer = &leaves[pick.index(leaves.len())];
        let original = record.pointer(pointer).cloned().unwrap_or(Value::Null);
        prop_assume!(original != replacement);
        let mut tampered = record.clone();
        if let Some(slot) = tampered.pointer_mut(pointer) {
            *slot = replacement;
        }
        prop_assert!(!engine().verify_record(&tampered, &[]).ok, "change at {} went unnoticed", pointer);
    }
}
