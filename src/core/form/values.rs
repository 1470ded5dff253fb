//! What a form reads as: the values of a valid form, borrowed from the input.

use crate::core::text_map::TextMap;

/// A SIS alert as read from the form.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SisAlertValues<'a> {
    /// `2018/1861` or `2018/1862`.
    pub regulation: Option<&'a str>,
    /// Article number as a string.
    pub article: Option<&'a str>,
    /// Issuing state code.
    pub issuing_state: Option<&'a str>,
    /// The alert's reference.
    pub alert_reference: Option<&'a str>,
}

/// A tip as read from the form.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TipValues<'a> {
    /// `public`, `anonymous` or `partner`.
    pub channel: Option<&'a str>,
    /// Date received.
    pub received_on: Option<&'a str>,
}

/// One indicator entry as read from the form.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IndicatorValues<'a> {
    /// Indicator code.
    pub code: Option<&'a str>,
    /// Index of its category in the catalog's categories (the code is
    /// looked up only where a record needs it).
    pub category_index: Option<usize>,
    /// `A`–`F`.
    pub reliability: Option<&'a str>,
    /// `1`–`6`.
    pub credibility: Option<&'a str>,
    /// `YYYY-MM-DD`: when the information was established.
    pub observed_on: Option<&'a str>,
    /// `YYYY-MM-DD`: the date of the facts it describes, where known.
    pub facts_on: Option<&'a str>,
    /// Evidence references.
    pub evidence_refs: Vec<&'a str>,
    /// Officer's note.
    pub note: Option<&'a str>,
}

/// Everything read from a form: trimmed values of known fields only.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FormValues<'a> {
    /// Case number.
    pub case_number: Option<&'a str>,
    /// Procedure.
    pub procedure: Option<&'a str>,
    /// V-nummer.
    pub v_number: Option<&'a str>,
    /// BSN.
    pub bsn: Option<&'a str>,
    /// No V-nummer is known for the person.
    pub unknown_subject: bool,
    /// The person's status, as given.
    pub status: Option<&'a str>,
    /// `possible-victim` when the host knows the person is a possible
    /// victim of trafficking.
    pub protection: Option<&'a str>,
    /// Context type.
    pub context_type: Option<&'a str>,
    /// SIS alert (for `sis-check`).
    pub sis_alert: Option<SisAlertValues<'a>>,
    /// Tip (for `post-decision-tip`).
    pub tip: Option<TipValues<'a>>,
    /// Screening method (for `asylum-screening`).
    pub screening_method: Option<&'a str>,
    /// Reporting partner (for `partner-report`).
    pub partner: Option<&'a str>,
    /// Indicators in input order.
    pub indicators: Vec<IndicatorValues<'a>>,
    /// Factual statement.
    pub summary: Option<&'a str>,
    /// Officer staff code.
    pub officer_id: Option<&'a str>,
    /// Officer unit.
    pub officer_unit: Option<&'a str>,
    /// TLP label.
    pub tlp: Option<&'a str>,
    /// Partners the officer shares with.
    pub shared_with: Vec<&'a str>,
    /// Why an advised partner is not shared with.
    pub no_share_reason: Option<&'a str>,
    /// The officer's view of the advice.
    pub judgement_view: Option<&'a str>,
    /// The reasons for that view.
    pub judgement_reason: Option<&'a str>,
    /// Declared host extensions.
    pub extensions: TextMap<String>,
}
