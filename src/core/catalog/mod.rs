//! The indicator catalog: its data shape (SPEC §6.1) here; loading with
//! full validation and the lookups scoring uses (`active`), the checks
//! (`lint`), reading a checked catalog (`read`), and its digest.

mod active;
mod lint;
mod read;

pub use active::{ActiveCatalog, KnownCatalog};
pub use lint::lint;

use crate::core::text_map::TextMap;
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
pub type LocalizedText = TextMap<String>;

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
    pub reliability: TextMap<u32>,
    /// Information credibility `1`–`6` → factor ‰.
    #[cfg_attr(test, schemars(schema_with = "published::credibility"))]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, number>"))]
    pub credibility: TextMap<u32>,
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

/// The embedded example catalog, as published JSON (minified in the
/// WebAssembly module, see `build.rs`).
#[cfg(not(target_arch = "wasm32"))]
pub const EXAMPLE_CATALOG_JSON: &str = include_str!("../../catalog/ind-example.json");
/// The embedded example catalog, as published JSON (minified in the
/// WebAssembly module, see `build.rs`).
#[cfg(target_arch = "wasm32")]
pub const EXAMPLE_CATALOG_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/ind-example.json"));

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
