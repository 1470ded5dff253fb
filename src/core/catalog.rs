//! The indicator catalog: its data shape (SPEC §6.1), loading with full
//! validation, lookups used by scoring, and its digest.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::schema::catalog_validator;
use serde_json::Value;

use super::canonical::canonical_digest;
use super::date::Date;
use super::error::SignalError;
use super::issue::{Finding, Kind, Pointer};
use super::messages::Locale;
use super::sorting::sorted_positions;
use super::vocabulary::{CREDIBILITY, PROCEDURES, RELIABILITY, STATUSES};

/// The weights an indicator may have (SPEC §6.1), in the published schema
/// and in [`lint`].
pub const WEIGHT_RANGE: (u32, u32) = (1, 100);
/// The per-mille factors of grading and recency.
pub const FACTOR_RANGE: (u32, u32) = (0, 1000);
/// Where a band may start, in basis points (a score is at most 10 000).
pub const BAND_FROM_RANGE: (u32, u32) = (1, 10_000);
/// The days after which a recorded signal is reviewed (SPEC §12.2).
pub const REVIEW_AFTER_DAYS_RANGE: (u32, u32) = (1, 3650);

/// Texts per locale tag, e.g. `{ "nl": "…", "en": "…" }`.
pub type LocalizedText = BTreeMap<String, String>;

/// A catalog exactly as published: plain data, versioned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct Catalog {
    /// Catalog identifier, e.g. `ind-example`.
    pub id: String,
    /// Catalog version, e.g. `2026.1`.
    pub version: String,
    /// Locales every label and guidance text must exist in.
    pub locales: Vec<String>,
    /// An example catalog, not for real cases (absent = false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub illustrative: Option<bool>,
    /// First evaluation date this version is meant for (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$")))]
    pub valid_from: Option<String>,
    /// Last evaluation date this version is meant for (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$")))]
    pub valid_until: Option<String>,
    /// Who approved this version, when, under which decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval: Option<Approval>,
    /// What changed per version, newest first (at most 200).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, schemars(length(max = 200)))]
    pub changes: Option<Vec<CatalogChange>>,
    /// Days after which a recorded signal is reviewed (1–3650, absent = 365).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, schemars(range(min = REVIEW_AFTER_DAYS_RANGE.0, max = REVIEW_AFTER_DAYS_RANGE.1)))]
    pub review_after_days: Option<u32>,
    /// Indicator categories, in display order.
    pub categories: Vec<Category>,
    /// The indicators an officer can record.
    pub indicators: Vec<IndicatorDefinition>,
    /// Per-mille factors of the Admiralty grading.
    pub grading: Grading,
    /// Recency buckets, ascending; the last has `maxDays: null`.
    pub recency: Vec<RecencyBucket>,
    /// Score bands, `from` strictly ascending; below the first is `none`.
    pub bands: Vec<Band>,
    /// Partners that routing advice and `sharedWith` may name: a code, or
    /// a code with the names officers read.
    pub partners: Vec<Partner>,
    /// ISO 3166-1 alpha-2 codes of states issuing SIS alerts.
    pub sis_states: Vec<String>,
    /// Routing rules: which partners to advise per category and band.
    pub routing: Vec<RoutingRule>,
    /// Measures for consideration by the decision-maker.
    pub measures: Vec<MeasureDefinition>,
}

/// The approval of a catalog version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct Approval {
    /// Who approved it (1–80 characters).
    #[cfg_attr(test, schemars(length(min = 1, max = 80)))]
    pub by: String,
    /// When (`YYYY-MM-DD`).
    #[cfg_attr(test, schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$")))]
    pub on: String,
    /// Under which decision (1–80 characters).
    #[cfg_attr(test, schemars(length(min = 1, max = 80)))]
    pub reference: String,
}

/// One entry of a catalog's change log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct CatalogChange {
    /// The version this entry describes.
    pub version: String,
    /// When (`YYYY-MM-DD`).
    #[cfg_attr(test, schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$")))]
    pub on: String,
    /// What changed and why, per locale.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, string>"))]
    pub summary: LocalizedText,
}

/// A partner: its code alone, or its code with the names officers read.
/// Forms, records and routing keep the code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(untagged)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub enum Partner {
    /// Just the code (officers then read the code).
    Code(String),
    /// The code with labels.
    Described(PartnerDescription),
}

/// A partner with the names officers read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct PartnerDescription {
    /// Partner code, e.g. `CT-INFOBOX`.
    pub code: String,
    /// Name per locale, e.g. `CT Infobox`.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, string>"))]
    pub labels: LocalizedText,
    /// The basis for passing data to this partner (1–400 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, schemars(length(min = 1, max = 400)))]
    pub legal_basis: Option<String>,
}

impl Partner {
    /// The partner code.
    pub fn code(&self) -> &str {
        match self {
            Partner::Code(code) => code,
            Partner::Described(described) => &described.code,
        }
    }
}

/// A category of signals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct Category {
    /// Category code, e.g. `terrorism`.
    pub code: String,
    /// A protective category (possible victim) never raises a score.
    pub protective: bool,
    /// Whether recency applies (absent = true); `false` for facts whose
    /// weight does not fade with time, such as war crimes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decays: Option<bool>,
    /// Name per locale.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, string>"))]
    pub labels: LocalizedText,
}

/// An indicator: a fact about conduct or records, never about who someone is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct IndicatorDefinition {
    /// Indicator code, e.g. `TER-01`.
    pub code: String,
    /// The category code it belongs to.
    pub category: String,
    /// Weight 1–100.
    #[cfg_attr(test, schemars(range(min = WEIGHT_RANGE.0, max = WEIGHT_RANGE.1)))]
    pub weight: u32,
    /// Whether evidence references are required (absent = false; kept
    /// absent, so the catalog's digest is that of the catalog as given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requires_evidence: Option<bool>,
    /// Not scored: any item routes to `routesTo` directly and never leads
    /// to a measure (absent = false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub routing_only: Option<bool>,
    /// The partners an item of a `routingOnly` indicator routes to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub routes_to: Option<Vec<String>>,
    /// The policy owner's statement that this indicator alone may lead to a
    /// measure (absent = false; checked on load, SPEC §12.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sufficient_alone: Option<bool>,
    /// Short label per locale.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, string>"))]
    pub labels: LocalizedText,
    /// Guidance for the officer per locale.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, string>"))]
    pub guidance: LocalizedText,
}

/// Per-mille factors for reliability `A`–`F` and credibility `1`–`6`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct Grading {
    /// Source reliability `A`–`F` → factor ‰.
    #[cfg_attr(test, schemars(schema_with = "published::reliability"))]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, number>"))]
    pub reliability: BTreeMap<String, u32>,
    /// Information credibility `1`–`6` → factor ‰.
    #[cfg_attr(test, schemars(schema_with = "published::credibility"))]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, number>"))]
    pub credibility: BTreeMap<String, u32>,
}

/// Indicators observed at most `maxDays` days ago count with `factor` ‰.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct RecencyBucket {
    /// Upper bound of the age in days; `null` for the last bucket.
    #[cfg_attr(test, schemars(required, extend("type" = ["integer", "null"])))]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number | null"))]
    pub max_days: Option<u32>,
    /// Factor ‰.
    #[cfg_attr(test, schemars(range(min = FACTOR_RANGE.0, max = FACTOR_RANGE.1)))]
    pub factor: u32,
}

/// A score band, from `from` basis points up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct Band {
    /// Band code, e.g. `medium`.
    pub code: String,
    /// Lowest score in basis points.
    #[cfg_attr(test, schemars(range(min = BAND_FROM_RANGE.0, max = BAND_FROM_RANGE.1)))]
    pub from: u32,
    /// The word officers read per locale, e.g. `gemiddeld`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "Record<string, string>"))]
    pub labels: Option<LocalizedText>,
}

/// Advises partners for a category from a minimum band.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct RoutingRule {
    /// Category code.
    pub category: String,
    /// Lowest band the rule applies from (`none` = any indicator).
    pub min_band: String,
    /// Compare the category's `evidencedBand` instead of its band
    /// (absent = false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requires_evidence: Option<bool>,
    /// Partner codes to advise.
    pub partners: Vec<String>,
}

/// A measure listed for consideration by the decision-maker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct MeasureDefinition {
    /// Category code (never a protective one).
    pub category: String,
    /// Lowest band the measure is listed from.
    pub min_band: String,
    /// Measure code, e.g. `entry-ban`.
    pub code: String,
    /// Name per locale.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, string>"))]
    pub labels: LocalizedText,
    /// Legal basis text.
    pub legal_basis: String,
    /// Procedures the measure can apply in (absent = all).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, schemars(schema_with = "published::procedures"))]
    pub procedures: Option<Vec<String>>,
    /// Statuses of the person it can apply to (absent = all).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, schemars(schema_with = "published::statuses"))]
    pub statuses: Option<Vec<String>>,
    /// Indicators of its own category of which at least one must count
    /// with evidence (absent = none needed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requires_any_of: Option<Vec<String>>,
    /// Held back while the form holds any indicator of a protective
    /// category (non-punishment of possible victims; absent = false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suspended_by_protection: Option<bool>,
    /// What the decision-maker must still weigh that the engine cannot see,
    /// per locale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "Record<string, string>"))]
    pub notes: Option<LocalizedText>,
}

/// The band name below the first band.
pub const BAND_NONE: &str = "none";
/// `reviewAfterDays` of a catalog that sets none.
pub const DEFAULT_REVIEW_AFTER_DAYS: u32 = 365;
const MAX_LIST: usize = 10_000;

/// Rank of a band code among `bands`: 0 for `none`, 1 for the first band, …
fn band_rank_in(bands: &[Band], code: &str) -> Option<usize> {
    if code == BAND_NONE {
        return Some(0);
    }
    bands.iter().position(|b| b.code == code).map(|i| i + 1)
}

/// Where a routing rule or measure applies: a category index and the
/// minimum band rank (`usize::MAX` for a rule that can never apply).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleTarget {
    /// Index into the catalog's categories.
    pub category: usize,
    /// Rank of the rule's `minBand` (0 = `none`).
    pub min_rank: usize,
}

/// When a measure can be listed (SPEC §6.3), resolved to indexes when the
/// catalog loads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeasureRule {
    /// Category and minimum band of its `evidencedBand`.
    pub target: RuleTarget,
    /// Bit set over [`PROCEDURES`] of the procedures it can apply in.
    pub procedures: u32,
    /// Bit set over [`STATUSES`] of the statuses it can apply to.
    pub statuses: u32,
    /// Catalog indexes of `requiresAnyOf` (empty = none needed).
    pub requires_any_of: Vec<usize>,
    /// Held back while a protective indicator is on the form.
    pub suspended_by_protection: bool,
}

/// A bit set over `vocabulary` of the listed values; absent = every value.
fn bit_set(listed: Option<&Vec<String>>, vocabulary: &[&str]) -> u32 {
    match listed {
        None => u32::MAX,
        Some(listed) => vocabulary
            .iter()
            .enumerate()
            .filter(|(_, value)| listed.iter().any(|l| l == *value))
            .fold(0, |set, (i, _)| set | (1 << i)),
    }
}

/// A validated catalog with the lookups scoring needs. Cheap to clone.
#[derive(Debug, Clone)]
pub struct ActiveCatalog {
    data: std::sync::Arc<Loaded>,
}

#[derive(Debug)]
struct Loaded {
    catalog: Catalog,
    /// Computed on first use: an engine that only evaluates never needs it,
    /// and on a page's cold start hashing the catalog would be time the
    /// officer waits for.
    digest: OnceLock<String>,
    /// Category index of each indicator, parallel to `catalog.indicators`.
    indicator_category: Vec<usize>,
    /// Indicator indexes sorted by code, for binary search.
    indicators_by_code: Vec<usize>,
    /// Category index and minimum band rank of each routing rule.
    routing_rules: Vec<RuleTarget>,
    /// Indexes in `catalog.partners` of each routing rule's partners.
    routing_partners: Vec<Vec<usize>>,
    /// Indexes in `catalog.partners` of each routing-only indicator's
    /// `routesTo`, parallel to `catalog.indicators`.
    routes_to: Vec<Vec<usize>>,
    /// When each measure applies; protective categories never lead to
    /// measures, so theirs never apply.
    measure_rules: Vec<MeasureRule>,
    reliability: Vec<u32>,
    credibility: Vec<u32>,
}

impl ActiveCatalog {
    /// Validates a catalog given as JSON and prepares it for use. Fails with
    /// `catalog.invalid` listing every problem found.
    pub fn from_value(value: &Value, locale: Locale) -> Result<ActiveCatalog, SignalError> {
        let shape = |errors: Vec<(Pointer, super::schema::Problem)>| {
            SignalError::CatalogInvalid(
                errors
                    .into_iter()
                    .map(|(path, problem)| {
                        Finding::error(path, Kind::CatalogShape { problem: Some(problem) }).localize(locale)
                    })
                    .collect(),
            )
        };
        let errors = catalog_validator().validate(value);
        if !errors.is_empty() {
            return Err(shape(errors));
        }
        ActiveCatalog::new(catalog_from_checked(value), locale)
    }

    /// Validates a typed catalog and prepares it for use.
    pub fn new(catalog: Catalog, locale: Locale) -> Result<ActiveCatalog, SignalError> {
        let findings = lint(&catalog);
        if !findings.is_empty() {
            return Err(SignalError::CatalogInvalid(findings.iter().map(|f| f.localize(locale)).collect()));
        }
        Ok(ActiveCatalog::prepare(catalog))
    }

    /// The lookups scoring needs, for a catalog that passed [`lint`].
    fn prepare(catalog: Catalog) -> ActiveCatalog {
        let indicator_category = catalog
            .indicators
            .iter()
            .map(|d| catalog.categories.iter().position(|c| c.code == d.category).unwrap_or(0))
            .collect();
        let mut indicators_by_code: Vec<usize> = (0..catalog.indicators.len()).collect();
        indicators_by_code = sorted_positions(indicators_by_code.len(), &|a, b| {
            catalog.indicators.get(a).map(|d| &d.code).cmp(&catalog.indicators.get(b).map(|d| &d.code))
        });
        let target = |category: &str, min_band: &str, allowed: bool| match (
            catalog.categories.iter().position(|c| c.code == category),
            band_rank_in(&catalog.bands, min_band),
        ) {
            (Some(category), Some(min_rank)) if allowed => RuleTarget { category, min_rank },
            _ => RuleTarget { category: usize::MAX, min_rank: usize::MAX },
        };
        let protective = |category: &str| catalog.categories.iter().any(|c| c.code == category && c.protective);
        let routing_rules = catalog.routing.iter().map(|r| target(&r.category, &r.min_band, true)).collect();
        let partner_indexes = |codes: &[String]| -> Vec<usize> {
            codes.iter().filter_map(|p| catalog.partners.iter().position(|q| q.code() == p)).collect()
        };
        let routing_partners = catalog.routing.iter().map(|r| partner_indexes(&r.partners)).collect();
        let routes_to = catalog
            .indicators
            .iter()
            .map(|d| {
                if d.routing_only == Some(true) {
                    partner_indexes(d.routes_to.as_deref().unwrap_or_default())
                } else {
                    Vec::new()
                }
            })
            .collect();
        let measure_rules = catalog
            .measures
            .iter()
            .map(|m| MeasureRule {
                target: target(&m.category, &m.min_band, !protective(&m.category)),
                procedures: bit_set(m.procedures.as_ref(), PROCEDURES),
                statuses: bit_set(m.statuses.as_ref(), STATUSES),
                requires_any_of: m
                    .requires_any_of
                    .iter()
                    .flatten()
                    .filter_map(|code| catalog.indicators.iter().position(|d| &d.code == code))
                    .collect(),
                suspended_by_protection: m.suspended_by_protection.unwrap_or(false),
            })
            .collect();
        let factors = |map: &BTreeMap<String, u32>, keys: &[&str]| -> Vec<u32> {
            keys.iter().map(|k| map.get(*k).copied().unwrap_or(0)).collect()
        };
        let reliability = factors(&catalog.grading.reliability, RELIABILITY);
        let credibility = factors(&catalog.grading.credibility, CREDIBILITY);
        ActiveCatalog {
            data: std::sync::Arc::new(Loaded {
                catalog,
                digest: OnceLock::new(),
                indicator_category,
                indicators_by_code,
                routing_rules,
                routing_partners,
                routes_to,
                measure_rules,
                reliability,
                credibility,
            }),
        }
    }

    /// The illustrative example catalog shipped inside the module.
    pub fn example() -> ActiveCatalog {
        static EXAMPLE: OnceLock<ActiveCatalog> = OnceLock::new();
        EXAMPLE
            .get_or_init(|| {
                // Embedded at build time and checked by the test suite
                // against the schema and every rule of `lint`
                // (tests/catalog.rs), so it is read without checking again:
                // on a page's cold start the checks would be most of the
                // time `new SignalEngine()` takes.
                let value = super::json_text::parse_strict(EXAMPLE_CATALOG_JSON).unwrap_or(Value::Null);
                ActiveCatalog::prepare(catalog_from_checked(&value))
            })
            .clone()
    }

    /// The catalog data, §6.1 shape.
    pub fn catalog(&self) -> &Catalog {
        &self.data.catalog
    }

    /// `sha256:` + hex of the RFC 8785 form of the catalog as given (no
    /// defaults filled in), so any JCS implementation over the catalog file
    /// reproduces it.
    pub fn digest(&self) -> &str {
        self.data.digest.get_or_init(|| {
            // A catalog holds strings, whole numbers and booleans only, which
            // always have a JSON value and a canonical form.
            super::json_text::to_value(&self.data.catalog)
                .and_then(|json| canonical_digest(&json).ok())
                .unwrap_or_default()
        })
    }

    /// The partner's name in `locale` (its code when it has no labels).
    pub fn partner_label(&self, code: &str, locale: Locale) -> String {
        match self.data.catalog.partners.iter().find(|p| p.code() == code) {
            Some(Partner::Described(described)) => {
                let label = self.text(&described.labels, locale);
                if label.is_empty() { code } else { label }.to_owned()
            }
            _ => code.to_owned(),
        }
    }

    /// Whether a partner code is in the catalog.
    pub fn has_partner(&self, code: &str) -> bool {
        self.data.catalog.partners.iter().any(|p| p.code() == code)
    }

    /// Indexes in `catalog().partners` an item of the routing-only
    /// indicator at `index` routes to (empty for other indicators).
    pub fn routes_to(&self, index: usize) -> &[usize] {
        self.data.routes_to.get(index).map_or(&[], Vec::as_slice)
    }

    /// Whether each routing rule compares the evidenced band, parallel to
    /// `catalog().routing`.
    pub fn routing_requires_evidence(&self, rule: usize) -> bool {
        self.data.catalog.routing.get(rule).is_some_and(|r| r.requires_evidence == Some(true))
    }

    /// Days after which a recorded signal is reviewed (default 365).
    pub fn review_after_days(&self) -> u32 {
        self.data.catalog.review_after_days.unwrap_or(DEFAULT_REVIEW_AFTER_DAYS)
    }

    /// Whether `date` lies outside the catalog's `validFrom`–`validUntil`.
    pub fn outside_validity(&self, date: Date) -> bool {
        let bound = |text: &Option<String>| text.as_deref().and_then(Date::parse);
        bound(&self.data.catalog.valid_from).is_some_and(|from| date < from)
            || bound(&self.data.catalog.valid_until).is_some_and(|until| date > until)
    }

    /// Whether the category at `index` is protective.
    pub fn protective(&self, index: usize) -> bool {
        self.data.catalog.categories.get(index).is_some_and(|c| c.protective)
    }

    /// Index and definition of an indicator code.
    pub fn indicator(&self, code: &str) -> Option<(usize, &IndicatorDefinition)> {
        // Binary search over indexes sorted by code (a hash map would add its
        // own code to the module).
        let indicators = &self.data.catalog.indicators;
        let by_code = &self.data.indicators_by_code;
        let found = by_code
            .binary_search_by(|i| indicators.get(*i).map_or("", |d| d.code.as_str()).cmp(code))
            .ok()
            .and_then(|at| by_code.get(at).copied())?;
        indicators.get(found).map(|d| (found, d))
    }

    /// Where each routing rule applies, parallel to `catalog().routing`.
    pub fn routing_rules(&self) -> &[RuleTarget] {
        &self.data.routing_rules
    }

    /// Indexes in `catalog().partners` of each routing rule's partners,
    /// parallel to `catalog().routing`.
    pub fn routing_partners(&self) -> &[Vec<usize>] {
        &self.data.routing_partners
    }

    /// A partner code by its index in `catalog().partners`.
    pub fn partner(&self, index: usize) -> &str {
        self.data.catalog.partners.get(index).map_or("", Partner::code)
    }

    /// When each measure applies, parallel to `catalog().measures`.
    pub fn measure_rules(&self) -> &[MeasureRule] {
        &self.data.measure_rules
    }

    /// Category index of indicator number `indicator`.
    pub fn category_of(&self, indicator: usize) -> usize {
        self.data.indicator_category.get(indicator).copied().unwrap_or(0)
    }

    /// Whether the category at `index` decays with time (recency applies).
    pub fn decays(&self, index: usize) -> bool {
        self.data.catalog.categories.get(index).is_none_or(|c| c.decays != Some(false))
    }

    /// Whether the indicator at `index` counts for routing only.
    pub fn routing_only(&self, index: usize) -> bool {
        self.data.catalog.indicators.get(index).is_some_and(|d| d.routing_only == Some(true))
    }

    /// Whether the catalog carries an approval and is not illustrative
    /// (what `requireApproved` asks of it).
    pub fn approved(&self) -> bool {
        self.data.catalog.approval.is_some() && !self.illustrative()
    }

    /// Whether the catalog says it is an example, not for real cases.
    pub fn illustrative(&self) -> bool {
        self.data.catalog.illustrative == Some(true)
    }

    /// Index of a category code.
    pub fn category_index(&self, code: &str) -> Option<usize> {
        self.data.catalog.categories.iter().position(|c| c.code == code)
    }

    /// Reliability factor ‰ of `A`–`F`.
    pub fn reliability_factor(&self, code: &str) -> Option<u32> {
        RELIABILITY.iter().position(|c| *c == code).and_then(|i| self.data.reliability.get(i).copied())
    }

    /// Credibility factor ‰ of `1`–`6`.
    pub fn credibility_factor(&self, code: &str) -> Option<u32> {
        CREDIBILITY.iter().position(|c| *c == code).and_then(|i| self.data.credibility.get(i).copied())
    }

    /// Rank of a band code: 0 for `none`, 1 for the first band, …
    pub fn band_rank(&self, code: &str) -> Option<usize> {
        band_rank_in(&self.data.catalog.bands, code)
    }

    /// The band of a score: the highest band whose `from` ≤ score, else `none`.
    pub fn band_of(&self, score: u32) -> (usize, &str) {
        let bands = &self.data.catalog.bands;
        match bands.iter().rposition(|b| b.from <= score) {
            Some(i) => (i + 1, bands.get(i).map_or(BAND_NONE, |b| b.code.as_str())),
            None => (0, BAND_NONE),
        }
    }

    /// The label of a localized text in `locale`, or in the catalog's first locale.
    pub fn text<'a>(&self, text: &'a LocalizedText, locale: Locale) -> &'a str {
        text.get(locale.tag())
            .or_else(|| self.data.catalog.locales.first().and_then(|l| text.get(l)))
            .map_or("", String::as_str)
    }
}

/// A catalog a stored record may name (SPEC §12.6): its identity and
/// digests, from the catalog as given, and the catalog loaded under the
/// current rules when it passes them. Making one never fails: a catalog of
/// an earlier engine that the current rules refuse still identifies the
/// records built with it.
#[derive(Debug, Clone)]
pub struct KnownCatalog {
    id: String,
    version: String,
    illustrative: bool,
    /// Carries an approval and is not illustrative.
    approved: bool,
    /// The digest as given, then as engines before v1.3 computed it (each
    /// indicator's absent `requiresEvidence` filled in as `false`).
    digests: [String; 2],
    active: Option<ActiveCatalog>,
}

impl KnownCatalog {
    /// Digests a catalog given as JSON and loads it when the current rules
    /// accept it.
    pub fn from_value(value: &Value, locale: Locale) -> KnownCatalog {
        let text = |key: &str| value.get(key).and_then(Value::as_str).unwrap_or_default().to_owned();
        KnownCatalog {
            id: text("id"),
            version: text("version"),
            illustrative: value.get("illustrative") == Some(&Value::Bool(true)),
            approved: value.get("approval").is_some_and(Value::is_object)
                && value.get("illustrative") != Some(&Value::Bool(true)),
            digests: digests_of(value),
            active: ActiveCatalog::from_value(value, locale).ok(),
        }
    }

    /// Whether the catalog carries an approval and is not illustrative.
    pub fn approved(&self) -> bool {
        self.approved
    }

    /// The catalog loaded under the current rules, if it passes them.
    pub fn active(&self) -> Option<&ActiveCatalog> {
        self.active.as_ref()
    }

    /// Whether a record's catalog reference (id, version, digest,
    /// `illustrative`) names this catalog; `earlier`: a record of an earlier
    /// schema version, whose digest may be the pre-v1.3 one.
    pub fn named_by(&self, id: &str, version: &str, digest: &str, illustrative: bool, earlier: bool) -> bool {
        let [given, filled] = &self.digests;
        self.id == id
            && self.version == version
            && self.illustrative == illustrative
            && (digest == given || (earlier && digest == filled))
    }
}

impl From<&ActiveCatalog> for KnownCatalog {
    fn from(active: &ActiveCatalog) -> KnownCatalog {
        let value = super::json_text::to_value(active.catalog()).unwrap_or(Value::Null);
        let [_, filled] = digests_of(&value);
        KnownCatalog {
            id: active.catalog().id.clone(),
            version: active.catalog().version.clone(),
            illustrative: active.illustrative(),
            approved: active.approved(),
            digests: [active.digest().to_owned(), filled],
            active: Some(active.clone()),
        }
    }
}

/// The digests of a catalog value: as given, and with every indicator's
/// absent `requiresEvidence` filled in as `false` (how v1.2 computed it).
fn digests_of(value: &Value) -> [String; 2] {
    let digest = |value: &Value| canonical_digest(value).unwrap_or_default();
    let mut filled = value.clone();
    if let Some(Value::Array(indicators)) = filled.get_mut("indicators") {
        for indicator in indicators.iter_mut() {
            if let Value::Object(members) = indicator {
                members.entry("requiresEvidence").or_insert(Value::Bool(false));
            }
        }
    }
    [digest(value), digest(&filled)]
}

/// The embedded example catalog, as published JSON (minified in the
/// WebAssembly module, see `build.rs`).
#[cfg(not(target_arch = "wasm32"))]
pub const EXAMPLE_CATALOG_JSON: &str = include_str!("../catalog/ind-example.json");
/// The embedded example catalog, as published JSON (minified in the
/// WebAssembly module, see `build.rs`).
#[cfg(target_arch = "wasm32")]
pub const EXAMPLE_CATALOG_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/ind-example.json"));

/// Every problem of a catalog, in document order.
pub fn lint(catalog: &Catalog) -> Vec<Finding> {
    let mut out = Vec::new();
    let range = |path: Pointer, value: u32, (min, max): (u32, u32), out: &mut Vec<Finding>| {
        if value < min || value > max {
            out.push(Finding::error(path, Kind::CatalogRange { min: min.into(), max: max.into() }));
        }
    };
    let nonempty = |path: Pointer, text: &str, out: &mut Vec<Finding>| {
        if text.trim().is_empty() || text.len() > 200 {
            out.push(Finding::error(path, Kind::CatalogRange { min: 1, max: 200 }));
        }
    };
    nonempty("/id".into(), &catalog.id, &mut out);
    nonempty("/version".into(), &catalog.version, &mut out);
    if catalog.locales.is_empty() {
        out.push(Finding::error("/locales", Kind::CatalogRange { min: 1, max: 2 }));
    }
    duplicates(Pointer::root().member("locales"), catalog.locales.iter().map(String::as_str), &mut out);
    for (name, len) in [
        ("/categories", catalog.categories.len()),
        ("/indicators", catalog.indicators.len()),
        ("/partners", catalog.partners.len()),
        ("/sisStates", catalog.sis_states.len()),
        ("/routing", catalog.routing.len()),
        ("/measures", catalog.measures.len()),
    ] {
        if len > MAX_LIST {
            out.push(Finding::error(name, Kind::CatalogRange { min: 0, max: MAX_LIST as u64 }));
        }
    }
    let labels = |path: Pointer, text: &LocalizedText, out: &mut Vec<Finding>| {
        for locale in &catalog.locales {
            if text.get(locale).is_none_or(|t| t.trim().is_empty()) {
                out.push(Finding::error(path.clone().member(locale), Kind::CatalogLabelMissing));
            }
        }
    };

    let category = |code: &str| catalog.categories.iter().find(|c| c.code == code);
    duplicates(Pointer::root().member("categories"), catalog.categories.iter().map(|c| c.code.as_str()), &mut out);
    for (i, category) in catalog.categories.iter().enumerate() {
        nonempty(item_member("categories", i, "code"), &category.code, &mut out);
        labels(item_member("categories", i, "labels"), &category.labels, &mut out);
    }

    duplicates(Pointer::root().member("indicators"), catalog.indicators.iter().map(|d| d.code.as_str()), &mut out);
    for (i, indicator) in catalog.indicators.iter().enumerate() {
        nonempty(item_member("indicators", i, "code"), &indicator.code, &mut out);
        match category(&indicator.category) {
            None => out.push(Finding::error(item_member("indicators", i, "category"), Kind::CatalogReference)),
            Some(category) if category.protective && indicator.routing_only == Some(true) => {
                out.push(Finding::error(
                    item_member("indicators", i, "routingOnly"),
                    Kind::CatalogProtectiveRoutingOnly,
                ));
            }
            Some(_) => {}
        }
        range(item_member("indicators", i, "weight"), indicator.weight, WEIGHT_RANGE, &mut out);
        let routes_path = item_member("indicators", i, "routesTo");
        match (&indicator.routes_to, indicator.routing_only == Some(true)) {
            (Some(routes), true) if !routes.is_empty() => {
                duplicates(routes_path.clone(), routes.iter().map(String::as_str), &mut out);
                for (j, partner) in routes.iter().enumerate() {
                    if !catalog.partners.iter().any(|p| p.code() == partner) {
                        out.push(Finding::error(routes_path.clone().index(j), Kind::CatalogReference));
                    }
                }
            }
            (None, false) => {}
            // Required (non-empty) for a routing-only indicator, not allowed otherwise.
            _ => out.push(Finding::error(routes_path, Kind::CatalogRange { min: 1, max: MAX_LIST as u64 })),
        }
        labels(item_member("indicators", i, "labels"), &indicator.labels, &mut out);
        labels(item_member("indicators", i, "guidance"), &indicator.guidance, &mut out);
    }

    for (name, map, keys) in [
        ("reliability", &catalog.grading.reliability, RELIABILITY),
        ("credibility", &catalog.grading.credibility, CREDIBILITY),
    ] {
        let base = Pointer::root().member("grading").member(name);
        for &key in keys {
            match map.get(key) {
                Some(value) => range(base.clone().member(key), *value, FACTOR_RANGE, &mut out),
                None => out.push(Finding::error(base.clone().member(key), Kind::CatalogShape { problem: None })),
            }
        }
        for key in map.keys().filter(|k| !keys.contains(&k.as_str())) {
            out.push(Finding::error(base.clone().member(key), Kind::CatalogShape { problem: None }));
        }
        // Each grade weighs no more than the one before it, and "cannot be
        // judged" (the last) no more than the fourth ("not usually
        // reliable" / "doubtful").
        let factor = |k: usize| keys.get(k).and_then(|key| map.get(*key)).copied();
        for k in 1..keys.len() {
            let before = if k + 1 == keys.len() { 3 } else { k - 1 };
            if let (Some(earlier), Some(this), Some(key)) = (factor(before), factor(k), keys.get(k)) {
                if this > earlier {
                    out.push(Finding::error(base.clone().member(key), Kind::CatalogGradingOrder));
                }
            }
        }
    }

    if catalog.recency.is_empty() {
        out.push(Finding::error("/recency", Kind::CatalogShape { problem: None }));
    }
    let mut previous: Option<u32> = None;
    let last = catalog.recency.len().saturating_sub(1);
    for (i, bucket) in catalog.recency.iter().enumerate() {
        range(item_member("recency", i, "factor"), bucket.factor, FACTOR_RANGE, &mut out);
        match (bucket.max_days, i == last) {
            (Some(_), true) | (None, false) => {
                out.push(Finding::error(item_member("recency", i, "maxDays"), Kind::CatalogOrder));
            }
            (Some(days), false) => {
                if previous.is_some_and(|p| days <= p) {
                    out.push(Finding::error(item_member("recency", i, "maxDays"), Kind::CatalogOrder));
                }
                previous = Some(days);
            }
            (None, true) => {}
        }
    }

    duplicates(Pointer::root().member("bands"), catalog.bands.iter().map(|b| b.code.as_str()), &mut out);
    for (i, band) in catalog.bands.iter().enumerate() {
        if band.code == BAND_NONE {
            out.push(Finding::error(item_member("bands", i, "code"), Kind::CatalogDuplicate));
        }
        nonempty(item_member("bands", i, "code"), &band.code, &mut out);
        range(item_member("bands", i, "from"), band.from, BAND_FROM_RANGE, &mut out);
        if let Some(band_labels) = &band.labels {
            labels(item_member("bands", i, "labels"), band_labels, &mut out);
        }
        if i > 0 && catalog.bands.get(i - 1).is_some_and(|p| band.from <= p.from) {
            out.push(Finding::error(item_member("bands", i, "from"), Kind::CatalogOrder));
        }
    }
    let band_known = |code: &str| code == BAND_NONE || catalog.bands.iter().any(|b| b.code == code);

    duplicates(Pointer::root().member("partners"), catalog.partners.iter().map(Partner::code), &mut out);
    for (i, partner) in catalog.partners.iter().enumerate() {
        match partner {
            Partner::Code(code) => nonempty(item("partners", i), code, &mut out),
            Partner::Described(described) => {
                nonempty(item_member("partners", i, "code"), &described.code, &mut out);
                labels(item_member("partners", i, "labels"), &described.labels, &mut out);
                if let Some(basis) = &described.legal_basis {
                    let length = basis.chars().count();
                    if basis.trim().is_empty() || length > 400 {
                        out.push(Finding::error(
                            item_member("partners", i, "legalBasis"),
                            Kind::CatalogRange { min: 1, max: 400 },
                        ));
                    }
                }
            }
        }
    }
    duplicates(Pointer::root().member("sisStates"), catalog.sis_states.iter().map(String::as_str), &mut out);
    for (i, state) in catalog.sis_states.iter().enumerate() {
        if state.len() != 2 || !state.bytes().all(|b| b.is_ascii_uppercase()) {
            out.push(Finding::error(item("sisStates", i), Kind::CatalogShape { problem: None }));
        }
    }

    for (i, rule) in catalog.routing.iter().enumerate() {
        if category(&rule.category).is_none() {
            out.push(Finding::error(item_member("routing", i, "category"), Kind::CatalogReference));
        }
        if !band_known(&rule.min_band) {
            out.push(Finding::error(item_member("routing", i, "minBand"), Kind::CatalogReference));
        }
        for (j, partner) in rule.partners.iter().enumerate() {
            if !catalog.partners.iter().any(|p| p.code() == partner) {
                out.push(Finding::error(item_member("routing", i, "partners").index(j), Kind::CatalogReference));
            }
        }
    }

    let mut seen_measures: Vec<(&str, &str)> = Vec::new();
    for (i, measure) in catalog.measures.iter().enumerate() {
        match category(&measure.category) {
            None => out.push(Finding::error(item_member("measures", i, "category"), Kind::CatalogReference)),
            Some(category) if category.protective => {
                out.push(Finding::error(item_member("measures", i, "category"), Kind::CatalogProtectiveMeasure));
            }
            Some(_) => {}
        }
        if !band_known(&measure.min_band) {
            out.push(Finding::error(item_member("measures", i, "minBand"), Kind::CatalogReference));
        }
        nonempty(item_member("measures", i, "code"), &measure.code, &mut out);
        nonempty(item_member("measures", i, "legalBasis"), &measure.legal_basis, &mut out);
        labels(item_member("measures", i, "labels"), &measure.labels, &mut out);
        if let Some(notes) = &measure.notes {
            labels(item_member("measures", i, "notes"), notes, &mut out);
        }
        for (name, listed, vocabulary) in
            [("procedures", &measure.procedures, PROCEDURES), ("statuses", &measure.statuses, STATUSES)]
        {
            let Some(listed) = listed else { continue };
            let base = item_member("measures", i, name);
            if listed.is_empty() {
                out.push(Finding::error(base.clone(), Kind::CatalogRange { min: 1, max: vocabulary.len() as u64 }));
            }
            duplicates(base.clone(), listed.iter().map(String::as_str), &mut out);
            for (j, value) in listed.iter().enumerate() {
                if !vocabulary.contains(&value.as_str()) {
                    out.push(Finding::error(base.clone().index(j), Kind::CatalogReference));
                }
            }
        }
        if let Some(required) = &measure.requires_any_of {
            let base = item_member("measures", i, "requiresAnyOf");
            if required.is_empty() {
                out.push(Finding::error(base.clone(), Kind::CatalogRange { min: 1, max: MAX_LIST as u64 }));
            }
            duplicates(base.clone(), required.iter().map(String::as_str), &mut out);
            for (j, code) in required.iter().enumerate() {
                let own = catalog.indicators.iter().any(|d| &d.code == code && d.category == measure.category);
                if !own {
                    out.push(Finding::error(base.clone().index(j), Kind::CatalogReference));
                }
            }
        }
        let key = (measure.category.as_str(), measure.code.as_str());
        if seen_measures.contains(&key) {
            out.push(Finding::error(item_member("measures", i, "code"), Kind::CatalogDuplicate));
        }
        seen_measures.push(key);
    }
    single_item_measures(catalog, &mut out);
    governance(catalog, &mut out);
    out
}

/// The single-item rule (SPEC §12.2): an indicator that could reach a
/// measure on its own (at the best grading and full recency its strength is
/// `weight × 100`) must be marked `sufficientAlone` by the policy owner.
fn single_item_measures(catalog: &Catalog, out: &mut Vec<Finding>) {
    // A measure on a protective category never applies (it is reported as such).
    let protective = |code: &str| catalog.categories.iter().any(|c| c.code == code && c.protective);
    for measure in catalog.measures.iter().filter(|m| !protective(&m.category)) {
        let from = match measure.min_band.as_str() {
            BAND_NONE => 0,
            code => match catalog.bands.iter().find(|b| b.code == code) {
                Some(band) => band.from,
                None => continue,
            },
        };
        for (i, indicator) in catalog.indicators.iter().enumerate() {
            let can_reach = indicator.category == measure.category
                && indicator.routing_only != Some(true)
                && measure.requires_any_of.as_ref().is_none_or(|codes| codes.contains(&indicator.code))
                && indicator.weight.saturating_mul(100) >= from;
            if can_reach && indicator.sufficient_alone != Some(true) {
                out.push(Finding::error(
                    item_member("indicators", i, "weight"),
                    Kind::CatalogSingleItemMeasure {
                        measure: measure.code.clone(),
                        category: measure.category.clone(),
                        indicator: indicator.code.clone(),
                    },
                ));
            }
        }
    }
}

/// The governance members (SPEC §12.2): validity dates in order, an
/// approval only on a catalog that is not illustrative, change summaries
/// in every locale, a review period of 1–3650 days.
fn governance(catalog: &Catalog, out: &mut Vec<Finding>) {
    let date = |text: &Option<String>, path: &str, out: &mut Vec<Finding>| match text {
        Some(text) => {
            let parsed = Date::parse(text);
            if parsed.is_none() {
                out.push(Finding::error(path, Kind::CatalogShape { problem: Some(super::schema::Problem::Pattern) }));
            }
            parsed
        }
        None => None,
    };
    let from = date(&catalog.valid_from, "/validFrom", out);
    let until = date(&catalog.valid_until, "/validUntil", out);
    if let (Some(from), Some(until)) = (from, until) {
        if until < from {
            out.push(Finding::error("/validUntil", Kind::CatalogOrder));
        }
    }
    if let Some(approval) = &catalog.approval {
        date(&Some(approval.on.clone()), "/approval/on", out);
        if catalog.illustrative == Some(true) {
            out.push(Finding::error("/approval", Kind::CatalogIllustrativeApproved));
        }
    }
    for (i, change) in catalog.changes.iter().flatten().enumerate() {
        date(&Some(change.on.clone()), &format!("/changes/{i}/on"), out);
        for locale in &catalog.locales {
            let text = change.summary.get(locale).map(|t| t.trim().chars().count()).unwrap_or(0);
            if text == 0 {
                out.push(Finding::error(
                    item_member("changes", i, "summary").member(locale),
                    Kind::CatalogLabelMissing,
                ));
            } else if text > 2000 {
                out.push(Finding::error(
                    item_member("changes", i, "summary").member(locale),
                    Kind::CatalogRange { min: 1, max: 2000 },
                ));
            }
        }
    }
    if let Some(days) = catalog.review_after_days {
        let (min, max) = REVIEW_AFTER_DAYS_RANGE;
        if !(min..=max).contains(&days) {
            out.push(Finding::error("/reviewAfterDays", Kind::CatalogRange { min: min.into(), max: max.into() }));
        }
    }
}

/// `/{list}/{index}` (one function, so `lint` does not repeat the building).
fn item(list: &str, index: usize) -> Pointer {
    Pointer::root().member(list).index(index)
}

/// `/{list}/{index}/{member}`.
fn item_member(list: &str, index: usize, member: &str) -> Pointer {
    item(list, index).member(member)
}

/// Reports every later occurrence of a code already seen. Quadratic, but
/// lists are capped at [`MAX_LIST`] and it needs no extra map code.
fn duplicates<'a>(base: Pointer, codes_in_order: impl Iterator<Item = &'a str>, out: &mut Vec<Finding>) {
    let mut seen: Vec<&str> = Vec::new();
    for (i, code) in codes_in_order.enumerate() {
        if seen.contains(&code) {
            out.push(Finding::error(base.clone().index(i), Kind::CatalogDuplicate));
        } else {
            seen.push(code);
        }
    }
}

/// Reads a catalog that passed the catalog schema. Reading by hand, rather
/// than with a derived deserializer, keeps the WebAssembly module small.
fn catalog_from_checked(value: &Value) -> Catalog {
    fn text(value: &Value, key: &str) -> String {
        value.get(key).and_then(Value::as_str).unwrap_or_default().to_owned()
    }
    fn number(value: &Value, key: &str) -> u32 {
        value.get(key).and_then(Value::as_u64).and_then(|n| u32::try_from(n).ok()).unwrap_or(0)
    }
    fn list<'v>(value: &'v Value, key: &str) -> &'v [Value] {
        value.get(key).and_then(Value::as_array).map_or(&[], Vec::as_slice)
    }
    fn texts(value: &Value, key: &str) -> Vec<String> {
        list(value, key).iter().filter_map(Value::as_str).map(str::to_owned).collect()
    }
    // Maps are filled by insertion: `collect()` into a BTreeMap would add a
    // sort to the module for each map type.
    fn localized(value: &Value, key: &str) -> LocalizedText {
        let mut out = LocalizedText::new();
        for (k, v) in value.get(key).and_then(Value::as_object).into_iter().flatten() {
            out.insert(k.clone(), v.as_str().unwrap_or_default().to_owned());
        }
        out
    }
    fn factors(value: Option<&Value>) -> BTreeMap<String, u32> {
        let mut out = BTreeMap::new();
        for (k, v) in value.and_then(Value::as_object).into_iter().flatten() {
            out.insert(k.clone(), v.as_u64().and_then(|n| u32::try_from(n).ok()).unwrap_or(0));
        }
        out
    }
    fn flag(value: &Value, key: &str) -> Option<bool> {
        value.get(key).and_then(Value::as_bool)
    }
    fn optional_texts(value: &Value, key: &str) -> Option<Vec<String>> {
        value.get(key).is_some().then(|| texts(value, key))
    }
    fn optional_localized(value: &Value, key: &str) -> Option<LocalizedText> {
        value.get(key).is_some().then(|| localized(value, key))
    }
    fn optional_text(value: &Value, key: &str) -> Option<String> {
        value.get(key).is_some().then(|| text(value, key))
    }
    Catalog {
        id: text(value, "id"),
        version: text(value, "version"),
        locales: texts(value, "locales"),
        illustrative: flag(value, "illustrative"),
        valid_from: optional_text(value, "validFrom"),
        valid_until: optional_text(value, "validUntil"),
        approval: value.get("approval").map(|a| Approval {
            by: text(a, "by"),
            on: text(a, "on"),
            reference: text(a, "reference"),
        }),
        changes: value.get("changes").is_some().then(|| {
            list(value, "changes")
                .iter()
                .map(|c| CatalogChange {
                    version: text(c, "version"),
                    on: text(c, "on"),
                    summary: localized(c, "summary"),
                })
                .collect()
        }),
        review_after_days: value.get("reviewAfterDays").is_some().then(|| number(value, "reviewAfterDays")),
        categories: list(value, "categories")
            .iter()
            .map(|c| Category {
                code: text(c, "code"),
                protective: c.get("protective").and_then(Value::as_bool).unwrap_or(false),
                decays: flag(c, "decays"),
                labels: localized(c, "labels"),
            })
            .collect(),
        indicators: list(value, "indicators")
            .iter()
            .map(|d| IndicatorDefinition {
                code: text(d, "code"),
                category: text(d, "category"),
                weight: number(d, "weight"),
                requires_evidence: flag(d, "requiresEvidence"),
                routing_only: flag(d, "routingOnly"),
                routes_to: optional_texts(d, "routesTo"),
                sufficient_alone: flag(d, "sufficientAlone"),
                labels: localized(d, "labels"),
                guidance: localized(d, "guidance"),
            })
            .collect(),
        grading: Grading {
            reliability: factors(value.pointer("/grading/reliability")),
            credibility: factors(value.pointer("/grading/credibility")),
        },
        recency: list(value, "recency")
            .iter()
            .map(|b| RecencyBucket {
                max_days: b.get("maxDays").and_then(Value::as_u64).and_then(|n| u32::try_from(n).ok()),
                factor: number(b, "factor"),
            })
            .collect(),
        bands: list(value, "bands")
            .iter()
            .map(|b| Band { code: text(b, "code"), from: number(b, "from"), labels: optional_localized(b, "labels") })
            .collect(),
        partners: list(value, "partners")
            .iter()
            .map(|p| match p {
                Value::String(code) => Partner::Code(code.clone()),
                described => Partner::Described(PartnerDescription {
                    code: text(described, "code"),
                    labels: localized(described, "labels"),
                    legal_basis: optional_text(described, "legalBasis"),
                }),
            })
            .collect(),
        sis_states: texts(value, "sisStates"),
        routing: list(value, "routing")
            .iter()
            .map(|r| RoutingRule {
                category: text(r, "category"),
                min_band: text(r, "minBand"),
                requires_evidence: flag(r, "requiresEvidence"),
                partners: texts(r, "partners"),
            })
            .collect(),
        measures: list(value, "measures")
            .iter()
            .map(|m| MeasureDefinition {
                category: text(m, "category"),
                min_band: text(m, "minBand"),
                code: text(m, "code"),
                labels: localized(m, "labels"),
                legal_basis: text(m, "legalBasis"),
                procedures: optional_texts(m, "procedures"),
                statuses: optional_texts(m, "statuses"),
                requires_any_of: optional_texts(m, "requiresAnyOf"),
                suspended_by_protection: flag(m, "suspendedByProtection"),
                notes: optional_localized(m, "notes"),
            })
            .collect(),
    }
}

/// The schemas of members whose published rules the derive cannot state:
/// the grading keys with their factor range, and the procedure and status
/// vocabularies (from the same lists the engine checks with).
#[cfg(test)]
mod published {
    use schemars::{json_schema, Schema, SchemaGenerator};

    use super::{CREDIBILITY, FACTOR_RANGE, PROCEDURES, RELIABILITY, STATUSES};

    /// Every key, each a per-mille factor (one shared definition).
    fn factors(generator: &mut SchemaGenerator, keys: &[&str]) -> Schema {
        let factor = serde_json::json!({ "type": "integer", "minimum": FACTOR_RANGE.0, "maximum": FACTOR_RANGE.1 });
        generator.definitions_mut().insert("Factor".to_owned(), factor);
        let properties: serde_json::Map<String, serde_json::Value> =
            keys.iter().map(|key| ((*key).to_owned(), serde_json::json!({ "$ref": "#/$defs/Factor" }))).collect();
        json_schema!({ "type": "object", "properties": properties, "required": keys, "additionalProperties": false })
    }

    fn subset(vocabulary: &[&str]) -> Schema {
        json_schema!({ "type": "array", "items": { "enum": vocabulary }, "minItems": 1, "uniqueItems": true })
    }

    pub fn reliability(generator: &mut SchemaGenerator) -> Schema {
        factors(generator, RELIABILITY)
    }

    pub fn credibility(generator: &mut SchemaGenerator) -> Schema {
        factors(generator, CREDIBILITY)
    }

    pub fn procedures(_: &mut SchemaGenerator) -> Schema {
        subset(PROCEDURES)
    }

    pub fn statuses(_: &mut SchemaGenerator) -> Schema {
        subset(STATUSES)
    }
}
