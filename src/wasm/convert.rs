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

/// `value` as compact JSON text, members in declaration order.
pub use crate::core::json_text::to_text as json_text;

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
