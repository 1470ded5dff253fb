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
    // v1.3: terrorism routes to the AIVD from low, to CT Infobox and the
    // NCTV only from an evidenced medium (DOMAIN "Routing (v1.3)").
    let terrorism: Vec<(&str, Option<bool>, Vec<&str>)> = data
        .routing
        .iter()
        .filter(|r| r.category == "terrorism")
        .map(|r| (r.min_band.as_str(), r.requires_evidence, r.partners.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(terrorism, vec![("low", None, vec!["AIVD"]), ("medium", Some(true), vec!["CT-INFOBOX", "NCTV"])]);
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
        assert!(data.partners.iter().any(|p| p.code() == partner), "{partner}");
    }
    for measure in &data.measures {
        assert!(measure.procedures.as_ref().is_some_and(|p| !p.is_empty()), "{} procedures", measure.code);
        assert!(measure.statuses.as_ref().is_some_and(|s| !s.is_empty()), "{} statuses", measure.code);
    }
    let indicator = |code: &str| data.indicators.iter().find(|i| i.code == code).expect(code);
    assert!(indicator("WAR-02").requires_evidence == Some(true) && indicator("NSE-03").requires_evidence == Some(true));
    assert_eq!(indicator("PUB-03").routing_only, Some(true));
    assert!(indicator("PUB-01").weight <= 40);
    assert!(indicator("TER-02")
        .labels
        .get("nl")
        .is_some_and(|label| label.starts_with("Onherroepelijke veroordeling")));
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
    catalog["indicators"][victim]["routesTo"] = json!(["AVIM"]);
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
        for key in ["procedures", "statuses", "suspendedByProtection", "notes"] {
            measure.as_object_mut().expect("object").remove(key);
        }
    }
    for key in ["illustrative", "validFrom", "reviewAfterDays", "changes"] {
        plain.as_object_mut().expect("object").remove(key);
    }
    for rule in plain["routing"].as_array_mut().expect("array") {
        rule.as_object_mut().expect("object").remove("requiresEvidence");
    }
    let codes: Vec<Value> = plain["partners"].as_array().expect("array").iter().map(|p| p["code"].clone()).collect();
    plain["partners"] = Value::Array(codes);
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
    // (That lowers "medium" so far that weak indicators would reach measures
    // alone: the single-item rule, tested on its own below, is left out here.)
    catalog["routing"][0]["partners"] = json!(["AIVD", "SPECTRE"]);
    catalog["routing"][1]["category"] = json!("nope");
    catalog["measures"].as_array_mut().expect("array").push(json!({
        "category": "trafficking-victim", "minBand": "none", "code": "deport",
        "labels": { "nl": "x", "en": "x" }, "legalBasis": "none"
    }));
    catalog["recency"][0]["maxDays"] = Value::Null;
    let measure_path = format!("/measures/{}/category", catalog["measures"].as_array().map_or(0, Vec::len) - 1);
    let found: Vec<(String, String)> =
        problems(&catalog).into_iter().filter(|(_, code)| code != "catalog.single-item-measure").collect();
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

fn position(catalog: &Value, list: &str, code: &str) -> usize {
    catalog[list].as_array().expect("array").iter().position(|i| i["code"] == code).expect(code)
}

#[test]
fn one_unmarked_item_can_never_reach_a_measure() {
    // TER-05 at 45: 4500 bp at A/1 reaches "medium" on its own.
    let mut catalog = example();
    let ter05 = position(&catalog, "indicators", "TER-05");
    catalog["indicators"][ter05]["weight"] = json!(45);
    let path = format!("/indicators/{ter05}/weight");
    let found: Vec<(String, String)> = problems(&catalog);
    let single: Vec<&(String, String)> = found.iter().filter(|(_, c)| c == "catalog.single-item-measure").collect();
    // One issue per measure of terrorism from "medium" it could reach:
    // residence, asylum, naturalisation (revoking needs TER-02, the rest "high").
    assert_eq!(single.len(), 3, "{found:?}");
    assert!(single.iter().all(|(p, _)| *p == path));
    let issue = match ActiveCatalog::from_value(&catalog, Locale::En) {
        Err(SignalError::CatalogInvalid(issues)) => issues.into_iter().next().expect("issue"),
        other => panic!("{other:?}"),
    };
    let params = issue.params.expect("params");
    assert_eq!((params["category"].as_str(), params["indicator"].as_str()), (Some("terrorism"), Some("TER-05")));
    assert_eq!(params["measure"], "refuse-or-withdraw-residence");
    // Marking it as sufficient on its own is the policy owner's statement.
    catalog["indicators"][ter05]["sufficientAlone"] = json!(true);
    assert_eq!(problems(&catalog), vec![]);
    // A routing-only indicator never counts, whatever its weight.
    let mut catalog = example();
    let pub03 = position(&catalog, "indicators", "PUB-03");
    catalog["indicators"][pub03]["weight"] = json!(100);
    assert_eq!(problems(&catalog), vec![]);
}

#[test]
fn grading_order_and_routing_only_partners_are_checked() {
    let mut catalog = example();
    catalog["grading"]["reliability"]["F"] = json!(500);
    catalog["grading"]["credibility"]["3"] = json!(900);
    let pub03 = position(&catalog, "indicators", "PUB-03");
    catalog["indicators"][pub03]["routesTo"] = json!(["POLITIE", "SPECTRE", "POLITIE"]);
    let ter01 = position(&catalog, "indicators", "TER-01");
    catalog["indicators"][ter01]["routesTo"] = json!(["AIVD"]);
    let mut found = problems(&catalog);
    found.sort();
    let expected: Vec<(String, String)> = vec![
        (format!("/indicators/{ter01}/routesTo"), "catalog.range".to_owned()),
        (format!("/indicators/{pub03}/routesTo/1"), "catalog.reference".to_owned()),
        (format!("/indicators/{pub03}/routesTo/2"), "catalog.duplicate".to_owned()),
        ("/grading/credibility/3".to_owned(), "catalog.grading-order".to_owned()),
        ("/grading/reliability/F".to_owned(), "catalog.grading-order".to_owned()),
    ];
    let mut expected = expected;
    expected.sort();
    assert_eq!(found, expected);
    let mut catalog = example();
    catalog["indicators"][pub03].as_object_mut().expect("object").remove("routesTo");
    assert_eq!(problems(&catalog), vec![(format!("/indicators/{pub03}/routesTo"), "catalog.range".to_owned())]);
    // Partners as objects need a label in every locale.
    let mut catalog = example();
    catalog["partners"][0]["labels"] = json!({ "nl": "AIVD" });
    catalog["partners"][1]["legalBasis"] = json!("Wet politiegegevens art. 16");
    catalog["partners"][2] = json!("POLITIE");
    assert_eq!(problems(&catalog), vec![("/partners/0/labels/en".to_owned(), "catalog.label-missing".to_owned())]);
    catalog["partners"][1]["legalBasis"] = json!("");
    catalog["partners"][3] = json!(7);
    let mut found = problems(&catalog);
    found.sort();
    assert_eq!(
        found,
        vec![
            ("/partners/1/legalBasis".to_owned(), "catalog.shape".to_owned()),
            ("/partners/3".to_owned(), "catalog.shape".to_owned())
        ]
    );
    // An illustrative catalog carries no approval.
    let mut catalog = example();
    catalog["approval"] = json!({ "by": "Beleidseigenaar", "on": "2026-07-01", "reference": "BES-1" });
    assert_eq!(problems(&catalog), vec![("/approval".to_owned(), "catalog.illustrative-approved".to_owned())]);
}

/// The built-in catalog as a policy owner would approve it for production.
fn approved_catalog() -> Value {
    let mut catalog = example();
    let object = catalog.as_object_mut().expect("object");
    object.remove("illustrative");
    object.insert("version".into(), json!("2027.1"));
    object.insert("validUntil".into(), json!("2027-06-30"));
    object.insert(
        "approval".into(),
        json!({ "by": "Beleidseigenaar Nationale Veiligheid", "on": "2026-12-01", "reference": "BES-2026-0412" }),
    );
    catalog
}

#[test]
fn require_approved_refuses_an_illustrative_or_unapproved_catalog_and_records_of_one() {
    use signal_indicators::{Date, SignalEngine};
    // The built-in catalog is illustrative: refused for production.
    match SignalEngine::example(Locale::En).require_approved() {
        Err(SignalError::CatalogInvalid(issues)) => {
            assert_eq!(
                issues.iter().map(|i| (i.path.as_str(), i.code.as_str())).collect::<Vec<_>>(),
                vec![("", "catalog.unapproved")]
            );
        }
        other => panic!("{other:?}"),
    }
    // Without an approval too.
    let mut unapproved = approved_catalog();
    unapproved.as_object_mut().expect("object").remove("approval");
    let active = ActiveCatalog::from_value(&unapproved, Locale::Nl).expect("valid");
    assert!(SignalEngine::new(Locale::Nl, Some(active), &[]).expect("engine").require_approved().is_err());
    // An approved catalog loads; outside its validity an evaluation is an error.
    let active = ActiveCatalog::from_value(&approved_catalog(), Locale::Nl).expect("valid");
    let production =
        SignalEngine::new(Locale::Nl, Some(active), &[]).expect("engine").require_approved().expect("approved");
    let input: Value = serde_json::from_str(include_str!("data/valid-form.json")).expect("json");
    let within = production.evaluate(&input, Date::parse("2026-11-28").expect("date"));
    assert!(within.valid, "{:?}", within.issues);
    let after = production.evaluate(&input, Date::parse("2027-07-01").expect("date"));
    assert!(after
        .issues
        .iter()
        .any(|i| i.code == "catalog.outside-validity" && i.severity == signal_indicators::Severity::Error));
    assert!(!after.valid);
    // Without requireApproved the same date is a warning.
    let active = ActiveCatalog::from_value(&approved_catalog(), Locale::Nl).expect("valid");
    let relaxed = SignalEngine::new(Locale::Nl, Some(active), &[]).expect("engine");
    let after = relaxed.evaluate(&input, Date::parse("2027-07-01").expect("date"));
    assert!(after.valid && after.issues.iter().any(|i| i.code == "catalog.outside-validity"));
    // A record of the illustrative catalog fails record.catalog when verified for production.
    let stamp = signal_indicators::RecordStamp {
        id: "3f0c6a52-8d1e-4c7a-9b2f-5e4d3c2b1a09".into(),
        created_at: signal_indicators::Instant::parse("2026-11-28T20:15:00.000Z").expect("instant"),
    };
    let example = SignalEngine::example(Locale::Nl);
    let record = example.build_record(&input, Date::parse("2026-11-28").expect("date"), &stamp).expect("record");
    let record = serde_json::to_value(&record).expect("json");
    assert!(example.verify_record(&record, &[]).ok);
    let strict = example.verifying_approved(true).verify_record(&record, &[]);
    assert!(!strict.ok && !strict.checks.catalog);
    // The approved engine's own records verify for production.
    let built = production.build_record(&input, Date::parse("2026-11-28").expect("date"), &stamp).expect("record");
    assert!(production.verify_record(&serde_json::to_value(&built).expect("json"), &[]).ok);
}

/// A change made to the built-in catalog.
type Change = Box<dyn Fn(&mut Value)>;
/// The `min` and `max` a `catalog.range` issue names.
type Bounds = Option<(u64, u64)>;

/// The published catalog schema, compiled by an independent draft 2020-12
/// validator (format assertions on).
fn published_schema() -> (boon::Schemas, boon::SchemaIndex) {
    let schema: Value = serde_json::from_str(signal_indicators::catalog_schema()).expect("schema is JSON");
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.enable_format_assertions();
    compiler.add_resource("catalog.json", schema).expect("add schema");
    let index = compiler.compile("catalog.json", &mut schemas).expect("schema compiles");
    (schemas, index)
}

#[test]
fn the_published_schema_states_the_value_rules_and_loading_names_each_with_its_own_code() {
    let (schemas, index) = published_schema();
    assert!(schemas.validate(&example(), index).is_ok(), "the built-in catalog meets its schema");
    let weight = position(&example(), "indicators", "TER-05");
    let bucket = |catalog: &Value| catalog["recency"].as_array().map_or(0, Vec::len) - 1;
    // (change, path, what loading reports): each breaks the published schema
    // and is reported on load with the code a Rust-built catalog gets too.
    let cases: Vec<(Change, String, &str, Bounds)> = vec![
        (
            Box::new(move |c| c["indicators"][weight]["weight"] = json!(0)),
            format!("/indicators/{weight}/weight"),
            "catalog.range",
            Some((1, 100)),
        ),
        (
            Box::new(move |c| c["indicators"][weight]["weight"] = json!(101)),
            format!("/indicators/{weight}/weight"),
            "catalog.range",
            Some((1, 100)),
        ),
        (
            Box::new(|c| c["grading"]["reliability"]["A"] = json!(1001)),
            "/grading/reliability/A".into(),
            "catalog.range",
            Some((0, 1000)),
        ),
        (
            Box::new(|c| c["grading"]["credibility"]["1"] = json!(1001)),
            "/grading/credibility/1".into(),
            "catalog.range",
            Some((0, 1000)),
        ),
        (
            Box::new(move |c| {
                let last = bucket(c);
                c["recency"][last]["factor"] = json!(1001)
            }),
            String::new(),
            "catalog.range",
            Some((0, 1000)),
        ),
        (
            Box::new(|c| c["bands"][0]["from"] = json!(10_001)),
            "/bands/0/from".into(),
            "catalog.range",
            Some((1, 10_000)),
        ),
        (Box::new(|c| c["reviewAfterDays"] = json!(3651)), "/reviewAfterDays".into(), "catalog.range", Some((1, 3650))),
        (
            Box::new(|c| c["measures"][0]["procedures"] = json!(["regular", "appeal"])),
            "/measures/0/procedures/1".into(),
            "catalog.reference",
            None,
        ),
        (
            Box::new(|c| c["measures"][0]["statuses"] = json!(["applicant", "tourist"])),
            "/measures/0/statuses/1".into(),
            "catalog.reference",
            None,
        ),
        (Box::new(|c| c["measures"][0]["statuses"] = json!([])), "/measures/0/statuses".into(), "catalog.range", None),
        (
            Box::new(|c| c["grading"]["reliability"]["G"] = json!(500)),
            "/grading/reliability/G".into(),
            "catalog.shape",
            None,
        ),
    ];
    for (change, path, code, bounds) in cases {
        let mut catalog = example();
        change(&mut catalog);
        let path = if path.is_empty() { format!("/recency/{}/factor", bucket(&catalog)) } else { path };
        assert!(schemas.validate(&catalog, index).is_err(), "the published schema refuses {path}");
        let issues = match ActiveCatalog::from_value(&catalog, Locale::En) {
            Err(SignalError::CatalogInvalid(issues)) => issues,
            other => panic!("{path}: expected catalog.invalid, got {other:?}"),
        };
        let issue = issues.iter().find(|i| i.path == path).unwrap_or_else(|| panic!("{path}: {issues:?}"));
        assert_eq!(issue.code, code, "{path}");
        if let Some((min, max)) = bounds {
            let param = |name: &str| issue.params.as_ref().and_then(|p| p.get(name)).and_then(Value::as_u64);
            assert_eq!((param("min"), param("max")), (Some(min), Some(max)), "{path}");
        }
    }
}
