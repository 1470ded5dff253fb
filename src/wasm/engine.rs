//! `SignalEngine` and the free functions of the JS API (SPEC §8).

use crate::core::text_map::TextMap;
use std::rc::Rc;

#[cfg(feature = "full")]
use js_sys::{Function, Reflect};
use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;
#[cfg(feature = "full")]
use wasm_bindgen::JsCast;

#[cfg(feature = "full")]
use super::boundary::RECORD_LIMITS;
use super::boundary::{read, read_json_string, CATALOG_LIMITS, FORM_LIMITS};
use super::convert::{option_invalid, signal_error, to_js};
use super::types::{
    BuildRecordOptions, EngineOptions, EvaluateEntriesOptions, EvaluateOptions, FormDataOptions, OptionKeys,
};
#[cfg(feature = "full")]
use super::types::{RenderPickerOptions, SubmissionOptions, VerifyOptions};
use crate::core::catalog::{ActiveCatalog, KnownCatalog};
use crate::core::date::{Date, Instant};
use crate::core::engine::SignalEngine;
use crate::core::extensions::declarations_from_value;
use crate::core::form_data::{input_from_entries, PostMapping, ValueTranslation, MAX_ENTRIES};
use crate::core::messages::Locale;
use crate::core::record::RecordStamp;
#[cfg(feature = "full")]
use crate::core::schema;

/// Validates, scores and records signal forms against one catalog.
///
/// ```ts
/// const engine = new SignalEngine({ locale: "nl" });
/// const { valid, issues, assessment } = engine.evaluate(form, { today: "2026-11-28" });
/// const record = engine.buildRecord(form);          // throws SignalError "form.invalid"
/// const { ok, checks } = engine.verifyRecord(record);
/// ```
#[wasm_bindgen(js_name = SignalEngine)]
pub struct JsSignalEngine {
    /// Shared with the form sessions made from it (`session()`).
    engine: Rc<SignalEngine>,
    /// Known catalogs given at construction, read once (SPEC §12.7).
    #[cfg_attr(not(feature = "full"), expect(dead_code, reason = "only verification reads them"))]
    catalogs: Vec<KnownCatalog>,
}

/// Reads an options object: absent gives an empty object; anything but a
/// plain object, or a member not in `allowed`, gives `option.invalid`.
/// Read by hand rather than with derived deserializers: smaller module.
pub(super) fn options<T: OptionKeys>(value: Option<JsValue>, what: &str) -> Result<Map<String, Value>, JsValue> {
    let allowed = T::KEYS;
    let Some(value) = value.filter(|v| !v.is_undefined() && !v.is_null()) else { return Ok(Map::new()) };
    let read = read(&value, CATALOG_LIMITS);
    let Value::Object(map) = read.value else {
        return Err(option_invalid(format!("{what} must be a plain object")));
    };
    if !read.findings.is_empty() {
        return Err(option_invalid(format!("{what} must hold plain data")));
    }
    if let Some(key) = map.keys().find(|k| !allowed.contains(&k.as_str())) {
        return Err(option_invalid(format!("{what}: unknown option \"{key}\"")));
    }
    Ok(map)
}

/// An optional text option.
pub(super) fn text_option(map: &Map<String, Value>, key: &str) -> Result<Option<String>, JsValue> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text.clone())),
        Some(_) => Err(option_invalid(format!("{key} must be a string"))),
    }
}

/// The optional `locale` option: `"nl"` or `"en"`.
pub(super) fn locale_option(map: &Map<String, Value>) -> Result<Option<Locale>, JsValue> {
    match text_option(map, "locale")? {
        None => Ok(None),
        Some(tag) => Locale::parse(&tag).map(Some).ok_or_else(|| option_invalid("locale must be \"nl\" or \"en\"")),
    }
}

/// The optional `fieldMap` option: input path → the host's control name.
pub(super) fn field_map_option(map: &Map<String, Value>) -> Result<TextMap<String>, JsValue> {
    let mut field_map = TextMap::new();
    match map.get("fieldMap") {
        None | Some(Value::Null) => {}
        Some(Value::Object(entries)) => {
            for (path, name) in entries {
                let Value::String(name) = name else {
                    return Err(option_invalid("fieldMap values must be control names (strings)"));
                };
                field_map.insert(path.clone(), name.clone());
            }
        }
        Some(_) => return Err(option_invalid("fieldMap must map input paths to control names")),
    }
    Ok(field_map)
}

/// The `fieldMap` and `valueMap` options, their keys checked against the
/// input paths (`option.invalid` naming a bad key).
pub(super) fn mapping_option(map: &Map<String, Value>) -> Result<PostMapping, JsValue> {
    let bad = || option_invalid("valueMap must map input paths to { hostValue: value } objects of strings");
    let mut value_map = Vec::new();
    match map.get("valueMap") {
        None | Some(Value::Null) => {}
        Some(Value::Object(paths)) => {
            for (path, values) in paths {
                let Value::Object(values) = values else { return Err(bad()) };
                for (host, value) in values {
                    let Value::String(value) = value else { return Err(bad()) };
                    value_map.push(ValueTranslation { path: path.clone(), host: host.clone(), value: value.clone() });
                }
            }
        }
        Some(_) => return Err(bad()),
    }
    let mapping = PostMapping { field_map: field_map_option(map)?, value_map };
    mapping.check(None).map_err(|e| signal_error(&e))?;
    Ok(mapping)
}

/// Splits `options` into one member (a catalog, a function: read on its
/// own, not as plain data) and a copy of the rest, in read.js, where every
/// access is guarded: a hostile object (a proxy that throws) is an
/// `option.invalid`, never an exception through the module. Options that
/// are no object come back as they are, for the options reader to refuse.
fn split_member(options: Option<JsValue>, key: &str) -> Result<(Option<JsValue>, Option<JsValue>), JsValue> {
    let given = match options {
        Some(given) if given.is_object() => given,
        other => return Ok((None, other)),
    };
    let parts = crate::wasm::boundary::split_member(&given, key)
        .ok_or_else(|| option_invalid("the options could not be read"))?;
    let member = parts.get(0);
    Ok(((!member.is_undefined()).then_some(member), Some(parts.get(1))))
}

/// The optional `today` option: a date `YYYY-MM-DD`.
pub(super) fn today_option(map: &Map<String, Value>) -> Result<Option<Date>, JsValue> {
    match text_option(map, "today")? {
        Some(text) => Date::parse(&text).map(Some).ok_or_else(|| option_invalid("today must be a date YYYY-MM-DD")),
        None => Ok(None),
    }
}

/// The optional `now` option: an RFC 3339 UTC instant.
pub(super) fn now_option(map: &Map<String, Value>) -> Result<Option<Instant>, JsValue> {
    match text_option(map, "now")? {
        Some(text) => {
            Instant::parse(&text).map(Some).ok_or_else(|| option_invalid("now must be an ISO 8601 UTC instant"))
        }
        None => Ok(None),
    }
}

pub(super) fn current_instant() -> Result<Instant, JsValue> {
    Instant::from_millis(js_sys::Date::now() as i64).ok_or_else(|| option_invalid("the clock is out of range"))
}

fn catalog_from(value: Value, locale: Locale) -> Result<ActiveCatalog, JsValue> {
    ActiveCatalog::from_json(value, locale).map_err(|e| signal_error(&e))
}

fn read_catalog(value: &JsValue, locale: Locale) -> Result<ActiveCatalog, JsValue> {
    let read = read(value, CATALOG_LIMITS);
    if !read.findings.is_empty() {
        let error =
            crate::core::error::SignalError::CatalogInvalid(read.findings.iter().map(|f| f.localize(locale)).collect());
        return Err(signal_error(&error));
    }
    catalog_from(read.value, locale)
}

#[wasm_bindgen(js_class = SignalEngine)]
impl JsSignalEngine {
    /// Creates an engine. Throws `SignalError` with `option.invalid` or
    /// `catalog.invalid` (with every problem in `issues`).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "EngineOptions")] options: Option<JsValue>,
    ) -> Result<JsSignalEngine, JsValue> {
        #[cfg(feature = "node")]
        crate::core::canonical::use_platform_sha256(node_sha256);
        // The catalog is read on its own so its problems come back as
        // `catalog.invalid` issues rather than one option error.
        let (raw_catalog, without_catalog) = split_member(options, "catalog")?;
        let parsed = self::options::<EngineOptions>(without_catalog, "SignalEngine options")?;
        let locale = locale_option(&parsed)?.unwrap_or_default();
        let extensions = match parsed.get("extensions") {
            None | Some(Value::Null) => Vec::new(),
            Some(value) => declarations_from_value(value).map_err(|e| signal_error(&e))?,
        };
        let catalog = match raw_catalog {
            Some(value) => Some(read_catalog(&value, locale)?),
            None => None,
        };
        // Only verification reads known catalogs: the browser module has none.
        #[cfg(feature = "full")]
        let catalogs = catalogs_option(&parsed, locale)?;
        #[cfg(not(feature = "full"))]
        let catalogs = Vec::new();
        let mut engine = SignalEngine::new(locale, catalog, &extensions).map_err(|e| signal_error(&e))?;
        if require_approved_option(&parsed)? == Some(true) {
            engine = engine.require_approved().map_err(|e| signal_error(&e))?;
        }
        Ok(JsSignalEngine { engine: Rc::new(engine), catalogs })
    }

    /// The engine's locale, `"nl"` or `"en"`.
    #[wasm_bindgen(getter)]
    pub fn locale(&self) -> String {
        self.engine.locale().tag().to_owned()
    }

    /// Validates and scores a form: an object, or JSON text (what a server
    /// received; parsed inside the engine, `input.not-json` when it does not
    /// parse). Invalid content is not an exception: it comes back as
    /// `{ valid: false, issues }`.
    #[wasm_bindgen(unchecked_return_type = "Evaluation")]
    pub fn evaluate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SignalForm | string")] input: JsValue,
        #[wasm_bindgen(unchecked_param_type = "EvaluateOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let options = self::options::<EvaluateOptions>(options, "evaluate options")?;
        let today = match today_option(&options)? {
            Some(today) => today,
            None => current_instant()?.amsterdam_date(),
        };
        if let Some(read) = read_json_string(&input, FORM_LIMITS) {
            return to_js(&self.engine.evaluate_read(read, today));
        }
        let input = read(&input, FORM_LIMITS);
        to_js(&self.engine.evaluate_with(&input.value, input.findings, today))
    }

    /// A form post's entries (`FormData` or `[name, value]` pairs) to an
    /// evaluation in one crossing: the same as
    /// `evaluate(inputFromFormData(entries, { fieldMap }), { today })`.
    #[wasm_bindgen(js_name = evaluateEntries, unchecked_return_type = "Evaluation")]
    pub fn evaluate_entries(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FormDataLike | Iterable<[string, string]>")] entries: JsValue,
        #[wasm_bindgen(unchecked_param_type = "EvaluateEntriesOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let options = self::options::<EvaluateEntriesOptions>(options, "evaluateEntries options")?;
        let mapping = mapping_option(&options)?;
        let today = match today_option(&options)? {
            Some(today) => today,
            None => current_instant()?.amsterdam_date(),
        };
        let input = input_from_entries(&entry_pairs(&entries)?, &mapping);
        to_js(&self.engine.evaluate(&input, today))
    }

    /// Builds the signal record of a valid form. Throws `SignalError`
    /// `form.invalid` (with `issues`) when the form has errors.
    #[wasm_bindgen(js_name = buildRecord, unchecked_return_type = "SignalRecord")]
    pub fn build_record(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SignalForm | string")] input: JsValue,
        #[wasm_bindgen(unchecked_param_type = "BuildRecordOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let options = self::options::<BuildRecordOptions>(options, "buildRecord options")?;
        let now = match now_option(&options)? {
            Some(now) => now,
            None => current_instant()?,
        };
        let today = today_option(&options)?.unwrap_or_else(|| now.amsterdam_date());
        let id = match text_option(&options, "id")? {
            Some(id) => id,
            None => random_uuid()?,
        };
        let stamp = RecordStamp { id, created_at: now };
        let record = match read_json_string(&input, FORM_LIMITS) {
            Some(read) => self.engine.build_record_read(read, today, &stamp),
            None => {
                let input = read(&input, FORM_LIMITS);
                self.engine.build_record_with(&input.value, input.findings, today, &stamp)
            }
        };
        to_js(&record.map_err(|e| signal_error(&e))?)
    }

    /// Verifies a record: schema, digest, catalog, content, assessment.
    /// (The browser module leaves it out, SPEC §8.1: it throws
    /// `unsupported` there and `"./full"` has it.)
    #[cfg(feature = "full")]
    #[wasm_bindgen(js_name = verifyRecord, unchecked_return_type = "Verification")]
    pub fn verify_record(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SignalRecord | string")] record: JsValue,
        #[wasm_bindgen(unchecked_param_type = "VerifyOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let options = self::options::<VerifyOptions>(options, "verifyRecord options")?;
        let locale = self.engine.locale();
        let mut catalogs = catalogs_option(&options, locale)?;
        catalogs.extend(self.catalogs.iter().cloned());
        let engine = match require_approved_option(&options)? {
            Some(on) => &self.engine.verifying_approved(on),
            None => &self.engine,
        };
        // An extract checked against the record it was taken from.
        if let Some(original) = options.get("original").filter(|o| !o.is_null()) {
            let original = match original {
                Value::String(text) => crate::core::json_text::parse_strict(text)
                    .map_err(|_| option_invalid("original must be a signal record or its JSON text"))?,
                other => other.clone(),
            };
            let value = match read_json_string(&record, RECORD_LIMITS) {
                Some(Ok(read)) => read.value,
                Some(Err(_)) => Value::Null,
                None => read(&record, RECORD_LIMITS).value,
            };
            let replacement = match options.get("replacement") {
                Some(Value::String(text)) => crate::core::json_text::parse_strict(text).ok(),
                Some(Value::Null) | None => None,
                Some(other) => Some(other.clone()),
            };
            return to_js(&engine.verify_correction_against(&value, &catalogs, Some(&original), replacement.as_ref()));
        }
        if let Some(read) = read_json_string(&record, RECORD_LIMITS) {
            return to_js(&engine.verify_record_read(&read, &catalogs));
        }
        // Something in the record that is not plain JSON data (NaN, a
        // function, a Date, a lone surrogate) fails it: the engine never
        // writes such a record.
        let read = read(&record, RECORD_LIMITS);
        to_js(&engine.verify_record_with(&read.value, &read.findings, &catalogs))
    }

    /// What one partner the record was shared with receives of it (SPEC
    /// §12.6): a `signal-extract` with only the indicators its routing
    /// concerns and no assessment, measures, judgement or officer id. The
    /// record must verify (`form.invalid`); a partner it was not shared with
    /// is `option.invalid`.
    #[cfg(feature = "full")]
    #[wasm_bindgen(js_name = extractFor, unchecked_return_type = "SignalExtract")]
    pub fn extract_for(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SignalRecord | string")] record: JsValue,
        recipient: String,
    ) -> Result<JsValue, JsValue> {
        let value = match read_json_string(&record, RECORD_LIMITS) {
            Some(Ok(read)) => read.value,
            Some(Err(_)) => Value::Null,
            None => read(&record, RECORD_LIMITS).value,
        };
        let extract = self.engine.extract_for(&value, &recipient, &self.catalogs).map_err(|e| signal_error(&e))?;
        to_js(&extract)
    }

    /// A correction or withdrawal of a verified record (SPEC §12.6):
    /// `options` holds `action` (`"withdrawn"` or `"superseded"`), `reason`
    /// (10–2000 characters), `officer: { id, unit }`, `replacement` (the new
    /// record, required for `"superseded"`), and `now`, `id` as in
    /// `buildRecord`. `form.invalid` with the issues when something is wrong.
    #[cfg(feature = "full")]
    #[wasm_bindgen(js_name = buildCorrection, unchecked_return_type = "SignalCorrection")]
    pub fn build_correction(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SignalRecord | string")] record: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CorrectionOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let request = read(&options, RECORD_LIMITS).value;
        let Value::Object(map) = &request else {
            return Err(option_invalid("buildCorrection needs options { action, reason, officer }"));
        };
        let now = match now_option(map)? {
            Some(now) => now,
            None => current_instant()?,
        };
        let id = match text_option(map, "id")? {
            Some(id) => id,
            None => random_uuid()?,
        };
        let value_of = |value: &Value| match value {
            Value::String(text) => crate::core::json_text::parse_strict(text).unwrap_or(Value::Null),
            other => other.clone(),
        };
        let original = match read_json_string(&record, RECORD_LIMITS) {
            Some(Ok(read)) => read.value,
            Some(Err(_)) => Value::Null,
            None => read(&record, RECORD_LIMITS).value,
        };
        let replacement = map.get("replacement").filter(|r| !r.is_null()).map(value_of);
        let correction = self
            .engine
            .build_correction(
                &original,
                &request,
                replacement.as_ref(),
                &self.catalogs,
                &RecordStamp { id, created_at: now },
            )
            .map_err(|e| signal_error(&e))?;
        to_js(&correction)
    }

    /// A correction: in the browser module, `unsupported`.
    #[cfg(not(feature = "full"))]
    #[wasm_bindgen(js_name = buildCorrection, unchecked_return_type = "SignalCorrection")]
    pub fn build_correction(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SignalRecord | string")] _record: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CorrectionOptions")] _options: JsValue,
    ) -> Result<JsValue, JsValue> {
        Err(unsupported("buildCorrection is not in the browser module; import \"@ind/signal-indicators/full\" for it"))
    }

    /// An extract for one partner: in the browser module, `unsupported`.
    #[cfg(not(feature = "full"))]
    #[wasm_bindgen(js_name = extractFor, unchecked_return_type = "SignalExtract")]
    pub fn extract_for(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SignalRecord | string")] _record: JsValue,
        _recipient: String,
    ) -> Result<JsValue, JsValue> {
        Err(unsupported("extractFor is not in the browser module; import \"@ind/signal-indicators/full\" for it"))
    }

    /// Verifies a record: in the browser module, `unsupported` (use `"./full"`).
    #[cfg(not(feature = "full"))]
    #[wasm_bindgen(js_name = verifyRecord, unchecked_return_type = "Verification")]
    pub fn verify_record(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SignalRecord | string")] _record: JsValue,
        #[wasm_bindgen(unchecked_param_type = "VerifyOptions")] _options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        Err(unsupported("verifyRecord is not in the browser module; import \"@ind/signal-indicators/full\" for it"))
    }

    /// Checks one post on the server (SPEC §8.3): `body` is
    /// `URLSearchParams`, `FormData`, `[name, value]` pairs or an object of
    /// strings and string arrays (Express's `req.body`). Returns
    /// `{ ok, record, input, issues }`; `record` is `null` unless `ok`.
    #[cfg(feature = "full")]
    #[wasm_bindgen(js_name = verifySubmission, unchecked_return_type = "Submission")]
    pub fn verify_submission(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SubmissionBody")] body: JsValue,
        #[wasm_bindgen(unchecked_param_type = "SubmissionOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        use crate::core::submission::{Seen, SubmissionRules, DEFAULT_MAX_AGE_SECONDS, DEFAULT_RECORD_FIELD};
        // The function is taken out before the plain options are read.
        let (seen_function, plain) = split_member(options, "seen")?;
        let seen_function = match seen_function.filter(|seen| !seen.is_null()) {
            Some(seen) => Some(seen.dyn_into::<Function>().map_err(|_| option_invalid("seen must be a function"))?),
            None => None,
        };
        let options = self::options::<SubmissionOptions>(plain, "verifySubmission options")?;
        let mapping = mapping_option(&options)?;
        let record_field = text_option(&options, "recordField")?.unwrap_or_else(|| DEFAULT_RECORD_FIELD.to_owned());
        let mut catalogs = catalogs_option(&options, self.engine.locale())?;
        catalogs.extend(self.catalogs.iter().cloned());
        let now = match now_option(&options)? {
            Some(now) => now,
            None => current_instant()?,
        };
        let max_age_seconds = match options.get("maxAgeSeconds") {
            None | Some(Value::Null) => DEFAULT_MAX_AGE_SECONDS,
            Some(value) => value
                .as_u64()
                .filter(|n| *n > 0)
                .ok_or_else(|| option_invalid("maxAgeSeconds must be a positive whole number"))?,
        };
        let Some(pairs) = super::boundary::read_body(&body, MAX_ENTRIES) else {
            let issue = crate::core::issue::Finding::error("", crate::core::issue::Kind::InputNotObject)
                .localize(self.engine.locale());
            return submission_value(false, None, &Value::Object(Map::new()), &[issue], false);
        };
        // `seen(id)` answers true, false, or the digest stored with the id.
        let seen = |id: &str| match seen_function.as_ref().map(|f| f.call1(&JsValue::NULL, &JsValue::from_str(id))) {
            Some(Ok(answer)) => match answer.as_string() {
                Some(digest) => Seen::Digest(digest),
                None if answer.is_truthy() => Seen::Yes,
                None => Seen::No,
            },
            _ => Seen::No,
        };
        let rules = SubmissionRules {
            mapping: &mapping,
            record_field: &record_field,
            catalogs: &catalogs,
            now,
            max_age_seconds,
            seen: &seen,
            new_id: random_uuid()?,
        };
        let result = match require_approved_option(&options)? {
            Some(on) => self.engine.verifying_approved(on).verify_submission(&pairs, &rules),
            None => self.engine.verify_submission(&pairs, &rules),
        };
        submission_value(result.ok, result.record_text.as_deref(), &result.input, &result.issues, result.duplicate)
    }

    /// Checks one post: in the browser module, `unsupported` (use `"./full"`).
    #[cfg(not(feature = "full"))]
    #[wasm_bindgen(js_name = verifySubmission, unchecked_return_type = "Submission")]
    pub fn verify_submission(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SubmissionBody")] _body: JsValue,
        #[wasm_bindgen(unchecked_param_type = "SubmissionOptions")] _options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        Err(unsupported("verifySubmission is not in the browser module; import \"@ind/signal-indicators/full\" for it"))
    }

    /// The active catalog, in the §6.1 shape: `new SignalEngine({ catalog:
    /// engine.catalog() })` reproduces the same digest.
    #[wasm_bindgen(unchecked_return_type = "Catalog")]
    pub fn catalog(&self) -> Result<JsValue, JsValue> {
        to_js(self.engine.active_catalog().as_json())
    }

    /// `sha256:` + hex of the active catalog's canonical form.
    #[wasm_bindgen(getter, js_name = catalogDigest)]
    pub fn catalog_digest(&self) -> String {
        self.engine.active_catalog().digest().to_owned()
    }
}

impl JsSignalEngine {
    /// The engine, for the form sessions made from it.
    pub(super) fn shared(&self) -> &Rc<SignalEngine> {
        &self.engine
    }
}

/// Why no record id could be made.
pub(super) const NO_CRYPTO: &str = "no crypto source for a record id; pass options.id";

/// A lowercase UUID v4 from the page's `crypto` (`randomUUID`, or
/// `getRandomValues` on plain-HTTP pages; read.js); `option.invalid` naming
/// `options.id` when the page has neither.
pub(crate) fn random_uuid() -> Result<String, JsValue> {
    crate::wasm::boundary::random_uuid().ok_or_else(|| option_invalid(NO_CRYPTO))
}

/// Rebuilds the input object from a plain form post: `FormData` or
/// `[name, value]` pairs, using the same control names as `attach()`.
///
/// ```ts
/// const input = inputFromFormData(new FormData(form), { fieldMap: { "subject.vNumber": "vnr" } });
/// ```
#[wasm_bindgen(js_name = inputFromFormData, unchecked_return_type = "SignalForm")]
pub fn input_from_form_data(
    #[wasm_bindgen(unchecked_param_type = "FormDataLike | Iterable<[string, string]>")] entries: JsValue,
    #[wasm_bindgen(unchecked_param_type = "FormDataOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let options = self::options::<FormDataOptions>(options, "inputFromFormData options")?;
    let mapping = mapping_option(&options)?;
    let pairs = entry_pairs(&entries)?;
    to_js(&input_from_entries(&pairs, &mapping))
}

/// The `catalogs` option: further accepted catalogs.
/// The `requireApproved` option: absent, or a boolean.
fn require_approved_option(options: &Map<String, Value>) -> Result<Option<bool>, JsValue> {
    match options.get("requireApproved") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(on)) => Ok(Some(*on)),
        Some(_) => Err(option_invalid("requireApproved must be true or false")),
    }
}

#[cfg(feature = "full")]
/// Known catalogs (SPEC §12.6): each digested as given and loaded when the
/// current rules accept it, never refused for failing them.
fn catalogs_option(options: &Map<String, Value>, locale: Locale) -> Result<Vec<KnownCatalog>, JsValue> {
    match options.get("catalogs") {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(values)) => Ok(values.iter().map(|value| KnownCatalog::from_value(value, locale)).collect()),
        Some(_) => Err(option_invalid("catalogs must be an array of catalogs")),
    }
}

/// `{ ok, record, input, issues }` for JS, the record parsed from its text
/// (so it keeps its member order).
#[cfg(feature = "full")]
fn submission_value(
    ok: bool,
    record: Option<&str>,
    input: &Value,
    issues: &[crate::core::issue::Issue],
    duplicate: bool,
) -> Result<JsValue, JsValue> {
    let out = js_sys::Object::new();
    let record = match record {
        Some(text) => js_sys::JSON::parse(text)?,
        None => JsValue::NULL,
    };
    let _ = Reflect::set(&out, &JsValue::from_str("ok"), &JsValue::from_bool(ok));
    let _ = Reflect::set(&out, &JsValue::from_str("record"), &record);
    let _ = Reflect::set(&out, &JsValue::from_str("input"), &to_js(input)?);
    let _ = Reflect::set(&out, &JsValue::from_str("issues"), &to_js(issues)?);
    let _ = Reflect::set(&out, &JsValue::from_str("duplicate"), &JsValue::from_bool(duplicate));
    Ok(out.into())
}

/// The text `[name, value]` pairs of a `FormData` or an iterable of pairs,
/// at most [`MAX_ENTRIES`]; files and other non-text values carry no form
/// input and are left out.
pub(super) fn entry_pairs(entries: &JsValue) -> Result<Vec<(String, String)>, JsValue> {
    super::boundary::read_entries(entries, MAX_ENTRIES)
        .ok_or_else(|| option_invalid("entries must be a FormData or an iterable of [name, value] pairs"))
}

mod tools;
pub use tools::*;

/// `SignalError` `unsupported`: what only servers need is left out of the
/// browser module to keep its download small (SPEC §8.1, §11).
#[cfg(not(feature = "full"))]
fn unsupported(message: &str) -> JsValue {
    super::convert::error_value("unsupported", message, None)
}

/// The crate version (the package exports it as the constant `version`).
#[wasm_bindgen(js_name = engineVersion)]
pub fn engine_version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

#[cfg(feature = "node")]
#[wasm_bindgen(module = "/src/wasm/node-sha256.js")]
extern "C" {
    /// SHA-256 from `node:crypto`.
    #[wasm_bindgen(catch, js_name = sha256)]
    fn node_crypto_sha256(bytes: &[u8]) -> Result<Vec<u8>, JsValue>;
}

/// SHA-256 by `node:crypto` (the Node build): with the CPU's SHA
/// instructions where present, several times faster than `sha2` compiled
/// to WebAssembly. `None` if it fails, and the built-in one is used.
#[cfg(feature = "node")]
fn node_sha256(bytes: &[u8]) -> Option<[u8; 32]> {
    node_crypto_sha256(bytes).ok()?.try_into().ok()
}
