//! Which stored signals a new catalog version would change (SPEC v1.3
//! §12.5, `catalogImpact`, CLI `catalog impact`): each record's content
//! evaluated again under the old and the new catalog, for a four-eyes
//! approval of the new version.

use serde::Serialize;
use serde_json::{Map, Value};

use super::catalog::ActiveCatalog;
use super::date::Date;
use super::engine::SignalEngine;
use super::messages::Locale;

/// What a catalog advises for one record's content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct AdviceSummary {
    /// The overall band.
    pub band: String,
    /// Measures as `category/measure`, sorted.
    pub measures: Vec<String>,
    /// Advised partners, sorted.
    pub advised: Vec<String>,
}

/// One record under both catalogs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RecordImpact {
    /// The record's id.
    pub id: String,
    /// Under the old catalog.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub before: Option<AdviceSummary>,
    /// Under the new catalog.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub after: Option<AdviceSummary>,
    /// The band, the measures or the routing advice differ.
    pub changed: bool,
    /// The record holds a code either catalog lacks (or no evaluation date).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub not_comparable: bool,
}

/// The counts an approval reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ImpactSummary {
    /// Records read.
    pub records: usize,
    /// Records whose band, measures or routing advice change.
    pub changed: usize,
    /// Records whose band goes up (by position in each catalog's bands).
    pub band_up: usize,
    /// Records whose band goes down.
    pub band_down: usize,
    /// Records that gain at least one measure.
    pub measures_gained: usize,
    /// Records that lose at least one measure.
    pub measures_lost: usize,
    /// Records whose routing advice changes.
    pub routing_changed: usize,
    /// Records holding a code either catalog lacks.
    pub not_comparable: usize,
}

/// Every record's impact and the summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct CatalogImpact {
    /// Per record, in the order given.
    pub records: Vec<RecordImpact>,
    /// The counts.
    pub summary: ImpactSummary,
}

/// The form content of a stored record that advice depends on: indicators,
/// procedure, status, protection, context and who it was shared with.
fn advice_input(record: &Value) -> Value {
    let mut input = Map::new();
    let mut put = |key: &str, value: Option<&Value>| {
        if let Some(value) = value {
            input.insert(key.to_owned(), value.clone());
        }
    };
    put("procedure", record.pointer("/case/procedure"));
    put("subject", record.get("subject"));
    put("context", record.get("context"));
    put("indicators", record.get("indicators"));
    put("sharedWith", record.pointer("/routing/sharedWith"));
    Value::Object(input)
}

/// What `engine` advises for a record's content on its evaluation date.
fn advice_of(engine: &SignalEngine, input: &Value, on: Date) -> (usize, AdviceSummary) {
    let evaluation = engine.evaluate(input, on);
    let band = evaluation.assessment.overall.band.clone();
    let rank = engine.active_catalog().band_rank(&band).unwrap_or(0);
    let mut measures: Vec<String> = evaluation.measures.iter().map(|m| format!("{}/{}", m.category, m.code)).collect();
    measures.sort();
    let advised = evaluation.routing.advised.iter().map(|p| (*p).to_owned()).collect();
    (rank, AdviceSummary { band, measures, advised })
}

/// Each record's content evaluated under `old` and `new`.
pub fn catalog_impact(old: &ActiveCatalog, new: &ActiveCatalog, records: &[Value], locale: Locale) -> CatalogImpact {
    let engine = |catalog: &ActiveCatalog| SignalEngine::new(locale, Some(catalog.clone()), &[]);
    let (Ok(before_engine), Ok(after_engine)) = (engine(old), engine(new)) else {
        return CatalogImpact { records: Vec::new(), summary: ImpactSummary::default() };
    };
    let mut summary = ImpactSummary { records: records.len(), ..ImpactSummary::default() };
    let mut out = Vec::with_capacity(records.len());
    for record in records {
        let id = record.get("id").and_then(Value::as_str).unwrap_or_default().to_owned();
        let date = record.pointer("/assessment/evaluatedOn").and_then(Value::as_str).and_then(Date::parse);
        let codes: Vec<&str> = record
            .get("indicators")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|item| item.get("code").and_then(Value::as_str).unwrap_or_default())
            .collect();
        let known = |catalog: &ActiveCatalog| codes.iter().all(|code| catalog.indicator(code).is_some());
        let Some(date) = date.filter(|_| known(old) && known(new)) else {
            summary.not_comparable += 1;
            out.push(RecordImpact { id, before: None, after: None, changed: false, not_comparable: true });
            continue;
        };
        let input = advice_input(record);
        let (before_rank, before) = advice_of(&before_engine, &input, date);
        let (after_rank, after) = advice_of(&after_engine, &input, date);
        let changed = before != after;
        summary.changed += usize::from(changed);
        summary.band_up += usize::from(after_rank > before_rank);
        summary.band_down += usize::from(after_rank < before_rank);
        summary.measures_gained += usize::from(after.measures.iter().any(|m| !before.measures.contains(m)));
        summary.measures_lost += usize::from(before.measures.iter().any(|m| !after.measures.contains(m)));
        summary.routing_changed += usize::from(before.advised != after.advised);
        out.push(RecordImpact { id, before: Some(before), after: Some(after), changed, not_comparable: false });
    }
    CatalogImpact { records: out, summary }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn record(id: &str, indicators: Value) -> Value {
        json!({
            "id": id, "case": { "caseNumber": "X-1", "procedure": "regular" },
            "subject": { "vNumber": "1234567890", "status": "applicant" },
            "context": { "type": "application-assessment" },
            "indicators": indicators,
            "assessment": { "evaluatedOn": "2026-11-28" },
            "routing": { "advised": [], "sharedWith": ["AIVD"] }
        })
    }

    #[test]
    fn a_lower_weight_lowers_bands_and_loses_measures_and_unknown_codes_are_not_compared() {
        let old = ActiveCatalog::example();
        let mut changed: Value = serde_json::from_str(super::super::catalog::EXAMPLE_CATALOG_JSON).expect("json");
        changed["version"] = json!("2027.1");
        let ter01 = changed["indicators"]
            .as_array()
            .expect("array")
            .iter()
            .position(|i| i["code"] == "TER-01")
            .expect("TER-01");
        changed["indicators"][ter01]["weight"] = json!(30);
        changed["indicators"][ter01]["sufficientAlone"] = json!(false);
        let new = ActiveCatalog::from_value(&changed, Locale::Nl).expect("valid");
        let strong = json!([{ "code": "TER-01", "category": "terrorism", "reliability": "A", "credibility": "1", "observedOn": "2026-11-01", "evidenceRefs": ["AMB-1"] }]);
        let other = json!([{ "code": "IDF-01", "category": "identity-fraud", "reliability": "A", "credibility": "1", "observedOn": "2026-11-01" }]);
        let unknown = json!([{ "code": "XYZ-99", "category": "terrorism", "reliability": "A", "credibility": "1", "observedOn": "2026-11-01" }]);
        let impact =
            catalog_impact(&old, &new, &[record("a", strong), record("b", other), record("c", unknown)], Locale::Nl);
        assert_eq!(
            impact.summary,
            ImpactSummary {
                records: 3,
                changed: 1,
                band_up: 0,
                band_down: 1,
                measures_gained: 0,
                measures_lost: 1,
                routing_changed: 1,
                not_comparable: 1
            }
        );
        let first = &impact.records[0];
        assert_eq!(first.before.as_ref().map(|b| b.band.as_str()), Some("high"));
        assert_eq!(first.after.as_ref().map(|a| a.band.as_str()), Some("low"));
        assert_eq!(
            first.before.as_ref().map(|b| b.measures.clone()),
            Some(vec!["terrorism/entry-ban".to_owned(), "terrorism/refuse-or-withdraw-residence".to_owned()])
        );
        assert!(!impact.records[1].changed);
        let third = serde_json::to_value(&impact.records[2]).expect("json");
        assert_eq!(third, json!({ "id": "c", "changed": false, "notComparable": true }));
    }
}
