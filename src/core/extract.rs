//! Extracts per recipient (SPEC v1.3 §12.6): what one partner the signal
//! was shared with receives of a verified record, and no more. No
//! assessment, measures, officer judgement, reason for not sharing or
//! officer id; only the indicators of categories whose routing names the
//! recipient (and routing-only items routed to it); protective items and a
//! known possible victim only to a recipient of the victim route.

use serde::Serialize;
use serde_json::Value;

use super::canonical::{canonical_bytes_without, sha256_tagged};
use super::catalog::{ActiveCatalog, Partner};
use super::error::SignalError;
use super::issue::{Finding, Kind};
use super::messages::Locale;
use super::record::{
    CaseInfo, Context, Handling, Integrity, RecordedIndicator, Subject, CANONICALIZATION, SCHEMA_VERSION,
};

/// `recordType` of an extract.
pub const EXTRACT_TYPE: &str = "signal-extract";

/// The record an extract or correction refers to.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct RecordReference {
    /// The record's id.
    #[cfg_attr(
        test,
        schemars(regex(pattern = r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"))
    )]
    pub id: String,
    /// The record's integrity digest.
    #[cfg_attr(test, schemars(regex(pattern = r"^sha256:[0-9a-f]{64}$")))]
    pub digest: String,
}

/// The officer as an extract names them: their unit only.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct ExtractOfficer {
    /// Unit.
    #[cfg_attr(test, schemars(length(min = 1, max = 80)))]
    pub unit: String,
}

/// What one recipient receives of a signal record.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(title = "Signal extract", extend("$id" = "https://ind.example/schemas/signal-extract-1.2.json")))]
pub struct SignalExtract {
    /// Always `signal-extract`.
    #[cfg_attr(test, schemars(extend("const" = "signal-extract")))]
    pub record_type: String,
    /// Always `1.2`.
    #[cfg_attr(test, schemars(extend("const" = "1.2")))]
    pub schema_version: String,
    /// The record it is taken from.
    pub refers_to: RecordReference,
    /// The partner code of the recipient.
    pub recipient: String,
    /// The catalog partner's basis for passing data to it, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_basis: Option<String>,
    /// The record's creation instant.
    #[cfg_attr(test, schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")))]
    pub created_at: String,
    /// The case.
    pub case: CaseInfo,
    /// The person concerned (`protection` only for the victim route).
    pub subject: Subject,
    /// How the signal arose.
    pub context: Context,
    /// The indicators this recipient's routing concerns.
    pub indicators: Vec<RecordedIndicator>,
    /// The factual statement.
    #[cfg_attr(test, schemars(length(min = 1, max = 4000)))]
    pub summary: String,
    /// Handling label and review date.
    pub handling: Handling,
    /// The officer's unit.
    pub officer: ExtractOfficer,
    /// Canonicalization and digest.
    pub integrity: Integrity,
}

/// The extract of a record (JSON, verified by the caller) for `recipient`:
/// `option.invalid` when the record was not shared with it.
pub fn extract_for(
    record: &Value,
    recipient: &str,
    catalog: &ActiveCatalog,
    locale: Locale,
) -> Result<SignalExtract, SignalError> {
    let shared = record.pointer("/routing/sharedWith").and_then(Value::as_array);
    if !shared.is_some_and(|partners| partners.iter().any(|p| p.as_str() == Some(recipient))) {
        return Err(SignalError::OptionInvalid(format!("the record was not shared with {recipient:?}")));
    }
    let data = catalog.catalog();
    // Categories whose routing rules name the recipient (whether or not they
    // applied to this record).
    let routed_categories: Vec<&str> = data
        .routing
        .iter()
        .filter(|rule| rule.partners.iter().any(|p| p == recipient))
        .map(|rule| rule.category.as_str())
        .collect();
    let protective = |category: &str| data.categories.iter().any(|c| c.code == category && c.protective);
    let victim_route = routed_categories.iter().any(|c| protective(c));
    let takes = |item: &Value| {
        let code = item.get("code").and_then(Value::as_str).unwrap_or_default();
        let category = item.get("category").and_then(Value::as_str).unwrap_or_default();
        let routed_only = catalog
            .indicator(code)
            .is_some_and(|(_, d)| d.routing_only == Some(true) && d.routes_to.iter().flatten().any(|p| p == recipient));
        routed_only || (routed_categories.contains(&category) && (!protective(category) || victim_route))
    };
    let invalid =
        || SignalError::FormInvalid(vec![Finding::error("", Kind::RecordSchema { problem: None }).localize(locale)]);
    let member = |pointer: &str| -> Result<Value, SignalError> { record.pointer(pointer).cloned().ok_or_else(invalid) };
    // A verified record's members read back into the record's own types.
    fn typed<T: serde::de::DeserializeOwned>(value: Value) -> Option<T> {
        serde_json::from_value(value).ok()
    }
    let text = |pointer: &str| record.pointer(pointer).and_then(Value::as_str).map(str::to_owned).ok_or_else(invalid);
    let mut subject = member("/subject")?;
    if !victim_route {
        if let Some(members) = subject.as_object_mut() {
            members.remove("protection");
        }
    }
    let indicators: Vec<Value> = record
        .get("indicators")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|item| takes(item))
        .cloned()
        .collect();
    let legal_basis = data.partners.iter().find_map(|p| match p {
        Partner::Described(d) if d.code == recipient => d.legal_basis.clone(),
        _ => None,
    });
    let mut extract = SignalExtract {
        record_type: EXTRACT_TYPE.to_owned(),
        schema_version: SCHEMA_VERSION.to_owned(),
        refers_to: RecordReference { id: text("/id")?, digest: text("/integrity/digest")? },
        recipient: recipient.to_owned(),
        legal_basis,
        created_at: text("/createdAt")?,
        case: typed::<CaseInfo>(member("/case")?).ok_or_else(invalid)?,
        subject: typed::<Subject>(subject).ok_or_else(invalid)?,
        context: typed::<Context>(member("/context")?).ok_or_else(invalid)?,
        indicators: typed::<Vec<RecordedIndicator>>(Value::Array(indicators)).ok_or_else(invalid)?,
        summary: text("/summary")?,
        handling: typed::<Handling>(member("/handling")?).ok_or_else(invalid)?,
        officer: ExtractOfficer { unit: text("/officer/unit")? },
        integrity: Integrity { canonicalization: CANONICALIZATION.to_owned(), digest: String::new() },
    };
    extract.integrity.digest = extract_digest(&extract)?;
    Ok(extract)
}

/// The digest of an extract: SHA-256 over the RFC 8785 form without `integrity`.
fn extract_digest(extract: &SignalExtract) -> Result<String, SignalError> {
    let value = super::json_text::to_value(extract)
        .ok_or_else(|| SignalError::Canonicalization("the extract could not be represented as JSON".to_owned()))?;
    Ok(sha256_tagged(&canonical_bytes_without(&value, Some("integrity"))?))
}

/// Verifies an extract: its schema and digest, and, given the record it was
/// taken from, that it is exactly what [`extract_for`] gives for its
/// recipient (`record.content` otherwise).
pub fn verify_extract(
    extract: &Value,
    original: Option<&Value>,
    catalog: &ActiveCatalog,
    locale: Locale,
) -> super::record::Verification {
    use super::record::Verification;
    let (mut checks, mut findings) = super::record::document_checks(extract, super::schema::extract_validator());
    if let Some(original) = original {
        let recipient = extract.get("recipient").and_then(Value::as_str).unwrap_or_default();
        let expected = extract_for(original, recipient, catalog, locale)
            .ok()
            .and_then(|expected| super::json_text::to_value(&expected));
        let same = expected.as_ref() == Some(extract);
        checks.content = Some(same);
        if !same {
            findings.push(Finding::error("", Kind::RecordContent));
        }
    }
    super::issue::sort_findings(&mut findings);
    let ok = checks.schema && checks.digest && checks.content != Some(false);
    Verification { ok, checks, issues: findings.iter().map(|f| f.localize(locale)).collect() }
}
