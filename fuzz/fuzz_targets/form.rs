//! Form input → evaluate and build a record. Invariants: no panic on any
//! text; JSON text evaluates as its parsed value; the same input evaluates
//! the same twice; every record built verifies. And the form as a portal
//! posts it: `attach`'s session gives the evaluation of the post with one
//! control per issue, and a post of a record with the fields it was built
//! from is accepted by the server without a mismatch.
#![no_main]

use libfuzzer_sys::fuzz_target;
use signal_indicators::parse_strict;
use signal_indicators::{entries_from_input, input_from_entries, FormSession, PostMapping, Seen, SubmissionRules};
use signal_indicators::{Date, Instant, Locale, RecordStamp, SignalEngine};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let engine = SignalEngine::example(Locale::Nl);
    let today = Date::parse("2026-11-28").expect("date");
    // Any text at all: read by the engine's own reader, no panic.
    let from_text = engine.evaluate_text(text, today);
    let Ok(input) = parse_strict(text) else { return };
    let first = engine.evaluate(&input, today);
    assert_eq!(from_text, first, "JSON text and its parsed value disagree");
    assert_eq!(first, engine.evaluate(&input, today), "evaluation is not deterministic");
    let stamp = RecordStamp {
        id: "3f0c6a52-8d1e-4c7a-9b2f-5e4d3c2b1a09".to_owned(),
        created_at: Instant::parse("2026-11-28T20:15:00.000Z").expect("instant"),
    };
    match engine.build_record(&input, today, &stamp) {
        Ok(record) => {
            assert!(first.valid, "a record was built from an invalid form");
            let value = serde_json::to_value(&record).expect("record to JSON");
            let verification = engine.verify_record(&value, &[]);
            assert!(verification.ok, "a fresh record does not verify: {:?}", verification.issues);
        }
        Err(error) => assert!(!first.valid || error.code() != "form.invalid"),
    }

    // The same form, posted.
    let mapping = PostMapping::default();
    let entries = entries_from_input(&input, &mapping);
    let mut session = FormSession::new(mapping.clone(), None).expect("no mapping to refuse");
    let state = session.submit(&engine, &entries, today, || Ok(stamp.clone())).expect("a stamp within a day");
    assert_eq!(state.evaluation, engine.evaluate(&input_from_entries(&entries, &mapping), today));
    assert_eq!(state.controls.len(), state.evaluation.issues.len(), "one control per issue");
    let Some(record) = state.record else { return };
    let mut post = entries;
    post.push(("signal_record".to_owned(), serde_json::to_string(&*record).expect("record to JSON")));
    let never = |_: &str| Seen::No;
    let rules = SubmissionRules {
        mapping: &mapping,
        record_field: "signal_record",
        catalogs: &[],
        now: Instant::parse("2026-11-28T20:16:00.000Z").expect("instant"),
        max_age_seconds: 86_400,
        seen: &never,
        new_id: stamp.id.clone(),
    };
    let submission = engine.verify_submission(&post, &rules);
    assert!(submission.ok, "the post of a record's own fields is refused: {:?}", submission.issues);
});
