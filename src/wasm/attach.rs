//! The checked settings of `attach(form, options)` (SPEC §9).
//!
//! The DOM side of `attach` (picker, errors, advice panel, submit) is
//! `attach.js` next to this file: plain DOM calls are far smaller as
//! JavaScript than as WebAssembly imports, and the module's size budget
//! (SPEC §11) could not hold them. What `attach` decides with engine rules
//! stays here and in the core: reading the options exactly like the engine's
//! own, the evaluation date, and which controls an `initial` input fills.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::convert::{option_invalid, to_js};
use super::engine::{
    locale_option, mapping_option, now_option, options as read_options, text_option, today_option, JsSignalEngine,
};
use super::session::JsFormSession;
use super::types::AttachOptions;
use crate::core::form_data::entries_from_input;
use serde_json::Value;

/// `attach`'s options after checking (camelCase for the JS side).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AttachSettings {
    locale: &'static str,
    field_map: crate::core::text_map::TextMap<String>,
    /// The level of the panel's heading (2–6); its sub-headings one below.
    heading_level: u8,
    record_field: String,
    submit_mode: &'static str,
    /// Who draws the errors: `own` (the summary, inline texts and
    /// `aria-invalid`) or `host` (the `signal-issues` event only).
    summary: &'static str,
    /// `[controlName, value]` pairs that stand for `options.initial`.
    prefill: Vec<(String, String)>,
    /// The picker's words (declared once, in the core).
    picker: crate::core::picker::PickerWords,
}

/// Checks `attach`'s plain-data options (the caller has taken out the
/// elements and the engine) and returns them normalized; a bad option throws
/// `SignalError` `option.invalid`. Used by the package's `attach`; not part
/// of the public API.
#[wasm_bindgen(js_name = attachSettings, skip_typescript)]
pub fn attach_settings(options: Option<JsValue>, engine: &JsSignalEngine) -> Result<JsValue, JsValue> {
    let map = read_options::<AttachOptions>(options, "attach options")?;
    let text = |key: &str| text_option(&map, key);
    let locale = match locale_option(&map)? {
        Some(locale) => locale,
        None => engine.shared().locale(),
    };
    let mapping = mapping_option(&map)?;
    let submit_mode = match text("submitMode")?.as_deref() {
        None | Some("native") => "native",
        Some("event-only") => "event-only",
        Some(_) => return Err(option_invalid("submitMode must be \"native\" or \"event-only\"")),
    };
    let summary = match text("summary")?.as_deref() {
        None | Some("own") => "own",
        Some("host") => "host",
        Some(_) => return Err(option_invalid("summary must be \"own\" or \"host\"")),
    };
    let heading_level = match map.get("headingLevel") {
        None | Some(Value::Null) => 2,
        Some(level) => match level.as_u64() {
            Some(level @ 2..=6) => level as u8,
            _ => return Err(option_invalid("headingLevel must be 2, 3, 4, 5 or 6")),
        },
    };
    let now = now_option(&map)?;
    // The evaluation date: given, or the Amsterdam date at a given `now`.
    let today = today_option(&map)?.or_else(|| now.map(|now| now.amsterdam_date()));
    let prefill = match map.get("initial") {
        Some(initial) if initial.is_object() => entries_from_input(initial, &mapping),
        _ => Vec::new(),
    };
    let id = text("id")?;
    let settings = to_js(&AttachSettings {
        locale: locale.tag(),
        field_map: mapping.field_map.clone(),
        heading_level,
        record_field: text("recordField")?.unwrap_or_else(|| "signal_record".to_owned()),
        submit_mode,
        summary,
        prefill,
        picker: crate::core::picker::picker_words(locale),
    })?;
    // Settings are plain data; the session is the one live member.
    let session = JsFormSession::new(engine, mapping, today, now, id)?;
    js_sys::Reflect::set(&settings, &JsValue::from_str("session"), &session.into())?;
    Ok(settings)
}
