//! Rust values to JS values, and `SignalError` to a real JS `Error`.

use js_sys::Reflect;
use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::core::error::SignalError;

/// Every value handed to JS goes through one path: serde to JSON text
/// (members in declaration order), then one `JSON.parse` in JS. A single
/// crossing is far cheaper than building objects member by member, and
/// `JSON.parse` defines a `__proto__` member as plain data.
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let text = json_text(value).ok_or_else(|| error_value("internal", "could not convert a result", None))?;
    js_sys::JSON::parse(&text).map_err(|_| error_value("internal", "could not convert a result", None))
}

/// `value` as compact JSON text, members in declaration order (the record
/// travels in the documented member order, SPEC §7).
pub fn json_text<T: Serialize + ?Sized>(value: &T) -> Option<String> {
    let mut out = Vec::with_capacity(1024);
    value.serialize(&mut serde_json::Serializer::with_formatter(&mut out, EcmaScriptNumbers)).ok()?;
    String::from_utf8(out).ok()
}

/// serde_json's compact format, with any float written the way ECMAScript
/// (and the RFC 8785 canonical form) writes it. The module then carries one
/// float formatter (ryu-js) instead of two; the shortest round-trip digits
/// are the same, so `JSON.parse` reads the same number either way.
struct EcmaScriptNumbers;

impl serde_json::ser::Formatter for EcmaScriptNumbers {
    fn write_f64<W: ?Sized + std::io::Write>(&mut self, writer: &mut W, value: f64) -> std::io::Result<()> {
        writer.write_all(ryu_js::Buffer::new().format(value).as_bytes())
    }
    fn write_f32<W: ?Sized + std::io::Write>(&mut self, writer: &mut W, value: f32) -> std::io::Result<()> {
        self.write_f64(writer, f64::from(value))
    }
}

/// A JS `Error` named `SignalError` with a stable `code` and, when given, `issues`.
pub fn error_value(code: &str, message: &str, issues: Option<JsValue>) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name("SignalError");
    // Setting own properties on a fresh Error cannot fail.
    let _ = Reflect::set(&error, &JsValue::from_str("code"), &JsValue::from_str(code));
    if let Some(issues) = issues {
        let _ = Reflect::set(&error, &JsValue::from_str("issues"), &issues);
    }
    error.into()
}

/// Converts an engine error for JS.
pub fn signal_error(error: &SignalError) -> JsValue {
    let issues = match error {
        SignalError::FormInvalid(issues) | SignalError::CatalogInvalid(issues) => to_js(issues).ok(),
        _ => None,
    };
    error_value(error.code(), &error.to_string(), issues)
}

/// `option.invalid` with a message.
pub fn option_invalid(message: impl Into<String>) -> JsValue {
    signal_error(&SignalError::OptionInvalid(message.into()))
}
