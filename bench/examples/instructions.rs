//! Instruction counts per operation, for `make bench`: run under
//! `valgrind --tool=callgrind`, `instructions OPERATION N` does the set-up and
//! then OPERATION N times; the difference between N and 0 divided by N is
//! what one operation costs, a number that does not move with the machine's
//! load (unlike a time), so a regression shows as a number.

use std::hint::black_box;

use signal_indicators::{
    canonical_bytes, entries_from_input, sha256_tagged, Instant, PostMapping, Seen, SubmissionRules,
};
use signal_indicators_bench::Fixture;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let operation = args.get(1).map(String::as_str).unwrap_or("evaluate");
    let times: usize = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(0);
    let Fixture { engine, today, stamp, typical, record, typical_text, record_text, .. } = Fixture::new();
    // A post as a portal sends it: the form's fields and the record built from them.
    let mapping = PostMapping::default();
    let mut post = entries_from_input(&typical, &mapping);
    post.push(("signal_record".to_owned(), record_text.clone()));
    let never = |_: &str| Seen::No;
    let submission = SubmissionRules {
        mapping: &mapping,
        record_field: "signal_record",
        catalogs: &[],
        now: Instant::parse("2026-11-28T20:16:00.000Z").unwrap_or(stamp.created_at),
        max_age_seconds: 86_400,
        seen: &never,
        new_id: stamp.id.clone(),
    };
    for _ in 0..times {
        match operation {
            "evaluate" => {
                black_box(engine.evaluate(black_box(&typical), today));
            }
            "buildRecord" => {
                black_box(engine.build_record(black_box(&typical), today, &stamp).ok());
            }
            "evaluate-text" => {
                black_box(engine.evaluate_text(black_box(&typical_text), today));
            }
            "verify-text" => {
                black_box(engine.verify_record_text(black_box(&record_text), &[]));
            }
            "verify" => {
                black_box(engine.verify_record(black_box(&record), &[]));
            }
            "submission" => {
                black_box(engine.verify_submission(black_box(&post), &submission));
            }
            "canonicalize+digest" => {
                black_box(canonical_bytes(black_box(&record)).ok().map(|bytes| sha256_tagged(&bytes)));
            }
            other => {
                eprintln!("unknown operation {other}: evaluate, evaluate-text, buildRecord, verify, verify-text, submission or canonicalize+digest");
                std::process::exit(2);
            }
        }
    }
}
