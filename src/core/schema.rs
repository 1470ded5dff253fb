//! The JSON Schemas (draft 2020-12) of the record and of the catalog, and
//! the validator the engine checks records and catalogs with.
//!
//! The schemas are generated from the Rust types by the test below, which
//! writes them to `schemas/` when `UPDATE_SCHEMAS=1` and otherwise fails if
//! the shipped files differ from what the types generate. The module embeds
//! the files, so the generator stays out of it, and validates with the very
//! schema it publishes.

use std::sync::OnceLock;

pub use signal_infra::schema::{Problem, Validator};

/// A file of `schemas/` as text: the file itself natively (the CLI prints
/// it), the minified copy `build.rs` writes in the WebAssembly module.
macro_rules! schema_text {
    ($file:literal) => {{
        #[cfg(not(target_arch = "wasm32"))]
        let text: &'static str = include_str!(concat!("../../schemas/", $file));
        #[cfg(target_arch = "wasm32")]
        let text: &'static str = include_str!(concat!(env!("OUT_DIR"), "/", $file));
        text
    }};
}

/// The validator of a schema, compiled on first use and kept.
macro_rules! validator_of {
    ($compile:expr) => {{
        static VALIDATOR: OnceLock<Validator> = OnceLock::new();
        VALIDATOR.get_or_init(|| $compile)
    }};
}

/// The record JSON Schema (draft 2020-12), as text (minified in the
/// WebAssembly module, see `build.rs`).
pub fn record_schema() -> &'static str {
    schema_text!("signal-record.schema.json")
}

/// The record JSON Schema of `schemaVersion` "1.1" (released with the
/// engine's v1.2; a released schema never changes), as text.
pub fn record_schema_1_1() -> &'static str {
    schema_text!("signal-record-1.1.schema.json")
}

/// The record schema of a released `schemaVersion` ("1.1", "1.2").
#[cfg(all(target_arch = "wasm32", feature = "full"))]
pub fn record_schema_of(version: &str) -> Option<&'static str> {
    match version {
        "1.1" => Some(record_schema_1_1()),
        "1.2" => Some(record_schema()),
        _ => None,
    }
}

/// The correction JSON Schema (draft 2020-12), as text.
pub fn correction_schema() -> &'static str {
    schema_text!("signal-correction.schema.json")
}

/// The validator of the correction schema.
pub fn correction_validator() -> &'static Validator {
    validator_of!(Validator::new(correction_schema()))
}

/// The extract JSON Schema (draft 2020-12), as text.
pub fn extract_schema() -> &'static str {
    schema_text!("signal-extract.schema.json")
}

/// The validator of the extract schema.
pub fn extract_validator() -> &'static Validator {
    validator_of!(Validator::new(extract_schema()))
}

/// The validator of the record schema of `schemaVersion` "1.1".
pub fn record_validator_1_1() -> &'static Validator {
    validator_of!(Validator::new(record_schema_1_1()))
}

/// The catalog JSON Schema (draft 2020-12), as text (minified in the
/// WebAssembly module, see `build.rs`).
pub fn catalog_schema() -> &'static str {
    schema_text!("catalog.schema.json")
}

/// The validator of the record schema.
pub fn record_validator() -> &'static Validator {
    validator_of!(Validator::new(record_schema()))
}

/// The catalog schema the engine checks catalogs with: the published one,
/// in the WebAssembly module without its `title` and `description` texts
/// (see `build.rs`).
fn catalog_validation_schema() -> &'static str {
    #[cfg(not(target_arch = "wasm32"))]
    return catalog_schema();
    #[cfg(target_arch = "wasm32")]
    return include_str!(concat!(env!("OUT_DIR"), "/catalog.validation.json"));
}

/// The validator of the catalog's shape: the published catalog schema
/// without its value rules (ranges, enums), which [`super::catalog::lint`]
/// checks and reports under their own codes (`catalog.range`,
/// `catalog.reference`), so a catalog gets the same issues whether it is
/// read from JSON or built in Rust.
pub fn catalog_validator() -> &'static Validator {
    validator_of!(Validator::shape_only(catalog_validation_schema()))
}

#[cfg(test)]
mod tests {
    use schemars::generate::SchemaSettings;

    use super::super::catalog::Catalog;
    use super::super::record::SignalRecord;

    fn generate<T: schemars::JsonSchema>(id: &str) -> String {
        let generator = SchemaSettings::draft2020_12().into_generator();
        let mut schema = generator.into_root_schema_for::<T>();
        schema.insert("$id".to_owned(), id.into());
        let mut value = schema.to_value();
        drop_null_from_optional(&mut value);
        standard_formats_only(&mut value);
        let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Only the standard formats, so any draft 2020-12 validator compiles
    /// the schemas in its strictest mode: schemars marks `u32` members with
    /// the format `uint32`, which says no more than an integer from 0 to
    /// 2³²−1, so it becomes that range.
    fn standard_formats_only(value: &mut serde_json::Value) {
        use serde_json::Value;
        match value {
            Value::Object(map) => {
                if map.get("format").and_then(Value::as_str) == Some("uint32") {
                    map.remove("format");
                    let minimum = map.get("minimum").and_then(Value::as_u64).unwrap_or(0);
                    let maximum = map.get("maximum").and_then(Value::as_u64).unwrap_or(u64::from(u32::MAX));
                    map.insert("minimum".to_owned(), minimum.into());
                    map.insert("maximum".to_owned(), maximum.min(u64::from(u32::MAX)).into());
                }
                map.values_mut().for_each(standard_formats_only);
            }
            Value::Array(items) => items.iter_mut().for_each(standard_formats_only),
            _ => {}
        }
    }

    /// Optional members are omitted when absent, never `null`: remove the
    /// `null` alternative schemars adds for `Option` fields that are not required.
    fn drop_null_from_optional(value: &mut serde_json::Value) {
        use serde_json::Value;
        match value {
            Value::Object(map) => {
                let required: Vec<String> = map
                    .get("required")
                    .and_then(Value::as_array)
                    .map(|r| r.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
                    .unwrap_or_default();
                if let Some(Value::Object(properties)) = map.get_mut("properties") {
                    for (name, property) in properties.iter_mut() {
                        if required.contains(name) {
                            continue;
                        }
                        let Value::Object(property) = property else { continue };
                        if let Some(Value::Array(types)) = property.get_mut("type") {
                            types.retain(|t| t != "null");
                            if types.len() == 1 {
                                let single = types.remove(0);
                                property.insert("type".to_owned(), single);
                            }
                        }
                        if let Some(Value::Array(any_of)) = property.get_mut("anyOf") {
                            any_of.retain(|s| s.get("type").and_then(Value::as_str) != Some("null"));
                            if any_of.len() == 1 {
                                let single = any_of.remove(0);
                                property.remove("anyOf");
                                if let Value::Object(inner) = single {
                                    property.extend(inner);
                                }
                            }
                        }
                    }
                }
                map.values_mut().for_each(drop_null_from_optional);
            }
            Value::Array(items) => items.iter_mut().for_each(drop_null_from_optional),
            _ => {}
        }
    }

    fn check(path: &str, generated: String) {
        let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
        if std::env::var_os("UPDATE_SCHEMAS").is_some() {
            std::fs::write(&full, &generated).expect("write schema");
        }
        let shipped = std::fs::read_to_string(&full).unwrap_or_default();
        assert!(
            shipped == generated,
            "{path} is out of date with the Rust types; run `make schemas` (UPDATE_SCHEMAS=1 cargo test --lib schema)"
        );
    }

    #[test]
    fn the_validator_finds_what_breaks_the_schema() {
        let validator = super::catalog_validator();
        let mut catalog: serde_json::Value =
            serde_json::from_str(super::super::catalog::EXAMPLE_CATALOG_JSON).expect("json");
        assert_eq!(validator.validate(&catalog), vec![]);
        catalog["indicators"][2]["weight"] = serde_json::json!(1.5);
        catalog["bands"][0]["from"] = serde_json::json!(-1);
        catalog["grading"]["credibility"]["1"] = serde_json::json!(5_000_000_000u64);
        catalog["recency"][3]["maxDays"] = serde_json::json!("forever");
        catalog["extra"] = serde_json::json!(true);
        catalog.as_object_mut().expect("object").remove("partners");
        let mut errors: Vec<(String, &str)> =
            validator.validate(&catalog).iter().map(|(path, problem)| (path.to_string(), problem.code())).collect();
        errors.sort();
        let errors: Vec<(&str, &str)> = errors.iter().map(|(path, problem)| (path.as_str(), *problem)).collect();
        assert_eq!(
            errors,
            vec![
                ("/bands/0/from", "range"),
                ("/extra", "not-allowed"),
                ("/grading/credibility/1", "range"),
                ("/indicators/2/weight", "type"),
                ("/partners", "missing"),
                ("/recency/3/maxDays", "type")
            ]
        );
    }

    #[test]
    fn shipped_schemas_match_the_rust_types() {
        check(
            "schemas/signal-record.schema.json",
            generate::<SignalRecord>("https://ind.example/schemas/signal-record-1.2.json"),
        );
        check("schemas/catalog.schema.json", generate::<Catalog>("https://ind.example/schemas/catalog.json"));
        check(
            "schemas/signal-correction.schema.json",
            generate::<super::super::correction::SignalCorrection>(
                "https://ind.example/schemas/signal-correction-1.2.json",
            ),
        );
        check(
            "schemas/signal-extract.schema.json",
            generate::<super::super::extract::SignalExtract>("https://ind.example/schemas/signal-extract-1.2.json"),
        );
    }
}
