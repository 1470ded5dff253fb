//! A JSON Schema (draft 2020-12) validator for the schemas the engine
//! publishes: the keywords they use, compiled once into a tree, and the
//! problems a value can have against them.

use serde_json::Value;

use crate::pointer::Pointer;

/// What is wrong with a value that breaks a schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Problem {
    /// A required member is missing.
    Missing,
    /// A member the schema does not allow.
    NotAllowed,
    /// The wrong JSON type.
    Type,
    /// A value other than the allowed ones (`const`, `enum`).
    Value,
    /// Text that does not match the pattern.
    Pattern,
    /// Text too short or too long.
    Length,
    /// A number out of range.
    Range,
    /// Nested deeper than the schema is checked.
    Depth,
}

impl Problem {
    /// The stable word in an issue's `params.problem`.
    pub fn code(self) -> &'static str {
        match self {
            Problem::Missing => "missing",
            Problem::NotAllowed => "not-allowed",
            Problem::Type => "type",
            Problem::Value => "value",
            Problem::Pattern => "pattern",
            Problem::Length => "length",
            Problem::Range => "range",
            Problem::Depth => "depth",
        }
    }
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
    pattern: Option<crate::pattern::Pattern>,
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
    node.pattern = map.get("pattern").and_then(Value::as_str).and_then(|p| crate::pattern::Pattern::new(p).ok());
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
    pub fn shape_only(text: &str) -> Validator {
        Validator::compiled(text, Rules::ShapeOnly)
    }

    fn compiled(text: &str, rules: Rules) -> Validator {
        let schema = crate::json_text::parse_strict(text).unwrap_or(Value::Null);
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
