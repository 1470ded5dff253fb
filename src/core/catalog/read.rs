//! Reading a catalog that passed the catalog schema.

use super::*;

/// Reads a catalog that passed the catalog schema. Reading by hand, rather
/// than with a derived deserializer, keeps the WebAssembly module small.
pub(super) fn catalog_from_checked(value: &Value) -> Catalog {
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
    // Maps are filled by insertion: `collect()` into a map would add a
    // sort to the module for each map type.
    fn localized(value: &Value, key: &str) -> LocalizedText {
        let mut out = LocalizedText::new();
        for (k, v) in value.get(key).and_then(Value::as_object).into_iter().flatten() {
            out.insert(k.clone(), v.as_str().unwrap_or_default().to_owned());
        }
        out
    }
    fn factors(value: Option<&Value>) -> TextMap<u32> {
        let mut out = TextMap::new();
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
