//! `attach(form, options)` (SPEC §9): the engine on a live host form.
//!
//! The host's own controls are read through `FormData` and the same name
//! mapping as `inputFromFormData`; an indicator picker of native controls
//! is rendered into the form; errors appear per touched field with
//! `aria-invalid`/`aria-describedby`; a score panel shows the advice; a valid
//! submit writes the record into a hidden field and dispatches a cancelable
//! `signal-record` event. Officer text is only ever set as text, and
//! nothing the officer typed is cleared or rewritten. `detach()` removes
//! every listener and injected node and restores every attribute it changed.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions};
use js_sys::{Array, Reflect};
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CustomEvent, CustomEventInit, Document, Element, Event, FormData, HtmlElement, HtmlFormElement, HtmlInputElement};

use super::convert::{json_text, option_invalid, to_js};
use super::engine::{field_map_option, locale_option, options as engine_options, text_option, JsSignalEngine};
use crate::core::catalog::ActiveCatalog;
use crate::core::date::{Date, Instant};
use crate::core::engine::{Evaluation, SignalEngine};
use crate::core::form_data::input_from_entries;
use crate::core::issue::{pointer_tokens, Severity};
use crate::core::messages::Locale;
use crate::core::record::RecordStamp;
use crate::core::scoring::display_score;

/// How a valid submit ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SubmitMode {
    /// The browser submits the form as usual, record included.
    Native,
    /// Only the `signal-record` event; the host sends the form itself.
    EventOnly,
}

struct Settings {
    locale: Locale,
    field_map: BTreeMap<String, String>,
    record_field: String,
    submit_mode: SubmitMode,
    today: Option<Date>,
    now: Option<Instant>,
    id: Option<String>,
    initial: Option<Value>,
}

/// Everything `attach` changed, so `detach` can undo it exactly.
struct Attached {
    form: HtmlFormElement,
    document: Document,
    engine: SignalEngine,
    settings: Settings,
    listeners: Vec<EventListener>,
    /// Nodes this component created (picker, panel, summary, errors, hidden field).
    injected: Vec<Element>,
    /// Error messages currently shown.
    errors: Vec<Element>,
    /// Attributes changed on host controls: (element, name, original value).
    changed: Vec<(Element, String, Option<String>)>,
    summary: Option<Element>,
    panel: Element,
    live: Element,
    touched: Vec<String>,
    submit_tried: bool,
    announced: String,
    next_id: u32,
}

/// The handle `attach` returns: current evaluation and clean removal.
#[wasm_bindgen]
pub struct AttachHandle {
    state: Rc<RefCell<Option<Attached>>>,
}

#[wasm_bindgen]
impl AttachHandle {
    /// The current evaluation of the form.
    #[wasm_bindgen(unchecked_return_type = "Evaluation")]
    pub fn evaluate(&self) -> Result<JsValue, JsValue> {
        let state = self.state.try_borrow().map_err(|_| option_invalid("attach is busy handling an event"))?;
        let attached = state.as_ref().ok_or_else(|| option_invalid("the form was detached"))?;
        to_js(&attached.evaluation())
    }

    /// Removes every listener and injected node and restores every changed
    /// attribute. Calling it twice is harmless.
    pub fn detach(&self) {
        // Called from a host listener while a submit is handled, the state is
        // not borrowed any more (events are dispatched after release).
        let taken = match self.state.try_borrow_mut() {
            Ok(mut state) => state.take(),
            Err(_) => None,
        };
        if let Some(mut attached) = taken {
            attached.listeners.clear(); // dropping a gloo listener removes it
            attached.clear_errors();
            for node in attached.injected.drain(..).rev() {
                node.remove();
            }
            for (element, name, original) in attached.changed.drain(..).rev() {
                let _ = match original {
                    Some(value) => element.set_attribute(&name, &value),
                    None => element.remove_attribute(&name),
                };
            }
        }
    }
}

/// Attaches the engine to an existing form (SPEC §9).
///
/// ```ts
/// const handle = attach(document.querySelector("form"), {
///   fieldMap: { "subject.vNumber": "vnr" }, locale: "nl",
/// });
/// form.addEventListener("signal-record", (event) => console.log(event.detail));
/// handle.detach();
/// ```
#[wasm_bindgen(js_name = attachWithEngine)]
pub fn attach_with_engine(
    form: HtmlFormElement,
    #[wasm_bindgen(unchecked_param_type = "AttachOptions")] options: Option<JsValue>,
    engine: &JsSignalEngine,
) -> Result<AttachHandle, JsValue> {
    let raw = options.filter(|o| o.is_object());
    let element = |name: &str| -> Option<Element> {
        raw.as_ref().and_then(|o| Reflect::get(o, &JsValue::from_str(name)).ok()).and_then(|v| v.dyn_into::<Element>().ok())
    };
    let indicators_container = element("indicatorsContainer");
    let score_panel = element("scorePanel");
    let settings = read_settings(raw.as_ref(), engine.inner().locale())?;
    let document = form.owner_document().ok_or_else(|| option_invalid("the form is not in a document"))?;
    let engine = engine.inner().clone();

    let live = create(&document, "p", &[("aria-live", "polite"), ("class", "signal-indicators-announcement")], settings.locale)?;
    let mut injected = Vec::new();
    let panel_root = match score_panel {
        Some(panel) => panel,
        None => {
            let section = create(&document, "section", &[("class", "signal-indicators-panel")], settings.locale)?;
            form.append_child(&section)?;
            injected.push(section.clone());
            section
        }
    };
    let panel = create(&document, "div", &[("class", "signal-indicators-advice")], settings.locale)?;
    panel_root.append_child(&panel)?;
    panel_root.append_child(&live)?;
    injected.push(panel.clone());
    injected.push(live.clone());
    let mut attached = Attached {
        form: form.clone(),
        document: document.clone(),
        engine,
        settings,
        listeners: Vec::new(),
        injected,
        errors: Vec::new(),
        changed: Vec::new(),
        summary: None,
        panel,
        live,
        touched: Vec::new(),
        submit_tried: false,
        announced: String::new(),
        next_id: 0,
    };
    let picker_root = match indicators_container {
        Some(container) => container,
        None => form.clone().into(),
    };
    let picker = attached.render_picker()?;
    picker_root.append_child(&picker)?;
    attached.injected.push(picker);
    attached.prefill();
    let record_field = attached.record_field()?;
    if let Some(created) = record_field {
        attached.injected.push(created);
    }

    let state = Rc::new(RefCell::new(Some(attached)));
    let listeners = listen(&form, &state);
    if let Ok(mut guard) = state.try_borrow_mut() {
        if let Some(attached) = guard.as_mut() {
            attached.listeners = listeners;
            attached.refresh();
        }
    }
    Ok(AttachHandle { state })
}

fn read_settings(options: Option<&JsValue>, engine_locale: Locale) -> Result<Settings, JsValue> {
    let mut settings = Settings {
        locale: engine_locale,
        field_map: BTreeMap::new(),
        record_field: "signal_record".to_owned(),
        submit_mode: SubmitMode::Native,
        today: None,
        now: None,
        id: None,
        initial: None,
    };
    let Some(options) = options else { return Ok(settings) };
    // Elements and the engine are read by the caller; plain data here.
    let copy = js_sys::Object::assign(&js_sys::Object::new(), options.unchecked_ref());
    for name in ["indicatorsContainer", "scorePanel", "engine"] {
        let _ = Reflect::delete_property(&copy, &JsValue::from_str(name));
    }
    let allowed = ["locale", "fieldMap", "initial", "recordField", "submitMode", "today", "now", "id"];
    let map = engine_options(Some(copy.into()), "attach options", &allowed)?;
    let text = |key: &str| text_option(&map, key);
    if let Some(locale) = locale_option(&map)? {
        settings.locale = locale;
    }
    settings.field_map = field_map_option(&map)?;
    if let Some(name) = text("recordField")? {
        settings.record_field = name;
    }
    settings.submit_mode = match text("submitMode")?.as_deref() {
        None | Some("native") => SubmitMode::Native,
        Some("event-only") => SubmitMode::EventOnly,
        Some(_) => return Err(option_invalid("submitMode must be \"native\" or \"event-only\"")),
    };
    if let Some(today) = text("today")? {
        settings.today = Some(Date::parse(&today).ok_or_else(|| option_invalid("today must be YYYY-MM-DD"))?);
    }
    if let Some(now) = text("now")? {
        settings.now = Some(Instant::parse(&now).ok_or_else(|| option_invalid("now must be an ISO 8601 UTC instant"))?);
    }
    settings.id = text("id")?;
    settings.initial = map.get("initial").filter(|v| v.is_object()).cloned();
    Ok(settings)
}

fn create(document: &Document, tag: &str, attributes: &[(&str, &str)], locale: Locale) -> Result<Element, JsValue> {
    let element = document.create_element(tag)?;
    element.set_attribute("lang", locale.tag())?;
    for (name, value) in attributes {
        element.set_attribute(name, value)?;
    }
    Ok(element)
}

fn text_element(document: &Document, tag: &str, text: &str, locale: Locale) -> Result<Element, JsValue> {
    let element = create(document, tag, &[], locale)?;
    element.set_text_content(Some(text));
    Ok(element)
}

/// Listens on the form. Every handler takes the state with `try_borrow_mut`
/// and does its DOM side effects that fire events synchronously (focus,
/// dispatching `signal-record`) only after releasing it: a host listener or a
/// focus change may call back into this component, and a double borrow would
/// be a panic, which ends the WebAssembly instance.
fn listen(form: &HtmlFormElement, state: &Rc<RefCell<Option<Attached>>>) -> Vec<EventListener> {
    let mut listeners = Vec::new();
    for kind in ["input", "change", "focusout"] {
        let state = Rc::clone(state);
        listeners.push(EventListener::new(form, kind, move |event| {
            if let Ok(mut guard) = state.try_borrow_mut() {
                if let Some(attached) = guard.as_mut() {
                    attached.on_edit(event);
                }
            }
        }));
    }
    let state_for_submit = Rc::clone(state);
    // Not passive: the handler may cancel the submit.
    listeners.push(EventListener::new_with_options(form, "submit", EventListenerOptions::enable_prevent_default(), move |event| {
        let outcome = match state_for_submit.try_borrow_mut() {
            Ok(mut guard) => match guard.as_mut() {
                Some(attached) => attached.on_submit(),
                None => return,
            },
            Err(_) => return,
        };
        match outcome {
            Submit::Invalid(summary) => {
                event.prevent_default();
                if let Some(summary) = summary {
                    let _ = summary.focus();
                }
            }
            Submit::Valid { form, record, mode } => {
                let init = CustomEventInit::new();
                init.set_detail(&record);
                init.set_cancelable(true);
                init.set_bubbles(true);
                let proceed = CustomEvent::new_with_event_init_dict("signal-record", &init)
                    .map(|custom| form.dispatch_event(&custom).unwrap_or(false))
                    .unwrap_or(false);
                if !proceed || mode == SubmitMode::EventOnly {
                    event.prevent_default();
                }
            }
            Submit::Failed => event.prevent_default(),
        }
    }));
    let state_for_clicks = Rc::clone(state);
    listeners.push(EventListener::new_with_options(form, "click", EventListenerOptions::enable_prevent_default(), move |event| {
        let target = match state_for_clicks.try_borrow() {
            Ok(guard) => guard.as_ref().and_then(|attached| attached.summary_link_target(event)),
            Err(_) => None,
        };
        if let Some(field) = target {
            event.prevent_default();
            let _ = field.focus();
        }
    }));
    listeners
}

/// What a submit comes to; side effects happen after the state is released.
enum Submit {
    /// Errors: cancel, focus the summary.
    Invalid(Option<HtmlElement>),
    /// A record: dispatch the event, then let the submit go on or not.
    Valid { form: HtmlFormElement, record: JsValue, mode: SubmitMode },
    /// The record could not be built (not expected for a valid form): cancel.
    Failed,
}

impl Attached {
    fn today(&self) -> Date {
        self.settings.today.unwrap_or_else(|| self.now().amsterdam_date())
    }

    fn now(&self) -> Instant {
        self.settings.now.or_else(|| Instant::from_millis(js_sys::Date::now() as i64)).unwrap_or(Instant::EPOCH)
    }

    /// The form's current values as the engine's input.
    fn input(&self) -> Value {
        let mut pairs = Vec::new();
        if let Ok(data) = FormData::new_with_form(&self.form) {
            if let Ok(Some(entries)) = js_sys::try_iter(&data) {
                for entry in entries.flatten() {
                    let Some(pair) = entry.dyn_ref::<Array>() else { continue };
                    if let (Some(name), Some(value)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
                        pairs.push((name, value));
                    }
                }
            }
        }
        input_from_entries(&pairs, &self.settings.field_map)
    }

    fn evaluation(&self) -> Evaluation<'_> {
        self.engine.evaluate(&self.input(), self.today())
    }

    fn control_name(&self, path: &str) -> String {
        self.settings.field_map.get(path).cloned().unwrap_or_else(|| path.to_owned())
    }

    /// The host control or picker control an issue path points at.
    fn control_for(&self, path: &str, input: &Value) -> Option<Element> {
        let tokens = pointer_tokens(path);
        let first = tokens.first().map(String::as_str)?;
        let (name, value) = match first {
            "indicators" => {
                let code = tokens
                    .get(1)
                    .and_then(|i| i.parse::<usize>().ok())
                    .and_then(|i| input.pointer(&format!("/indicators/{i}/code")))
                    .and_then(Value::as_str);
                match (code, tokens.get(2)) {
                    (Some(code), Some(member)) => (format!("indicator.{code}.{member}"), None),
                    (Some(code), None) => ("indicator".to_owned(), Some(code.to_owned())),
                    (None, _) => ("indicator".to_owned(), None),
                }
            }
            "sharedWith" => (self.control_name("sharedWith"), None),
            _ => {
                let dotted = tokens.join(".");
                let known = ["context.sisAlert", "context.tip"];
                let dotted = match known.iter().find(|k| **k == dotted) {
                    Some(&"context.sisAlert") => "context.sisAlert.regulation".to_owned(),
                    Some(_) => "context.tip.channel".to_owned(),
                    None => dotted,
                };
                (self.control_name(&dotted), None)
            }
        };
        self.find_control(&name, value.as_deref())
    }

    /// The first control named `name` (and with `value`, if given). Names are
    /// compared as strings, never put into a selector.
    fn find_control(&self, name: &str, value: Option<&str>) -> Option<Element> {
        let nodes = self.form.query_selector_all("[name]").ok()?;
        (0..nodes.length()).filter_map(|i| nodes.item(i)).filter_map(|n| n.dyn_into::<Element>().ok()).find(|element| {
            element.get_attribute("name").as_deref() == Some(name)
                && value.is_none_or(|v| element.get_attribute("value").as_deref() == Some(v))
        })
    }

    fn ensure_id(&mut self, element: &Element) -> String {
        let id = element.id();
        if !id.is_empty() {
            return id;
        }
        loop {
            self.next_id += 1;
            let candidate = format!("signal-indicators-{}", self.next_id);
            if self.document.get_element_by_id(&candidate).is_none() {
                self.remember(element, "id");
                element.set_id(&candidate);
                return candidate;
            }
        }
    }

    /// Records an attribute's original value once, before the first change.
    fn remember(&mut self, element: &Element, name: &str) {
        if !self.changed.iter().any(|(e, n, _)| n == name && e.is_same_node(Some(element))) {
            self.changed.push((element.clone(), name.to_owned(), element.get_attribute(name)));
        }
    }

    fn clear_errors(&mut self) {
        for message in self.errors.drain(..) {
            message.remove();
        }
        for (element, name, original) in &self.changed {
            if name == "aria-invalid" || name == "aria-describedby" {
                let _ = match original {
                    Some(value) => element.set_attribute(name, value),
                    None => element.remove_attribute(name),
                };
            }
        }
    }

    fn on_edit(&mut self, event: &Event) {
        let name = event.target().and_then(|t| t.dyn_into::<Element>().ok()).and_then(|e| e.get_attribute("name"));
        if event.type_() != "input" {
            if let Some(name) = name.clone() {
                if !self.touched.contains(&name) {
                    self.touched.push(name);
                }
            }
        }
        // Show or hide the grading controls of a picked indicator.
        if name.as_deref() == Some("indicator") {
            if let Some(checkbox) = event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
                let details_id = format!("{}-details", checkbox.id());
                if let Some(details) = self.document.get_element_by_id(&details_id) {
                    let _ = if checkbox.checked() { details.remove_attribute("hidden") } else { details.set_attribute("hidden", "") };
                }
            }
        }
        self.refresh();
    }

    /// The field a click on an error-summary link should focus.
    fn summary_link_target(&self, event: &Event) -> Option<HtmlElement> {
        let link = event.target()?.dyn_into::<Element>().ok()?;
        let summary = self.summary.as_ref()?;
        if !summary.contains(Some(&link)) || link.tag_name() != "A" {
            return None;
        }
        let target = link.get_attribute("href")?.strip_prefix('#')?.to_owned();
        self.document.get_element_by_id(&target)?.dyn_into::<HtmlElement>().ok()
    }

    fn on_submit(&mut self) -> Submit {
        self.submit_tried = true;
        let input = self.input();
        // The evaluation borrows the engine's catalog; a handle of its own
        // (cheap: the catalog is shared) leaves `self` free to redraw.
        let engine = self.engine.clone();
        let evaluation = engine.evaluate(&input, self.today());
        if !evaluation.valid {
            self.render(&evaluation, &input);
            let summary = self.render_summary(&evaluation, &input);
            return Submit::Invalid(summary);
        }
        self.remove_summary();
        let stamp = RecordStamp {
            id: self.settings.id.clone().unwrap_or_else(|| super::engine::random_uuid().unwrap_or_default()),
            created_at: self.now(),
        };
        let Ok(record) = self.engine.build_record(&input, &[], self.today(), &stamp) else { return Submit::Failed };
        let text = json_text(&record).unwrap_or_default();
        let field = self.find_control(&self.settings.record_field, None).and_then(|e| e.dyn_into::<HtmlInputElement>().ok());
        if let Some(field) = field {
            field.set_value(&text);
        }
        match to_js(&record) {
            Ok(record) => Submit::Valid { form: self.form.clone(), record, mode: self.settings.submit_mode },
            Err(_) => Submit::Failed,
        }
    }

    /// Fills host controls and the picker from `options.initial` (a portal
    /// re-rendering a form the server refused). Only empty controls are
    /// filled: nothing already in the form is overwritten.
    fn prefill(&mut self) {
        let Some(initial) = self.settings.initial.take() else { return };
        let set = |name: &str, value: &str| {
            let Ok(nodes) = self.form.query_selector_all("[name]") else { return };
            for element in (0..nodes.length()).filter_map(|i| nodes.item(i)).filter_map(|n| n.dyn_into::<Element>().ok()) {
                if element.get_attribute("name").as_deref() != Some(name) {
                    continue;
                }
                let kind = element.get_attribute("type").unwrap_or_default();
                let key = JsValue::from_str(if kind == "checkbox" || kind == "radio" { "checked" } else { "value" });
                if kind == "checkbox" || kind == "radio" {
                    let own = element.get_attribute("value").unwrap_or_else(|| "on".to_owned());
                    if own == value || (value == "true" && kind == "checkbox") {
                        let _ = Reflect::set(&element, &key, &JsValue::TRUE);
                    }
                } else if Reflect::get(&element, &key).ok().and_then(|v| v.as_string()).is_some_and(|v| v.is_empty()) {
                    let _ = Reflect::set(&element, &key, &JsValue::from_str(value));
                }
            }
        };
        for path in crate::core::form_data::FIELD_PATHS.iter().copied().chain(std::iter::once("sharedWith")) {
            let pointer = format!("/{}", path.replace('.', "/"));
            let name = self.settings.field_map.get(path).cloned().unwrap_or_else(|| path.to_owned());
            match initial.pointer(&pointer) {
                Some(Value::String(text)) => set(&name, text),
                Some(Value::Bool(true)) => set(&name, "true"),
                Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).for_each(|item| set(&name, item)),
                _ => {}
            }
        }
        if let Some(Value::Object(extensions)) = initial.get("extensions") {
            for (key, value) in extensions {
                if let Some(text) = value.as_str() {
                    let path = format!("extensions.{key}");
                    let name = self.settings.field_map.get(&path).cloned().unwrap_or(path);
                    set(&name, text);
                }
            }
        }
        for item in initial.get("indicators").and_then(Value::as_array).into_iter().flatten() {
            let Some(code) = item.get("code").and_then(Value::as_str) else { continue };
            set("indicator", code);
            for member in ["reliability", "credibility", "observedOn", "note"] {
                if let Some(text) = item.get(member).and_then(Value::as_str) {
                    set(&format!("indicator.{code}.{member}"), text);
                }
            }
            if let Some(refs) = item.get("evidenceRefs").and_then(Value::as_array) {
                let joined: Vec<&str> = refs.iter().filter_map(Value::as_str).collect();
                set(&format!("indicator.{code}.evidenceRefs"), &joined.join(", "));
            }
            let details = format!("signal-indicators-{}-details", id_safe(code));
            if let Some(element) = self.document.get_element_by_id(&details) {
                let _ = element.remove_attribute("hidden");
            }
        }
    }

    /// Re-evaluates and redraws errors and the panel.
    fn refresh(&mut self) {
        let input = self.input();
        let engine = self.engine.clone();
        let evaluation = engine.evaluate(&input, self.today());
        self.render(&evaluation, &input);
        if self.summary.is_some() && evaluation.valid {
            self.remove_summary();
        }
    }

    fn render(&mut self, evaluation: &Evaluation, input: &Value) {
        self.clear_errors();
        let mut shown: Vec<Element> = Vec::new();
        for issue in evaluation.issues.iter().filter(|i| i.severity == Severity::Error) {
            let Some(control) = self.control_for(&issue.path, input) else { continue };
            let name = control.get_attribute("name").unwrap_or_default();
            if !self.submit_tried && !self.touched.contains(&name) {
                continue;
            }
            if shown.iter().any(|c| c.is_same_node(Some(&control))) {
                continue;
            }
            shown.push(control.clone());
            let id = self.ensure_id(&control);
            let message_id = format!("{id}-error");
            let Ok(message) = create(&self.document, "p", &[("id", &message_id), ("class", "utrecht-form-field-error-message")], self.settings.locale) else { continue };
            message.set_text_content(Some(&issue.message));
            // A group of checkboxes or radios gets one message at the end of its
            // fieldset, not inside the first box's label.
            let kind = control.get_attribute("type").unwrap_or_default();
            let group = (kind == "checkbox" || kind == "radio")
                .then(|| control.closest("fieldset").ok().flatten())
                .flatten()
                .filter(|fieldset| !fieldset.class_name().contains("signal-indicators"));
            let _ = match group {
                Some(fieldset) => fieldset.append_child(&message).map(|_| ()),
                None => control.after_with_node_1(&message),
            };
            self.errors.push(message);
            self.remember(&control, "aria-invalid");
            self.remember(&control, "aria-describedby");
            let described = match control.get_attribute("aria-describedby") {
                Some(existing) if !existing.split_whitespace().any(|t| t == message_id) => format!("{existing} {message_id}"),
                Some(existing) => existing,
                None => message_id,
            };
            let _ = control.set_attribute("aria-invalid", "true");
            let _ = control.set_attribute("aria-describedby", &described);
        }
        self.render_panel(evaluation);
    }

    fn words(&self) -> &'static Words {
        match self.settings.locale {
            Locale::Nl => &DUTCH,
            Locale::En => &ENGLISH,
        }
    }

    fn render_panel(&mut self, evaluation: &Evaluation) {
        let words = self.words();
        let locale = self.settings.locale;
        let catalog = self.engine.active_catalog().clone();
        let document = self.document.clone();
        self.panel.set_text_content(None);
        let build = || -> Result<(), JsValue> {
            append(&self.panel, &text_element(&document, "h2", words.advice_heading, locale)?)?;
            let overall = &evaluation.assessment.overall;
            let overall_text = format!("{}: {} ({})", words.overall, display_score(overall.score), band_name(&overall.band, words));
            append(&self.panel, &text_element(&document, "p", &overall_text, locale)?)?;
            let categories = create(&document, "ul", &[], locale)?;
            for category in &evaluation.assessment.categories {
                let label = category_label(&catalog, &category.category, locale);
                let line = format!("{label}: {} ({})", display_score(category.score), band_name(&category.band, words));
                append(&categories, &text_element(&document, "li", &line, locale)?)?;
            }
            self.panel.append_child(&categories)?;
            if !evaluation.assessment.categories.is_empty() {
                append(&self.panel, &text_element(&document, "h3", words.why, locale)?)?;
                let list = create(&document, "ul", &[], locale)?;
                for category in &evaluation.assessment.categories {
                    for c in &category.contributions {
                        let label = catalog.indicator(&c.code).map(|(_, d)| catalog.text(&d.labels, locale).to_owned()).unwrap_or_default();
                        let line = format!(
                            "{} {label}: {} ({} {}‰, {} {}‰, {} {}‰)",
                            c.code,
                            display_score(c.strength),
                            words.reliability,
                            c.reliability_factor,
                            words.credibility,
                            c.credibility_factor,
                            words.recency,
                            c.recency_factor
                        );
                        append(&list, &text_element(&document, "li", &line, locale)?)?;
                    }
                }
                self.panel.append_child(&list)?;
            }
            for flag in &evaluation.assessment.protection_flags {
                let line = format!("{}: {}", words.protection, category_label(&catalog, flag, locale));
                append(&self.panel, &text_element(&document, "p", &line, locale)?)?;
            }
            let advised = if evaluation.routing.advised.is_empty() { words.nobody.to_owned() } else { evaluation.routing.advised.join(", ") };
            append(&self.panel, &text_element(&document, "p", &format!("{}: {advised}", words.routing), locale)?)?;
            if !evaluation.measures.is_empty() {
                append(&self.panel, &text_element(&document, "h3", words.measures, locale)?)?;
                let list = create(&document, "ul", &[], locale)?;
                for measure in &evaluation.measures {
                    append(&list, &text_element(&document, "li", &format!("{} ({})", measure.label, measure.legal_basis), locale)?)?;
                }
                self.panel.append_child(&list)?;
            }
            Ok(())
        };
        let _ = build();
        // Announce only when the band or the advice changes.
        let announcement = format!(
            "{}: {}. {}: {}.",
            words.overall,
            band_name(&evaluation.assessment.overall.band, words),
            words.routing,
            evaluation.routing.advised.join(", ")
        );
        if announcement != self.announced {
            self.live.set_text_content(Some(&announcement));
            self.announced = announcement;
        }
    }

    fn remove_summary(&mut self) {
        if let Some(summary) = self.summary.take() {
            summary.remove();
            self.injected.retain(|n| !n.is_same_node(Some(&summary)));
        }
    }

    /// Renders the error summary at the top of the form; returns it so the
    /// caller can move focus there once the state is released.
    fn render_summary(&mut self, evaluation: &Evaluation, input: &Value) -> Option<HtmlElement> {
        self.remove_summary();
        let words = self.words();
        let locale = self.settings.locale;
        let document = self.document.clone();
        let summary = create(&document, "div", &[("class", "utrecht-alert utrecht-alert--error signal-indicators-summary"), ("tabindex", "-1"), ("role", "group")], locale).ok()?;
        let heading_id = "signal-indicators-summary-heading";
        let _ = summary.set_attribute("aria-labelledby", heading_id);
        if let Ok(heading) = text_element(&document, "h2", words.summary, locale) {
            let _ = heading.set_attribute("id", heading_id);
            let _ = summary.append_child(&heading);
        }
        let list = create(&document, "ul", &[], locale).ok()?;
        let mut linked: Vec<Element> = Vec::new();
        for issue in evaluation.issues.iter().filter(|i| i.severity == Severity::Error) {
            let item = create(&document, "li", &[], locale);
            let Ok(item) = item else { continue };
            match self.control_for(&issue.path, input) {
                Some(control) if !linked.iter().any(|c| c.is_same_node(Some(&control))) => {
                    linked.push(control.clone());
                    let id = self.ensure_id(&control);
                    if let Ok(link) = create(&document, "a", &[("href", &format!("#{id}"))], locale) {
                        link.set_text_content(Some(&issue.message));
                        let _ = item.append_child(&link);
                    }
                }
                Some(_) => continue,
                None => item.set_text_content(Some(&issue.message)),
            }
            let _ = list.append_child(&item);
        }
        let _ = summary.append_child(&list);
        let _ = self.form.prepend_with_node_1(&summary);
        self.injected.push(summary.clone());
        self.summary = Some(summary.clone());
        summary.dyn_into::<HtmlElement>().ok()
    }

    /// The hidden record field: the host's own, or one this component adds.
    fn record_field(&mut self) -> Result<Option<Element>, JsValue> {
        let name = self.settings.record_field.clone();
        if self.find_control(&name, None).is_some() {
            return Ok(None);
        }
        let field = self.document.create_element("input")?;
        field.set_attribute("type", "hidden")?;
        field.set_attribute("name", &name)?;
        self.form.append_child(&field)?;
        Ok(Some(field))
    }

    fn render_picker(&mut self) -> Result<Element, JsValue> {
        let locale = self.settings.locale;
        let words = self.words();
        let document = self.document.clone();
        let catalog = self.engine.active_catalog().clone();
        let root = create(&document, "div", &[("class", "signal-indicators-picker")], locale)?;
        let categories = catalog.catalog().categories.clone();
        // Scored categories first, the protective one visibly apart at the end.
        let ordered = categories.iter().filter(|c| !c.protective).chain(categories.iter().filter(|c| c.protective));
        for category in ordered {
            let class = if category.protective { "utrecht-form-fieldset signal-indicators-protective" } else { "utrecht-form-fieldset" };
            let fieldset = create(&document, "fieldset", &[("class", class)], locale)?;
            let legend_text = if category.protective {
                format!("{} — {}", catalog.text(&category.labels, locale), words.protective)
            } else {
                catalog.text(&category.labels, locale).to_owned()
            };
            append(&fieldset, &text_element(&document, "legend", &legend_text, locale)?)?;
            for definition in catalog.catalog().indicators.iter().filter(|d| d.category == category.code) {
                let code = &definition.code;
                let base = format!("signal-indicators-{}", id_safe(code));
                let field = create(&document, "div", &[("class", "utrecht-form-field utrecht-form-field--checkbox")], locale)?;
                let checkbox = create(&document, "input", &[("type", "checkbox"), ("name", "indicator"), ("value", code), ("id", &base), ("class", "utrecht-checkbox")], locale)?;
                let label = text_element(&document, "label", &format!("{code} — {}", catalog.text(&definition.labels, locale)), locale)?;
                label.set_attribute("for", &base)?;
                let guidance = text_element(&document, "p", catalog.text(&definition.guidance, locale), locale)?;
                guidance.set_attribute("class", "utrecht-form-field-description")?;
                guidance.set_attribute("id", &format!("{base}-guidance"))?;
                checkbox.set_attribute("aria-describedby", &format!("{base}-guidance"))?;
                field.append_child(&checkbox)?;
                field.append_child(&label)?;
                field.append_child(&guidance)?;
                let details = create(&document, "div", &[("id", &format!("{base}-details")), ("class", "signal-indicators-details"), ("hidden", "")], locale)?;
                let grades = [
                    ("reliability", words.reliability_label, &RELIABILITY_CODES[..], words.reliability_options),
                    ("credibility", words.credibility_label, &CREDIBILITY_CODES[..], words.credibility_options),
                ];
                for (member, label_text, codes, meanings) in grades {
                    let id = format!("{base}-{member}");
                    append(&details, &labelled(&document, &id, label_text, locale)?)?;
                    let select = create(&document, "select", &[("name", &format!("indicator.{code}.{member}")), ("id", &id), ("class", "utrecht-select")], locale)?;
                    // Grading starts empty: no silent default.
                    append(&select, &text_element(&document, "option", words.choose, locale)?)?;
                    if let Some(first) = select.last_element_child() {
                        first.set_attribute("value", "")?;
                    }
                    for (grade, meaning) in codes.iter().zip(meanings.iter()) {
                        let option = text_element(&document, "option", &format!("{grade} — {meaning}"), locale)?;
                        option.set_attribute("value", grade)?;
                        select.append_child(&option)?;
                    }
                    details.append_child(&select)?;
                }
                let inputs = [
                    ("observedOn", words.observed_label, "date"),
                    ("evidenceRefs", if definition.requires_evidence { words.evidence_required_label } else { words.evidence_label }, "text"),
                ];
                for (member, label_text, kind) in inputs {
                    let id = format!("{base}-{member}");
                    append(&details, &labelled(&document, &id, label_text, locale)?)?;
                    let input = create(&document, "input", &[("type", kind), ("name", &format!("indicator.{code}.{member}")), ("id", &id), ("class", "utrecht-textbox")], locale)?;
                    details.append_child(&input)?;
                }
                let note_id = format!("{base}-note");
                append(&details, &labelled(&document, &note_id, words.note_label, locale)?)?;
                let note = create(&document, "textarea", &[("name", &format!("indicator.{code}.note")), ("id", &note_id), ("class", "utrecht-textarea"), ("maxlength", "2000")], locale)?;
                details.append_child(&note)?;
                field.append_child(&details)?;
                fieldset.append_child(&field)?;
            }
            root.append_child(&fieldset)?;
        }
        Ok(root)
    }
}

/// Appends `child` to `parent` (element to element).
fn append(parent: &Element, child: &Element) -> Result<(), JsValue> {
    parent.append_child(child).map(|_| ())
}

fn labelled(document: &Document, id: &str, text: &str, locale: Locale) -> Result<Element, JsValue> {
    let label = text_element(document, "label", text, locale)?;
    label.set_attribute("for", id)?;
    label.set_attribute("class", "utrecht-form-label")?;
    Ok(label)
}

fn id_safe(code: &str) -> String {
    code.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect()
}

fn category_label(catalog: &ActiveCatalog, code: &str, locale: Locale) -> String {
    catalog
        .catalog()
        .categories
        .iter()
        .find(|c| c.code == code)
        .map(|c| catalog.text(&c.labels, locale).to_owned())
        .unwrap_or_else(|| code.to_owned())
}

fn band_name<'a>(band: &'a str, words: &'static Words) -> &'a str {
    match band {
        "none" => words.band_none,
        "low" => words.band_low,
        "medium" => words.band_medium,
        "high" => words.band_high,
        other => other,
    }
}

const RELIABILITY_CODES: [&str; 6] = ["A", "B", "C", "D", "E", "F"];
const CREDIBILITY_CODES: [&str; 6] = ["1", "2", "3", "4", "5", "6"];

/// Interface words of the component in one language.
struct Words {
    advice_heading: &'static str,
    overall: &'static str,
    why: &'static str,
    reliability: &'static str,
    credibility: &'static str,
    recency: &'static str,
    protection: &'static str,
    routing: &'static str,
    nobody: &'static str,
    measures: &'static str,
    summary: &'static str,
    protective: &'static str,
    choose: &'static str,
    reliability_label: &'static str,
    credibility_label: &'static str,
    observed_label: &'static str,
    evidence_label: &'static str,
    evidence_required_label: &'static str,
    note_label: &'static str,
    reliability_options: [&'static str; 6],
    credibility_options: [&'static str; 6],
    band_none: &'static str,
    band_low: &'static str,
    band_medium: &'static str,
    band_high: &'static str,
}

static DUTCH: Words = Words {
    advice_heading: "Advies — geen besluit",
    overall: "Advies",
    why: "Waarom deze score?",
    reliability: "betrouwbaarheid",
    credibility: "geloofwaardigheid",
    recency: "actualiteit",
    protection: "Let op, beschermend signaal",
    routing: "Routeringsadvies",
    nobody: "geen",
    measures: "Maatregelen ter overweging door de beslisser",
    summary: "Controleer het formulier",
    protective: "beschermend, telt nooit mee in de score",
    choose: "Kies…",
    reliability_label: "Betrouwbaarheid van de bron",
    credibility_label: "Geloofwaardigheid van de informatie",
    observed_label: "Waargenomen op",
    evidence_label: "Bronverwijzingen (komma-gescheiden)",
    evidence_required_label: "Bronverwijzingen (verplicht, komma-gescheiden)",
    note_label: "Toelichting",
    reliability_options: ["volledig betrouwbaar", "meestal betrouwbaar", "redelijk betrouwbaar", "meestal niet betrouwbaar", "onbetrouwbaar", "niet te beoordelen"],
    credibility_options: ["bevestigd door andere bronnen", "waarschijnlijk waar", "mogelijk waar", "twijfelachtig", "onwaarschijnlijk", "niet te beoordelen"],
    band_none: "geen",
    band_low: "laag",
    band_medium: "midden",
    band_high: "hoog",
};

static ENGLISH: Words = Words {
    advice_heading: "Advice — not a decision",
    overall: "Advice",
    why: "Why this score?",
    reliability: "reliability",
    credibility: "credibility",
    recency: "recency",
    protection: "Note, protective signal",
    routing: "Routing advice",
    nobody: "none",
    measures: "Measures for consideration by the decision-maker",
    summary: "Check the form",
    protective: "protective, never counts in the score",
    choose: "Choose…",
    reliability_label: "Source reliability",
    credibility_label: "Information credibility",
    observed_label: "Observed on",
    evidence_label: "Evidence references (comma-separated)",
    evidence_required_label: "Evidence references (required, comma-separated)",
    note_label: "Note",
    reliability_options: ["completely reliable", "usually reliable", "fairly reliable", "not usually reliable", "unreliable", "cannot be judged"],
    credibility_options: ["confirmed by other sources", "probably true", "possibly true", "doubtful", "improbable", "cannot be judged"],
    band_none: "none",
    band_low: "low",
    band_medium: "medium",
    band_high: "high",
};
