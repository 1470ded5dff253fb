//! A form session (SPEC §9): the mapping checked once, each edit and submit
//! read from the post once, with the control of every issue and, on a valid
//! submit, the record; a repeated submit gives the same record.
#![cfg(not(target_arch = "wasm32"))] // Native suite; the Node suite drives the same through the package.

mod common;

use std::cell::Cell;

use common::*;
use serde_json::json;
use signal_indicators::{
    control_of, entries_from_input, input_from_entries, Control, FormSession, Instant, PostMapping, RecordStamp,
    SignalError,
};

fn mapping() -> PostMapping {
    PostMapping::from_maps(
        [("subject.vNumber".to_owned(), "vnr".to_owned()), ("sharedWith".to_owned(), "delen".to_owned())].into(),
        [("procedure".to_owned(), [("asiel".to_owned(), "asylum".to_owned())].into())].into(),
    )
}

fn control(name: &str, value: Option<&str>) -> Option<Control> {
    Some(Control { name: name.to_owned(), value: value.map(str::to_owned) })
}

#[test]
fn an_edit_is_the_evaluation_of_the_post_with_each_issue_s_control() {
    let mapping = mapping();
    let session = FormSession::new(mapping.clone(), None).expect("a good mapping");
    let engine = engine();
    let mut input = valid_input();
    set(&mut input, "/subject/vNumber", json!("12"));
    set(&mut input, "/indicators/1/reliability", json!("Z"));
    let entries = entries_from_input(&input, &mapping);
    let state = session.update(&engine, &entries, today());
    let read = input_from_entries(&entries, &mapping);
    assert_eq!(state.input, read);
    assert_eq!(state.evaluation, engine.evaluate(&read, today()));
    assert!(state.record.is_none(), "an edit builds no record");
    assert_eq!(state.controls.len(), state.evaluation.issues.len());
    let of = |path: &str| {
        let at =
            state.evaluation.issues.iter().position(|i| i.path == path).unwrap_or_else(|| panic!("issue at {path}"));
        state.controls[at].clone()
    };
    assert_eq!(of("/subject/vNumber"), control("vnr", None), "the host's name");
    assert_eq!(of("/indicators/1/reliability"), control("indicator.TER-05.reliability", None), "the picker's");
}

#[test]
fn controls_follow_the_picker_and_the_host_names() {
    let mapping = mapping();
    let input = valid_input();
    let cases = [
        ("", None),
        ("/caseNumber", control("caseNumber", None)),
        ("/subject/vNumber", control("vnr", None)),
        ("/sharedWith", control("delen", None)),
        ("/context/sisAlert", control("context.sisAlert.regulation", None)),
        ("/context/tip", control("context.tip.channel", None)),
        ("/indicators", control("indicator", None)),
        ("/indicators/0", control("indicator", Some("TER-01"))),
        ("/indicators/1/observedOn", control("indicator.TER-05.observedOn", None)),
        ("/indicators/7/code", control("indicator", None)),
        ("/extensions/team~1unit", control("extensions.team/unit", None)),
    ];
    for (path, expected) in cases {
        assert_eq!(control_of(path, &input, &mapping), expected, "{path}");
    }
}

#[test]
fn a_valid_submit_gives_the_record_once_and_again_for_the_same_input() {
    let mapping = mapping();
    let mut session = FormSession::new(mapping.clone(), None).expect("a good mapping");
    let engine = engine();
    let entries = entries_from_input(&valid_input(), &mapping);
    let stamps = Cell::new(0);
    let new_stamp = || {
        stamps.set(stamps.get() + 1);
        Ok::<RecordStamp, SignalError>(stamp())
    };
    let first = session.submit(&engine, &entries, today(), new_stamp).expect("submits");
    assert!(first.evaluation.valid);
    let expected = engine.build_record(&valid_input(), today(), &stamp()).expect("valid");
    assert_eq!(first.record.as_deref(), Some(&expected), "the record buildRecord gives");
    let again = session
        .submit(&engine, &entries, today(), || -> Result<RecordStamp, SignalError> { panic!("no new stamp") })
        .expect("submits");
    assert_eq!(again.record, first.record, "a repeat posts the same record");
    assert_eq!(stamps.get(), 1);

    // Another input is another signal, with a new stamp.
    let mut changed = valid_input();
    set(
        &mut changed,
        "/summary",
        json!("Een ander ambtsbericht over betrokkenheid bij een terroristische organisatie."),
    );
    let other = RecordStamp { id: "9b1c2d3e-4f50-4a6b-8c7d-0e1f2a3b4c5d".to_owned(), ..stamp() };
    let third = session.submit(&engine, &entries_from_input(&changed, &mapping), today(), || Ok(other.clone()));
    let third = third.expect("submits").record.expect("a record");
    assert_eq!(third.id, other.id);
    // And the same input on another date too.
    let tomorrow = signal_indicators::Date::parse("2026-11-29").expect("date");
    let later = RecordStamp { created_at: Instant::parse("2026-11-29T08:00:00.000Z").expect("instant"), ..other };
    let fourth = session.submit(&engine, &entries_from_input(&changed, &mapping), tomorrow, || Ok(later.clone()));
    assert_eq!(fourth.expect("submits").record.expect("a record").created_at, later.created_at.to_string());
}

#[test]
fn an_invalid_submit_gives_no_record_and_asks_no_stamp() {
    let mapping = PostMapping::default();
    let mut session = FormSession::new(mapping.clone(), None).expect("no mapping");
    let engine = engine();
    let mut input = valid_input();
    remove(&mut input, "/caseNumber");
    let entries = entries_from_input(&input, &mapping);
    let state = session
        .submit(&engine, &entries, today(), || -> Result<RecordStamp, SignalError> { panic!("no stamp") })
        .expect("evaluates");
    assert!(!state.evaluation.valid);
    assert!(state.record.is_none());
    let at = state.evaluation.issues.iter().position(|i| i.path == "/caseNumber").expect("required");
    assert_eq!(state.controls[at], control("caseNumber", None));
}

#[test]
fn a_stamp_that_cannot_be_made_or_is_off_the_date_is_an_error() {
    let mapping = PostMapping::default();
    let mut session = FormSession::new(mapping.clone(), None).expect("no mapping");
    let engine = engine();
    let entries = entries_from_input(&valid_input(), &mapping);
    let failed = session.submit(&engine, &entries, today(), || Err(SignalError::OptionInvalid("no id".to_owned())));
    assert_eq!(failed.err().map(|e| e.code()), Some("option.invalid"));
    let late = RecordStamp { created_at: Instant::parse("2026-12-05T08:00:00.000Z").expect("instant"), ..stamp() };
    let off = session.submit(&engine, &entries, today(), || Ok(late));
    assert_eq!(off.err().map(|e| e.code()), Some("option.invalid"));
}

#[test]
fn a_mapping_key_that_is_no_input_path_is_refused_once() {
    let mapping = PostMapping::from_maps([("subject.vnummer".to_owned(), "vnr".to_owned())].into(), Default::default());
    let error = FormSession::new(mapping, None).expect_err("not an input path");
    assert_eq!(error.code(), "option.invalid");
    assert!(error.to_string().contains("subject.vnummer"), "{error}");
}
