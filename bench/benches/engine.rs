//! Native benchmarks of the engine (SPEC §11): `make bench` runs them and
//! writes the table in docs/BENCHMARKS.md.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use signal_indicators::{canonical_bytes, sha256_tagged};
use signal_indicators_bench::{form, Fixture};

fn benches(c: &mut Criterion) {
    let Fixture { engine, today, stamp, typical, large, record, typical_text, record_text } = Fixture::new();
    assert!(engine.evaluate(&large, today).valid);
    let _ = form;

    let mut group = c.benchmark_group("engine");
    group.throughput(Throughput::Elements(1));
    group.bench_function("evaluate/12 indicators", |b| b.iter(|| engine.evaluate(&typical, today)));
    group
        .bench_function("evaluate/12 indicators, JSON text", |b| b.iter(|| engine.evaluate_text(&typical_text, today)));
    group.bench_function("evaluate/200 indicators", |b| b.iter(|| engine.evaluate(&large, today)));
    group.bench_function("buildRecord/12 indicators", |b| b.iter(|| engine.build_record(&typical, today, &stamp)));
    group.bench_function("verify/12 indicators", |b| b.iter(|| engine.verify_record(&record, &[])));
    group
        .bench_function("verify/12 indicators, JSON text", |b| b.iter(|| engine.verify_record_text(&record_text, &[])));
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
