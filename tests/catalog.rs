//! The example catalog's content and the validation of any catalog.
#![cfg(not(target_arch = "wasm32"))] // Native suite; the browser suite is tests/web.rs.

use serde_json::{json, Value};
use signal_indicators::{ActiveCatalog, Locale, SignalError};

fn example() -> Value {
    serde_json::from_str(signal_indicators::EXAMPLE_CATALOG_JSON).expect("json")
}

fn problems(catalog: &Value) -> Vec<(String, String)> {
    match ActiveCatalog::from_value(catalog, Locale::En) {
        Ok(_) => Vec::new(),
        Err(SignalError::CatalogInvalid(issues)) => issues.into_iter().map(|i| (i.path, i.code)).collect(),
        Err(other) => panic!("unexpected error {other:?}"),
    }
}

#[test]
fn the_example_catalog_meets_the_specification() {
    let catalog = ActiveCatalog::example();
    let data = catalog.catalog();
    assert_eq!(data.id, "ind-example");
    assert_eq!(data.locales, vec!["nl", "en"]);
    let codes: Vec<&str> = data.categories.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(
        codes,
        vec![
            "terrorism",
            "national-security",
            "war-crimes",
            "human-smuggling",
            "human-trafficking",
            "public-order",
            "identity-fraud",
            "trafficking-victim"
        ]
    );
    let protective: Vec<&str> = data.categories.iter().filter(|c| c.protective).map(|c| c.code.as_str()).collect();
    assert_eq!(protective, vec!["trafficking-victim"]);
    for category in &data.categories {
        let count = data.indicators.iter().filter(|i| i.category == category.code).count();
        assert!(count >= 3, "{} has {count} indicators", category.code);
        if !category.protective {
            let rule = data.routing.iter().find(|r| r.category == category.code).expect("routing rule");
            assert_eq!(rule.min_band, "low", "{} routes from low", category.code);
        }
    }
    let terrorism = data.routing.iter().find(|r| r.category == "terrorism").expect("rule");
    assert_eq!(terrorism.partners, vec!["AIVD", "NCTV", "CT-INFOBOX"]);
    assert!(data.indicators.iter().filter(|i| i.category == "terrorism").all(|i| i.weight >= 50));
    for indicator in &data.indicators {
        for locale in ["nl", "en"] {
            assert!(indicator.labels.get(locale).is_some_and(|t| !t.is_empty()));
            assert!(indicator.guidance.get(locale).is_some_and(|t| !t.is_empty()));
        }
    }
    assert!(data.measures.iter().all(|m| !m.legal_basis.is_empty()));
    assert_eq!(data.recency.last().and_then(|b| b.max_days), None);
    assert!(data.sis_states.contains(&"RO".to_owned()) && data.sis_states.contains(&"IE".to_owned()));
    assert!(catalog.digest().starts_with("sha256:") && catalog.digest().len() == 71);

    // v1.2: illustrative, band labels, war crimes do not fade, partners,
    // measures that carry where they can apply.
    assert_eq!(data.illustrative, Some(true));
    for band in &data.bands {
        let labels = band.labels.as_ref().expect("band labels");
        assert!(labels.get("nl").is_some_and(|t| !t.is_empty()) && labels.get("en").is_some_and(|t| !t.is_empty()));
    }
    let words: Vec<&str> = data.bands.iter().filter_map(|b| b.labels.as_ref()?.get("nl").map(String::as_str)).collect();
    assert_eq!(words, vec!["laag", "gemiddeld", "hoog"]);
    let war = data.categories.iter().find(|c| c.code == "war-crimes").expect("war-crimes");
    assert_eq!(war.decays, Some(false));
    for partner in ["COA", "DTV", "COMENSHA"] {
        assert!(data.partners.iter().any(|p| p == partner), "{partner}");
    }
    for measure in &data.measures {
        assert!(measure.procedures.as_ref().is_some_and(|p| !p.is_empty()), "{} procedures", measure.code);
        assert!(measure.statuses.as_ref().is_some_and(|s| !s.is_empty()), "{} statuses", measure.code);
    }
    let indicator = |code: &str| data.indicators.iter().find(|i| i.code == code).expect(code);
    assert!(indicator("WAR-02").requires_evidence && indicator("NSE-03").requires_evidence);
    assert_eq!(indicator("PUB-03").routing_only, Some(true));
    assert!(indicator("PUB-01").weight <= 40);
    assert!(indicator("TER-02").labels["nl"].starts_with("Onherroepelijke veroordeling"));
}

#[test]
fn loading_checks_the_measure_conditions() {
    let mut catalog = example();
    catalog["measures"][0]["procedures"] = json!([]);
    catalog["measures"][1]["statuses"] = json!(["applicant", "tourist"]);
    catalog["measures"][2]["procedures"] = json!(["regular", "visa"]);
    catalog["measures"][3]["requiresAnyOf"] = json!(["WAR-01"]);
    catalog["measures"][4]["requiresAnyOf"] = json!([]);
    catalog["measures"][5]["notes"] = json!({ "nl": "alleen Nederlands" });
    let victim =
        catalog["indicators"].as_array().expect("array").iter().position(|i| i["code"] == "VIC-01").expect("VIC-01");
    catalog["indicators"][victim]["routingOnly"] = json!(true);
    catalog["bands"][2]["labels"] = json!({ "en": "high" });
    let found = problems(&catalog);
    let victim_path = format!("/indicators/{victim}/routingOnly");
    for (path, code) in [
        ("/measures/0/procedures", "catalog.range"),
        ("/measures/1/statuses/1", "catalog.reference"),
        ("/measures/2/procedures/1", "catalog.reference"),
        ("/measures/3/requiresAnyOf/0", "catalog.reference"),
        ("/measures/4/requiresAnyOf", "catalog.range"),
        ("/measures/5/notes/en", "catalog.label-missing"),
        (victim_path.as_str(), "catalog.protective-routing-only"),
        ("/bands/2/labels/nl", "catalog.label-missing"),
    ] {
        assert!(found.contains(&(path.into(), code.into())), "{path} {code} missing from {found:?}");
    }
    assert_eq!(found.len(), 8, "{found:?}");
    // The new members are optional: a v1.1 catalog without them loads.
    let mut plain = example();
    for measure in plain["measures"].as_array_mut().expect("array") {
        for key in ["procedures", "statuses", "requiresAnyOf", "suspendedByProtection", "notes"] {
            measure.as_object_mut().expect("object").remove(key);
        }
    }
    plain.as_object_mut().expect("object").remove("illustrative");
    assert_eq!(problems(&plain), vec![]);
}

#[test]
fn no_indicator_is_about_who_someone_is() {
    let text = signal_indicators::EXAMPLE_CATALOG_JSON.to_lowercase();
    let data = ActiveCatalog::example();
    for indicator in &data.catalog().indicators {
        let label = indicator.labels.get("en").map(|s| s.to_lowercase()).unwrap_or_default();
        for word in ["nationality", "religion", "ethnic", "country of birth", "race", "gender", "language"] {
            assert!(!label.contains(word), "{} mentions {word}", indicator.code);
        }
    }
    assert!(text.contains("\"protective\": true"));
}

#[test]
fn the_embedded_catalog_passes_every_check_it_is_loaded_without() {
    // `ActiveCatalog::example()` reads the embedded catalog without the
    // schema check and `lint`: this is where they run for it.
    let checked = ActiveCatalog::from_value(&example(), Locale::En).expect("the embedded catalog is valid");
    let embedded = ActiveCatalog::example();
    assert_eq!(embedded.catalog(), checked.catalog());
    assert_eq!(embedded.digest(), checked.digest());
    assert!(embedded.digest().starts_with("sha256:") && embedded.digest().len() == 7 + 64);
}

#[test]
fn the_catalog_round_trips_with_the_same_digest() {
    let catalog = ActiveCatalog::example();
    let exported = serde_json::to_value(catalog.catalog()).expect("json");
    let reloaded = ActiveCatalog::from_value(&exported, Locale::Nl).expect("valid");
    assert_eq!(reloaded.digest(), catalog.digest());
    // A real change gives another digest.
    let mut changed = exported.clone();
    changed["indicators"][0]["weight"] = json!(89);
    assert_ne!(ActiveCatalog::from_value(&changed, Locale::Nl).expect("valid").digest(), catalog.digest());
}

#[test]
fn loading_lists_every_problem() {
    let mut catalog = example();
    catalog["indicators"][1]["code"] = catalog["indicators"][0]["code"].clone();
    catalog["indicators"][2]["category"] = json!("astrology");
    catalog["indicators"][3]["weight"] = json!(101);
    catalog["indicators"][4]["labels"] = json!({ "nl": "alleen Nederlands" });
    catalog["grading"]["reliability"]["A"] = json!(1001);
    catalog["bands"][1]["from"] = json!(1000);
    catalog["routing"][0]["partners"] = json!(["AIVD", "SPECTRE"]);
    catalog["routing"][1]["category"] = json!("nope");
    catalog["measures"].as_array_mut().expect("array").push(json!({
        "category": "trafficking-victim", "minBand": "none", "code": "deport",
        "labels": { "nl": "x", "en": "x" }, "legalBasis": "none"
    }));
    catalog["recency"][0]["maxDays"] = Value::Null;
    let measure_path = format!("/measures/{}/category", catalog["measures"].as_array().map_or(0, Vec::len) - 1);
    let found = problems(&catalog);
    for (path, code) in [
        ("/indicators/1", "catalog.duplicate"),
        ("/indicators/2/category", "catalog.reference"),
        ("/indicators/3/weight", "catalog.range"),
        ("/indicators/4/labels/en", "catalog.label-missing"),
        ("/grading/reliability/A", "catalog.range"),
        ("/bands/1/from", "catalog.order"),
        ("/routing/0/partners/1", "catalog.reference"),
        ("/routing/1/category", "catalog.reference"),
        (measure_path.as_str(), "catalog.protective-measure"),
        ("/recency/0/maxDays", "catalog.order"),
        // TER-02 is gone, so the measure that requires it names nothing.
        ("/measures/3/requiresAnyOf/0", "catalog.reference"),
    ] {
        assert!(found.contains(&(path.into(), code.into())), "{path} {code} missing from {found:?}");
    }
    assert_eq!(found.len(), 11, "{found:?}");
}

#[test]
fn shape_errors_name_the_path() {
    let mut catalog = example();
    catalog["indicators"][3]["weight"] = json!("heavy");
    assert_eq!(problems(&catalog), vec![("/indicators/3/weight".into(), "catalog.shape".into())]);
    let mut catalog = example();
    catalog["surprise"] = json!(true);
    assert_eq!(problems(&catalog).len(), 1);
    assert_eq!(problems(&json!([])).len(), 1);
    assert_eq!(problems(&json!(null)).len(), 1);
    let mut catalog = example();
    catalog["grading"]["credibility"].as_object_mut().expect("object").remove("6");
    assert_eq!(problems(&catalog), vec![("/grading/credibility/6".into(), "catalog.shape".into())]);
}
