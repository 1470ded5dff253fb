//! Reading and validating the signal form input (SPEC §4–5): every rule,
//! every issue code, paths as RFC 6901 pointers, in a stable order.
//!
//! The input is hostile until checked: it is read as a generic JSON value,
//! limits are checked before anything else, and nothing here can panic on
//! any value.
//!
//! Split by concern: `limits` (what an input may hold), `protected` (the
//! attributes that are never indicators), `values` (what a valid form
//! reads as), `reader` (reading one value and its issue), `sections`
//! (the rules of each section of SPEC §4), `routing` (the cross-field rules
//! on the advice). The closed lists are in `core::vocabulary`, the issue
//! order next to the issue type (`core::issue`).

mod limits;
mod reader;
mod routing;
mod sections;
mod text_rules;
mod values;

use serde_json::Value;

use super::catalog::ActiveCatalog;
use super::date::Date;
use super::extensions::Extension;
use super::issue::{sort_findings, Finding, Kind, Severity};
use super::scoring::{advise, assess, Advice, Assessment, Circumstances, ItemRole, ObservedIndicator};

pub use super::protected::PROTECTED_KEYS;
pub use limits::{exceeds_limits, exceeds_limits_with, MAX_EVIDENCE_REFS, MAX_INDICATORS, MAX_SHARED_WITH};
pub use reader::trim;
use reader::IndicatorPath;
pub use values::{FormValues, IndicatorValues, SisAlertValues, TipValues};

/// The outcome of reading a form; its values borrow from the input.
#[derive(Debug, Clone)]
pub struct Reading<'a> {
    /// What was read.
    pub values: FormValues<'a>,
    /// Findings, sorted and unique per (path, code).
    pub findings: Vec<Finding>,
    /// The assessment of the indicators that could be scored.
    pub assessment: Assessment,
    /// Routing advice and measures.
    pub advice: Advice,
    /// Per item read with a catalog code: its input position and why it
    /// counts for measures or not.
    pub roles: Vec<(u32, ItemRole)>,
}

impl Reading<'_> {
    /// Whether no finding is an error.
    pub fn is_valid(&self) -> bool {
        self.findings.iter().all(|f| f.severity != Severity::Error)
    }
}

/// What the form is read against.
pub struct FormRules<'a> {
    /// The active catalog.
    pub catalog: &'a ActiveCatalog,
    /// Host extensions.
    pub extensions: &'a [Extension],
    /// The evaluation date.
    pub today: Date,
    /// Production use (`requireApproved`): an evaluation date outside the
    /// catalog's validity is an error, not a warning.
    pub require_approved: bool,
}

/// Reads and validates `input`. `boundary` carries findings made while the
/// input crossed from JS (replaced surrogates, exotic objects, limits).
///
/// The boundary's findings are taken, not copied: they become the reading's.
pub fn read_form<'v>(input: &'v Value, boundary: Vec<Finding>, rules: &FormRules<'_>) -> Reading<'v> {
    let mut reader = Reader { rules, findings: Vec::new(), observed: Vec::new() };
    let empty_advice =
        Advice { advised: Vec::new(), measures: Vec::new(), suspended: Vec::new(), status_decides: false };
    let stop = |findings: Vec<Finding>| Reading {
        values: FormValues::default(),
        findings,
        assessment: assess(rules.catalog, &[], rules.today, false).assessment,
        advice: empty_advice.clone(),
        roles: Vec::new(),
    };
    // A limit met while crossing ends the reading: the first one is its only finding.
    let is_limit = |f: &Finding| matches!(f.kind, Kind::InputTooLarge | Kind::InputNotJson);
    if boundary.iter().any(is_limit) {
        return stop(boundary.into_iter().filter(is_limit).take(1).collect());
    }
    let Value::Object(root) = input else {
        return stop(vec![Finding::error("", Kind::InputNotObject)]);
    };
    if exceeds_limits(input) {
        return stop(vec![Finding::error("", Kind::InputTooLarge)]);
    }
    reader.findings.extend(boundary);
    let values = reader.read_root(root);
    let scoring = assess(rules.catalog, &reader.observed, rules.today, values.protection.is_some());
    for index in &scoring.duplicates {
        reader.push(Finding::warning(
            IndicatorPath { index: *index as usize, member: "" }.render(),
            Kind::IndicatorDuplicate,
        ));
    }
    for (index, counted) in &scoring.same_source {
        reader.push(Finding::warning(
            IndicatorPath { index: *index as usize, member: "evidenceRefs" }.render(),
            Kind::IndicatorSameSource { counted: *counted as usize },
        ));
    }
    if rules.catalog.outside_validity(rules.today) {
        let severity = if rules.require_approved { Severity::Error } else { Severity::Warning };
        reader.push(Finding { path: super::issue::Pointer::root(), kind: Kind::CatalogOutsideValidity, severity });
    }
    let circumstances =
        Circumstances { procedure: values.procedure, status: values.status, reporting_partner: values.partner };
    let advice = advise(rules.catalog, &scoring, &circumstances);
    reader.check_routing(&values, &advice);
    reader.check_advice_context(&values, &advice);
    let assessment = scoring.assessment;
    let mut findings = reader.findings;
    sort_findings(&mut findings);
    Reading { values, findings, assessment, advice, roles: scoring.roles }
}

/// Reads one form: the rules it is read against, what it found so far.
struct Reader<'r, 'a> {
    rules: &'r FormRules<'a>,
    findings: Vec<Finding>,
    observed: Vec<ObservedIndicator>,
}
