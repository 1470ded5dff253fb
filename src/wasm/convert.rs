//! Rust values to JS values, and `SignalError` to a real JS `Error`.

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

/// `value` as compact JSON text, members in declaration order.
pub use crate::core::json_text::to_text as json_text;

/// A JS `Error` named `SignalError` with a stable `code` and, when given,
/// `issues` (JSON text; made in read.js).
pub fn error_value(code: &str, message: &str, issues: Option<String>) -> JsValue {
    crate::wasm::boundary::signal_error(code, message, issues)
}

/// Converts an engine error for JS.
pub fn signal_error(error: &SignalError) -> JsValue {
    let issues = match error {
        SignalError::FormInvalid(issues) | SignalError::CatalogInvalid(issues) => json_text(issues),
        _ => None,
    };
    error_value(error.code(), &error.to_string(), issues)
}

/// `option.invalid` with a message.
pub fn option_invalid(message: impl Into<String>) -> JsValue {
    signal_error(&SignalError::OptionInvalid(message.into()))
}
