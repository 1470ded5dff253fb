//! Minified copies of the JSON texts the WebAssembly module embeds (the two
//! published schemas and the example catalog). Whitespace between tokens is
//! all that goes, so they parse to the same values (the package tests compare
//! them with the published files); every byte counts against the module's
//! size budget. Native builds embed the files as they are (the CLI prints
//! the schemas).

use std::path::Path;

const EMBEDDED: [&str; 3] = ["schemas/signal-record.schema.json", "schemas/catalog.schema.json", "src/catalog/ind-example.json"];

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

fn main() {
    let out_dir = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".to_owned());
    for file in EMBEDDED {
        println!("cargo::rerun-if-changed={file}");
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));
        let name = Path::new(file).file_name().unwrap_or_default();
        std::fs::write(Path::new(&out_dir).join(name), minify(&text)).unwrap_or_else(|e| panic!("{file}: {e}"));
    }
}
