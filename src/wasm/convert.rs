//! Rust values to JS values, and `SignalError` to a real JS `Error`.

use js_sys::{Array, Object, Reflect};
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::JsValue;

use crate::core::error::SignalError;

/// Every value handed to JS goes through one path: serde to a JSON value
/// (members in declaration order), then plain JS objects and arrays. One
/// serializer for all types keeps the module small.
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    serde_json::to_value(value)
        .map(|value| json_to_js(&value))
        .map_err(|e| error_value("internal", &format!("could not convert a result: {e}"), None))
}

/// A JSON value as plain JS data. Engine output nests only a few levels.
fn json_to_js(value: &Value) -> JsValue {
    match value {
        Value::Null => JsValue::NULL,
        Value::Bool(flag) => JsValue::from_bool(*flag),
        Value::Number(number) => JsValue::from_f64(number.as_f64().unwrap_or(0.0)),
        Value::String(text) => JsValue::from_str(text),
        Value::Array(items) => items.iter().map(json_to_js).collect::<Array>().into(),
        Value::Object(members) => {
            let object = Object::new();
            for (key, member) in members {
                let key = JsValue::from_str(key);
                let member = json_to_js(member);
                if key == "__proto__" {
                    // A plain assignment would replace the prototype: define it.
                    let descriptor = Object::new();
                    let _ = Reflect::set(&descriptor, &JsValue::from_str("value"), &member);
                    for flag in ["writable", "enumerable", "configurable"] {
                        let _ = Reflect::set(&descriptor, &JsValue::from_str(flag), &JsValue::TRUE);
                    }
                    let _ = Reflect::define_property(&object, &key, &descriptor);
                } else {
                    let _ = Reflect::set(&object, &key, &member);
                }
            }
            object.into()
        }
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
