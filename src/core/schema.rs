//! The JSON Schemas (draft 2020-12) of the record and of the catalog, and
//! the validator the engine checks records and catalogs with.
//!
//! The schemas are generated from the Rust types by the test below, which
//! writes them to `schemas/` when `UPDATE_SCHEMAS=1` and otherwise fails if
//! the shipped files differ from what the types generate. The module embeds
//! the files, so the generator stays out of it, and validates with the very
//! schema it publishes.

use std::sync::OnceLock;

use serde_json::Value;

use super::issue::pointer_push;

/// The record JSON Schema (draft 2020-12), as text.
pub fn record_schema() -> &'static str {
    include_str!("../../schemas/signal-record.schema.json")
}

/// The catalog JSON Schema (draft 2020-12), as text.
pub fn catalog_schema() -> &'static str {
    include_str!("../../schemas/catalog.schema.json")
}

/// The validator of the record schema.
pub fn record_validator() -> &'static Validator {
    static VALIDATOR: OnceLock<Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| Validator::new(record_schema()))
}

/// The validator of the catalog schema.
pub fn catalog_validator() -> &'static Validator {
    static VALIDATOR: OnceLock<Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| Validator::new(catalog_schema()))
}

/// Checks values against one of the generated schemas. It knows exactly the
/// keywords those schemas use (`$ref` into `$defs`, `type`, `const`, `enum`,
/// `properties`, `required`, `additionalProperties`, `items`, `pattern`,
/// `minLength`, `maxLength`, `minimum`, `maximum`, `format: uint32`); a test
/// keeps it honest against an independent draft 2020-12 validator.
#[derive(Debug)]
pub struct Validator {
    root: Value,
    patterns: Vec<(String, regex_lite::Regex)>,
}

/// Deepest value nesting followed (the schemas are not recursive).
const MAX_DEPTH: usize = 64;

/// One step of the path to a value.
#[derive(Debug, Clone, Copy)]
enum Token<'v> {
    Key(&'v str),
    Index(usize),
}

fn pointer(path: &[Token<'_>]) -> String {
    path.iter().fold(String::new(), |out, token| match token {
        Token::Key(key) => pointer_push(&out, key),
        Token::Index(i) => format!("{out}/{i}"),
    })
}

impl Validator {
    /// Compiles a schema given as JSON text.
    pub fn new(text: &str) -> Validator {
        let root: Value = serde_json::from_str(text).unwrap_or(Value::Null);
        let mut patterns = Vec::new();
        let mut stack = vec![&root];
        while let Some(node) = stack.pop() {
            match node {
                Value::Object(map) => {
                    if let Some(Value::String(pattern)) = map.get("pattern") {
                        if let Ok(regex) = regex_lite::Regex::new(pattern) {
                            patterns.push((pattern.clone(), regex));
                        }
                    }
                    stack.extend(map.values());
                }
                Value::Array(items) => stack.extend(items),
                _ => {}
            }
        }
        Validator { root, patterns }
    }

    /// Pointers of the values that break the schema (empty when valid).
    pub fn validate(&self, value: &Value) -> Vec<String> {
        let mut errors = Vec::new();
        let mut path = Vec::new();
        self.check(&self.root, value, &mut path, &mut errors);
        errors
    }

    /// `path` holds the reference tokens down to `value`; it is turned into a
    /// pointer only when something fails, so valid data allocates nothing.
    fn check<'v>(&self, schema: &Value, value: &'v Value, path: &mut Vec<Token<'v>>, errors: &mut Vec<String>) {
        let Value::Object(schema) = schema else { return };
        if path.len() > MAX_DEPTH {
            errors.push(pointer(path));
            return;
        }
        let mut fail = || errors.push(pointer(path));
        if let Some(Value::String(reference)) = schema.get("$ref") {
            let target = reference
                .strip_prefix("#/$defs/")
                .and_then(|name| self.root.get("$defs").and_then(|defs| defs.get(name)));
            match target {
                Some(target) => self.check(target, value, path, errors),
                None => fail(),
            }
            return;
        }
        if let Some(expected) = schema.get("type") {
            let matches = |name: &str| match name {
                "object" => value.is_object(),
                "array" => value.is_array(),
                "string" => value.is_string(),
                // Integers only: a float where an integer belongs is refused.
                "integer" => value.is_i64() || value.is_u64(),
                "number" => value.is_number(),
                "boolean" => value.is_boolean(),
                "null" => value.is_null(),
                _ => false,
            };
            let ok = match expected {
                Value::String(name) => matches(name),
                Value::Array(names) => names.iter().filter_map(Value::as_str).any(matches),
                _ => true,
            };
            if !ok {
                fail();
                return;
            }
        }
        if let Some(constant) = schema.get("const") {
            if constant != value {
                fail();
                return;
            }
        }
        if let Some(Value::Array(allowed)) = schema.get("enum") {
            if !allowed.contains(value) {
                fail();
                return;
            }
        }
        match value {
            Value::String(text) => {
                let length = text.chars().count() as u64;
                let too_short = schema.get("minLength").and_then(Value::as_u64).is_some_and(|min| length < min);
                let too_long = schema.get("maxLength").and_then(Value::as_u64).is_some_and(|max| length > max);
                let mismatch = schema
                    .get("pattern")
                    .and_then(Value::as_str)
                    .is_some_and(|p| self.patterns.iter().find(|(q, _)| q == p).is_none_or(|(_, regex)| !regex.is_match(text)));
                if too_short || too_long || mismatch {
                    fail();
                }
            }
            Value::Number(number) => {
                let n = number.as_f64().unwrap_or(f64::NAN);
                let below = schema.get("minimum").and_then(Value::as_f64).is_some_and(|min| n < min);
                let above = schema.get("maximum").and_then(Value::as_f64).is_some_and(|max| n > max);
                let not_u32 = schema.get("format").and_then(Value::as_str) == Some("uint32")
                    && number.as_u64().is_none_or(|u| u > u64::from(u32::MAX));
                if below || above || not_u32 || n.is_nan() {
                    fail();
                }
            }
            Value::Array(items) => {
                if let Some(item_schema) = schema.get("items") {
                    for (i, item) in items.iter().enumerate() {
                        path.push(Token::Index(i));
                        self.check(item_schema, item, path, errors);
                        path.pop();
                    }
                }
            }
            Value::Object(members) => {
                if let Some(Value::Array(required)) = schema.get("required") {
                    for name in required.iter().filter_map(Value::as_str) {
                        if !members.contains_key(name) {
                            errors.push(pointer_push(&pointer(path), name));
                        }
                    }
                }
                let properties = schema.get("properties").and_then(Value::as_object);
                for (name, member) in members {
                    path.push(Token::Key(name));
                    match (properties.and_then(|p| p.get(name)), schema.get("additionalProperties")) {
                        (Some(member_schema), _) => self.check(member_schema, member, path, errors),
                        (None, Some(Value::Bool(false))) => errors.push(pointer(path)),
                        (None, Some(extra)) => self.check(extra, member, path, errors),
                        (None, None) => {}
                    }
                    path.pop();
                }
            }
            _ => {}
        }
    }
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
    fn the_validator_finds_what_breaks_the_schema() {
        let validator = super::catalog_validator();
        let mut catalog: serde_json::Value =
            serde_json::from_str(super::super::catalog::EXAMPLE_CATALOG_JSON).expect("json");
        assert_eq!(validator.validate(&catalog), Vec::<String>::new());
        catalog["indicators"][2]["weight"] = serde_json::json!(1.5);
        catalog["bands"][0]["from"] = serde_json::json!(-1);
        catalog["grading"]["credibility"]["1"] = serde_json::json!(5_000_000_000u64);
        catalog["recency"][3]["maxDays"] = serde_json::json!("forever");
        catalog["extra"] = serde_json::json!(true);
        catalog.as_object_mut().expect("object").remove("partners");
        let mut errors = validator.validate(&catalog);
        errors.sort();
        assert_eq!(
            errors,
            vec![
                "/bands/0/from",
                "/extra",
                "/grading/credibility/1",
                "/indicators/2/weight",
                "/partners",
                "/recency/3/maxDays"
            ]
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
