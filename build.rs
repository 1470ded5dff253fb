//! Minified copies of the JSON texts the WebAssembly module embeds (the two
//! published schemas and the example catalog). Whitespace between tokens is
//! all that goes, so they parse to the same values (the package tests compare
//! them with the published files); every byte counts against the module's
//! size budget. Native builds embed the files as they are (the CLI prints
//! the schemas).
//!
//! The catalog schema is also written without its `title` and `description`
//! texts and the value rules the shape check leaves to the lint
//! (`catalog.validation.json`): what the module checks catalogs with, so the
//! browser module, which has no `catalogSchema()`, carries no prose.

use std::path::Path;

const EMBEDDED: [&str; 6] = [
    "schemas/signal-record.schema.json",
    "schemas/signal-record-1.1.schema.json",
    "schemas/signal-extract.schema.json",
    "schemas/signal-correction.schema.json",
    "schemas/catalog.schema.json",
    "src/catalog/ind-example.json",
];

/// JSON text without the whitespace between tokens.
fn minify(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !matches!(c, ' ' | '\t' | '\n' | '\r') {
            out.push(c);
        }
    }
    out
}

/// A schema without what the catalog's shape check ignores: the
/// annotations and formats (dates are checked by their patterns), and the value rules the catalog's lint checks instead
/// (`enum`, the array counts, the number ranges; see `Rules::ShapeOnly` in `src/core/schema.rs`).
fn without_annotations(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    let ignored = |key: &str, member: &Value| match key {
        "title" | "description" | "$schema" | "$id" | "format" => member.is_string(),
        "enum" => member.is_array(),
        "minItems" | "maxItems" | "uniqueItems" | "minimum" | "maximum" => member.is_number() || member.is_boolean(),
        _ => false,
    };
    match value {
        Value::Object(members) => Value::Object(
            members
                .into_iter()
                .filter(|(key, member)| !ignored(key, member))
                .map(|(key, member)| (key, without_annotations(member)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(without_annotations).collect()),
        other => other,
    }
}

fn main() {
    let out_dir = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".to_owned());
    let schema_file = "schemas/catalog.schema.json";
    let schema: serde_json::Value = std::fs::read_to_string(schema_file)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_else(|| panic!("{schema_file}: not JSON"));
    let text = serde_json::to_string(&without_annotations(schema)).unwrap_or_else(|e| panic!("{schema_file}: {e}"));
    std::fs::write(Path::new(&out_dir).join("catalog.validation.json"), text)
        .unwrap_or_else(|e| panic!("{schema_file}: {e}"));
    for file in EMBEDDED {
        println!("cargo::rerun-if-changed={file}");
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));
        let name = Path::new(file).file_name().unwrap_or_default();
        std::fs::write(Path::new(&out_dir).join(name), minify(&text)).unwrap_or_else(|e| panic!("{file}: {e}"));
    }
}
