//! Corrections and withdrawals (SPEC v1.3 §12.6): a signal is never edited;
//! a `signal-correction` says it was withdrawn or superseded by a new
//! record, why, by whom, and which partners it was shared with must be told
//! (AVG art. 19).

use serde::Serialize;
use serde_json::Value;

use super::canonical::{canonical_bytes_without, sha256_tagged};
use super::error::SignalError;
use super::extract::RecordReference;
use super::identifiers::is_officer_id;
use super::issue::{Finding, Kind, Pointer};
use super::messages::Locale;
use super::record::{
    EngineInfo, Integrity, Officer, RecordStamp, Verification, CANONICALIZATION, ENGINE_NAME, ENGINE_VERSION,
    SCHEMA_VERSION,
};

/// `recordType` of a correction.
pub const CORRECTION_TYPE: &str = "signal-correction";
/// The actions a correction records.
pub const CORRECTION_ACTIONS: [&str; 2] = ["withdrawn", "superseded"];

/// A correction or withdrawal of a signal record.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(title = "Signal correction", extend("$id" = "https://ind.example/schemas/signal-correction-1.2.json")))]
pub struct SignalCorrection {
    /// Always `signal-correction`.
    #[cfg_attr(test, schemars(extend("const" = "signal-correction")))]
    pub record_type: String,
    /// Always `1.2`.
    #[cfg_attr(test, schemars(extend("const" = "1.2")))]
    pub schema_version: String,
    /// UUID v4, lowercase.
    #[cfg_attr(
        test,
        schemars(regex(pattern = r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"))
    )]
    pub id: String,
    /// Creation instant, UTC with milliseconds.
    #[cfg_attr(test, schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")))]
    pub created_at: String,
    /// The engine that built it.
    pub engine: EngineInfo,
    /// The record corrected.
    pub refers_to: RecordReference,
    /// `withdrawn` or `superseded`.
    #[cfg_attr(test, schemars(extend("enum" = CORRECTION_ACTIONS)))]
    pub action: String,
    /// For `superseded`: the new signal record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub superseded_by: Option<RecordReference>,
    /// Why (10–2000 characters).
    #[cfg_attr(test, schemars(length(min = 10, max = 2000)))]
    pub reason: String,
    /// The partners the corrected record was shared with, sorted: they must be told.
    pub notify: Vec<String>,
    /// The officer who corrects it.
    pub officer: Officer,
    /// Canonicalization and digest.
    pub integrity: Integrity,
}

/// A reference to a verified record: its id and digest.
fn reference(record: &Value) -> RecordReference {
    let text = |pointer: &str| record.pointer(pointer).and_then(Value::as_str).unwrap_or_default().to_owned();
    RecordReference { id: text("/id"), digest: text("/integrity/digest") }
}

/// The partners a record was shared with, sorted.
fn notify_of(record: &Value) -> Vec<String> {
    let mut partners: Vec<String> = record
        .pointer("/routing/sharedWith")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect();
    partners.sort();
    partners
}

/// Whether two records are about the same person: the same V-nummer, or,
/// where the original has none, the same case number.
fn same_person(original: &Value, replacement: &Value) -> bool {
    match original.pointer("/subject/vNumber").and_then(Value::as_str) {
        Some(v_number) => replacement.pointer("/subject/vNumber").and_then(Value::as_str) == Some(v_number),
        None => {
            let case = |record: &Value| record.pointer("/case/caseNumber").and_then(Value::as_str).map(str::to_owned);
            case(original).is_some() && case(original) == case(replacement)
        }
    }
}

/// Builds a correction of `original` (verified by the caller, as is
/// `replacement`). `request` holds `action`, `reason`, `officer: { id, unit }`.
pub fn build_correction(
    original: &Value,
    request: &Value,
    replacement: Option<&Value>,
    stamp: &RecordStamp,
    locale: Locale,
) -> Result<SignalCorrection, SignalError> {
    let mut findings = Vec::new();
    let text = |pointer: &str| {
        request.pointer(pointer).and_then(Value::as_str).map(super::form::trim).filter(|t| !t.is_empty())
    };
    let action = text("/action");
    match action {
        None => findings.push(Finding::error("/action", Kind::Required)),
        Some(action) if !CORRECTION_ACTIONS.contains(&action) => findings.push(Finding::error(
            "/action",
            Kind::Enum { allowed: Some(CORRECTION_ACTIONS.iter().map(|a| (*a).to_owned()).collect()) },
        )),
        Some(_) => {}
    }
    let length = |text: &str| text.encode_utf16().count();
    match text("/reason") {
        None => findings.push(Finding::error("/reason", Kind::Required)),
        Some(reason) if length(reason) < 10 => {
            findings.push(Finding::error("/reason", Kind::TextTooShort { min: 10, actual: length(reason) }))
        }
        Some(reason) if length(reason) > 2000 => {
            findings.push(Finding::error("/reason", Kind::TextTooLong { max: 2000, actual: length(reason) }))
        }
        Some(_) => {}
    }
    match text("/officer/id") {
        None => findings.push(Finding::error("/officer/id", Kind::Required)),
        Some(id) if !is_officer_id(id) => findings.push(Finding::error("/officer/id", Kind::FormatOfficerId)),
        Some(_) => {}
    }
    match text("/officer/unit") {
        None => findings.push(Finding::error("/officer/unit", Kind::Required)),
        Some(unit) if length(unit) > 80 => {
            findings.push(Finding::error("/officer/unit", Kind::TextTooLong { max: 80, actual: length(unit) }))
        }
        Some(_) => {}
    }
    let superseded = action == Some("superseded");
    match (superseded, replacement) {
        (true, None) => findings.push(Finding::error("/replacement", Kind::Required)),
        (true, Some(replacement)) if !same_person(original, replacement) => {
            findings.push(Finding::error("/replacement", Kind::SubjectConflict))
        }
        _ => {}
    }
    if !findings.is_empty() {
        return Err(SignalError::FormInvalid(findings.iter().map(|f| f.localize(locale)).collect()));
    }
    let owned = |pointer: &str| text(pointer).unwrap_or_default().to_owned();
    let mut correction = SignalCorrection {
        record_type: CORRECTION_TYPE.to_owned(),
        schema_version: SCHEMA_VERSION.to_owned(),
        id: stamp.id.clone(),
        created_at: stamp.created_at.to_string(),
        engine: EngineInfo { name: ENGINE_NAME.to_owned(), version: ENGINE_VERSION.to_owned() },
        refers_to: reference(original),
        action: owned("/action"),
        superseded_by: if superseded { replacement.map(reference) } else { None },
        reason: owned("/reason"),
        notify: notify_of(original),
        officer: Officer { id: owned("/officer/id"), unit: owned("/officer/unit") },
        integrity: Integrity { canonicalization: CANONICALIZATION.to_owned(), digest: String::new() },
    };
    let value = super::json_text::to_value(&correction)
        .ok_or_else(|| SignalError::Canonicalization("the correction could not be represented as JSON".to_owned()))?;
    correction.integrity.digest = canonical_bytes_without(&value, Some("integrity")).map(|b| sha256_tagged(&b))?;
    Ok(correction)
}

/// Verifies a correction: its schema and digest, and, given the record it
/// corrects (and the replacement), that `refersTo`, `notify` and
/// `supersededBy` match them (`record.content` otherwise).
pub fn verify_correction(
    correction: &Value,
    original: Option<&Value>,
    replacement: Option<&Value>,
    locale: Locale,
) -> Verification {
    let (mut checks, mut findings) = super::record::document_checks(correction, super::schema::correction_validator());
    if let Some(original) = original {
        let as_json =
            |reference: RecordReference| serde_json::json!({ "id": reference.id, "digest": reference.digest });
        let mut wrong = Vec::new();
        if correction.get("refersTo") != Some(&as_json(reference(original))) {
            wrong.push("/refersTo");
        }
        if correction.get("notify") != Some(&Value::from(notify_of(original))) {
            wrong.push("/notify");
        }
        let superseded = correction.get("action").and_then(Value::as_str) == Some("superseded");
        let expected = if superseded { replacement.map(|r| as_json(reference(r))) } else { None };
        if superseded && (expected.is_none() || correction.get("supersededBy") != expected.as_ref()) {
            wrong.push("/supersededBy");
        }
        checks.content = Some(wrong.is_empty());
        findings.extend(wrong.into_iter().map(|path| Finding::error(Pointer::parse(path), Kind::RecordContent)));
    }
    super::issue::sort_findings(&mut findings);
    let ok = checks.schema && checks.digest && checks.content != Some(false);
    Verification { ok, checks, issues: findings.iter().map(|f| f.localize(locale)).collect() }
}
