//! Fixed-point, explainable scoring (SPEC §6.2) and the routing advice and
//! measures that follow from it (§6.3). Integers only, so every platform
//! computes the same bits.

use serde::Serialize;

use super::catalog::{ActiveCatalog, RuleTarget};
use super::date::Date;
use super::messages::Locale;

/// The scoring method recorded in every assessment.
pub const METHOD: &str = "noisy-or-fixed-v1";

/// Full score in basis points.
pub const MAX_BP: u32 = 10_000;

/// One recorded indicator that is complete enough to score.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoredIndicator {
    /// Position in the input's `indicators` array.
    pub index: u32,
    /// Catalog index of the indicator.
    pub indicator: usize,
    /// Reliability factor ‰.
    pub reliability_factor: u32,
    /// Credibility factor ‰.
    pub credibility_factor: u32,
    /// When it was observed.
    pub observed_on: Date,
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

/// Scores the indicators against the catalog on `evaluated_on`.
pub fn assess(catalog: &ActiveCatalog, indicators: &[ScoredIndicator], evaluated_on: Date) -> Assessment {
    let definitions = &catalog.catalog().indicators;
    let mut categories = Vec::new();
    let mut protection_flags = Vec::new();
    let mut overall = 0;
    let mut strengths = Vec::with_capacity(indicators.len());
    for (category_index, category) in catalog.catalog().categories.iter().enumerate() {
        let members = indicators.iter().filter(|i| catalog.category_of(i.indicator) == category_index);
        if category.protective {
            if members.clone().next().is_some() {
                protection_flags.push(category.code.clone());
            }
            continue;
        }
        let mut contributions = Vec::new();
        strengths.clear();
        for item in members {
            let Some(definition) = definitions.get(item.indicator) else { continue };
            let recency = recency_factor(catalog, item.observed_on.days_until(evaluated_on));
            let s = strength(definition.weight, item.reliability_factor, item.credibility_factor, recency);
            strengths.push(s);
            contributions.push(Contribution {
                index: item.index,
                code: definition.code.clone(),
                strength: s,
                reliability_factor: item.reliability_factor,
                credibility_factor: item.credibility_factor,
                recency_factor: recency,
            });
        }
        if contributions.is_empty() {
            continue;
        }
        let score = noisy_or(&mut strengths);
        overall = overall.max(score);
        categories.push(CategoryAssessment {
            category: category.code.clone(),
            score,
            band: catalog.band_of(score).1.to_owned(),
            contributions,
        });
    }
    Assessment {
        evaluated_on: evaluated_on.to_iso(),
        method: METHOD.to_owned(),
        advisory: true,
        overall: Overall { score: overall, band: catalog.band_of(overall).1.to_owned() },
        categories,
        protection_flags,
    }
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
}

/// Applies the catalog's routing rules and measures (SPEC §6.3): a rule
/// applies to a category with at least one indicator when its band is at
/// least the rule's `minBand`; protective categories count as band `none`
/// and never lead to measures.
pub fn advise(catalog: &ActiveCatalog, assessment: &Assessment) -> Advice {
    let data = catalog.catalog();
    // Band rank of each category with indicators, by category index.
    let mut ranks: Vec<Option<usize>> = vec![None; data.categories.len()];
    for category in &assessment.categories {
        if let (Some(slot), Some(rank)) =
            (catalog.category_index(&category.category).and_then(|i| ranks.get_mut(i)), catalog.band_rank(&category.band))
        {
            *slot = Some(rank);
        }
    }
    for flag in &assessment.protection_flags {
        if let Some(slot) = catalog.category_index(flag).and_then(|i| ranks.get_mut(i)) {
            *slot = Some(0);
        }
    }
    let applies = |target: &RuleTarget| ranks.get(target.category).copied().flatten().is_some_and(|rank| rank >= target.min_rank);
    // Sorted by code and unique, built by insertion (no general sort
    // routine needed).
    let mut advised: Vec<usize> = Vec::new();
    for (partners, target) in catalog.routing_partners().iter().zip(catalog.routing_rules()) {
        if !applies(target) {
            continue;
        }
        for partner in partners {
            if let Err(position) = advised.binary_search_by(|p| catalog.partner(*p).cmp(catalog.partner(*partner))) {
                advised.insert(position, *partner);
            }
        }
    }
    let measures = catalog.measure_rules().iter().enumerate().filter(|(_, target)| applies(target)).map(|(i, _)| i).collect();
    Advice { advised, measures }
}

/// The measures of an advice as recorded (code, category, legal basis).
pub fn recorded_measures(catalog: &ActiveCatalog, measures: &[usize]) -> Vec<RecordedMeasure> {
    measures
        .iter()
        .filter_map(|i| catalog.catalog().measures.get(*i))
        .map(|m| RecordedMeasure { code: m.code.clone(), category: m.category.clone(), legal_basis: m.legal_basis.clone() })
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
        })
        .collect()
}

/// A score in bp as people read it: `bp / 100` with one decimal (`64.3`),
/// rounded half up.
pub fn display_score(bp: u32) -> String {
    let tenths = (bp + 5) / 10;
    format!("{}.{}", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strength_rounds_half_up() {
        // 90·100·850·850·1000 / 10^9 = 6502.5 → 6503
        assert_eq!(strength(90, 850, 850, 1000), 6503);
        // 60·100·650·650·700 / 10^9 = 1774.5 → 1775
        assert_eq!(strength(60, 650, 650, 700), 1775);
        assert_eq!(strength(100, 1000, 1000, 1000), 10_000);
        assert_eq!(strength(1, 0, 1000, 1000), 0);
    }

    #[test]
    fn noisy_or_folds_largest_first() {
        assert_eq!(noisy_or(&mut [1775, 6503]), 7124);
        assert_eq!(noisy_or(&mut []), 0);
        assert_eq!(noisy_or(&mut [10_000, 5]), 10_000);
        assert_eq!(noisy_or(&mut [5000, 5000]), 7500);
    }

    #[test]
    fn display_score_has_one_decimal() {
        assert_eq!(display_score(6430), "64.3");
        assert_eq!(display_score(6435), "64.4");
        assert_eq!(display_score(0), "0.0");
        assert_eq!(display_score(10_000), "100.0");
    }
}
