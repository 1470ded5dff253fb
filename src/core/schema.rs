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

use super::issue::Pointer;
pub use super::issue::Problem;

/// The record JSON Schema (draft 2020-12), as text (minified in the
/// WebAssembly module, see `build.rs`).
pub fn record_schema() -> &'static str {
    #[cfg(not(target_arch = "wasm32"))]
    return include_str!("../../schemas/signal-record.schema.json");
    #[cfg(target_arch = "wasm32")]
    return include_str!(concat!(env!("OUT_DIR"), "/signal-record.schema.json"));
}

/// The record JSON Schema of `schemaVersion` "1.1" (released with the
/// engine's v1.2; a released schema never changes), as text.
pub fn record_schema_1_1() -> &'static str {
    #[cfg(not(target_arch = "wasm32"))]
    return include_str!("../../schemas/signal-record-1.1.schema.json");
    #[cfg(target_arch = "wasm32")]
    return include_str!(concat!(env!("OUT_DIR"), "/signal-record-1.1.schema.json"));
}

/// The record schema of a released `schemaVersion` ("1.1", "1.2").
pub fn record_schema_of(version: &str) -> Option<&'static str> {
    match version {
        "1.1" => Some(record_schema_1_1()),
        "1.2" => Some(record_schema()),
        _ => None,
    }
}

/// The correction JSON Schema (draft 2020-12), as text.
pub fn correction_schema() -> &'static str {
    #[cfg(not(target_arch = "wasm32"))]
    return include_str!("../../schemas/signal-correction.schema.json");
    #[cfg(target_arch = "wasm32")]
    return include_str!(concat!(env!("OUT_DIR"), "/signal-correction.schema.json"));
}

/// The validator of the correction schema.
pub fn correction_validator() -> &'static Validator {
    static VALIDATOR: OnceLock<Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| Validator::new(correction_schema()))
}

/// The extract JSON Schema (draft 2020-12), as text.
pub fn extract_schema() -> &'static str {
    #[cfg(not(target_arch = "wasm32"))]
    return include_str!("../../schemas/signal-extract.schema.json");
    #[cfg(target_arch = "wasm32")]
    return include_str!(concat!(env!("OUT_DIR"), "/signal-extract.schema.json"));
}

/// The validator of the extract schema.
pub fn extract_validator() -> &'static Validator {
    static VALIDATOR: OnceLock<Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| Validator::new(extract_schema()))
}

/// The validator of the record schema of `schemaVersion` "1.1".
pub fn record_validator_1_1() -> &'static Validator {
    static VALIDATOR: OnceLock<Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| Validator::new(record_schema_1_1()))
}

/// The catalog JSON Schema (draft 2020-12), as text (minified in the
/// WebAssembly module, see `build.rs`).
pub fn catalog_schema() -> &'static str {
    #[cfg(not(target_arch = "wasm32"))]
    return include_str!("../../schemas/catalog.schema.json");
    #[cfg(target_arch = "wasm32")]
    return include_str!(concat!(env!("OUT_DIR"), "/catalog.schema.json"));
}

/// The validator of the record schema.
pub fn record_validator() -> &'static Validator {
    static VALIDATOR: OnceLock<Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| Validator::new(record_schema()))
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
    static VALIDATOR: OnceLock<Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| Validator::shape_only(catalog_validation_schema()))
}

/// Checks values against one of the generated schemas. It knows exactly the
/// keywords those schemas use (`$ref` into `$defs`, `anyOf`, `type`, `const`, `enum`,
/// `properties`, `required`, `additionalProperties`, `items`, `pattern`,
/// `minLength`, `maxLength`, `minimum`, `maximum`, `format: uint32`) and
/// leaves the array counts (`minItems`, `maxItems`, `uniqueItems`) to the
/// catalog's lint, which names them with `catalog.range` and
/// `catalog.duplicate`; a test
/// keeps it honest against an independent draft 2020-12 validator. The
/// schema is compiled once into a tree, so checking a value does no keyword
/// look-ups and compiles no pattern.
#[derive(Debug)]
pub struct Validator {
    root: Node,
    /// Compiled `$defs`, referred to by index from `Node::reference`.
    definitions: Vec<Node>,
}

/// One compiled schema.
#[derive(Debug, Default)]
struct Node {
    reference: Option<usize>,
    /// Allowed JSON types as a bit set of [`kind_bit`]; 0 = any.
    types: u8,
    constant: Option<Value>,
    allowed: Option<Vec<Value>>,
    min_length: Option<u64>,
    max_length: Option<u64>,
    pattern: Option<super::pattern::Pattern>,
    minimum: Option<f64>,
    maximum: Option<f64>,
    uint32: bool,
    items: Option<Box<Node>>,
    /// `anyOf`: the value passes when one alternative has no problem.
    any_of: Vec<Node>,
    required: Vec<String>,
    properties: Vec<(String, Node)>,
    additional: Additional,
}

#[derive(Debug, Default)]
enum Additional {
    #[default]
    Any,
    Forbidden,
    Schema(Box<Node>),
}

fn kind_bit(name: &str) -> u8 {
    match name {
        "object" => 1,
        "array" => 2,
        "string" => 4,
        "integer" => 8,
        "number" => 16,
        "boolean" => 32,
        "null" => 64,
        _ => 0,
    }
}

fn kind_of(value: &Value) -> u8 {
    match value {
        Value::Object(_) => 1,
        Value::Array(_) => 2,
        Value::String(_) => 4,
        // Integers only: a float where an integer belongs is refused.
        Value::Number(n) if n.is_i64() || n.is_u64() => 8 | 16,
        Value::Number(_) => 16,
        Value::Bool(_) => 32,
        Value::Null => 64,
    }
}

/// Deepest value nesting followed (the schemas are not recursive).
const MAX_DEPTH: usize = 64;

/// One step of the path to a value.
#[derive(Debug, Clone, Copy)]
enum Token<'v> {
    Key(&'v str),
    Index(usize),
}

fn pointer(path: &[Token<'_>]) -> Pointer {
    path.iter().fold(Pointer::root(), |out, token| match token {
        Token::Key(key) => out.member(key),
        Token::Index(i) => out.index(*i),
    })
}

/// Which rules of a schema a [`Validator`] checks.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Rules {
    /// Every keyword the validator knows.
    All,
    /// The shape only: no `enum`, and every integer 0–2³²−1 (what the
    /// Rust type holds), whatever its `minimum`/`maximum`.
    ShapeOnly,
}

fn compile(schema: &Value, names: &[String], depth: usize, rules: Rules) -> Node {
    let mut node = Node::default();
    let Value::Object(map) = schema else { return node };
    if depth > MAX_DEPTH {
        return node;
    }
    if let Some(reference) = map.get("$ref").and_then(Value::as_str) {
        // An unknown reference points past the end: nothing validates against it.
        let name = reference.strip_prefix("#/$defs/").unwrap_or_default();
        node.reference = Some(names.iter().position(|n| n == name).unwrap_or(usize::MAX));
        return node;
    }
    node.types = match map.get("type") {
        Some(Value::String(name)) => kind_bit(name),
        Some(Value::Array(names)) => names.iter().filter_map(Value::as_str).map(kind_bit).fold(0, |a, b| a | b),
        _ => 0,
    };
    node.constant = map.get("const").cloned();
    node.allowed = map.get("enum").and_then(Value::as_array).cloned();
    node.min_length = map.get("minLength").and_then(Value::as_u64);
    node.max_length = map.get("maxLength").and_then(Value::as_u64);
    node.pattern = map.get("pattern").and_then(Value::as_str).and_then(|p| super::pattern::Pattern::new(p).ok());
    node.minimum = map.get("minimum").and_then(Value::as_f64);
    node.maximum = map.get("maximum").and_then(Value::as_f64);
    node.uint32 = map.get("format").and_then(Value::as_str) == Some("uint32");
    if rules == Rules::ShapeOnly {
        node.allowed = None;
        if node.types & kind_bit("integer") != 0 {
            node.minimum = Some(0.0);
            node.maximum = Some(f64::from(u32::MAX));
        }
    }
    node.items = map.get("items").map(|items| Box::new(compile(items, names, depth + 1, rules)));
    node.any_of = map
        .get("anyOf")
        .and_then(Value::as_array)
        .map(|alternatives| alternatives.iter().map(|a| compile(a, names, depth + 1, rules)).collect())
        .unwrap_or_default();
    node.required = map
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).map(str::to_owned).collect())
        .unwrap_or_default();
    node.properties = map
        .get("properties")
        .and_then(Value::as_object)
        .map(|p| p.iter().map(|(name, schema)| (name.clone(), compile(schema, names, depth + 1, rules))).collect())
        .unwrap_or_default();
    node.additional = match map.get("additionalProperties") {
        Some(Value::Bool(false)) => Additional::Forbidden,
        Some(schema @ Value::Object(_)) => Additional::Schema(Box::new(compile(schema, names, depth + 1, rules))),
        _ => Additional::Any,
    };
    node
}

impl Validator {
    /// Compiles a schema given as JSON text.
    pub fn new(text: &str) -> Validator {
        Validator::compiled(text, Rules::All)
    }

    /// Compiles a schema given as JSON text, for its shape only (see [`Rules::ShapeOnly`]).
    fn shape_only(text: &str) -> Validator {
        Validator::compiled(text, Rules::ShapeOnly)
    }

    fn compiled(text: &str, rules: Rules) -> Validator {
        let schema = super::json_text::parse_strict(text).unwrap_or(Value::Null);
        let defs = schema.get("$defs").and_then(Value::as_object);
        let names: Vec<String> = defs.map(|d| d.keys().cloned().collect()).unwrap_or_default();
        let definitions = defs.map(|d| d.values().map(|s| compile(s, &names, 1, rules)).collect()).unwrap_or_default();
        Validator { root: compile(&schema, &names, 0, rules), definitions }
    }

    /// The values that break the schema, with what is wrong (empty when valid).
    pub fn validate(&self, value: &Value) -> Vec<(Pointer, Problem)> {
        let mut errors = Vec::new();
        let mut path = Vec::new();
        self.check(&self.root, value, &mut path, &mut errors);
        errors
    }

    /// `path` holds the reference tokens down to `value`; it is turned into a
    /// pointer only when something fails, so valid data allocates nothing.
    fn check<'v>(
        &self,
        node: &Node,
        value: &'v Value,
        path: &mut Vec<Token<'v>>,
        errors: &mut Vec<(Pointer, Problem)>,
    ) {
        if path.len() > MAX_DEPTH {
            errors.push((pointer(path), Problem::Depth));
            return;
        }
        if let Some(index) = node.reference {
            match self.definitions.get(index) {
                Some(target) => self.check(target, value, path, errors),
                None => errors.push((pointer(path), Problem::Type)),
            }
            return;
        }
        if node.types != 0 && node.types & kind_of(value) == 0 {
            errors.push((pointer(path), Problem::Type));
            return;
        }
        if !node.any_of.is_empty() {
            // The problems of the first alternative of the value's type are
            // the ones reported; none of any alternative that fits.
            let mut first: Option<Vec<(Pointer, Problem)>> = None;
            for alternative in &node.any_of {
                let mut found = Vec::new();
                self.check(alternative, value, path, &mut found);
                if found.is_empty() {
                    first = None;
                    break;
                }
                let wrong_type = found.len() == 1
                    && found.iter().all(|(p, problem)| *problem == Problem::Type && *p == pointer(path));
                if first.is_none()
                    || (!wrong_type
                        && first.as_ref().is_some_and(|f| f.len() == 1 && f.iter().all(|(_, p)| *p == Problem::Type)))
                {
                    first = Some(found);
                }
            }
            errors.extend(first.into_iter().flatten());
            return;
        }
        if node.constant.as_ref().is_some_and(|c| c != value)
            || node.allowed.as_ref().is_some_and(|allowed| !allowed.contains(value))
        {
            errors.push((pointer(path), Problem::Value));
            return;
        }
        match value {
            Value::String(text) => {
                let counted = node.min_length.is_some() || node.max_length.is_some();
                let length = if counted { text.chars().count() as u64 } else { 0 };
                let too_short = node.min_length.is_some_and(|min| length < min);
                let too_long = node.max_length.is_some_and(|max| length > max);
                if too_short || too_long {
                    errors.push((pointer(path), Problem::Length));
                } else if node.pattern.as_ref().is_some_and(|pattern| !pattern.is_match(text)) {
                    errors.push((pointer(path), Problem::Pattern));
                }
            }
            Value::Number(number) => {
                let n = number.as_f64().unwrap_or(f64::NAN);
                let below = node.minimum.is_some_and(|min| n < min);
                let above = node.maximum.is_some_and(|max| n > max);
                let not_u32 = node.uint32 && number.as_u64().is_none_or(|u| u > u64::from(u32::MAX));
                if below || above || not_u32 || n.is_nan() {
                    errors.push((pointer(path), Problem::Range));
                }
            }
            Value::Array(items) => {
                if let Some(item_schema) = &node.items {
                    for (i, item) in items.iter().enumerate() {
                        path.push(Token::Index(i));
                        self.check(item_schema, item, path, errors);
                        path.pop();
                    }
                }
            }
            Value::Object(members) => {
                for name in &node.required {
                    if !members.contains_key(name.as_str()) {
                        errors.push((pointer(path).member(name), Problem::Missing));
                    }
                }
                for (name, member) in members {
                    path.push(Token::Key(name));
                    match (node.properties.iter().find(|(n, _)| n == name), &node.additional) {
                        (Some((_, member_schema)), _) => self.check(member_schema, member, path, errors),
                        (None, Additional::Forbidden) => errors.push((pointer(path), Problem::NotAllowed)),
                        (None, Additional::Schema(extra)) => self.check(extra, member, path, errors),
                        (None, Additional::Any) => {}
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
