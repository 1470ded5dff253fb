//! Validation issues: stable codes, severities, JSON Pointer paths and the
//! deterministic order in which they are reported.

use serde::Serialize;
use serde_json::{Map, Value};

use super::messages::{message, Locale};

/// How serious an issue is: errors block a record, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The form cannot become a record until this is fixed.
    Error,
    /// Worth the officer's attention; does not block.
    Warning,
}

/// One finding about an input, a catalog or a record.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Issue {
    /// RFC 6901 JSON Pointer into what was checked; `""` is the whole.
    pub path: String,
    /// A stable code from [`codes`].
    pub code: String,
    /// Whether this blocks.
    pub severity: Severity,
    /// Human text in the engine's locale; never echoes input values.
    pub message: String,
    /// Facts the message is built from, such as `{ "min": 20, "actual": 5 }`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, unknown>"))]
    pub params: Option<Map<String, Value>>,
}

/// The stable issue codes (extend, never rename).
pub mod codes {
    /// A required value is absent.
    pub const REQUIRED: &str = "required";
    /// The value has the wrong JSON/JS type.
    pub const TYPE: &str = "type";
    /// The value is not one of the allowed values.
    pub const ENUM: &str = "enum";
    /// Not a valid case number.
    pub const FORMAT_CASE_NUMBER: &str = "format.case-number";
    /// Not a ten-digit V-nummer.
    pub const FORMAT_VNUMBER: &str = "format.vnumber";
    /// Not a nine-digit BSN passing the 11-proef.
    pub const FORMAT_BSN: &str = "format.bsn";
    /// Not a calendar date written `YYYY-MM-DD`.
    pub const FORMAT_DATE: &str = "format.date";
    /// An `issuingState` not in the catalog's SIS states.
    pub const FORMAT_COUNTRY: &str = "format.country";
    /// Not a pseudonymous staff code (`^[A-Z0-9-]{2,32}$`).
    pub const FORMAT_OFFICER_ID: &str = "format.officer-id";
    /// A host extension value that does not match its declared pattern.
    pub const FORMAT_PATTERN: &str = "format.pattern";
    /// Text shorter than its minimum.
    pub const TEXT_TOO_SHORT: &str = "text.too-short";
    /// Text longer than its maximum.
    pub const TEXT_TOO_LONG: &str = "text.too-long";
    /// A lone UTF-16 surrogate was replaced by U+FFFD.
    pub const TEXT_REPLACED: &str = "text.replaced";
    /// Fewer array items than required.
    pub const ARRAY_TOO_FEW: &str = "array.too-few";
    /// More array items than allowed; the items were not read.
    pub const ARRAY_TOO_MANY: &str = "array.too-many";
    /// The same value twice in a list that must not repeat.
    pub const ARRAY_DUPLICATE: &str = "array.duplicate";
    /// A date after the evaluation date.
    pub const DATE_FUTURE: &str = "date.future";
    /// A date before 1900-01-01.
    pub const DATE_TOO_OLD: &str = "date.too-old";
    /// An indicator code the active catalog does not have.
    pub const INDICATOR_UNKNOWN: &str = "indicator.unknown";
    /// The catalog requires evidence references for this indicator.
    pub const INDICATOR_EVIDENCE_REQUIRED: &str = "indicator.evidence-required";
    /// The same indicator with the same date was recorded before.
    pub const INDICATOR_DUPLICATE: &str = "indicator.duplicate";
    /// The SIS article does not belong to the regulation.
    pub const SIS_ARTICLE: &str = "sis.article";
    /// An unknown subject cannot have a V-nummer.
    pub const SUBJECT_CONFLICT: &str = "subject.conflict";
    /// An advised partner is neither shared with nor explained.
    pub const ROUTING_UNSHARED: &str = "routing.unshared";
    /// `GREEN` or `CLEAR` handling, or `AMBER` on a SIS art. 36 discreet check.
    pub const HANDLING_TOO_OPEN: &str = "handling.too-open";
    /// Measures are listed and the officer gave no view of the advice.
    pub const JUDGEMENT_MISSING: &str = "judgement.missing";
    /// Measures are listed while the person's status is not known.
    pub const SUBJECT_STATUS_UNKNOWN: &str = "subject.status-unknown";
    /// A key the form does not have; ignored and never recorded.
    pub const FIELD_UNKNOWN: &str = "field.unknown";
    /// A key that carries a protected attribute; ignored and never recorded.
    pub const FIELD_PROTECTED: &str = "field.protected";
    /// Too much data or nesting too deep; nothing was read.
    pub const INPUT_TOO_LARGE: &str = "input.too-large";
    /// The input is not an object.
    pub const INPUT_NOT_OBJECT: &str = "input.not-object";
    /// JSON text that does not parse or repeats a member name.
    pub const INPUT_NOT_JSON: &str = "input.not-json";

    /// A catalog that is not of the catalog shape.
    pub const CATALOG_SHAPE: &str = "catalog.shape";
    /// A code that appears twice in a catalog list.
    pub const CATALOG_DUPLICATE: &str = "catalog.duplicate";
    /// A reference to a category, partner or band the catalog lacks.
    pub const CATALOG_REFERENCE: &str = "catalog.reference";
    /// A number outside its allowed range.
    pub const CATALOG_RANGE: &str = "catalog.range";
    /// Bands or recency buckets out of order.
    pub const CATALOG_ORDER: &str = "catalog.order";
    /// A label or guidance text missing for a declared locale.
    pub const CATALOG_LABEL_MISSING: &str = "catalog.label-missing";
    /// A measure attached to a protective category.
    pub const CATALOG_PROTECTIVE_MEASURE: &str = "catalog.protective-measure";
    /// A `routingOnly` indicator in a protective category.
    pub const CATALOG_PROTECTIVE_ROUTING_ONLY: &str = "catalog.protective-routing-only";

    /// A record that does not match the record schema.
    pub const RECORD_SCHEMA: &str = "record.schema";
    /// The integrity digest does not match the record.
    pub const RECORD_DIGEST: &str = "record.digest";
    /// The record was built with a catalog that is not accepted.
    pub const RECORD_CATALOG: &str = "record.catalog";
    /// `evaluatedOn` is more than one day from `createdAt`.
    pub const RECORD_EVALUATED_ON: &str = "record.evaluated-on";
    /// A recorded indicator's category differs from the catalog's.
    pub const RECORD_CATEGORY: &str = "record.category";
    /// Recorded content differs from what the engine builds from it.
    pub const RECORD_CONTENT: &str = "record.content";
    /// The recorded assessment, advice or measures differ from a recomputation.
    pub const RECORD_ASSESSMENT: &str = "record.assessment";
    /// Record text that does not parse or repeats a member name.
    pub const RECORD_NOT_JSON: &str = "record.not-json";
    /// The posted host fields differ from the record's content.
    pub const RECORD_MISMATCH: &str = "record.mismatch";
    /// `createdAt` too old, or too far in the future.
    pub const RECORD_STALE: &str = "record.stale";
    /// A record id that was seen before.
    pub const RECORD_REPLAYED: &str = "record.replayed";
}

/// An issue before it is put into words: what the validators produce.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// JSON Pointer of the value concerned.
    pub path: String,
    /// Stable code.
    pub code: &'static str,
    /// Severity.
    pub severity: Severity,
    /// Facts for the message.
    pub params: Option<Map<String, Value>>,
}

impl Finding {
    /// An error at `path`.
    pub fn error(path: impl Into<String>, code: &'static str) -> Finding {
        Finding { path: path.into(), code, severity: Severity::Error, params: None }
    }

    /// A warning at `path`.
    pub fn warning(path: impl Into<String>, code: &'static str) -> Finding {
        Finding { path: path.into(), code, severity: Severity::Warning, params: None }
    }

    /// Adds a fact for the message.
    pub fn with(mut self, key: &str, value: impl Into<Value>) -> Finding {
        self.params.get_or_insert_with(Map::new).insert(key.to_owned(), value.into());
        self
    }

    /// Puts the finding into words.
    pub fn localize(&self, locale: Locale) -> Issue {
        Issue {
            path: self.path.clone(),
            code: self.code.to_owned(),
            severity: self.severity,
            message: message(self.code, self.params.as_ref(), locale),
            params: self.params.clone(),
        }
    }
}

/// Appends one RFC 6901 reference token to a pointer.
pub fn pointer_push(base: &str, token: &str) -> String {
    let mut out = String::with_capacity(base.len() + token.len() + 1);
    out.push_str(base);
    out.push('/');
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            _ => out.push(c),
        }
    }
    out
}

/// Splits a pointer into its unescaped reference tokens.
pub fn pointer_tokens(pointer: &str) -> Vec<String> {
    pointer.split('/').skip(1).map(|t| t.replace("~1", "/").replace("~0", "~")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_escape_and_unescape() {
        let p = pointer_push("/a", "b/c~d");
        assert_eq!(p, "/a/b~1c~0d");
        assert_eq!(pointer_tokens(&p), vec!["a".to_owned(), "b/c~d".to_owned()]);
    }
}
