//! Routing advice and the measures that follow from an assessment (SPEC
//! §6.3, §12.3).

use super::*;

/// What of the form, besides its indicators, decides where a measure can
/// apply and who already has the signal (never the score).
#[derive(Debug, Clone, Copy, Default)]
pub struct Circumstances<'a> {
    /// The form's procedure, when valid.
    pub procedure: Option<&'a str>,
    /// The person's status, when valid (absent = `unknown`).
    pub status: Option<&'a str>,
    /// The partner that reported the signal (`partner-report`).
    pub reporting_partner: Option<&'a str>,
}

/// Routing advice and measures that follow from an assessment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advice {
    /// Sorted union of the partners of applying routing rules, as indexes
    /// in the catalog's `partners` (sorted by partner code).
    pub advised: Vec<usize>,
    /// Indexes of the applying measures in the catalog's `measures`, in
    /// catalog order (text is copied only where a result needs it).
    pub measures: Vec<usize>,
    /// Indexes of the measures held back by the non-punishment rule alone.
    pub suspended: Vec<usize>,
    /// Some measure with a `statuses` list meets every condition but the
    /// status, which is absent, invalid or `unknown` (SPEC §12.3).
    pub status_decides: bool,
}

/// Position of `value` in `vocabulary` as a bit, or 0 when it is not there.
fn bit_of(vocabulary: &[&str], value: &str) -> u32 {
    vocabulary.iter().position(|v| *v == value).map_or(0, |i| 1 << i)
}

/// Applies the catalog's routing rules and measures (SPEC §6.3, §12.3). A
/// routing rule applies to a category with a scored indicator when its band
/// (its evidenced band, for a rule that `requiresEvidence`) is at least the
/// rule's `minBand` (protective categories count as band `none`);
/// routing-only items route to their partners directly; the reporting
/// partner is left out. A measure is listed only when all five conditions
/// of §6.3 hold; an unknown status meets a `statuses` list only when it
/// lists `unknown`.
pub fn advise(catalog: &ActiveCatalog, scoring: &Scoring, circumstances: &Circumstances<'_>) -> Advice {
    let rank_of = |category: usize, evidenced: bool| {
        let rank = scoring.routing_ranks.get(category).copied().flatten()?;
        Some(if evidenced { scoring.evidenced_ranks.get(category).copied().unwrap_or(0) } else { rank })
    };
    // Sorted by code and unique, built by insertion (no general sort
    // routine needed).
    let mut advised: Vec<usize> = Vec::new();
    let mut advise_partner = |partner: usize| {
        let code = catalog.partner(partner);
        if Some(code) == circumstances.reporting_partner {
            return;
        }
        if let Err(position) = advised.binary_search_by(|p| catalog.partner(*p).cmp(code)) {
            advised.insert(position, partner);
        }
    };
    for (rule, (partners, target)) in catalog.routing_partners().iter().zip(catalog.routing_rules()).enumerate() {
        let applies = rank_of(target.category, catalog.routing_requires_evidence(rule))
            .is_some_and(|rank| rank >= target.min_rank);
        if applies {
            partners.iter().for_each(|p| advise_partner(*p));
        }
    }
    scoring.direct_routes.iter().for_each(|p| advise_partner(*p));
    let procedure = circumstances.procedure.map_or(0, |p| bit_of(PROCEDURES, p));
    let status = bit_of(STATUSES, circumstances.status.unwrap_or(STATUS_UNKNOWN));
    let status_known = circumstances.status.is_some_and(|s| s != STATUS_UNKNOWN);
    let mut measures = Vec::new();
    let mut suspended = Vec::new();
    let mut status_decides = false;
    for (i, rule) in catalog.measure_rules().iter().enumerate() {
        let Some((rank, counted)) = scoring.evidenced.get(rule.target.category).and_then(Option::as_ref) else {
            continue;
        };
        let other_conditions = *rank >= rule.target.min_rank
            && rule.procedures & procedure != 0
            && (rule.requires_any_of.is_empty() || rule.requires_any_of.iter().any(|r| counted.contains(r)))
            && !(rule.suspended_by_protection && scoring.protection);
        if other_conditions && rule.statuses != u32::MAX && !status_known {
            status_decides = true;
        }
        let can_apply = *rank >= rule.target.min_rank
            && rule.procedures & procedure != 0
            && rule.statuses & status != 0
            && (rule.requires_any_of.is_empty() || rule.requires_any_of.iter().any(|r| counted.contains(r)));
        if !can_apply {
            continue;
        }
        if rule.suspended_by_protection && scoring.protection {
            suspended.push(i);
        } else {
            measures.push(i);
        }
    }
    Advice { advised, measures, suspended, status_decides }
}

/// The measures held back by the non-punishment rule, for display.
pub fn suspended_measures<'c>(catalog: &'c ActiveCatalog, measures: &[usize]) -> Vec<SuspendedMeasure<'c>> {
    measures
        .iter()
        .filter_map(|i| catalog.catalog().measures.get(*i))
        .map(|m| SuspendedMeasure { code: &m.code, category: &m.category, reason: "protection" })
        .collect()
}

/// The measures of an advice as recorded (code, category, legal basis).
pub fn recorded_measures(catalog: &ActiveCatalog, measures: &[usize]) -> Vec<RecordedMeasure> {
    measures
        .iter()
        .filter_map(|i| catalog.catalog().measures.get(*i))
        .map(|m| RecordedMeasure {
            code: m.code.clone(),
            category: m.category.clone(),
            legal_basis: m.legal_basis.clone(),
        })
        .collect()
}

/// The measures of an advice with their labels in `locale`, for display.
pub fn label_measures<'c>(catalog: &'c ActiveCatalog, measures: &[usize], locale: Locale) -> Vec<Measure<'c>> {
    measures
        .iter()
        .filter_map(|i| catalog.catalog().measures.get(*i))
        .map(|m| Measure {
            code: &m.code,
            category: &m.category,
            legal_basis: &m.legal_basis,
            label: catalog.text(&m.labels, locale),
            notes: m.notes.as_ref().map(|notes| catalog.text(notes, locale)),
        })
        .collect()
}
