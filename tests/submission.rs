//! The server side of a submission (SPEC §8.3): authority, freshness,
//! replay, the no-script path.
#![cfg(not(target_arch = "wasm32"))] // Native suite; the browser suite is tests/web.rs.

mod common;

use common::*;
use serde_json::{json, Value};
use signal_indicators::Instant;
use signal_indicators::{entries_from_input, PostMapping};
use signal_indicators::{Seen, Submission, SubmissionRules, DEFAULT_MAX_AGE_SECONDS};

const NEW_ID: &str = "9b1c2d3e-4f50-4a6b-8c7d-0e1f2a3b4c5d";

fn rules<'a>(mapping: &'a PostMapping, now: &str, seen: &'a dyn Fn(&str) -> Seen) -> SubmissionRules<'a> {
    SubmissionRules {
        mapping,
        record_field: "signal_record",
        catalogs: &[],
        now: Instant::parse(now).expect("instant"),
        max_age_seconds: DEFAULT_MAX_AGE_SECONDS,
        seen,
        new_id: NEW_ID.to_owned(),
    }
}

fn record_text() -> String {
    serde_json::to_string(&engine().build_record(&valid_input(), today(), &stamp()).expect("valid")).expect("json")
}

/// The post a portal sends: the host fields, the picker and the record.
fn post(input: &Value, mapping: &PostMapping, record: Option<&str>) -> Vec<(String, String)> {
    let mut entries = entries_from_input(input, mapping);
    entries.push(("_csrf".to_owned(), "token".to_owned()));
    entries.push(("signal_record".to_owned(), record.unwrap_or_default().to_owned()));
    entries
}

fn codes(submission: &Submission) -> Vec<(String, String)> {
    submission.issues.iter().map(|i| (i.path.clone(), i.code.clone())).collect()
}

const LATER: &str = "2026-11-28T21:00:00.000Z";

#[test]
fn an_agreeing_post_is_authoritative() {
    let mapping = PostMapping::from_maps(
        [("caseNumber".to_owned(), "zaak_nr".to_owned())].into(),
        [("procedure".to_owned(), [("asiel".to_owned(), "asylum".to_owned())].into())].into(),
    );
    let text = record_text();
    let never = |_: &str| Seen::No;
    let result =
        engine().verify_submission(&post(&valid_input(), &mapping, Some(&text)), &rules(&mapping, LATER, &never));
    assert!(result.ok, "{:?}", result.issues);
    assert_eq!(result.record_text.as_deref(), Some(text.as_str()), "the record as posted");
    assert_eq!(result.input, valid_input());
    assert!(result.issues.is_empty());
}

#[test]
fn every_difference_between_fields_and_record_is_a_mismatch() {
    let mapping = PostMapping::default();
    let text = record_text();
    let never = |_: &str| Seen::No;
    let cases: Vec<(&str, Value, &str)> = vec![
        ("/caseNumber", json!("IND-2026-999999"), "/case/caseNumber"),
        ("/procedure", json!("regular"), "/case/procedure"),
        ("/indicators/0/reliability", json!("A"), "/indicators/0/reliability"),
        ("/subject/status", json!("permit-holder"), "/subject/status"),
        ("/summary", json!("Een ander verslag dan het record bevat, lang genoeg."), "/summary"),
        ("/sharedWith", json!(["AIVD", "CT-INFOBOX"]), "/routing/sharedWith"),
    ];
    for (pointer, value, expected) in cases {
        let mut posted = valid_input();
        set(&mut posted, pointer, value);
        if pointer == "/sharedWith" {
            posted["noShareReason"] = json!("Afgestemd met de AIVD; NCTV volgt.");
        }
        let result = engine().verify_submission(&post(&posted, &mapping, Some(&text)), &rules(&mapping, LATER, &never));
        assert!(!result.ok, "{pointer}");
        assert!(result.record_text.is_none());
        let found = codes(&result);
        assert!(found.iter().any(|(p, c)| c == "record.mismatch" && p.starts_with(expected)), "{pointer}: {found:?}");
        assert!(found.iter().all(|(_, c)| c == "record.mismatch"), "only mismatches: {found:?}");
    }
    // Fields missing from the post altogether.
    let result =
        engine().verify_submission(&[("signal_record".to_owned(), text.clone())], &rules(&mapping, LATER, &never));
    assert!(!result.ok);
    assert!(codes(&result).iter().any(|(p, c)| c == "record.mismatch" && p == "/case/caseNumber"));
}

#[test]
fn stale_future_and_replayed_records_are_refused() {
    let mapping = PostMapping::default();
    let text = record_text();
    let never = |_: &str| Seen::No;
    let entries = post(&valid_input(), &mapping, Some(&text));
    for now in ["2026-11-30T20:15:00.001Z", "2026-11-28T20:09:59.000Z"] {
        let result = engine().verify_submission(&entries, &rules(&mapping, now, &never));
        assert_eq!(codes(&result), vec![("/createdAt".to_owned(), "record.stale".to_owned())], "{now}");
        assert!(!result.ok);
    }
    // Within five minutes ahead of the server's clock, and within the age.
    assert!(engine().verify_submission(&entries, &rules(&mapping, "2026-11-28T20:11:00.000Z", &never)).ok);
    let mut short = rules(&mapping, LATER, &never);
    short.max_age_seconds = 60;
    assert_eq!(
        codes(&engine().verify_submission(&entries, &short)),
        vec![("/createdAt".into(), "record.stale".into())]
    );
    let seen = |id: &str| if id == ID { Seen::Yes } else { Seen::No };
    let result = engine().verify_submission(&entries, &rules(&mapping, LATER, &seen));
    assert_eq!(codes(&result), vec![("/id".to_owned(), "record.replayed".to_owned())]);
    assert!(!result.duplicate);
}

#[test]
fn a_repeat_of_an_accepted_record_is_a_duplicate_not_a_replay() {
    let mapping = PostMapping::default();
    let text = record_text();
    let digest =
        serde_json::from_str::<Value>(&text).expect("json")["integrity"]["digest"].as_str().expect("digest").to_owned();
    let entries = post(&valid_input(), &mapping, Some(&text));
    // The store answers with the digest it keeps under the id: the same one.
    let stored = digest.clone();
    let same = move |id: &str| if id == ID { Seen::Digest(stored.clone()) } else { Seen::No };
    let result = engine().verify_submission(&entries, &rules(&mapping, LATER, &same));
    assert!(result.ok && result.duplicate, "{:?}", result.issues);
    assert_eq!(result.record_text.as_deref(), Some(text.as_str()), "the record as posted");
    // Another digest under the same id: a replay.
    let other = |id: &str| if id == ID { Seen::Digest("sha256:00".to_owned()) } else { Seen::No };
    let result = engine().verify_submission(&entries, &rules(&mapping, LATER, &other));
    assert_eq!(codes(&result), vec![("/id".to_owned(), "record.replayed".to_owned())]);
    assert!(!result.ok && !result.duplicate);
    // Only when every other check passes: a stale repeat is no duplicate.
    let stored = digest.clone();
    let same = move |id: &str| if id == ID { Seen::Digest(stored.clone()) } else { Seen::No };
    let result = engine().verify_submission(&entries, &rules(&mapping, "2026-12-30T00:00:00.000Z", &same));
    assert!(!result.ok && !result.duplicate);
    // No record posted: never a duplicate.
    let result = engine().verify_submission(&post(&valid_input(), &mapping, None), &rules(&mapping, LATER, &same));
    assert!(result.ok && !result.duplicate);
}

#[test]
fn a_broken_or_tampered_record_fails_and_an_empty_one_counts_as_none() {
    let mapping = PostMapping::default();
    let never = |_: &str| Seen::No;
    let text = record_text();
    let broken =
        engine().verify_submission(&post(&valid_input(), &mapping, Some("{")), &rules(&mapping, LATER, &never));
    assert_eq!(codes(&broken), vec![("".to_owned(), "record.not-json".to_owned())]);
    let tampered = text.replace("\"score\":6865", "\"score\":7000");
    let result =
        engine().verify_submission(&post(&valid_input(), &mapping, Some(&tampered)), &rules(&mapping, LATER, &never));
    assert!(!result.ok && codes(&result).iter().any(|(_, c)| c == "record.digest"));
    // An empty record field: the no-script path.
    let empty =
        engine().verify_submission(&post(&valid_input(), &mapping, Some("  ")), &rules(&mapping, LATER, &never));
    assert!(empty.ok);
    let record: Value = serde_json::from_str(empty.record_text.as_deref().expect("built")).expect("json");
    assert_eq!(record["id"], NEW_ID);
}

#[test]
fn without_a_record_the_server_evaluates_and_builds() {
    let mapping = PostMapping::default();
    let never = |_: &str| Seen::No;
    let result = engine().verify_submission(&post(&valid_input(), &mapping, None), &rules(&mapping, LATER, &never));
    assert!(result.ok, "{:?}", result.issues);
    let text = result.record_text.expect("built on the server");
    let record: Value = serde_json::from_str(&text).expect("json");
    assert_eq!((record["id"].as_str(), record["createdAt"].as_str()), (Some(NEW_ID), Some(LATER)));
    assert!(engine().verify_record_text(&text, &[]).ok);
    // Invalid: no record, the issues of the rebuilt input, which is kept.
    let mut invalid = valid_input();
    invalid["subject"]["vNumber"] = json!("12");
    let result = engine().verify_submission(&post(&invalid, &mapping, None), &rules(&mapping, LATER, &never));
    assert!(!result.ok && result.record_text.is_none());
    assert_eq!(codes(&result), vec![("/subject/vNumber".to_owned(), "format.vnumber".to_owned())]);
    assert_eq!(result.input["subject"]["vNumber"], "12");
}
