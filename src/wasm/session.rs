//! `FormSession` (SPEC §9): what `attach` makes once per form (with its
//! settings, `attachSettings`), so each edit and each submit crosses into
//! the module once and is read once. Internal to the package.

use std::rc::Rc;

use wasm_bindgen::prelude::*;

use super::convert::{signal_error, to_js};
use super::engine::{current_instant, entry_pairs, random_uuid, JsSignalEngine, NO_CRYPTO};
use crate::core::date::{Date, Instant};
use crate::core::engine::SignalEngine;
use crate::core::error::SignalError;
use crate::core::form_data::PostMapping;
use crate::core::record::RecordStamp;
use crate::core::session::{FormSession, FormState};

/// One form posted through a host's mapping, checked once: `update(entries)`
/// on each edit, `submit(entries)` on a submit, each one crossing.
///
/// ```js
/// const { session } = api.attachSettings(options, engine);
/// const { evaluation, input, controls } = session.update(new FormData(form));
/// const { record } = session.submit(new FormData(form)); // record only when valid
/// ```
#[wasm_bindgen(js_name = FormSession, skip_typescript)]
pub struct JsFormSession {
    engine: Rc<SignalEngine>,
    session: FormSession,
    today: Option<Date>,
    now: Option<Instant>,
    id: Option<String>,
}

impl JsFormSession {
    /// A session of `engine` for a form posted through `mapping` (checked
    /// by the caller), its records stamped with `today`, `now` and `id`
    /// where given. It keeps working after the engine is freed.
    pub(super) fn new(
        engine: &JsSignalEngine,
        mapping: PostMapping,
        today: Option<Date>,
        now: Option<Instant>,
        id: Option<String>,
    ) -> Result<JsFormSession, JsValue> {
        let session = FormSession::new(mapping, None).map_err(|e| signal_error(&e))?;
        Ok(JsFormSession { engine: Rc::clone(engine.shared()), session, today, now, id })
    }
}

#[wasm_bindgen(js_class = FormSession)]
impl JsFormSession {
    /// The form of a post's entries (`FormData` or `[name, value]` pairs):
    /// `{ input, evaluation, controls }`, where `controls[i]` is the control
    /// (`{ name, value? }`) that `evaluation.issues[i]` is about, or `null`.
    pub fn update(&self, entries: JsValue) -> Result<JsValue, JsValue> {
        let today = match self.today {
            Some(today) => today,
            None => current_instant()?.amsterdam_date(),
        };
        state_value(&self.session.update(&self.engine, &entry_pairs(&entries)?, today))
    }

    /// As `update`, and for a valid form its `record` too, read once. The
    /// same input on the same date as the last record gives that record
    /// again (same id, `createdAt` and digest), so a server can tell a
    /// repeated submit from a new signal.
    pub fn submit(&mut self, entries: JsValue) -> Result<JsValue, JsValue> {
        let entries = entry_pairs(&entries)?;
        let now = match self.now {
            Some(now) => now,
            None => current_instant()?,
        };
        let today = self.today.unwrap_or_else(|| now.amsterdam_date());
        let id = self.id.clone();
        let stamp = || -> Result<RecordStamp, SignalError> {
            let id = match id {
                Some(id) => id,
                None => random_uuid().map_err(|_| SignalError::OptionInvalid(NO_CRYPTO.to_owned()))?,
            };
            Ok(RecordStamp { id, created_at: now })
        };
        let state = self.session.submit(&self.engine, &entries, today, stamp).map_err(|e| signal_error(&e))?;
        state_value(&state)
    }
}

/// A form state as a plain JS object, made of the JS values of its parts:
/// the writers of evaluations, records and forms the module already has,
/// rather than one more for the state as a whole (smaller module).
fn state_value(state: &FormState<'_>) -> Result<JsValue, JsValue> {
    let out = js_sys::Object::new();
    let set = |key: &str, value: &JsValue| js_sys::Reflect::set(&out, &JsValue::from_str(key), value).map(|_| ());
    set("input", &to_js(&state.input)?)?;
    set("evaluation", &to_js(&state.evaluation)?)?;
    set("controls", &to_js(&state.controls)?)?;
    if let Some(record) = &state.record {
        set("record", &to_js(&**record)?)?;
    }
    Ok(out.into())
}
