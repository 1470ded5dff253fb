//! A form attached to an engine (SPEC §9): the host's mapping checked once,
//! then each edit and each submit read from the post's entries once, into
//! the evaluation, the input it was read as, the control each issue is
//! about and, on a valid submit, the record.

use std::rc::Rc;

use serde_json::Value;

use super::date::Date;
use super::engine::{Evaluation, SignalEngine};
use super::error::SignalError;
use super::form_data::{control_of, input_from_entries, Control, PostMapping};
use super::record::{RecordStamp, SignalRecord};

/// One form's session: the checked mapping, and the last record built.
#[derive(Debug, Clone)]
pub struct FormSession {
    mapping: PostMapping,
    /// The last record built and what it was built from: the same input on
    /// the same evaluation date posts the same record again (same id,
    /// `createdAt` and digest), so a server can tell a repeat from a new
    /// signal (SPEC §12.6).
    last: Option<(Value, Date, Rc<SignalRecord>)>,
}

/// What one edit or submit gives the page (the bindings hand it over part
/// by part, with the writers they have for each).
#[derive(Debug, Clone, PartialEq)]
pub struct FormState<'c> {
    /// The form as read from the post (what `inputFromFormData` gives).
    pub input: Value,
    /// The form's evaluation.
    pub evaluation: Evaluation<'c>,
    /// Per issue of `evaluation.issues`, in the same order, the control it
    /// is about (`null` for the whole form).
    pub controls: Vec<Option<Control>>,
    /// On a submit of a valid form, its record.
    pub record: Option<Rc<SignalRecord>>,
}

impl FormSession {
    /// A session for a form posted through `mapping`, whose keys are
    /// checked against the input paths and `extensions` (`option.invalid`).
    pub fn new(mapping: PostMapping, extensions: Option<&[&str]>) -> Result<FormSession, SignalError> {
        mapping.check(extensions)?;
        Ok(FormSession { mapping, last: None })
    }

    /// The form of `entries` evaluated on `today` (an edit).
    pub fn update<'e>(&self, engine: &'e SignalEngine, entries: &[(String, String)], today: Date) -> FormState<'e> {
        let input = input_from_entries(entries, &self.mapping);
        let evaluation = engine.evaluate(&input, today);
        self.state(input, evaluation, None)
    }

    /// The form of `entries` evaluated on `today` and, when valid, its
    /// record (a submit), read once. The same input on the same date as
    /// the last record gives that record again; else `stamp` is asked for
    /// the new record's id and time.
    pub fn submit<'e>(
        &mut self,
        engine: &'e SignalEngine,
        entries: &[(String, String)],
        today: Date,
        stamp: impl FnOnce() -> Result<RecordStamp, SignalError>,
    ) -> Result<FormState<'e>, SignalError> {
        let input = input_from_entries(entries, &self.mapping);
        let last = self.last.as_ref().filter(|(from, on, _)| *from == input && *on == today).map(|(.., r)| r);
        let (evaluation, record) = engine.evaluate_and_build(&input, today, |reading| match last {
            Some(record) => Ok(Rc::clone(record)),
            None => Ok(Rc::new(engine.record_of(reading, today, &stamp()?)?)),
        })?;
        if let Some(record) = &record {
            self.last = Some((input.clone(), today, Rc::clone(record)));
        }
        Ok(self.state(input, evaluation, record))
    }

    fn state<'e>(&self, input: Value, evaluation: Evaluation<'e>, record: Option<Rc<SignalRecord>>) -> FormState<'e> {
        let controls = evaluation.issues.iter().map(|issue| control_of(&issue.path, &input, &self.mapping)).collect();
        FormState { input, evaluation, controls, record }
    }
}
