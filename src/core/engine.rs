//! The engine: a catalog, host extensions and a locale, with the three
//! operations of the product (evaluate, build a record, verify a record).

use serde::Serialize;
use serde_json::Value;

use super::catalog::{ActiveCatalog, Catalog, KnownCatalog};
use super::date::{Date, Instant};
use super::error::SignalError;
use super::extensions::{compile, Extension, ExtensionDeclaration};
use super::form::{read_form, FormRules, Reading};
use super::issue::{Finding, Issue, Kind};
use super::json_text::{read_text, TextError, TextValue, FORM_LIMITS, RECORD_LIMITS};
use super::messages::Locale;
use super::record::{
    build_record, verify_record_agreeing, Checks, RecordStamp, SignalRecord, Verification, VerifyRules,
};
use super::schema::Problem;
use super::scoring::{label_measures, suspended_measures, Assessment, ItemRole, Measure, SuspendedMeasure};

/// The result of evaluating a form: data, never an exception.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Evaluation<'c> {
    /// No issue is an error.
    pub valid: bool,
    /// Every issue, in the stable order.
    pub issues: Vec<Issue>,
    /// The advisory assessment of the indicators that could be scored.
    pub assessment: Assessment,
    /// Routing advice.
    pub routing: RoutingAdvice<'c>,
    /// Measures for consideration, with labels.
    pub measures: Vec<Measure<'c>>,
    /// Measures held back because the form holds a possible-victim
    /// indicator (non-punishment); never recorded.
    pub suspended_measures: Vec<SuspendedMeasure<'c>>,
    /// The catalog that scored the form.
    pub catalog: CatalogInfo<'c>,
    /// Per indicator item with a catalog code, in input order: whether it
    /// counts for measures and why not (the panel's explanation).
    pub explanation: Vec<ItemExplanation<'c>>,
}

/// Why one indicator item counts for measures or not (SPEC §12.4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ItemExplanation<'c> {
    /// Position in the input's `indicators`.
    pub index: u32,
    /// Indicator code.
    pub code: &'c str,
    /// Its category's code.
    pub category: &'c str,
    /// Counts in the `evidencedScore` of a category that has measures.
    pub counts_for_measures: bool,
    /// Why not: `protective`, `routing-only`, `not-scored`, `no-measures`,
    /// `duplicate`, `same-source`, `no-evidence`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub reason: Option<&'static str>,
    /// For `same-source`: the position of the item that counts for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub same_as: Option<u32>,
    /// The date its age counts from (`factsOn`, else `observedOn`), when valid.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub counts_from: Option<String>,
    /// Whole calendar months from that date to the evaluation date.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub age_months: Option<u32>,
    /// For a routing-only item: the partners it routes to, as codes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub routes_to: Vec<&'c str>,
}

/// Which catalog an evaluation used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CatalogInfo<'c> {
    /// Catalog id.
    pub id: &'c str,
    /// Catalog version.
    pub version: &'c str,
    /// An example catalog, not for real cases.
    pub illustrative: bool,
}

/// Partners the catalog advises sharing the signal with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RoutingAdvice<'c> {
    /// Sorted partner codes.
    pub advised: Vec<&'c str>,
}

/// Validates, scores and records signal forms against one catalog.
///
/// ```
/// use signal_indicators::{SignalEngine, Date};
/// let engine = SignalEngine::example(signal_indicators::Locale::Nl);
/// let today = Date::parse("2026-11-28").unwrap();
/// let evaluation = engine.evaluate(&serde_json::json!({ "caseNumber": "X" }), today);
/// assert!(!evaluation.valid);
/// ```
#[derive(Debug, Clone)]
pub struct SignalEngine {
    catalog: ActiveCatalog,
    /// The active catalog as records name it (its digests), made on the
    /// first verification and shared by clones.
    known: std::sync::Arc<std::sync::OnceLock<KnownCatalog>>,
    /// Production use (SPEC §12.5): only an approved catalog, evaluations
    /// within its validity, records of approved catalogs.
    require_approved: bool,
    /// Shared, so a clone of the engine (attach takes one per keystroke)
    /// copies no compiled patterns.
    extensions: std::sync::Arc<[Extension]>,
    locale: Locale,
}

impl SignalEngine {
    /// An engine with the embedded example catalog and no extensions.
    pub fn example(locale: Locale) -> SignalEngine {
        SignalEngine {
            catalog: ActiveCatalog::example(),
            known: Default::default(),
            require_approved: false,
            extensions: Vec::new().into(),
            locale,
        }
    }

    /// An engine with a given catalog (default: the example) and extensions.
    pub fn new(
        locale: Locale,
        catalog: Option<ActiveCatalog>,
        extensions: &[ExtensionDeclaration],
    ) -> Result<SignalEngine, SignalError> {
        Ok(SignalEngine {
            catalog: catalog.unwrap_or_else(ActiveCatalog::example),
            known: Default::default(),
            require_approved: false,
            extensions: compile(extensions)?.into(),
            locale,
        })
    }

    /// This engine for production use (`requireApproved`, SPEC §12.5): its
    /// catalog must carry an approval and not be illustrative, else
    /// `catalog.invalid` with `catalog.unapproved` at `""`.
    pub fn require_approved(self) -> Result<SignalEngine, SignalError> {
        if !self.catalog.approved() {
            let finding = Finding::error("", Kind::CatalogUnapproved);
            return Err(SignalError::CatalogInvalid(vec![finding.localize(self.locale)]));
        }
        Ok(SignalEngine { require_approved: true, ..self })
    }

    /// This engine verifying records with `requireApproved` on or off (the
    /// option of `verifyRecord` and `verifySubmission`), whatever its own
    /// catalog.
    pub fn verifying_approved(&self, on: bool) -> SignalEngine {
        SignalEngine { require_approved: on, ..self.clone() }
    }

    /// Whether the engine is set for production use.
    pub fn requires_approved(&self) -> bool {
        self.require_approved
    }

    /// The language of messages and labels.
    pub fn locale(&self) -> Locale {
        self.locale
    }

    /// The active catalog, §6.1 shape.
    pub fn catalog(&self) -> &Catalog {
        self.catalog.catalog()
    }

    /// The declared host extensions.
    pub fn extensions(&self) -> &[Extension] {
        &self.extensions
    }

    /// The active catalog with its lookups and digest.
    pub fn active_catalog(&self) -> &ActiveCatalog {
        &self.catalog
    }

    /// Reads and validates `input` on the evaluation date `today`.
    /// `boundary` holds the findings made while the input crossed from JS.
    pub fn read<'v>(&self, input: &'v Value, boundary: Vec<Finding>, today: Date) -> Reading<'v> {
        let rules = FormRules {
            catalog: &self.catalog,
            extensions: &self.extensions,
            today,
            require_approved: self.require_approved,
        };
        read_form(input, boundary, &rules)
    }

    /// Validates and scores a form.
    pub fn evaluate(&self, input: &Value, today: Date) -> Evaluation<'_> {
        self.evaluate_with(input, Vec::new(), today)
    }

    /// Validates and scores a form, adding findings made at the JS boundary.
    pub fn evaluate_with(&self, input: &Value, boundary: Vec<Finding>, today: Date) -> Evaluation<'_> {
        self.evaluation_of(self.read(input, boundary, today), today)
    }

    /// Validates and scores a form read once, and builds its record when it
    /// is valid (what a submit needs, SPEC §9). `record` makes the stamp or
    /// gives a record already built from this input (a repeated submit);
    /// it is called only for a valid form.
    pub fn evaluate_and_build<R>(
        &self,
        input: &Value,
        today: Date,
        record: impl FnOnce(&Reading<'_>) -> Result<R, SignalError>,
    ) -> Result<(Evaluation<'_>, Option<R>), SignalError> {
        let reading = self.read(input, Vec::new(), today);
        let built = if reading.is_valid() { Some(record(&reading)?) } else { None };
        Ok((self.evaluation_of(reading, today), built))
    }

    /// Builds the record of a form read and found valid by [`SignalEngine::read`].
    pub fn record_of(
        &self,
        reading: &Reading<'_>,
        today: Date,
        stamp: &RecordStamp,
    ) -> Result<SignalRecord, SignalError> {
        if stamp.created_at.amsterdam_date().days_until(today).abs() > 1 {
            return Err(SignalError::OptionInvalid("today must be within one day of the date of now".to_owned()));
        }
        build_record(&self.catalog, reading, stamp, self.locale)
    }

    /// The evaluation of a form read on `today`.
    fn evaluation_of(&self, reading: Reading<'_>, today: Date) -> Evaluation<'_> {
        let explanation = self.explain(&reading, today);
        Evaluation {
            valid: reading.is_valid(),
            issues: reading.findings.iter().map(|f| f.localize(self.locale)).collect(),
            routing: RoutingAdvice {
                advised: reading.advice.advised.iter().map(|p| self.catalog.partner(*p)).collect(),
            },
            measures: label_measures(&self.catalog, &reading.advice.measures, self.locale),
            suspended_measures: suspended_measures(&self.catalog, &reading.advice.suspended),
            catalog: CatalogInfo {
                id: &self.catalog.catalog().id,
                version: &self.catalog.catalog().version,
                illustrative: self.catalog.illustrative(),
            },
            explanation,
            assessment: reading.assessment,
        }
    }

    /// The explanation of each item with a catalog code.
    fn explain(&self, reading: &Reading<'_>, today: Date) -> Vec<ItemExplanation<'_>> {
        reading
            .roles
            .iter()
            .filter_map(|(index, role)| {
                let values = reading.values.indicators.get(*index as usize)?;
                let (indicator, definition) = self.catalog.indicator(values.code?)?;
                let counts_from = values.facts_on.or(values.observed_on).and_then(Date::parse);
                Some(ItemExplanation {
                    index: *index,
                    code: &definition.code,
                    category: &definition.category,
                    counts_for_measures: *role == ItemRole::CountsForMeasures,
                    reason: role.reason(),
                    same_as: match role {
                        ItemRole::SameSource(other) => Some(*other),
                        _ => None,
                    },
                    counts_from: counts_from.map(Date::to_iso),
                    age_months: counts_from.map(|date| date.months_until(today)),
                    routes_to: self.catalog.routes_to(indicator).iter().map(|p| self.catalog.partner(*p)).collect(),
                })
            })
            .collect()
    }

    /// Validates and scores a form given as JSON text (what a server
    /// received): the result of [`SignalEngine::evaluate`] on what
    /// `JSON.parse` gives, or `input.not-json` / `input.too-large` at `""`.
    pub fn evaluate_text(&self, text: &str, today: Date) -> Evaluation<'_> {
        self.evaluate_read(read_text(text, FORM_LIMITS), today)
    }

    /// [`SignalEngine::evaluate_text`] of text already read (with the raw
    /// lone surrogates a JS string lost marked, [`read_text_replaced`](super::json_text::read_text_replaced)).
    pub fn evaluate_read(&self, read: Result<TextValue, TextError>, today: Date) -> Evaluation<'_> {
        match read {
            Ok(read) => self.evaluate_with(&read.value, read.findings, today),
            Err(error) => self.evaluate_with(&Value::Null, vec![text_finding(error)], today),
        }
    }

    /// Builds the record of a form given as JSON text; text that cannot be
    /// read fails with `form.invalid` carrying `input.not-json` or
    /// `input.too-large`.
    pub fn build_record_text(&self, text: &str, today: Date, stamp: &RecordStamp) -> Result<SignalRecord, SignalError> {
        self.build_record_read(read_text(text, FORM_LIMITS), today, stamp)
    }

    /// [`SignalEngine::build_record_text`] of text already read.
    pub fn build_record_read(
        &self,
        read: Result<TextValue, TextError>,
        today: Date,
        stamp: &RecordStamp,
    ) -> Result<SignalRecord, SignalError> {
        match read {
            Ok(read) => self.build_record_with(&read.value, read.findings, today, stamp),
            Err(error) => self.build_record_with(&Value::Null, vec![text_finding(error)], today, stamp),
        }
    }

    /// Verifies a record given as JSON text (a posted `signal_record`
    /// field): `record.not-json` when it does not parse or repeats a member
    /// name, `record.schema` at `""` when it is over 4 MiB.
    pub fn verify_record_text(&self, text: &str, catalogs: &[KnownCatalog]) -> Verification {
        self.verify_record_read(&read_text(text, RECORD_LIMITS), catalogs)
    }

    /// [`SignalEngine::verify_record_text`] of text already read.
    pub fn verify_record_read(&self, read: &Result<TextValue, TextError>, catalogs: &[KnownCatalog]) -> Verification {
        match read {
            Ok(read) => self.verify_record_with(&read.value, &read.findings, catalogs),
            Err(error) => {
                let code = match *error {
                    TextError::NotJson => Kind::RecordNotJson,
                    TextError::TooLarge => Kind::RecordSchema { problem: None },
                };
                Verification {
                    ok: false,
                    checks: Checks::failed(),
                    issues: vec![Finding::error("", code).localize(self.locale)],
                }
            }
        }
    }

    /// Verifies a record that was not handed over as given: `boundary`
    /// holds what reading it found (a lone surrogate, a value that is not
    /// JSON data, a limit passed), each of which fails the schema check,
    /// since the engine never writes such a record.
    pub fn verify_record_with(&self, record: &Value, boundary: &[Finding], catalogs: &[KnownCatalog]) -> Verification {
        let mut verification = self.verify_record(record, catalogs);
        if !boundary.is_empty() {
            verification.ok = false;
            verification.checks.schema = false;
            verification.issues.extend(boundary.iter().map(|finding| {
                let problem = match finding.kind {
                    Kind::InputTooLarge => None,
                    _ => Some(Problem::Type),
                };
                Finding::error(&finding.path, Kind::RecordSchema { problem }).localize(self.locale)
            }));
        }
        verification
    }

    /// Builds the record of a valid form. `today` must be within one day of
    /// the Amsterdam date of `stamp.created_at` (verification checks that).
    pub fn build_record(&self, input: &Value, today: Date, stamp: &RecordStamp) -> Result<SignalRecord, SignalError> {
        self.build_record_with(input, Vec::new(), today, stamp)
    }

    /// Builds the record of a valid form, adding findings made at the JS
    /// boundary (as [`SignalEngine::evaluate_with`] does).
    pub fn build_record_with(
        &self,
        input: &Value,
        boundary: Vec<Finding>,
        today: Date,
        stamp: &RecordStamp,
    ) -> Result<SignalRecord, SignalError> {
        self.record_of(&self.read(input, boundary, today), today, stamp)
    }

    /// The catalog a verified record names: the active one or a known one
    /// that loads under the current rules.
    fn catalog_of<'a>(&'a self, record: &Value, catalogs: &'a [KnownCatalog]) -> Option<&'a ActiveCatalog> {
        let digest = record.pointer("/catalog/digest").and_then(Value::as_str)?;
        std::iter::once(&self.catalog)
            .chain(catalogs.iter().filter_map(KnownCatalog::active))
            .find(|catalog| catalog.digest() == digest)
    }

    /// What `recipient`, a partner the record was shared with, receives of a
    /// record (SPEC §12.6): the record must verify (`form.invalid` with its
    /// issues otherwise); a recipient it was not shared with is
    /// `option.invalid`. The same record and recipient always give the same bytes.
    pub fn extract_for(
        &self,
        record: &Value,
        recipient: &str,
        catalogs: &[KnownCatalog],
    ) -> Result<super::extract::SignalExtract, SignalError> {
        let verification = self.verify_record(record, catalogs);
        let catalog = self.catalog_of(record, catalogs);
        match catalog {
            Some(catalog) if verification.ok && verification.checks.content == Some(true) => {
                super::extract::extract_for(record, recipient, catalog, self.locale)
            }
            _ => Err(SignalError::FormInvalid(verification.issues)),
        }
    }

    /// A correction of `record` (SPEC §12.6): `request` holds `action`
    /// (`withdrawn` or `superseded`), `reason` and `officer: { id, unit }`;
    /// the record and a `replacement` (required for `superseded`, about the
    /// same person) must verify; `form.invalid` with the issues otherwise.
    pub fn build_correction(
        &self,
        record: &Value,
        request: &Value,
        replacement: Option<&Value>,
        catalogs: &[KnownCatalog],
        stamp: &RecordStamp,
    ) -> Result<super::correction::SignalCorrection, SignalError> {
        if !super::record::is_uuid_v4(&stamp.id) {
            return Err(SignalError::OptionInvalid("id must be a lowercase UUID v4".to_owned()));
        }
        for (value, prefix) in std::iter::once((record, "")).chain(replacement.map(|r| (r, "/replacement"))) {
            let verification = self.verify_record(value, catalogs);
            if !verification.ok || verification.checks.content != Some(true) {
                let issues = verification
                    .issues
                    .into_iter()
                    .map(|issue| Issue { path: format!("{prefix}{}", issue.path), ..issue })
                    .collect();
                return Err(SignalError::FormInvalid(issues));
            }
        }
        super::correction::build_correction(record, request, replacement, stamp, self.locale)
    }

    /// Verifies a record, a correction or an extract; a correction is
    /// compared with `original` and `replacement`, an extract with what
    /// `original` (the record it was taken from) gives, when given.
    pub fn verify_correction_against(
        &self,
        record: &Value,
        catalogs: &[KnownCatalog],
        original: Option<&Value>,
        replacement: Option<&Value>,
    ) -> Verification {
        match record.get("recordType").and_then(Value::as_str) {
            Some(super::correction::CORRECTION_TYPE) => {
                super::correction::verify_correction(record, original, replacement, self.locale)
            }
            Some(super::extract::EXTRACT_TYPE) => {
                let catalog =
                    original.and_then(|original| self.catalog_of(original, catalogs)).unwrap_or(&self.catalog);
                super::extract::verify_extract(record, original, catalog, self.locale)
            }
            _ => self.verify_signal_record(record, catalogs, None).0,
        }
    }

    /// Verifies a record read from a post together with the form posted
    /// with it (`verifySubmission`), and whether the form agrees with the
    /// record in every section: then the form was read once, for both.
    pub fn verify_posted_record(
        &self,
        read: &Result<TextValue, TextError>,
        catalogs: &[KnownCatalog],
        posted: &Value,
    ) -> (Verification, bool) {
        match read {
            Ok(text)
                if text.findings.is_empty()
                    && !matches!(
                        text.value.get("recordType").and_then(Value::as_str),
                        Some(super::correction::CORRECTION_TYPE | super::extract::EXTRACT_TYPE)
                    ) =>
            {
                self.verify_signal_record(&text.value, catalogs, Some(posted))
            }
            _ => (self.verify_record_read(read, catalogs), false),
        }
    }

    /// Verifies a record, a correction or an extract; a correction or an
    /// extract is compared with `original` (the record it refers to), when given.
    pub fn verify_against(&self, record: &Value, catalogs: &[KnownCatalog], original: Option<&Value>) -> Verification {
        self.verify_correction_against(record, catalogs, original, None)
    }

    /// Verifies a record (or an extract, schema and digest) against the
    /// active catalog or any of `catalogs`.
    pub fn verify_record(&self, record: &Value, catalogs: &[KnownCatalog]) -> Verification {
        self.verify_against(record, catalogs, None)
    }

    /// Verifies a signal record against the active catalog or any of
    /// `catalogs`, and whether `posted` (a form posted with it) agrees.
    fn verify_signal_record(
        &self,
        record: &Value,
        catalogs: &[KnownCatalog],
        posted: Option<&Value>,
    ) -> (Verification, bool) {
        let own = self.known.get_or_init(|| KnownCatalog::from(&self.catalog));
        let mut accepted = Vec::with_capacity(catalogs.len() + 1);
        accepted.push(own.clone());
        accepted.extend(catalogs.iter().cloned());
        verify_record_agreeing(
            record,
            &VerifyRules {
                catalogs: &accepted,
                extensions: &self.extensions,
                locale: self.locale,
                require_approved: self.require_approved,
                posted,
            },
        )
    }
}

/// The finding for JSON text the engine could not read.
fn text_finding(error: TextError) -> Finding {
    match error {
        TextError::TooLarge => Finding::error("", Kind::InputTooLarge),
        TextError::NotJson => Finding::error("", Kind::InputNotJson),
    }
}

/// The default evaluation date at an instant: its calendar date in Europe/Amsterdam.
pub fn default_today(now: Instant) -> Date {
    now.amsterdam_date()
}
