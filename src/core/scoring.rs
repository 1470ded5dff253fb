//! Fixed-point, explainable scoring (SPEC §6.2) and the routing advice and
//! measures that follow from it (§6.3). Integers only, so every platform
//! computes the same bits.

use serde::Serialize;

use super::catalog::ActiveCatalog;
use super::date::Date;
use super::messages::Locale;
use super::vocabulary::{PROCEDURES, STATUSES, STATUS_UNKNOWN};

mod advice;
pub use advice::{advise, label_measures, recorded_measures, suspended_measures, Advice, Circumstances};

/// The scoring method recorded in every assessment.
pub const METHOD: &str = "noisy-or-fixed-v1";

/// Full score in basis points.
pub const MAX_BP: u32 = 10_000;

/// One recorded indicator with a code of the catalog, as far as it could be
/// read: graded and dated items are scored, every item counts for
/// protection (SPEC §6.2: graded or not).
#[derive(Debug, Clone, PartialEq)]
pub struct ObservedIndicator {
    /// Position in the input's `indicators` array.
    pub index: u32,
    /// Catalog index of the indicator.
    pub indicator: usize,
    /// Catalog index of its category.
    pub category: usize,
    /// Reliability and credibility factors ‰, when both are valid.
    pub grading: Option<(u32, u32)>,
    /// When the information was established, when valid.
    pub observed_on: Option<Date>,
    /// The date of the facts, when given and valid.
    pub facts_on: Option<Date>,
    /// `factsOn` has no issue (absent counts as fine).
    pub facts_ok: bool,
    /// Its valid evidence references (placeholders left out).
    pub evidence: Vec<String>,
}

impl ObservedIndicator {
    /// At least one valid evidence reference.
    pub fn has_evidence(&self) -> bool {
        !self.evidence.is_empty()
    }
}

/// Whether two sets of evidence references share one (compared after
/// trimming, which reading did, ASCII case-insensitively).
fn share_a_reference(a: &[&str], b: &[&str]) -> bool {
    a.iter().any(|x| b.iter().any(|y| x.eq_ignore_ascii_case(y)))
}

/// Why an item counts for measures or not (the panel's explanation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemRole {
    /// Counts in the `evidencedScore` of a category that has measures.
    CountsForMeasures,
    /// An indicator of a protective category: never scored.
    Protective,
    /// A routing-only indicator: routed, never scored.
    RoutingOnly,
    /// Grading, date or date of the facts missing or wrong: not scored yet.
    NotScored,
    /// Its category has no measures.
    NoMeasures,
    /// Another item with the same code and dates counts instead.
    Duplicate,
    /// Another item with the same source counts instead (its input index).
    SameSource(u32),
    /// No valid evidence reference.
    NoEvidence,
}

impl ItemRole {
    /// The stable word for the reason (`None` when it counts).
    pub fn reason(self) -> Option<&'static str> {
        match self {
            ItemRole::CountsForMeasures => None,
            ItemRole::Protective => Some("protective"),
            ItemRole::RoutingOnly => Some("routing-only"),
            ItemRole::NotScored => Some("not-scored"),
            ItemRole::NoMeasures => Some("no-measures"),
            ItemRole::Duplicate => Some("duplicate"),
            ItemRole::SameSource(_) => Some("same-source"),
            ItemRole::NoEvidence => Some("no-evidence"),
        }
    }
}

/// The assessment: advice for human review, never a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct Assessment {
    /// Evaluation date `YYYY-MM-DD` that recency was measured against.
    #[cfg_attr(test, schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$")))]
    pub evaluated_on: String,
    /// Always `noisy-or-fixed-v1`.
    #[cfg_attr(test, schemars(extend("const" = "noisy-or-fixed-v1")))]
    pub method: String,
    /// Always `true`: this is advice.
    #[cfg_attr(test, schemars(extend("const" = true)))]
    pub advisory: bool,
    /// The highest category score and its band.
    pub overall: Overall,
    /// Scored categories with at least one indicator, in catalog order.
    pub categories: Vec<CategoryAssessment>,
    /// Protective categories with at least one indicator, in catalog order.
    pub protection_flags: Vec<String>,
}

/// A score and its band.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct Overall {
    /// Score in basis points, 0–10000.
    #[cfg_attr(test, schemars(range(max = 10000)))]
    pub score: u32,
    /// Band code or `none`.
    pub band: String,
}

/// The score of one category and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct CategoryAssessment {
    /// Category code.
    pub category: String,
    /// Noisy-OR score in basis points.
    #[cfg_attr(test, schemars(range(max = 10000)))]
    pub score: u32,
    /// Band code or `none`.
    pub band: String,
    /// The same fold over only the items with evidence that are not
    /// `routingOnly`; measures follow this score.
    #[cfg_attr(test, schemars(range(max = 10000)))]
    pub evidenced_score: u32,
    /// Band of `evidencedScore`.
    pub evidenced_band: String,
    /// Each indicator's share, in input order.
    pub contributions: Vec<Contribution>,
}

/// What one indicator contributed, with the three factors behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct Contribution {
    /// Position in the `indicators` array.
    pub index: u32,
    /// Indicator code.
    pub code: String,
    /// Strength in basis points.
    #[cfg_attr(test, schemars(range(max = 10000)))]
    pub strength: u32,
    /// Reliability factor ‰.
    pub reliability_factor: u32,
    /// Credibility factor ‰.
    pub credibility_factor: u32,
    /// Recency factor ‰.
    pub recency_factor: u32,
}

/// A measure listed for consideration by the decision-maker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct RecordedMeasure {
    /// Measure code.
    pub code: String,
    /// Category it follows from.
    pub category: String,
    /// Legal basis text.
    pub legal_basis: String,
}

/// A measure held back by the non-punishment rule alone (SPEC §6.3
/// condition 5): shown with its reason, never recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SuspendedMeasure<'c> {
    /// Measure code.
    pub code: &'c str,
    /// Category it follows from.
    pub category: &'c str,
    /// Always `protection`: the form holds a possible-victim indicator.
    pub reason: &'c str,
}

/// A measure for consideration, with its label for display; its text is
/// borrowed from the catalog (an evaluation copies no catalog text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Measure<'c> {
    /// Measure code.
    pub code: &'c str,
    /// Category it follows from.
    pub category: &'c str,
    /// Legal basis text.
    pub legal_basis: &'c str,
    /// Name in the engine's locale.
    pub label: &'c str,
    /// What the decision-maker must still weigh, in the engine's locale.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub notes: Option<&'c str>,
}

/// Strength of one indicator in bp:
/// `weight × 100 × rel‰ × cred‰ × recency‰ / 10^9`, rounded half up.
pub fn strength(weight: u32, reliability: u32, credibility: u32, recency: u32) -> u32 {
    let product = u64::from(weight.min(100))
        * 100
        * u64::from(reliability.min(1000))
        * u64::from(credibility.min(1000))
        * u64::from(recency.min(1000));
    // Bounded by 100·100·1000³ = 10^13, so no overflow; result ≤ 10000.
    ((product + 500_000_000) / 1_000_000_000) as u32
}

/// Noisy-OR of strengths in bp, as the fold of SPEC §6.2 defines it:
/// strengths sorted descending, `R₀ = 10^12`,
/// `Rₖ = ⌊Rₖ₋₁ × (10000 − sₖ) / 10000⌋`, `S = 10000 − ⌊Rₙ / 10^8⌋`.
pub fn noisy_or(strengths: &mut [u32]) -> u32 {
    sort_descending(strengths);
    let remainder = strengths.iter().fold(1_000_000_000_000u64, |r, s| {
        // r ≤ 10^12 and (10000 − s) ≤ 10^4, so the product stays below 2^64.
        r * u64::from(MAX_BP - (*s).min(MAX_BP)) / u64::from(MAX_BP)
    });
    MAX_BP - (remainder / 100_000_000) as u32
}

/// Insertion sort, largest first: at most 200 strengths per category, and it
/// keeps a general sort routine out of the WebAssembly module.
fn sort_descending(values: &mut [u32]) {
    for i in 1..values.len() {
        let mut j = i;
        while j > 0 && values.get(j - 1) < values.get(j) {
            values.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Recency factor ‰ for an observation `age_days` before the evaluation date.
pub fn recency_factor(catalog: &ActiveCatalog, age_days: i64) -> u32 {
    let age = age_days.max(0);
    catalog
        .catalog()
        .recency
        .iter()
        .find(|bucket| bucket.max_days.is_none_or(|max| age <= i64::from(max)))
        .map_or(0, |bucket| bucket.factor)
}

/// What scoring found, with what routing and measures need beyond the
/// published assessment.
#[derive(Debug, Clone, PartialEq)]
pub struct Scoring {
    /// The published assessment.
    pub assessment: Assessment,
    /// Input positions of items not scored because another item with the
    /// same code and dates is stronger (`indicator.duplicate`), ascending.
    pub duplicates: Vec<u32>,
    /// Input positions of items that share a source with a stronger item of
    /// their category, with the position of the item that counts.
    pub same_source: Vec<(u32, u32)>,
    /// Per item, in input order: its position and why it counts for
    /// measures or not.
    pub roles: Vec<(u32, ItemRole)>,
    /// Per catalog category: the band rank of its score, when it has a
    /// scored indicator (protective categories with any item: rank 0).
    routing_ranks: Vec<Option<usize>>,
    /// Per catalog category: the band rank of its `evidencedScore`.
    evidenced_ranks: Vec<usize>,
    /// Per catalog category: the band rank of its `evidencedScore` and the
    /// indicators that meet `requiresAnyOf`, when at least one item counts.
    evidenced: Vec<Option<(usize, Vec<usize>)>>,
    /// Partners that routing-only items route to directly (catalog indexes).
    direct_routes: Vec<usize>,
    /// The form holds an indicator of a protective category, or the host
    /// knows the person is a possible victim.
    protection: bool,
}

/// One source counts once (SPEC §12.3): among `members` (positions of one
/// category's items that take part), items that share an evidence
/// reference, directly or through others, are one source, of which the
/// strongest (then the earliest) counts. `references` holds per item the
/// references of its whole duplicate group, so which duplicate the
/// duplicate rule kept never changes what is linked (scores stay
/// independent of the order of the items). Returns, per member, the
/// position of the item that counts for its source.
fn fold_sources(references: &[Vec<&str>], members: &[usize], strength_at: &dyn Fn(usize) -> Option<u32>) -> Vec<usize> {
    // Union-find over the members, linked by a shared reference.
    let mut parent: Vec<usize> = (0..members.len()).collect();
    fn root(parent: &mut [usize], mut at: usize) -> usize {
        while let Some(&up) = parent.get(at) {
            if up == at {
                break;
            }
            let grand = parent.get(up).copied().unwrap_or(up);
            if let Some(slot) = parent.get_mut(at) {
                *slot = grand;
            }
            at = up;
        }
        at
    }
    for a in 0..members.len() {
        for b in a + 1..members.len() {
            let linked = match (
                members.get(a).and_then(|i| references.get(*i)),
                members.get(b).and_then(|i| references.get(*i)),
            ) {
                (Some(x), Some(y)) => share_a_reference(x, y),
                _ => false,
            };
            if linked {
                let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
                if let Some(slot) = parent.get_mut(ra.max(rb)) {
                    *slot = ra.min(rb);
                }
            }
        }
    }
    let roots: Vec<usize> = (0..members.len()).map(|m| root(&mut parent, m)).collect();
    // The item that counts per source: strongest, ties to the earliest index.
    let mut best: Vec<Option<usize>> = vec![None; members.len()];
    for (m, &item) in members.iter().enumerate() {
        let Some(&r) = roots.get(m) else { continue };
        if let Some(slot) = best.get_mut(r) {
            let better = match *slot {
                None => true,
                Some(current) => {
                    let (mine, theirs) = (strength_at(item), strength_at(current));
                    mine > theirs || (mine == theirs && item < current)
                }
            };
            if better {
                *slot = Some(item);
            }
        }
    }
    roots.iter().zip(members).map(|(r, item)| best.get(*r).copied().flatten().unwrap_or(*item)).collect()
}

/// Scores the indicators against the catalog on `evaluated_on` (SPEC §6.2,
/// §12.3). `protection_known`: the host knows the person is a possible
/// victim (`subject.protection`), which counts as an item of every
/// protective category.
pub fn assess(
    catalog: &ActiveCatalog,
    items: &[ObservedIndicator],
    evaluated_on: Date,
    protection_known: bool,
) -> Scoring {
    let data = catalog.catalog();
    // Recency counts from the date of the facts where known.
    let counts_from = |item: &ObservedIndicator| item.facts_on.or(item.observed_on);
    let recency_of = |item: &ObservedIndicator, date: Date| {
        if catalog.decays(item.category) {
            recency_factor(catalog, date.days_until(evaluated_on))
        } else {
            1000
        }
    };
    let scored_item = |item: &ObservedIndicator| {
        !catalog.routing_only(item.indicator) && !catalog.protective(item.category) && item.facts_ok
    };
    let strengths: Vec<Option<u32>> = items
        .iter()
        .map(|item| match (item.grading, counts_from(item), data.indicators.get(item.indicator)) {
            (Some((rel, cred)), Some(date), Some(definition)) if item.observed_on.is_some() && scored_item(item) => {
                Some(strength(definition.weight, rel, cred, recency_of(item, date)))
            }
            _ => None,
        })
        .collect();
    let strength_at = |i: usize| strengths.get(i).copied().flatten();
    // Duplicates: the same code, the same `observedOn` and the same
    // `factsOn` (absent counting as one value).
    let same_observation = |a: &ObservedIndicator, b: &ObservedIndicator| {
        a.indicator == b.indicator
            && a.observed_on.is_some()
            && a.observed_on == b.observed_on
            && a.facts_on == b.facts_on
    };
    // Of duplicates one is scored: the strongest, then one with evidence,
    // then the earliest; so the score never depends on the order.
    let beaten = |i: usize, item: &ObservedIndicator, counts: &dyn Fn(usize) -> bool| {
        let rank = |k: usize, other: &ObservedIndicator| (strength_at(k), other.has_evidence());
        items.iter().enumerate().any(|(k, other)| {
            k != i && counts(k) && same_observation(item, other) && {
                let (mine, theirs) = (rank(i, item), rank(k, other));
                theirs > mine || (theirs == mine && k < i)
            }
        })
    };
    let all = |_: usize| true;
    let duplicate: Vec<bool> = items.iter().enumerate().map(|(i, item)| beaten(i, item, &all)).collect();
    // The references of each item's duplicate group: a fact recorded twice
    // is linked by what either record names.
    let references: Vec<Vec<&str>> = items
        .iter()
        .map(|item| {
            let mut group: Vec<&str> = item.evidence.iter().map(String::as_str).collect();
            for other in items.iter().filter(|other| !std::ptr::eq(*other, item) && same_observation(item, other)) {
                group.extend(other.evidence.iter().map(String::as_str));
            }
            group
        })
        .collect();
    // The evidenced score takes, per duplicate group, the strongest item
    // that has evidence: an unevidenced duplicate never removes evidenced weight.
    let evidenced_item =
        |k: usize| items.get(k).is_some_and(ObservedIndicator::has_evidence) && strength_at(k).is_some();
    let evidenced_takes: Vec<bool> =
        items.iter().enumerate().map(|(i, item)| evidenced_item(i) && !beaten(i, item, &evidenced_item)).collect();
    let takes = |flags: &[bool], i: usize| flags.get(i) == Some(&true);

    let mut categories = Vec::new();
    let mut protection_flags = Vec::new();
    let mut routing_ranks = vec![None; data.categories.len()];
    let mut evidenced_ranks = vec![0; data.categories.len()];
    let mut evidenced = vec![None; data.categories.len()];
    let mut counted_for_score: Vec<Option<usize>> = vec![None; items.len()];
    let mut counted_for_evidence: Vec<Option<usize>> = vec![None; items.len()];
    let mut overall = 0;
    let mut scored = Vec::with_capacity(items.len());
    let mut evidenced_strengths = Vec::with_capacity(items.len());
    for (category_index, category) in data.categories.iter().enumerate() {
        let members = || items.iter().enumerate().filter(move |(_, item)| item.category == category_index);
        if category.protective {
            if protection_known || members().next().is_some() {
                protection_flags.push(category.code.clone());
                if let Some(rank) = routing_ranks.get_mut(category_index) {
                    *rank = Some(0);
                }
            }
            continue;
        }
        // One source counts once, in the score and in the evidenced score.
        let score_members: Vec<usize> =
            members().map(|(i, _)| i).filter(|i| strength_at(*i).is_some() && !takes(&duplicate, *i)).collect();
        for (member, counts) in score_members.iter().zip(fold_sources(&references, &score_members, &strength_at)) {
            if let Some(slot) = counted_for_score.get_mut(*member) {
                *slot = Some(counts);
            }
        }
        let evidence_members: Vec<usize> = members().map(|(i, _)| i).filter(|i| takes(&evidenced_takes, *i)).collect();
        for (member, counts) in evidence_members.iter().zip(fold_sources(&references, &evidence_members, &strength_at))
        {
            if let Some(slot) = counted_for_evidence.get_mut(*member) {
                *slot = Some(counts);
            }
        }
        let mut contributions = Vec::new();
        let mut meets_requirements = Vec::new();
        scored.clear();
        evidenced_strengths.clear();
        for (i, item) in members() {
            let (Some(s), Some(date), Some(definition)) =
                (strength_at(i), counts_from(item), data.indicators.get(item.indicator))
            else {
                continue;
            };
            if takes(&evidenced_takes, i) {
                // `requiresAnyOf` looks at the facts established, before the
                // fold limits what one source adds.
                meets_requirements.push(item.indicator);
                if counted_for_evidence.get(i) == Some(&Some(i)) {
                    evidenced_strengths.push(s);
                }
            }
            if counted_for_score.get(i) != Some(&Some(i)) {
                continue;
            }
            let (reliability_factor, credibility_factor) = item.grading.unwrap_or_default();
            scored.push(s);
            contributions.push(Contribution {
                index: item.index,
                code: definition.code.clone(),
                strength: s,
                reliability_factor,
                credibility_factor,
                recency_factor: recency_of(item, date),
            });
        }
        if contributions.is_empty() {
            continue;
        }
        let score = noisy_or(&mut scored);
        let evidenced_score = noisy_or(&mut evidenced_strengths);
        let (rank, band) = catalog.band_of(score);
        let (evidenced_rank, evidenced_band) = catalog.band_of(evidenced_score);
        overall = overall.max(score);
        if let Some(slot) = routing_ranks.get_mut(category_index) {
            *slot = Some(rank);
        }
        if let Some(slot) = evidenced_ranks.get_mut(category_index) {
            *slot = evidenced_rank;
        }
        if !meets_requirements.is_empty() {
            if let Some(slot) = evidenced.get_mut(category_index) {
                *slot = Some((evidenced_rank, meets_requirements));
            }
        }
        categories.push(CategoryAssessment {
            category: category.code.clone(),
            score,
            band: band.to_owned(),
            evidenced_score,
            evidenced_band: evidenced_band.to_owned(),
            contributions,
        });
    }
    let index_of = |i: usize| items.get(i).map_or(0, |item| item.index);
    let duplicates = items.iter().zip(&duplicate).filter(|(_, d)| **d).map(|(item, _)| item.index).collect();
    let same_source = counted_for_score
        .iter()
        .enumerate()
        .filter_map(|(i, counts)| counts.filter(|c| *c != i).map(|c| (index_of(i), index_of(c))))
        .collect();
    let has_measures = |category: usize| catalog.measure_rules().iter().any(|rule| rule.target.category == category);
    let roles = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let counted = counted_for_evidence.get(i).copied().flatten();
            let role = if catalog.protective(item.category) {
                ItemRole::Protective
            } else if catalog.routing_only(item.indicator) {
                ItemRole::RoutingOnly
            } else if strength_at(i).is_none() {
                ItemRole::NotScored
            } else if !has_measures(item.category) {
                ItemRole::NoMeasures
            } else if counted == Some(i) {
                ItemRole::CountsForMeasures
            } else if let Some(other) =
                counted.or_else(|| counted_for_score.get(i).copied().flatten().filter(|c| *c != i))
            {
                ItemRole::SameSource(index_of(other))
            } else if takes(&duplicate, i) {
                ItemRole::Duplicate
            } else {
                ItemRole::NoEvidence
            };
            (item.index, role)
        })
        .collect();
    // Routing-only items route directly, graded or not.
    let mut direct_routes: Vec<usize> = Vec::new();
    for item in items {
        for partner in catalog.routes_to(item.indicator) {
            if !direct_routes.contains(partner) {
                direct_routes.push(*partner);
            }
        }
    }
    Scoring {
        assessment: Assessment {
            evaluated_on: evaluated_on.to_iso(),
            method: METHOD.to_owned(),
            advisory: true,
            overall: Overall { score: overall, band: catalog.band_of(overall).1.to_owned() },
            categories,
            protection_flags,
        },
        duplicates,
        same_source,
        roles,
        routing_ranks,
        evidenced_ranks,
        evidenced,
        direct_routes,
        protection: protection_known || items.iter().any(|item| catalog.protective(item.category)),
    }
}

#[cfg(test)]
mod tests;
