//! The signal record (SPEC §7): its shape, building it from a valid form
//! and its canonical digest; verifying a record handed back is `verify`.

mod verify;

pub use verify::{content_mismatches, document_checks, verify_record_agreeing, Checks, Verification, VerifyRules};

use crate::core::text_map::TextMap;

use serde::Serialize;
use serde_json::{Map, Value};

use super::canonical::{canonical_bytes_without, sha256_tagged};
use super::catalog::{ActiveCatalog, KnownCatalog};
use super::date::{Date, Instant};
use super::error::SignalError;
use super::extensions::Extension;
use super::form::{exceeds_limits_with, read_form, FormRules, Reading};
use super::issue::{sort_findings, Finding, Issue, Kind, Pointer, Severity, Token};
use super::messages::Locale;
use super::same_json::serializes_to;
use super::schema::{record_validator, record_validator_1_1, Problem};
use super::scoring::{recorded_measures, Assessment, RecordedMeasure};
#[cfg(test)]
use super::vocabulary::{
    CONTEXT_TYPES, CREDIBILITY, JUDGEMENT_VIEWS, PROCEDURES, PROTECTIONS, RELIABILITY, SCREENING_METHODS, SIS_ARTICLES,
    SIS_REGULATIONS, STATUSES, TIP_CHANNELS, TLP,
};

/// `recordType` of every record.
pub const RECORD_TYPE: &str = "signal-record";
/// The record schema version this engine writes.
pub const SCHEMA_VERSION: &str = "1.2";
/// `engine.name` of every record.
pub const ENGINE_NAME: &str = "signal-indicators";
/// The engine version recorded (the crate version).
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");
/// `integrity.canonicalization` of every record.
pub const CANONICALIZATION: &str = "RFC8785";

/// A standardized, versioned signal record. Field order is the order of
/// `JSON.stringify(record)`, with `integrity` last.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(title = "Signal record", extend("$id" = "https://ind.example/schemas/signal-record-1.2.json")))]
pub struct SignalRecord {
    /// Always `signal-record`.
    #[cfg_attr(test, schemars(extend("const" = "signal-record")))]
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
    /// The engine that built the record.
    pub engine: EngineInfo,
    /// The catalog the record was scored with.
    pub catalog: CatalogReference,
    /// The case.
    pub case: CaseInfo,
    /// The person concerned; absent members are omitted.
    pub subject: Subject,
    /// How the signal arose.
    pub context: Context,
    /// Recorded indicators, in input order.
    pub indicators: Vec<RecordedIndicator>,
    /// The advisory assessment.
    pub assessment: Assessment,
    /// Routing advice and what the officer chose.
    pub routing: Routing,
    /// Measures for consideration by the decision-maker.
    pub measures_for_consideration: Vec<RecordedMeasure>,
    /// Handling label.
    pub handling: Handling,
    /// The officer's own view of the advice, only if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub officer_judgement: Option<OfficerJudgement>,
    /// The factual statement.
    #[cfg_attr(test, schemars(length(min = 1, max = 4000)))]
    pub summary: String,
    /// The officer who registered the signal.
    pub officer: Officer,
    /// Declared host extensions with a value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "Record<string, string>"))]
    pub extensions: Option<TextMap<String>>,
    /// Canonicalization and digest.
    pub integrity: Integrity,
}

/// The engine that built a record.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct EngineInfo {
    /// Always `signal-indicators`.
    #[cfg_attr(test, schemars(extend("const" = "signal-indicators")))]
    pub name: String,
    /// Crate version.
    pub version: String,
}

/// Which catalog scored the record.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct CatalogReference {
    /// Catalog id.
    pub id: String,
    /// Catalog version.
    pub version: String,
    /// `sha256:` + hex of the catalog's canonical form.
    #[cfg_attr(test, schemars(regex(pattern = r"^sha256:[0-9a-f]{64}$")))]
    pub digest: String,
    /// Present and `true` when the catalog is an example, not for real cases.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, schemars(extend("const" = true)))]
    pub illustrative: Option<bool>,
}

/// The case the signal belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct CaseInfo {
    /// Case number.
    #[cfg_attr(test, schemars(regex(pattern = r"^[A-Za-z0-9/.-]{1,40}$")))]
    pub case_number: String,
    /// `regular`, `asylum` or `naturalisation`.
    #[cfg_attr(test, schemars(extend("enum" = PROCEDURES)))]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Procedure"))]
    pub procedure: String,
}

/// The person concerned.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct Subject {
    /// V-nummer, ten digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, schemars(regex(pattern = r"^[0-9]{10}$")))]
    pub v_number: Option<String>,
    /// BSN, nine digits passing the 11-proef.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, schemars(regex(pattern = r"^[0-9]{9}$")))]
    pub bsn: Option<String>,
    /// Present and `true` when no V-nummer is known for the person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unknown_subject: Option<bool>,
    /// The person's status, when given (absent is read as `unknown`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, schemars(extend("enum" = STATUSES)))]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "SubjectStatus"))]
    pub status: Option<String>,
    /// `possible-victim` when the host knew the person is a possible victim
    /// of trafficking.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, schemars(extend("enum" = PROTECTIONS)))]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "SubjectProtection"))]
    pub protection: Option<String>,
}

/// How the signal arose.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct Context {
    /// Context type.
    #[serde(rename = "type")]
    #[cfg_attr(test, schemars(extend("enum" = CONTEXT_TYPES)))]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "ContextType"))]
    pub context_type: String,
    /// For `sis-check`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sis_alert: Option<SisAlert>,
    /// For `post-decision-tip`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tip: Option<Tip>,
    /// For `asylum-screening`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, schemars(extend("enum" = SCREENING_METHODS)))]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "ScreeningMethod"))]
    pub screening_method: Option<String>,
    /// For `partner-report`: a catalog partner code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner: Option<String>,
}

/// A SIS alert.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct SisAlert {
    /// `2018/1861` or `2018/1862`.
    #[cfg_attr(test, schemars(extend("enum" = SIS_REGULATIONS)))]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "SisRegulation"))]
    pub regulation: String,
    /// Article allowed by the regulation.
    #[cfg_attr(test, schemars(extend("enum" = SIS_ARTICLES)))]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "SisArticle"))]
    pub article: String,
    /// Issuing state, ISO 3166-1 alpha-2.
    #[cfg_attr(test, schemars(regex(pattern = r"^[A-Z]{2}$")))]
    pub issuing_state: String,
    /// The alert's reference.
    #[cfg_attr(test, schemars(length(min = 1, max = 64)))]
    pub alert_reference: String,
}

/// A tip received after a decision.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct Tip {
    /// `public`, `anonymous` or `partner`.
    #[cfg_attr(test, schemars(extend("enum" = TIP_CHANNELS)))]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "TipChannel"))]
    pub channel: String,
    /// Date received.
    #[cfg_attr(test, schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$")))]
    pub received_on: String,
}

/// One recorded indicator.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct RecordedIndicator {
    /// Indicator code.
    pub code: String,
    /// Its catalog category.
    pub category: String,
    /// `A`–`F`.
    #[cfg_attr(test, schemars(extend("enum" = RELIABILITY)))]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "ReliabilityCode"))]
    pub reliability: String,
    /// `1`–`6`.
    #[cfg_attr(test, schemars(extend("enum" = CREDIBILITY)))]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "CredibilityCode"))]
    pub credibility: String,
    /// The date of the information.
    #[cfg_attr(test, schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$")))]
    pub observed_on: String,
    /// The date of the facts, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$")))]
    pub facts_on: Option<String>,
    /// Evidence references, omitted when none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence_refs: Option<Vec<String>>,
    /// Officer's note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Routing advice and the officer's choice.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct Routing {
    /// Advised partners, sorted.
    pub advised: Vec<String>,
    /// Partners the officer shares with (always present).
    pub shared_with: Vec<String>,
    /// Why an advised partner is not shared with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_share_reason: Option<String>,
}

/// Handling label.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct Handling {
    /// TLP 2.0 label.
    #[cfg_attr(test, schemars(extend("enum" = TLP)))]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "TlpLabel"))]
    pub tlp: String,
    /// When the signal is reviewed (kept, corrected or withdrawn): the
    /// evaluation date plus the catalog's `reviewAfterDays`.
    #[cfg_attr(test, schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$")))]
    pub review_on: String,
}

/// The officer's own view of the advice.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct OfficerJudgement {
    /// `agree`, `partly` or `disagree`.
    #[cfg_attr(test, schemars(extend("enum" = JUDGEMENT_VIEWS)))]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "JudgementView"))]
    pub view: String,
    /// Why, required for `partly` and `disagree`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, schemars(length(min = 10, max = 2000)))]
    pub reason: Option<String>,
}

/// The officer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct Officer {
    /// Pseudonymous staff code.
    #[cfg_attr(test, schemars(regex(pattern = r"^[A-Z0-9-]{2,32}$")))]
    pub id: String,
    /// Unit.
    #[cfg_attr(test, schemars(length(min = 1, max = 80)))]
    pub unit: String,
}

/// How the digest was made.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct Integrity {
    /// Always `RFC8785`.
    #[cfg_attr(test, schemars(extend("const" = "RFC8785")))]
    pub canonicalization: String,
    /// `sha256:` + hex over the canonical record without `integrity`.
    #[cfg_attr(test, schemars(regex(pattern = r"^sha256:[0-9a-f]{64}$")))]
    pub digest: String,
}

/// Identity and time of a record, passed in by the caller.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordStamp {
    /// UUID v4, lowercase.
    pub id: String,
    /// Creation instant.
    pub created_at: Instant,
}

/// Whether `text` is a lowercase UUID version 4.
pub fn is_uuid_v4(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            14 => *c == b'4',
            19 => matches!(c, b'8' | b'9' | b'a' | b'b'),
            _ => c.is_ascii_digit() || (b'a'..=b'f').contains(c),
        })
}

/// The digest of a record given as JSON: SHA-256 over the RFC 8785 form of
/// every member except `integrity`.
pub fn record_digest(record: &Value) -> Result<String, SignalError> {
    Ok(sha256_tagged(&canonical_bytes_without(record, Some("integrity"))?))
}

/// Builds the record of a valid reading. Fails with `form.invalid` if the
/// reading has errors.
pub fn build_record(
    catalog: &ActiveCatalog,
    reading: &Reading,
    stamp: &RecordStamp,
    locale: Locale,
) -> Result<SignalRecord, SignalError> {
    let mut record = build_undigested(catalog, reading, stamp, locale)?;
    record.integrity.digest = digest_of(&record)?;
    Ok(record)
}

/// The record without its digest (verification compares contents only).
fn build_undigested(
    catalog: &ActiveCatalog,
    reading: &Reading,
    stamp: &RecordStamp,
    locale: Locale,
) -> Result<SignalRecord, SignalError> {
    if !is_uuid_v4(&stamp.id) {
        return Err(SignalError::OptionInvalid("id must be a lowercase UUID v4".to_owned()));
    }
    let invalid = || SignalError::FormInvalid(reading.findings.iter().map(|f| f.localize(locale)).collect());
    if !reading.is_valid() {
        return Err(invalid());
    }
    let v = &reading.values;
    // A valid reading has every required value; `need` turns a gap into the
    // same error rather than a panic.
    let need = |value: Option<&str>| value.map(str::to_owned).ok_or_else(invalid);
    let context_type = need(v.context_type)?;
    let sis_alert = match &v.sis_alert {
        Some(alert) => Some(SisAlert {
            regulation: need(alert.regulation)?,
            article: need(alert.article)?,
            issuing_state: need(alert.issuing_state)?,
            alert_reference: need(alert.alert_reference)?,
        }),
        None => None,
    };
    let tip = match &v.tip {
        Some(tip) => Some(Tip { channel: need(tip.channel)?, received_on: need(tip.received_on)? }),
        None => None,
    };
    let mut indicators = Vec::with_capacity(v.indicators.len());
    for item in &v.indicators {
        indicators.push(RecordedIndicator {
            code: need(item.code)?,
            category: need(
                item.category_index.and_then(|i| catalog.catalog().categories.get(i)).map(|c| c.code.as_str()),
            )?,
            reliability: need(item.reliability)?,
            credibility: need(item.credibility)?,
            observed_on: need(item.observed_on)?,
            facts_on: item.facts_on.map(str::to_owned),
            evidence_refs: (!item.evidence_refs.is_empty())
                .then(|| item.evidence_refs.iter().map(|r| (*r).to_owned()).collect()),
            note: item.note.map(str::to_owned),
        });
    }
    let record = SignalRecord {
        record_type: RECORD_TYPE.to_owned(),
        schema_version: SCHEMA_VERSION.to_owned(),
        id: stamp.id.clone(),
        created_at: stamp.created_at.to_string(),
        engine: EngineInfo { name: ENGINE_NAME.to_owned(), version: ENGINE_VERSION.to_owned() },
        catalog: CatalogReference {
            id: catalog.catalog().id.clone(),
            version: catalog.catalog().version.clone(),
            digest: catalog.digest().to_owned(),
            illustrative: catalog.illustrative().then_some(true),
        },
        case: CaseInfo { case_number: need(v.case_number)?, procedure: need(v.procedure)? },
        subject: Subject {
            v_number: v.v_number.map(str::to_owned),
            bsn: v.bsn.map(str::to_owned),
            unknown_subject: v.unknown_subject.then_some(true),
            status: v.status.map(str::to_owned),
            protection: v.protection.map(str::to_owned),
        },
        context: Context {
            context_type,
            sis_alert,
            tip,
            screening_method: v.screening_method.map(str::to_owned),
            partner: v.partner.map(str::to_owned),
        },
        indicators,
        assessment: reading.assessment.clone(),
        routing: Routing {
            advised: reading.advice.advised.iter().map(|p| catalog.partner(*p).to_owned()).collect(),
            shared_with: v.shared_with.iter().map(|p| (*p).to_owned()).collect(),
            no_share_reason: v.no_share_reason.map(str::to_owned),
        },
        measures_for_consideration: recorded_measures(catalog, &reading.advice.measures),
        handling: Handling { tlp: need(v.tlp)?, review_on: review_on(catalog, &reading.assessment.evaluated_on) },
        officer_judgement: v
            .judgement_view
            .map(|view| OfficerJudgement { view: view.to_owned(), reason: v.judgement_reason.map(str::to_owned) }),
        summary: need(v.summary)?,
        officer: Officer { id: need(v.officer_id)?, unit: need(v.officer_unit)? },
        extensions: (!v.extensions.is_empty()).then(|| v.extensions.clone()),
        integrity: Integrity { canonicalization: CANONICALIZATION.to_owned(), digest: String::new() },
    };
    Ok(record)
}

/// The review date of a record evaluated on `evaluated_on`: that date plus
/// the catalog's `reviewAfterDays`.
fn review_on(catalog: &ActiveCatalog, evaluated_on: &str) -> String {
    Date::parse(evaluated_on)
        .and_then(|date| Date::from_days_since_epoch(date.days_since_epoch() + i64::from(catalog.review_after_days())))
        .map(Date::to_iso)
        .unwrap_or_default()
}

/// The digest of a typed record (its `integrity` member left out).
pub fn digest_of(record: &SignalRecord) -> Result<String, SignalError> {
    let value = super::json_text::to_value(record)
        .ok_or_else(|| SignalError::Canonicalization("the record could not be represented as JSON".to_owned()))?;
    record_digest(&value)
}

/// The value at a constant JSON Pointer of this module (no `~` escapes),
/// found without the allocations of `Value::pointer`.
fn at<'v>(value: &'v Value, pointer: &str) -> Option<&'v Value> {
    pointer.split('/').skip(1).try_fold(value, |value, token| match value {
        Value::Object(members) => members.get(token),
        Value::Array(items) => token.parse::<usize>().ok().and_then(|i| items.get(i)),
        _ => None,
    })
}
