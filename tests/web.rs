//! The engine API in a real browser (headless Chromium), through the
//! wasm-bindgen exports: `wasm-pack test --headless --chrome -- --test web`.
#![cfg(target_arch = "wasm32")]

use js_sys::{Error, Object, Reflect, JSON};
use signal_indicators::wasm::{input_from_form_data, record_schema, JsSignalEngine};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const FORM: &str = r#"{
  "caseNumber": "IND-2026-000123", "procedure": "asylum",
  "subject": { "vNumber": "1234567890", "bsn": "123456782" },
  "context": { "type": "sis-check", "sisAlert": { "regulation": "2018/1861", "article": "24", "issuingState": "DE", "alertReference": "SIS-DE-2026-0042" } },
  "indicators": [
    { "code": "TER-01", "reliability": "B", "credibility": "2", "observedOn": "2026-05-12", "evidenceRefs": ["AB-2026-17"] },
    { "code": "TER-05", "reliability": "C", "credibility": "3", "observedOn": "2024-09-10" } ],
  "summary": "Ambtsbericht ontvangen over betrokkenheid bij een terroristische organisatie.",
  "officer": { "id": "IND-4711", "unit": "Unit Nationale Veiligheid" },
  "handling": { "tlp": "AMBER+STRICT" },
  "sharedWith": ["AIVD", "CT-INFOBOX", "NCTV"] }"#;

fn json(text: &str) -> JsValue {
    JSON::parse(text).expect("test JSON")
}

fn get(value: &JsValue, path: &[&str]) -> JsValue {
    path.iter().fold(value.clone(), |v, key| Reflect::get(&v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED))
}

fn fixed() -> Option<JsValue> {
    Some(json(r#"{ "today": "2026-11-28", "now": "2026-11-28T20:15:00.000Z", "id": "3f0c6a52-8d1e-4c7a-9b2f-5e4d3c2b1a09" }"#))
}

fn assert_signal_error(error: JsValue, code: &str) {
    let error: Error = error.dyn_into().expect("a real Error");
    assert_eq!(String::from(error.name()), "SignalError");
    assert_eq!(Reflect::get(&error, &JsValue::from_str("code")).ok().and_then(|c| c.as_string()).as_deref(), Some(code));
}

fn works(engine: &JsSignalEngine) {
    let evaluation = engine.evaluate(json(FORM), Some(json(r#"{"today":"2026-11-28"}"#))).expect("evaluates");
    assert_eq!(get(&evaluation, &["valid"]).as_bool(), Some(true));
}

#[wasm_bindgen_test]
fn evaluates_builds_and_verifies_in_the_browser() {
    let engine = JsSignalEngine::new(None).expect("engine");
    let evaluation = engine.evaluate(json(FORM), Some(json(r#"{"today":"2026-11-28"}"#))).expect("evaluates");
    assert_eq!(get(&evaluation, &["assessment", "overall", "score"]).as_f64(), Some(7124.0));
    assert_eq!(get(&evaluation, &["assessment", "overall", "band"]).as_string().as_deref(), Some("high"));
    let record = engine.build_record(json(FORM), fixed()).expect("record");
    let keys: Vec<String> = Object::keys(record.unchecked_ref::<Object>()).iter().filter_map(|k| k.as_string()).collect();
    assert_eq!(keys.first().map(String::as_str), Some("recordType"));
    assert_eq!(keys.last().map(String::as_str), Some("integrity"));
    let verification = engine.verify_record(record.clone(), None).expect("verifies");
    assert_eq!(get(&verification, &["ok"]).as_bool(), Some(true));
    // Text round trip, as through a hidden form field.
    let text = JSON::stringify(&record).expect("stringify");
    let verification = engine.verify_record(JSON::parse(&String::from(text)).expect("parse"), None).expect("verifies");
    assert_eq!(get(&verification, &["ok"]).as_bool(), Some(true));
    assert_eq!(get(&record_schema().expect("schema"), &["$schema"]).as_string().as_deref(),
        Some("https://json-schema.org/draft/2020-12/schema"));
}

#[wasm_bindgen_test]
fn errors_are_signal_errors_and_the_engine_survives_them() {
    let engine = JsSignalEngine::new(Some(json(r#"{"locale":"en"}"#))).expect("engine");
    assert_signal_error(engine.build_record(json("{}"), fixed()).err().expect("invalid form"), "form.invalid");
    assert_signal_error(JsSignalEngine::new(Some(json(r#"{"locale":"fr"}"#))).err().expect("bad locale"), "option.invalid");
    assert_signal_error(
        JsSignalEngine::new(Some(json(r#"{"catalog":{"id":"x"}}"#))).err().expect("bad catalog"),
        "catalog.invalid",
    );
    // Hostile values: a throwing proxy, a cycle, deep nesting, a symbol.
    let handler = json("{}");
    let trap = js_sys::Function::new_no_args("throw new Error('trap')");
    Reflect::set(&handler, &JsValue::from_str("ownKeys"), &trap).expect("set");
    Reflect::set(&handler, &JsValue::from_str("getPrototypeOf"), &trap).expect("set");
    let proxy = js_sys::Proxy::new(&Object::new(), handler.unchecked_ref());
    let cyclic = Object::new();
    Reflect::set(&cyclic, &JsValue::from_str("self"), &cyclic).expect("set");
    let mut deep = json("{}");
    for _ in 0..1000 {
        let outer = Object::new();
        Reflect::set(&outer, &JsValue::from_str("x"), &deep).expect("set");
        deep = outer.into();
    }
    for hostile in [proxy.into(), cyclic.into(), deep, JsValue::symbol(Some("s")), JsValue::from_f64(f64::NAN), JsValue::NULL] {
        let evaluation = engine.evaluate(hostile.clone(), None).expect("evaluation, not an exception");
        assert_eq!(get(&evaluation, &["valid"]).as_bool(), Some(false));
        let verification = engine.verify_record(hostile, None).expect("verdict");
        assert_eq!(get(&verification, &["ok"]).as_bool(), Some(false));
        works(&engine);
    }
}

#[wasm_bindgen_test]
fn form_data_from_a_real_form() {
    // A real <form> and its FormData, made by the page's own DOM.
    let make = js_sys::Function::new_no_args(
        r#"const form = document.createElement("form");
           form.innerHTML = '<input name="caseNumber" value="IND-1">'
             + '<input type="checkbox" name="indicator" value="TER-05" checked>'
             + '<select name="indicator.TER-05.reliability"><option value="A" selected>A</option></select>';
           return new FormData(form);"#,
    );
    let data = make.call0(&JsValue::UNDEFINED).expect("FormData");
    let input = input_from_form_data(data, None).expect("input");
    assert_eq!(
        String::from(JSON::stringify(&input).expect("stringify")),
        r#"{"caseNumber":"IND-1","indicators":[{"code":"TER-05","reliability":"A"}]}"#
    );
}

/// A bare form (no page styling) with the default control names.
fn bare_form() -> web_form::Form {
    let make = js_sys::Function::new_no_args(
        r#"const form = document.createElement("form");
           form.innerHTML = '<input name="caseNumber"><select name="procedure"><option value=""></option><option value="asylum">asylum</option></select>'
             + '<input name="subject.vNumber"><input name="context.type"><textarea name="summary"></textarea>'
             + '<input name="officer.id"><input name="officer.unit"><input name="handling.tlp">'
             + '<input type="checkbox" name="sharedWith" value="AIVD"><input type="checkbox" name="sharedWith" value="NCTV">'
             + '<input type="checkbox" name="sharedWith" value="CT-INFOBOX"><button type="submit">Save</button>';
           document.body.append(form);
           return form;"#,
    );
    make.call0(&JsValue::UNDEFINED).expect("form").unchecked_into()
}

mod web_form {
    //! The form element type, without pulling web-sys features into the test.
    pub use web_sys::HtmlFormElement as Form;
}

fn run(code: &str, form: &web_form::Form) -> JsValue {
    js_sys::Function::new_with_args("form", code).call1(&JsValue::UNDEFINED, form).expect("script")
}

#[wasm_bindgen_test]
fn attach_on_a_bare_form_prefills_validates_records_and_detaches() {
    use signal_indicators::wasm::attach_with_engine;
    let form = bare_form();
    let original = form.inner_html();
    let engine = JsSignalEngine::new(None).expect("engine");
    let options = json(r#"{
        "submitMode": "event-only", "today": "2026-11-28", "now": "2026-11-28T20:15:00.000Z",
        "id": "3f0c6a52-8d1e-4c7a-9b2f-5e4d3c2b1a09",
        "initial": { "caseNumber": "IND-1", "procedure": "asylum", "subject": { "vNumber": "1234567890" },
          "context": { "type": "application-assessment" },
          "summary": "Eigen openbare uitlatingen die geweld verheerlijken, vastgelegd.",
          "officer": { "id": "IND-4711", "unit": "Unit NV" }, "handling": { "tlp": "AMBER+STRICT" },
          "indicators": [{ "code": "TER-05", "reliability": "A", "credibility": "1", "observedOn": "2026-11-01" }],
          "sharedWith": ["AIVD", "NCTV"] } }"#);
    let handle = attach_with_engine(form.clone(), Some(options), &engine).expect("attached");
    // The picker uses the contract's control names; initial filled it.
    assert_eq!(run("return form.querySelectorAll('input[type=checkbox][name=indicator]').length", &form).as_f64(), Some(27.0));
    assert_eq!(run("return form.querySelector('input[name=indicator][value=\"TER-05\"]').checked", &form).as_bool(), Some(true));
    assert_eq!(run("return form.querySelector('[name=\"indicator.TER-05.reliability\"]').value", &form).as_string().as_deref(), Some("A"));
    // CT-INFOBOX is advised but not shared: the submit is cancelled with a summary.
    let cancelled = run("const e = new Event('submit', { cancelable: true }); form.dispatchEvent(e); return e.defaultPrevented;", &form);
    assert_eq!(cancelled.as_bool(), Some(true));
    assert_eq!(run("return form.querySelectorAll('.signal-indicators-summary').length", &form).as_f64(), Some(1.0));
    assert_eq!(run("return document.activeElement.classList.contains('signal-indicators-summary')", &form).as_bool(), Some(true));
    assert_eq!(run("return form.querySelector('input[name=sharedWith]').getAttribute('aria-invalid')", &form).as_string().as_deref(), Some("true"));
    // Fixed: the record lands in the hidden field and in the event.
    let record = run(
        "form.querySelector('input[value=\"CT-INFOBOX\"]').checked = true;
         form.querySelector('input[value=\"CT-INFOBOX\"]').dispatchEvent(new Event('change', { bubbles: true }));
         let detail = null; form.addEventListener('signal-record', (e) => { detail = e.detail; });
         form.dispatchEvent(new Event('submit', { cancelable: true }));
         return [detail, form.querySelector('input[name=signal_record]').value];",
        &form,
    );
    let pair: js_sys::Array = record.unchecked_into();
    let detail = pair.get(0);
    assert_eq!(get(&detail, &["case", "caseNumber"]).as_string().as_deref(), Some("IND-1"));
    assert_eq!(pair.get(1).as_string(), JSON::stringify(&detail).ok().map(String::from));
    assert_eq!(get(&engine.verify_record(detail, None).expect("verdict"), &["ok"]).as_bool(), Some(true));
    assert_eq!(get(&handle.evaluate().expect("evaluation"), &["valid"]).as_bool(), Some(true));
    handle.detach();
    handle.detach();
    assert_eq!(form.inner_html(), original);
    form.remove();
}
