//! Reading hostile JS values into plain JSON values.
//!
//! Only own, enumerable data properties of plain objects and arrays are
//! read; getters are never called. Every JS call goes through `Reflect`
//! (which reports a throwing proxy trap as an `Err` instead of unwinding
//! through Rust). Sizes are checked before anything is copied and the depth
//! is bounded, so no input can exhaust the stack, the memory or the time.

use js_sys::{Array, JsString, Object, Reflect};
use serde_json::{Map, Value};
use wasm_bindgen::{JsCast, JsValue};

use crate::core::issue::{codes, pointer_push, Finding};

/// What a value crossing the boundary may be.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// UTF-16 code units of strings and keys, in total.
    pub string_units: usize,
    /// Nesting of objects and arrays.
    pub depth: usize,
    /// Values read, in total.
    pub nodes: usize,
    /// Items read from one array; longer arrays keep only their length.
    pub array_items: usize,
}

/// Limits for form input (SPEC §4: 1 MiB of strings, depth 16).
pub const FORM_LIMITS: Limits = Limits { string_units: 1 << 20, depth: 16, nodes: 200_000, array_items: 1_000 };
/// Limits for records handed back for verification.
pub const RECORD_LIMITS: Limits = Limits { string_units: 4 << 20, depth: 16, nodes: 400_000, array_items: 1_000 };
/// Limits for catalogs and options.
pub const CATALOG_LIMITS: Limits = Limits { string_units: 4 << 20, depth: 16, nodes: 400_000, array_items: 10_000 };

/// The value read, and findings about what could not be read as given.
pub struct Read {
    /// The JSON value (`Null` when the whole input was too large).
    pub value: Value,
    /// `type` for exotic values, `text.replaced` for lone surrogates,
    /// `input.too-large` (alone) when a limit was hit.
    pub findings: Vec<Finding>,
}

/// Reads `value` within `limits`.
pub fn read(value: &JsValue, limits: Limits) -> Read {
    let mut walk = Walk {
        limits,
        findings: Vec::new(),
        units: 0,
        nodes: 0,
        too_large: false,
        ancestors: Vec::new(),
        object_prototype: Reflect::get_prototype_of(&Object::new().into()).ok().map(JsValue::from),
    };
    let out = walk.value(value, "", 0).unwrap_or(Value::Null);
    if walk.too_large {
        return Read { value: Value::Null, findings: vec![Finding::error("", codes::INPUT_TOO_LARGE)] };
    }
    Read { value: out, findings: walk.findings }
}

struct Walk {
    limits: Limits,
    findings: Vec<Finding>,
    units: usize,
    nodes: usize,
    too_large: bool,
    /// Objects and arrays being read, to recognise cycles.
    ancestors: Vec<JsValue>,
    object_prototype: Option<JsValue>,
}

/// Stands in for a value that could not be read: `false` is of the wrong type
/// for every text field, so the core reports no second, different issue there.
fn unreadable() -> Value {
    Value::Bool(false)
}

impl Walk {
    fn exotic(&mut self, path: &str) -> Option<Value> {
        self.findings.push(Finding::error(path, codes::TYPE));
        Some(unreadable())
    }

    fn count_units(&mut self, units: usize) -> bool {
        self.units = self.units.saturating_add(units);
        if self.units > self.limits.string_units {
            self.too_large = true;
        }
        !self.too_large
    }

    /// `None` means absent (`undefined`).
    fn value(&mut self, value: &JsValue, path: &str, depth: usize) -> Option<Value> {
        if self.too_large {
            return Some(Value::Null);
        }
        self.nodes += 1;
        if self.nodes > self.limits.nodes {
            self.too_large = true;
            return Some(Value::Null);
        }
        if value.is_undefined() {
            return None;
        }
        if value.is_null() {
            return Some(Value::Null);
        }
        if let Some(flag) = value.as_bool() {
            return Some(Value::Bool(flag));
        }
        if let Some(number) = value.as_f64() {
            return match json_number(number) {
                Some(n) => Some(n),
                None => self.exotic(path),
            };
        }
        if let Some(text) = value.dyn_ref::<JsString>() {
            // Check the size before copying the string out of JS.
            if !self.count_units(text.length() as usize) {
                return Some(Value::Null);
            }
            if !text.is_valid_utf16() {
                self.findings.push(Finding::warning(path, codes::TEXT_REPLACED));
            }
            // Lone surrogates become U+FFFD in the conversion.
            return Some(Value::String(String::from(text)));
        }
        if !value.is_object() || value.is_function() {
            // bigint, symbol, function
            return self.exotic(path);
        }
        if depth >= self.limits.depth {
            self.too_large = true;
            return Some(Value::Null);
        }
        if self.ancestors.iter().any(|a| Object::is(a, value)) {
            return self.exotic(path);
        }
        self.ancestors.push(value.clone());
        let out = if Array::is_array(value) {
            self.array(value.unchecked_ref::<Array>(), path, depth)
        } else {
            self.object(value, path, depth)
        };
        self.ancestors.pop();
        out
    }

    fn array(&mut self, array: &Array, path: &str, depth: usize) -> Option<Value> {
        let length = array.length() as usize;
        if length > self.limits.array_items {
            // Keep only the length: the core reports `array.too-many` without
            // reading items.
            return Some(Value::Array(vec![Value::Null; self.limits.array_items + 1]));
        }
        let mut items = Vec::with_capacity(length);
        for i in 0..length {
            let item_path = format!("{path}/{i}");
            let item = match Reflect::get_u32(array, i as u32) {
                Ok(item) => self.value(&item, &item_path, depth + 1).unwrap_or(Value::Null),
                Err(_) => self.exotic(&item_path).unwrap_or(Value::Null),
            };
            if self.too_large {
                return Some(Value::Null);
            }
            items.push(item);
        }
        Some(Value::Array(items))
    }

    fn object(&mut self, value: &JsValue, path: &str, depth: usize) -> Option<Value> {
        let plain = match Reflect::get_prototype_of(value) {
            Ok(prototype) => {
                let prototype: JsValue = prototype.into();
                prototype.is_null() || self.object_prototype.as_ref().is_some_and(|p| Object::is(p, &prototype))
            }
            Err(_) => false,
        };
        if !plain {
            // Map, Date, class instances, objects from other realms: not JSON data.
            return self.exotic(path);
        }
        let Ok(keys) = Reflect::own_keys(value) else { return self.exotic(path) };
        let mut map = Map::new();
        for key in keys.iter() {
            let Some(name) = key.dyn_ref::<JsString>() else { continue }; // symbols
            if !self.count_units(name.length() as usize) {
                return Some(Value::Null);
            }
            let name = String::from(name);
            let member_path = pointer_push(path, &name);
            let descriptor = match Reflect::get_own_property_descriptor(value.unchecked_ref::<Object>(), &key) {
                Ok(descriptor) if descriptor.is_object() => descriptor,
                Ok(_) => continue,
                Err(_) => {
                    self.exotic(&member_path);
                    continue;
                }
            };
            let field = |name: &str| Reflect::get(&descriptor, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
            if field("enumerable").as_bool() != Some(true) {
                continue;
            }
            if !field("get").is_undefined() || !field("set").is_undefined() {
                // An accessor: never call it.
                if let Some(placeholder) = self.exotic(&member_path) {
                    map.insert(name, placeholder);
                }
                continue;
            }
            if let Some(member) = self.value(&field("value"), &member_path, depth + 1) {
                map.insert(name, member);
            }
            if self.too_large {
                return Some(Value::Null);
            }
        }
        Some(Value::Object(map))
    }
}

/// A JS number as JSON: integers within ±2^53 stay integers (`-0` becomes
/// `0`); other finite numbers are floats; `NaN` and infinities are not JSON.
fn json_number(number: f64) -> Option<Value> {
    const SAFE: f64 = 9_007_199_254_740_991.0;
    if !number.is_finite() {
        None
    } else if number.fract() == 0.0 && number.abs() <= SAFE {
        Some(Value::from(number as i64))
    } else {
        serde_json::Number::from_f64(number).map(Value::Number)
    }
}
