//! Reading JSON text strictly: duplicate member names are refused (RFC 8785
//! forbids them, and a record with two `digest`s must not verify by luck).

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// `value` as compact JSON text, members in declaration order (the record
/// travels in the documented member order, SPEC §7); any float written the
/// way ECMAScript (and the RFC 8785 canonical form) writes it, so the module
/// carries one float formatter (ryu-js), not two.
pub fn to_text<T: serde::Serialize + ?Sized>(value: &T) -> Option<String> {
    let mut out = Vec::with_capacity(1024);
    value.serialize(&mut serde_json::Serializer::with_formatter(&mut out, EcmaScriptNumbers)).ok()?;
    String::from_utf8(out).ok()
}

/// `value` as a JSON value. The browser module goes by way of the text:
/// one serializer per type (the text one) instead of two, −5 kB gzip; the
/// other builds take the direct, faster path. Both give the same value
/// (the records' bytes are compared across builds in the test suites).
pub fn to_value<T: serde::Serialize + ?Sized>(value: &T) -> Option<Value> {
    #[cfg(not(feature = "full"))]
    return parse_strict(&to_text(value)?).ok();
    #[cfg(feature = "full")]
    return serde_json::to_value(value).ok();
}

/// serde_json's compact format with ECMAScript number formatting.
struct EcmaScriptNumbers;

impl serde_json::ser::Formatter for EcmaScriptNumbers {
    fn write_f64<W: ?Sized + std::io::Write>(&mut self, writer: &mut W, value: f64) -> std::io::Result<()> {
        // What the engine writes holds no fractions; should one appear, it
        // is written as ECMAScript does where the module has a formatter.
        let text = if value.is_finite() { super::canonical::format_float(value).ok() } else { None };
        writer.write_all(text.as_deref().unwrap_or("null").as_bytes())
    }
    fn write_f32<W: ?Sized + std::io::Write>(&mut self, writer: &mut W, value: f32) -> std::io::Result<()> {
        self.write_f64(writer, f64::from(value))
    }
}

/// Most JSON text the engine reads in one call, in UTF-8 bytes (4 MiB).
pub const MAX_TEXT_BYTES: usize = 4 << 20;

/// Why JSON text handed to the engine could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextError {
    /// More than [`MAX_TEXT_BYTES`].
    TooLarge,
    /// Not JSON, or a member name repeated.
    NotJson,
}

/// Reads JSON text as the engine's entry points do (SPEC §8): at most
/// [`MAX_TEXT_BYTES`], strictly (duplicate member names refused); a
/// leading byte-order mark is ignored. The §4 limits apply to the value
/// afterwards, exactly as for an object.
pub fn read_text(text: &str) -> Result<Value, TextError> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(TextError::TooLarge);
    }
    parse_strict(text.strip_prefix('\u{FEFF}').unwrap_or(text)).map_err(|_| TextError::NotJson)
}

/// Parses JSON text into a value, refusing duplicate member names.
/// serde_json's recursion limit (128) bounds nesting.
pub fn parse_strict(text: &str) -> Result<Value, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = StrictValue::deserialize_value(&mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

struct StrictValue;

impl StrictValue {
    fn deserialize_value<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(StrictVisitor)
    }
}

struct StrictSeed;

impl<'de> de::DeserializeSeed<'de> for StrictSeed {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        StrictValue::deserialize_value(deserializer)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(StrictSeed)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            if map.contains_key(&key) {
                return Err(de::Error::custom(format_args!("duplicate member name {key:?}")));
            }
            let value = access.next_value_seed(StrictSeed)?;
            map.insert(key, value);
        }
        Ok(Value::Object(map))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_duplicate_names_at_any_depth() {
        assert!(parse_strict(r#"{"a":1,"b":{"c":1,"c":2}}"#).is_err());
        assert!(parse_strict(r#"{"a":1,"a":1}"#).is_err());
        assert_eq!(parse_strict(r#"{"a":[1,{"b":2}]}"#).ok(), serde_json::from_str(r#"{"a":[1,{"b":2}]}"#).ok());
        assert!(parse_strict("{} x").is_err());
    }
}
