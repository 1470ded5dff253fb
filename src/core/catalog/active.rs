//! A catalog loaded with every check, with the lookups scoring needs, and
//! the catalogs stored records may name.

use super::read::catalog_from_checked;
use super::*;

/// A validated catalog with the lookups scoring needs. Cheap to clone.
#[derive(Debug, Clone)]
pub struct ActiveCatalog {
    data: std::sync::Arc<Loaded>,
}

#[derive(Debug)]
struct Loaded {
    catalog: Catalog,
    /// The catalog as given, as JSON: what `catalog()` hands back and what
    /// the digest is of. Kept rather than written again from `catalog`, so
    /// a module that only loads catalogs from JSON has no catalog writer.
    given: Value,
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
        ActiveCatalog::from_json(value.clone(), locale)
    }

    /// [`ActiveCatalog::from_value`] for a value the caller hands over: it is
    /// kept as given rather than copied (a page's catalog is read into a
    /// value of its own, so copying it again would be wasted work).
    pub fn from_json(value: Value, locale: Locale) -> Result<ActiveCatalog, SignalError> {
        let shape = |errors: Vec<(Pointer, crate::core::schema::Problem)>| {
            SignalError::CatalogInvalid(
                errors
                    .into_iter()
                    .map(|(path, problem)| {
                        Finding::error(path, Kind::CatalogShape { problem: Some(problem) }).localize(locale)
                    })
                    .collect(),
            )
        };
        let errors = catalog_validator().validate(&value);
        if !errors.is_empty() {
            return Err(shape(errors));
        }
        let catalog = catalog_from_checked(&value);
        linted(&catalog, locale)?;
        Ok(ActiveCatalog::prepare(catalog, value))
    }

    /// Validates a typed catalog and prepares it for use.
    pub fn new(catalog: Catalog, locale: Locale) -> Result<ActiveCatalog, SignalError> {
        linted(&catalog, locale)?;
        // A catalog holds strings, whole numbers and booleans only, which
        // always have a JSON value.
        let given = crate::core::json_text::to_value(&catalog).unwrap_or_default();
        Ok(ActiveCatalog::prepare(catalog, given))
    }

    /// The lookups scoring needs, for a catalog that passed [`lint`], and
    /// the catalog as JSON.
    fn prepare(catalog: Catalog, given: Value) -> ActiveCatalog {
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
        let factors = |map: &TextMap<u32>, keys: &[&str]| -> Vec<u32> {
            keys.iter().map(|k| map.get(k).copied().unwrap_or(0)).collect()
        };
        let reliability = factors(&catalog.grading.reliability, RELIABILITY);
        let credibility = factors(&catalog.grading.credibility, CREDIBILITY);
        ActiveCatalog {
            data: std::sync::Arc::new(Loaded {
                catalog,
                given,
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
                let value = crate::core::json_text::parse_strict(EXAMPLE_CATALOG_JSON).unwrap_or(Value::Null);
                ActiveCatalog::prepare(catalog_from_checked(&value), value)
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
        // A catalog holds strings, whole numbers and booleans only, which
        // always have a canonical form.
        self.data.digest.get_or_init(|| canonical_digest(&self.data.given).unwrap_or_default())
    }

    /// The catalog as JSON, as given (`engine.catalog()`): loading it again
    /// gives the same digest.
    pub fn as_json(&self) -> &Value {
        &self.data.given
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
        let value = crate::core::json_text::to_value(active.catalog()).unwrap_or(Value::Null);
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

/// `catalog.invalid` with every rule of [`lint`] the catalog breaks.
fn linted(catalog: &Catalog, locale: Locale) -> Result<(), SignalError> {
    let findings = lint(catalog);
    if findings.is_empty() {
        Ok(())
    } else {
        Err(SignalError::CatalogInvalid(findings.iter().map(|f| f.localize(locale)).collect()))
    }
}
