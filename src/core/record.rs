//! The signal record (SPEC §7): building it from a valid form, its
//! canonical digest, and verification of a record handed back.

use std::collections::BTreeMap;

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
    pub extensions: Option<BTreeMap<String, String>>,
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

/// The result of verifying a record.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Verification {
    /// All checks passed.
    pub ok: bool,
    /// Each check's outcome.
    pub checks: Checks,
    /// What failed, with record paths.
    pub issues: Vec<Issue>,
}

/// The outcome of each verification check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Checks {
    /// Matches the record schema.
    pub schema: bool,
    /// The integrity digest matches.
    pub digest: bool,
    /// Built with an accepted catalog.
    pub catalog: bool,
    /// The recorded content passes the form rules (`null` for a record of
    /// an earlier schema version, whose content follows an earlier engine's
    /// rules and is not checked again).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "boolean | null"))]
    pub content: Option<bool>,
    /// Assessment, advice and measures match a recomputation (`null` for a
    /// record of an earlier schema version).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "boolean | null"))]
    pub assessment: Option<bool>,
}

impl Checks {
    /// Every check failed or not reached, for a record of the current version.
    pub fn failed() -> Checks {
        Checks { schema: false, digest: false, catalog: false, content: Some(false), assessment: Some(false) }
    }
}

/// Most string data a record handed in for verification may hold (4 MiB).
pub const MAX_RECORD_STRING_BYTES: usize = 4 << 20;

/// What a record is verified against.
pub struct VerifyRules<'a> {
    /// Known catalogs (the active one first).
    pub catalogs: &'a [KnownCatalog],
    /// Host extensions.
    pub extensions: &'a [Extension],
    /// Language of issue messages.
    pub locale: Locale,
    /// Production use: a current record's catalog must be approved and not
    /// illustrative (earlier versions predate approval and are exempt).
    pub require_approved: bool,
}

/// The schema and digest checks of a document that names no catalog (a
/// correction, an extract): `catalog` is `true`, `content` and
/// `assessment` are `null` until the caller compares it with its record.
pub fn document_checks(document: &Value, validator: &super::schema::Validator) -> (Checks, Vec<Finding>) {
    let mut findings = Vec::new();
    let mut checks = Checks { schema: true, digest: true, catalog: true, content: None, assessment: None };
    for (path, problem) in validator.validate(document) {
        checks.schema = false;
        findings.push(Finding::error(path, Kind::RecordSchema { problem: Some(problem) }));
    }
    let stated = at(document, "/integrity/digest").and_then(Value::as_str);
    checks.digest = stated.is_some() && record_digest(document).ok().as_deref() == stated;
    if !checks.digest {
        findings.push(Finding::error("/integrity/digest", Kind::RecordDigest));
    }
    (checks, findings)
}

/// Every released record schema version before the current one: records
/// of these verify for ever, integrity only (SPEC §12.6).
pub const EARLIER_SCHEMA_VERSIONS: [&str; 1] = ["1.1"];

/// Verifies a record: schema, digest, catalog, content against the form
/// rules, and the assessment recomputed from the recorded indicators. A
/// record of an earlier released schema version is checked against its own
/// schema, its digest and its catalog digest only, and is reported with
/// the warning `record.earlier-version`.
pub fn verify_record(record: &Value, rules: &VerifyRules<'_>) -> Verification {
    let mut findings = Vec::new();
    let mut checks = Checks::failed();
    if !record.is_object() {
        findings.push(Finding::error("", Kind::RecordSchema { problem: Some(Problem::Type) }));
        return finish(checks, findings, rules.locale);
    }
    if exceeds_limits_with(record, MAX_RECORD_STRING_BYTES, 16) {
        findings.push(Finding::error("", Kind::InputTooLarge));
        return finish(checks, findings, rules.locale);
    }
    let version = at(record, "/schemaVersion").and_then(Value::as_str);
    let earlier = version.is_some_and(|v| EARLIER_SCHEMA_VERSIONS.contains(&v));

    // Digest: over the record exactly as given.
    let stated_digest = at(record, "/integrity/digest").and_then(Value::as_str);
    checks.digest = match (stated_digest, record_digest(record)) {
        (Some(stated), Ok(actual)) => stated == actual,
        _ => false,
    };
    if !checks.digest {
        findings.push(Finding::error("/integrity/digest", Kind::RecordDigest));
    }

    // Catalog: a known catalog with the recorded id, version, digest and mark.
    let text = |pointer: &str| at(record, pointer).and_then(Value::as_str).unwrap_or_default();
    let illustrative = at(record, "/catalog/illustrative") == Some(&Value::Bool(true));
    let known = rules.catalogs.iter().find(|c| {
        c.named_by(text("/catalog/id"), text("/catalog/version"), text("/catalog/digest"), illustrative, earlier)
    });
    // A current record needs its catalog loaded under the current rules
    // (and, in production, approved).
    let catalog = known.filter(|known| !rules.require_approved || known.approved()).and_then(|known| {
        if earlier {
            None
        } else {
            known.active()
        }
    });
    checks.catalog = if earlier { known.is_some() } else { catalog.is_some() };
    if !checks.catalog {
        findings.push(Finding::error("/catalog", Kind::RecordCatalog));
    }

    if earlier {
        checks.schema = earlier_schema_check(record, &mut findings);
        checks.content = None;
        checks.assessment = None;
        findings.push(Finding::warning("/schemaVersion", Kind::RecordEarlierVersion));
        return finish(checks, findings, rules.locale);
    }

    checks.schema = schema_check(record, &mut findings);
    let (true, Some(catalog)) = (checks.schema, catalog) else {
        return finish(checks, findings, rules.locale);
    };

    // Content and assessment: rebuild the record from its own content.
    let (content_ok, assessment_ok) = recompute(record, catalog, rules, &mut findings);
    checks.content = Some(content_ok);
    checks.assessment = Some(assessment_ok);
    finish(checks, findings, rules.locale)
}

/// The schema check of a record of an earlier version: its own published
/// schema, which never changes.
fn earlier_schema_check(record: &Value, findings: &mut Vec<Finding>) -> bool {
    let before = findings.len();
    for (path, problem) in record_validator_1_1().validate(record) {
        findings.push(Finding::error(path, Kind::RecordSchema { problem: Some(problem) }));
    }
    findings.len() == before
}

fn finish(checks: Checks, mut findings: Vec<Finding>, locale: Locale) -> Verification {
    sort_findings(&mut findings);
    let ok = checks.schema
        && checks.digest
        && checks.catalog
        && checks.content != Some(false)
        && checks.assessment != Some(false);
    Verification { ok, checks, issues: findings.iter().map(|f| f.localize(locale)).collect() }
}

/// The record schema, checked with the published schema, plus what a
/// schema cannot say: `createdAt` in the engine's exact form, a calendar-valid
/// `evaluatedOn`, `unknownSubject` only as `true`, evidence lists non-empty.
fn schema_check(record: &Value, findings: &mut Vec<Finding>) -> bool {
    let before = findings.len();
    for (path, problem) in record_validator().validate(record) {
        findings.push(Finding::error(path, Kind::RecordSchema { problem: Some(problem) }));
    }
    if findings.len() > before {
        return false;
    }
    let text = |pointer: &str| at(record, pointer).and_then(Value::as_str).unwrap_or_default();
    let mut bad = |ok: bool, path: &str| {
        if !ok {
            findings.push(Finding::error(path, Kind::RecordSchema { problem: Some(Problem::Value) }));
        }
    };
    let created_at = text("/createdAt");
    bad(Instant::parse(created_at).is_some_and(|i| i.to_string() == created_at), "/createdAt");
    bad(Date::parse(text("/assessment/evaluatedOn")).is_some(), "/assessment/evaluatedOn");
    bad(at(record, "/subject/unknownSubject") != Some(&Value::Bool(false)), "/subject/unknownSubject");
    let empty_refs = record.get("indicators").and_then(Value::as_array).is_some_and(|items| {
        items.iter().any(|i| i.get("evidenceRefs").and_then(Value::as_array).is_some_and(Vec::is_empty))
    });
    bad(!empty_refs, "/indicators");
    findings.len() == before
}

/// The form input a record was built from, reconstructed from its content.
pub fn input_of_record(record: &Value) -> Value {
    let member = |pointer: &str| at(record, pointer).cloned();
    let mut input = Map::new();
    let mut put = |name: &str, value: Option<Value>| {
        if let Some(value) = value {
            input.insert(name.to_owned(), value);
        }
    };
    put("caseNumber", member("/case/caseNumber"));
    put("procedure", member("/case/procedure"));
    put("subject", member("/subject"));
    put("context", member("/context"));
    put(
        "indicators",
        record.get("indicators").and_then(Value::as_array).map(|items| {
            Value::Array(
                items
                    .iter()
                    .map(|item| match item {
                        // Copied without `category`, by insertion: removing or
                        // `collect()`ing would add map code to the module.
                        Value::Object(map) => {
                            let mut copy = Map::new();
                            for (key, member) in map.iter().filter(|(k, _)| k.as_str() != "category") {
                                copy.insert(key.clone(), member.clone());
                            }
                            Value::Object(copy)
                        }
                        other => other.clone(),
                    })
                    .collect(),
            )
        }),
    );
    put("summary", member("/summary"));
    put("officer", member("/officer"));
    // What the officer chose: the review date is the engine's.
    put("handling", member("/handling/tlp").map(|tlp| Value::Object(Map::from_iter([("tlp".to_owned(), tlp)]))));
    put("officerJudgement", member("/officerJudgement"));
    put("sharedWith", member("/routing/sharedWith"));
    put("noShareReason", member("/routing/noShareReason"));
    put("extensions", member("/extensions"));
    Value::Object(input)
}

/// Maps a form input path to where the same value sits in a record.
fn record_path(input_path: &Pointer) -> Pointer {
    match input_path.tokens().first() {
        Some(Token::Member(name)) if name == "caseNumber" || name == "procedure" => {
            Pointer::root().member("case").join(input_path)
        }
        Some(Token::Member(name)) if name == "sharedWith" || name == "noShareReason" => {
            Pointer::root().member("routing").join(input_path)
        }
        _ => input_path.clone(),
    }
}

/// A section of a record: where it is, and whether the rebuilt record's
/// section is what a record holds there (absent where the rebuilt one has
/// none), compared without turning the rebuilt record into JSON values.
type Section = (&'static str, fn(&SignalRecord, Option<&Value>) -> bool);

/// Whether `recorded` is the JSON of `typed`.
fn same<T: Serialize + ?Sized>(typed: &T, recorded: Option<&Value>) -> bool {
    recorded.is_some_and(|value| serializes_to(typed, value))
}

/// Whether `recorded` is the JSON of `typed`, or both are absent.
fn same_optional<T: Serialize>(typed: &Option<T>, recorded: Option<&Value>) -> bool {
    match typed {
        Some(typed) => same(typed, recorded),
        None => recorded.is_none(),
    }
}

/// Sections of a record that hold the officer's content.
const CONTENT_SECTIONS: [Section; 11] = [
    ("/case", |r, v| same(&r.case, v)),
    ("/subject", |r, v| same(&r.subject, v)),
    ("/context", |r, v| same(&r.context, v)),
    ("/indicators", |r, v| same(&r.indicators, v)),
    ("/routing/sharedWith", |r, v| same(&r.routing.shared_with, v)),
    ("/routing/noShareReason", |r, v| same_optional(&r.routing.no_share_reason, v)),
    ("/handling", |r, v| same(&r.handling, v)),
    ("/officerJudgement", |r, v| same_optional(&r.officer_judgement, v)),
    ("/summary", |r, v| same(&r.summary, v)),
    ("/officer", |r, v| same(&r.officer, v)),
    ("/extensions", |r, v| same_optional(&r.extensions, v)),
];
/// Sections the engine computes from the content.
const COMPUTED_SECTIONS: [Section; 3] = [
    ("/assessment", |r, v| same(&r.assessment, v)),
    ("/routing/advised", |r, v| same(&r.routing.advised, v)),
    ("/measuresForConsideration", |r, v| same(&r.measures_for_consideration, v)),
];

fn recompute(
    record: &Value,
    catalog: &ActiveCatalog,
    rules: &VerifyRules<'_>,
    findings: &mut Vec<Finding>,
) -> (bool, bool) {
    let before = findings.len();
    let text = |pointer: &str| at(record, pointer).and_then(Value::as_str).unwrap_or_default();
    let (Some(evaluated_on), Some(created_at)) =
        (Date::parse(text("/assessment/evaluatedOn")), Instant::parse(text("/createdAt")))
    else {
        findings.push(Finding::error("/assessment/evaluatedOn", Kind::RecordEvaluatedOn));
        return (false, false);
    };
    if created_at.amsterdam_date().days_until(evaluated_on).abs() > 1 {
        findings.push(Finding::error("/assessment/evaluatedOn", Kind::RecordEvaluatedOn));
    }
    // Validity was the evaluating engine's to enforce; approval is checked above.
    let form_rules = FormRules { catalog, extensions: rules.extensions, today: evaluated_on, require_approved: false };
    let input = input_of_record(record);
    let reading = read_form(&input, &[], &form_rules);
    for finding in &reading.findings {
        // Errors, and members the engine would have dropped, mean the engine
        // did not write this content; other warnings are normal in records.
        let dropped = matches!(finding.kind, Kind::FieldUnknown | Kind::FieldProtected);
        if finding.severity == Severity::Error || dropped {
            findings.push(Finding { path: record_path(&finding.path), severity: Severity::Error, ..finding.clone() });
        }
    }
    for (i, read) in reading.values.indicators.iter().enumerate() {
        let recorded = record
            .get("indicators")
            .and_then(|items| items.get(i))
            .and_then(|item| item.get("category"))
            .and_then(Value::as_str);
        let category = read.category_index.and_then(|c| catalog.catalog().categories.get(c)).map(|c| c.code.as_str());
        if category.is_some() && category != recorded {
            findings.push(Finding::error(
                Pointer::root().member("indicators").index(i).member("category"),
                Kind::RecordCategory,
            ));
        }
    }
    let stamp = RecordStamp { id: text("/id").to_owned(), created_at };
    let Ok(rebuilt) = build_undigested(catalog, &reading, &stamp, rules.locale) else {
        if findings.len() == before {
            findings.push(Finding::error("", Kind::RecordContent));
        }
        return (false, false);
    };
    // Content the engine would have normalised differently (untrimmed text,
    // members it drops) shows up as a difference here.
    for (section, matches) in CONTENT_SECTIONS {
        if !matches(&rebuilt, at(record, section)) {
            findings.push(Finding::error(section, Kind::RecordContent));
        }
    }
    let content_ok = findings.len() == before;
    let mut assessment_ok = true;
    for (section, matches) in COMPUTED_SECTIONS {
        if !matches(&rebuilt, at(record, section)) {
            assessment_ok = false;
            findings.push(Finding::error(section, Kind::RecordAssessment));
        }
    }
    (content_ok, assessment_ok)
}

/// Where the content of a posted form differs from a record (SPEC §8.3):
/// the record is authoritative only if the fields agree. The form is read
/// on the record's evaluation date with the record's catalog; each
/// difference is a `record.mismatch` at the record path where it lies (an
/// error in the posted fields at the record path of that field).
pub fn content_mismatches(
    record: &Value,
    posted: &Value,
    catalog: &ActiveCatalog,
    extensions: &[Extension],
    locale: Locale,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let text = |pointer: &str| at(record, pointer).and_then(Value::as_str).unwrap_or_default();
    let (Some(evaluated_on), Some(created_at)) =
        (Date::parse(text("/assessment/evaluatedOn")), Instant::parse(text("/createdAt")))
    else {
        out.push(Finding::error("", Kind::RecordMismatch));
        return out;
    };
    let reading =
        read_form(posted, &[], &FormRules { catalog, extensions, today: evaluated_on, require_approved: false });
    let stamp = RecordStamp { id: text("/id").to_owned(), created_at };
    let rebuilt = build_undigested(catalog, &reading, &stamp, locale).ok().and_then(|r| super::json_text::to_value(&r));
    let Some(rebuilt) = rebuilt else {
        for finding in reading.findings.iter().filter(|f| f.severity == Severity::Error) {
            out.push(Finding::error(record_path(&finding.path), Kind::RecordMismatch));
        }
        if out.is_empty() {
            out.push(Finding::error("", Kind::RecordMismatch));
        }
        sort_findings(&mut out);
        return out;
    };
    for (section, _) in CONTENT_SECTIONS {
        differences(at(&rebuilt, section), at(record, section), Pointer::parse(section), &mut out);
    }
    sort_findings(&mut out);
    out
}

/// Pushes a `record.mismatch` at every path where `posted` and `recorded`
/// differ: objects member by member, arrays of equal length item by item,
/// anything else where it differs.
fn differences(posted: Option<&Value>, recorded: Option<&Value>, path: Pointer, out: &mut Vec<Finding>) {
    if posted == recorded {
        return;
    }
    match (posted, recorded) {
        (Some(Value::Object(a)), Some(Value::Object(b))) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                differences(a.get(key), b.get(key), path.clone().member(key), out);
            }
        }
        (Some(Value::Array(a)), Some(Value::Array(b))) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                differences(Some(x), Some(y), path.clone().index(i), out);
            }
        }
        _ => out.push(Finding::error(path, Kind::RecordMismatch)),
    }
}
