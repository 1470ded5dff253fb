//! What the native benchmarks measure, shared by the criterion benchmarks
//! (`benches/engine.rs`) and the instruction counts (`examples/instructions.rs`).

use serde_json::{json, Value};
use signal_indicators::{Date, Instant, Locale, RecordStamp, SignalEngine};

/// A valid form with `count` indicators spread over the scored categories.
pub fn form(count: usize) -> Value {
    let codes = [
        "TER-01", "TER-05", "NSE-02", "WAR-01", "SMU-03", "TRA-02", "PUB-04", "IDF-03", "TER-03", "NSE-03", "WAR-02",
        "IDF-01",
    ];
    let indicators: Vec<Value> = (0..count)
        .map(|i| {
            let day = 1 + (i % 28);
            let code = codes[i % codes.len()];
            let reliability = ["A", "B", "C"][i % 3];
            let credibility = ["1", "2", "3"][i % 3];
            let observed = format!("2026-0{}-{day:02}", 1 + i % 9);
            json!({ "code": code, "reliability": reliability, "credibility": credibility,
                    "observedOn": observed, "evidenceRefs": ["REF-1"] })
        })
        .collect();
    json!({
        "caseNumber": "IND-2026-000123", "procedure": "asylum", "subject": { "vNumber": "1234567890" },
        "context": { "type": "application-assessment" }, "indicators": indicators,
        "summary": "Ambtsbericht ontvangen over betrokkenheid bij een terroristische organisatie.",
        "officer": { "id": "IND-4711", "unit": "Unit Nationale Veiligheid" }, "handling": { "tlp": "AMBER+STRICT" },
        "sharedWith": [], "noShareReason": "Afgestemd met de teamleider; delen volgt."
    })
}

/// The engine, the dates and the forms every benchmark uses.
pub struct Fixture {
    /// The engine with the built-in catalog, in Dutch.
    pub engine: SignalEngine,
    /// The evaluation date.
    pub today: Date,
    /// The record's id and creation instant.
    pub stamp: RecordStamp,
    /// A valid form of 12 indicators.
    pub typical: Value,
    /// A valid form of 200 indicators.
    pub large: Value,
    /// The record of `typical`, as JSON.
    pub record: Value,
    /// `typical` as JSON text (what a server receives).
    pub typical_text: String,
    /// `record` as JSON text (a posted `signal_record` field).
    pub record_text: String,
}

impl Fixture {
    /// Builds the fixture; panics if the forms are not valid (a benchmark of errors would mislead).
    pub fn new() -> Fixture {
        let engine = SignalEngine::example(Locale::Nl);
        let today = Date::parse("2026-11-28").expect("date");
        let stamp = RecordStamp {
            id: "3f0c6a52-8d1e-4c7a-9b2f-5e4d3c2b1a09".to_owned(),
            created_at: Instant::parse("2026-11-28T20:15:00.000Z").expect("instant"),
        };
        let typical = form(12);
        let large = form(200);
        assert!(engine.evaluate(&typical, today).valid, "the benchmark form is valid");
        let record =
            serde_json::to_value(engine.build_record(&typical, today, &stamp).expect("record")).expect("json");
        let typical_text = typical.to_string();
        let record_text = record.to_string();
        Fixture { engine, today, stamp, typical, large, record, typical_text, record_text }
    }
}

impl Default for Fixture {
    fn default() -> Fixture {
        Fixture::new()
    }
}
