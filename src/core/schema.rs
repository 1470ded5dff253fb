//! The JSON Schemas (draft 2020-12) of the record and of the catalog.
//!
//! They are generated from the Rust types by the test below, which writes
//! them to `schemas/` when `UPDATE_SCHEMAS=1` and otherwise fails if the
//! shipped files differ from what the types generate. The shipped module
//! embeds the files, so the schema generator stays out of it.

/// The record JSON Schema (draft 2020-12), as text.
pub fn record_schema() -> &'static str {
    include_str!("../../schemas/signal-record.schema.json")
}

/// The catalog JSON Schema (draft 2020-12), as text.
pub fn catalog_schema() -> &'static str {
    include_str!("../../schemas/catalog.schema.json")
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
        let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
        text.push('\n');
        text
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
    fn shipped_schemas_match_the_rust_types() {
        check(
            "schemas/signal-record.schema.json",
            generate::<SignalRecord>("https://ind.example/schemas/signal-record-1.0.json"),
        );
        check("schemas/catalog.schema.json", generate::<Catalog>("https://ind.example/schemas/catalog.json"));
    }
}
