//! The engine API in a real browser (headless Chromium), through the
//! wasm-bindgen exports: `wasm-pack test --headless --chrome -- --test web`.
#![cfg(target_arch = "wasm32")]

use js_sys::{Error, Object, Reflect, JSON};
use signal_indicators::wasm::{input_from_form_data, record_schema, JsSignalEngine};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The one fixture of every suite.
const FORM: &str = include_str!("data/valid-form.json");

fn json(text: &str) -> JsValue {
    JSON::parse(text).expect("test JSON")
}

fn get(value: &JsValue, path: &[&str]) -> JsValue {
    path.iter().fold(value.clone(), |v, key| Reflect::get(&v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED))
}

fn fixed() -> Option<JsValue> {
    Some(json(
        r#"{ "today": "2026-11-28", "now": "2026-11-28T20:15:00.000Z", "id": "3f0c6a52-8d1e-4c7a-9b2f-5e4d3c2b1a09" }"#,
    ))
}

fn assert_signal_error(error: JsValue, code: &str) {
    let error: Error = error.dyn_into().expect("a real Error");
    assert_eq!(String::from(error.name()), "SignalError");
    assert_eq!(
        Reflect::get(&error, &JsValue::from_str("code")).ok().and_then(|c| c.as_string()).as_deref(),
        Some(code)
    );
}

fn works(engine: &JsSignalEngine) {
    let evaluation = engine.evaluate(json(FORM), Some(json(r#"{"today":"2026-11-28"}"#))).expect("evaluates");
    assert_eq!(get(&evaluation, &["valid"]).as_bool(), Some(true));
}

#[wasm_bindgen_test]
fn evaluates_builds_and_verifies_in_the_browser() {
    let engine = JsSignalEngine::new(None).expect("engine");
    let evaluation = engine.evaluate(json(FORM), Some(json(r#"{"today":"2026-11-28"}"#))).expect("evaluates");
    assert_eq!(get(&evaluation, &["assessment", "overall", "score"]).as_f64(), Some(6865.0));
    assert_eq!(get(&evaluation, &["assessment", "overall", "band"]).as_string().as_deref(), Some("medium"));
    let record = engine.build_record(json(FORM), fixed()).expect("record");
    let keys: Vec<String> =
        Object::keys(record.unchecked_ref::<Object>()).iter().filter_map(|k| k.as_string()).collect();
    assert_eq!(keys.first().map(String::as_str), Some("recordType"));
    assert_eq!(keys.last().map(String::as_str), Some("integrity"));
    let verification = engine.verify_record(record.clone(), None).expect("verifies");
    assert_eq!(get(&verification, &["ok"]).as_bool(), Some(true));
    // Text round trip, as through a hidden form field.
    let text = JSON::stringify(&record).expect("stringify");
    let verification = engine.verify_record(JSON::parse(&String::from(text)).expect("parse"), None).expect("verifies");
    assert_eq!(get(&verification, &["ok"]).as_bool(), Some(true));
    assert_eq!(
        get(&record_schema(JsValue::UNDEFINED).expect("schema"), &["$schema"]).as_string().as_deref(),
        Some("https://json-schema.org/draft/2020-12/schema")
    );
}

#[wasm_bindgen_test]
fn errors_are_signal_errors_and_the_engine_survives_them() {
    let engine = JsSignalEngine::new(Some(json(r#"{"locale":"en"}"#))).expect("engine");
    assert_signal_error(engine.build_record(json("{}"), fixed()).err().expect("invalid form"), "form.invalid");
    assert_signal_error(
        JsSignalEngine::new(Some(json(r#"{"locale":"fr"}"#))).err().expect("bad locale"),
        "option.invalid",
    );
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
    for hostile in
        [proxy.into(), cyclic.into(), deep, JsValue::symbol(Some("s")), JsValue::from_f64(f64::NAN), JsValue::NULL]
    {
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
