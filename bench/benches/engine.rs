//! Native benchmarks of the engine (SPEC §11): `make bench` runs them and
//! writes the table in docs/BENCHMARKS.md.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use serde_json::{json, Value};
use signal_indicators::{canonical_bytes, sha256_tagged, Date, Instant, Locale, RecordStamp, SignalEngine};

/// A valid form with `count` indicators spread over the scored categories.
fn form(count: usize) -> Value {
    let codes = ["TER-01", "TER-05", "NSE-02", "WAR-01", "SMU-03", "TRA-02", "PUB-04", "IDF-03", "TER-03", "NSE-03", "WAR-02", "IDF-01"];
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

fn benches(c: &mut Criterion) {
    let engine = SignalEngine::example(Locale::Nl);
    let today = Date::parse("2026-11-28").expect("date");
    let stamp = RecordStamp {
        id: "3f0c6a52-8d1e-4c7a-9b2f-5e4d3c2b1a09".to_owned(),
        created_at: Instant::parse("2026-11-28T20:15:00.000Z").expect("instant"),
    };
    let typical = form(12);
    let large = form(200);
    assert!(engine.evaluate(&typical, today).valid && engine.evaluate(&large, today).valid);
    let record = serde_json::to_value(engine.build_record(&typical, &[], today, &stamp).expect("record")).expect("json");

    let mut group = c.benchmark_group("engine");
    group.throughput(Throughput::Elements(1));
    group.bench_function("evaluate/12 indicators", |b| b.iter(|| engine.evaluate(&typical, today)));
    group.bench_function("evaluate/200 indicators", |b| b.iter(|| engine.evaluate(&large, today)));
    group.bench_function("buildRecord/12 indicators", |b| b.iter(|| engine.build_record(&typical, &[], today, &stamp)));
    group.bench_function("verify/12 indicators", |b| b.iter(|| engine.verify_record(&record, &[])));
    group.bench_function("canonicalize+digest/record", |b| {
        b.iter(|| sha256_tagged(&canonical_bytes(&record).expect("canonical")))
    });
    group.finish();
}

criterion_group! {
    name = engine;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(3));
    targets = benches
}
criterion_main!(engine);
