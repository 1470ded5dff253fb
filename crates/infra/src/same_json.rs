//! Whether a typed value is a given JSON value: what `to_value(x) == *v`
//! answers, without building `to_value(x)`. Verifying a record compares
//! the record the engine rebuilds with the one handed in, section by
//! section; building the rebuilt record as a JSON tree only to compare it
//! and drop it was a tenth of all the work of a verification.

use serde::ser::{self, Serialize};
use serde_json::{Map, Number, Value};

/// Whether `value` serializes (as serde_json would) to exactly `expected`.
pub fn serializes_to<T: Serialize + ?Sized>(value: &T, expected: &Value) -> bool {
    value.serialize(Expect(expected)).is_ok()
}

/// Where the serialization first differs from the expected value. Carries
/// nothing: the comparison only needs to stop.
#[derive(Debug)]
pub struct Differs;

impl std::fmt::Display for Differs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("differs")
    }
}

impl std::error::Error for Differs {}

impl ser::Error for Differs {
    fn custom<T: std::fmt::Display>(_: T) -> Differs {
        Differs
    }
}

/// A serializer that checks each value against the expected one.
struct Expect<'v>(&'v Value);

fn check(ok: bool) -> Result<(), Differs> {
    if ok {
        Ok(())
    } else {
        Err(Differs)
    }
}

fn number(expected: &Value, number: Option<Number>) -> Result<(), Differs> {
    check(matches!((expected, number), (Value::Number(e), Some(n)) if *e == n))
}

impl<'v> ser::Serializer for Expect<'v> {
    type Ok = ();
    type Error = Differs;
    type SerializeSeq = ExpectSeq<'v>;
    type SerializeTuple = ExpectSeq<'v>;
    type SerializeTupleStruct = ExpectSeq<'v>;
    type SerializeTupleVariant = ser::Impossible<(), Differs>;
    type SerializeMap = ExpectMap<'v>;
    type SerializeStruct = ExpectMap<'v>;
    type SerializeStructVariant = ser::Impossible<(), Differs>;

    fn serialize_bool(self, v: bool) -> Result<(), Differs> {
        check(*self.0 == Value::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<(), Differs> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result<(), Differs> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result<(), Differs> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result<(), Differs> {
        number(self.0, Some(Number::from(v)))
    }
    fn serialize_u8(self, v: u8) -> Result<(), Differs> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<(), Differs> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result<(), Differs> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result<(), Differs> {
        number(self.0, Some(Number::from(v)))
    }
    fn serialize_f32(self, v: f32) -> Result<(), Differs> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<(), Differs> {
        // serde_json writes a non-finite float as null.
        match Number::from_f64(v) {
            Some(n) => number(self.0, Some(n)),
            None => check(self.0.is_null()),
        }
    }
    fn serialize_char(self, v: char) -> Result<(), Differs> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), Differs> {
        check(self.0.as_str() == Some(v))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Differs> {
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for byte in v {
            ser::SerializeSeq::serialize_element(&mut seq, byte)?;
        }
        ser::SerializeSeq::end(seq)
    }
    fn serialize_none(self) -> Result<(), Differs> {
        check(self.0.is_null())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Differs> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Differs> {
        check(self.0.is_null())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Differs> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Differs> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<(), Differs> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Differs> {
        // `{ variant: value }`
        let Value::Object(members) = self.0 else { return Err(Differs) };
        check(members.len() == 1)?;
        value.serialize(Expect(members.get(variant).ok_or(Differs)?))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<ExpectSeq<'v>, Differs> {
        match self.0 {
            Value::Array(items) => Ok(ExpectSeq { items, next: 0 }),
            _ => Err(Differs),
        }
    }
    fn serialize_tuple(self, len: usize) -> Result<ExpectSeq<'v>, Differs> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<ExpectSeq<'v>, Differs> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Differs> {
        Err(Differs) // no type of the engine serializes one
    }
    fn serialize_map(self, _: Option<usize>) -> Result<ExpectMap<'v>, Differs> {
        match self.0 {
            Value::Object(members) => Ok(ExpectMap { members, seen: 0, key: None }),
            _ => Err(Differs),
        }
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<ExpectMap<'v>, Differs> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Differs> {
        Err(Differs) // no type of the engine serializes one
    }
}

/// Checks the items of an array, in order, and that there are no more.
struct ExpectSeq<'v> {
    items: &'v [Value],
    next: usize,
}

impl ExpectSeq<'_> {
    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Differs> {
        let expected = self.items.get(self.next).ok_or(Differs)?;
        self.next += 1;
        value.serialize(Expect(expected))
    }

    fn done(self) -> Result<(), Differs> {
        check(self.next == self.items.len())
    }
}

impl ser::SerializeSeq for ExpectSeq<'_> {
    type Ok = ();
    type Error = Differs;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Differs> {
        self.item(value)
    }
    fn end(self) -> Result<(), Differs> {
        self.done()
    }
}

impl ser::SerializeTuple for ExpectSeq<'_> {
    type Ok = ();
    type Error = Differs;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Differs> {
        self.item(value)
    }
    fn end(self) -> Result<(), Differs> {
        self.done()
    }
}

impl ser::SerializeTupleStruct for ExpectSeq<'_> {
    type Ok = ();
    type Error = Differs;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Differs> {
        self.item(value)
    }
    fn end(self) -> Result<(), Differs> {
        self.done()
    }
}

/// Checks the members of an object by name, and that there are no others.
/// A typed value never writes a member twice (struct fields and map keys
/// are unique), so counting the members written is enough.
struct ExpectMap<'v> {
    members: &'v Map<String, Value>,
    seen: usize,
    key: Option<String>,
}

impl ExpectMap<'_> {
    fn member<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Differs> {
        let expected = self.members.get(key).ok_or(Differs)?;
        self.seen += 1;
        value.serialize(Expect(expected))
    }

    fn done(self) -> Result<(), Differs> {
        check(self.seen == self.members.len())
    }
}

impl ser::SerializeMap for ExpectMap<'_> {
    type Ok = ();
    type Error = Differs;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Differs> {
        // Keys are strings (what serde_json accepts as map keys here).
        match serde_json::to_value(key) {
            Ok(Value::String(key)) => {
                self.key = Some(key);
                Ok(())
            }
            _ => Err(Differs),
        }
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Differs> {
        let key = self.key.take().ok_or(Differs)?;
        self.member(&key, value)
    }
    fn end(self) -> Result<(), Differs> {
        self.done()
    }
}

impl ser::SerializeStruct for ExpectMap<'_> {
    type Ok = ();
    type Error = Differs;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Differs> {
        self.member(key, value)
    }
    fn end(self) -> Result<(), Differs> {
        self.done()
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use serde_json::json;
    use std::collections::BTreeMap;

    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Sample {
        name: String,
        count: u32,
        delta: i64,
        flag: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<String>,
        maybe: Option<u32>,
        items: Vec<Item>,
        labels: BTreeMap<String, String>,
    }

    #[derive(serde::Serialize)]
    struct Item {
        code: &'static str,
        level: Level,
    }

    #[derive(serde::Serialize)]
    #[serde(rename_all = "lowercase")]
    enum Level {
        Low,
        High,
    }

    fn sample() -> Sample {
        Sample {
            name: "a".into(),
            count: 7,
            delta: -3,
            flag: true,
            note: None,
            maybe: None,
            items: vec![Item { code: "X", level: Level::Low }, Item { code: "Y", level: Level::High }],
            labels: BTreeMap::from([("en".into(), "A".into()), ("nl".into(), "B".into())]),
        }
    }

    /// Every value one edit away from `value`: each leaf changed, each
    /// member removed or added, each array shortened or lengthened.
    fn neighbours(value: &Value) -> Vec<Value> {
        let mut out = vec![Value::Null, json!("a"), json!(7), json!(7.0), json!([]), json!({})];
        match value {
            Value::Object(members) => {
                for (key, member) in members {
                    let mut without = members.clone();
                    without.remove(key);
                    out.push(Value::Object(without));
                    for changed in neighbours(member) {
                        let mut copy = members.clone();
                        copy.insert(key.clone(), changed);
                        out.push(Value::Object(copy));
                    }
                }
                let mut extra = members.clone();
                extra.insert("extra".into(), json!(1));
                out.push(Value::Object(extra));
            }
            Value::Array(items) => {
                out.push(Value::Array(items.iter().skip(1).cloned().collect()));
                out.push(Value::Array(items.iter().chain(items.first()).cloned().collect()));
                for (i, item) in items.iter().enumerate() {
                    for changed in neighbours(item) {
                        let mut copy = items.clone();
                        copy[i] = changed;
                        out.push(Value::Array(copy));
                    }
                }
            }
            Value::String(text) => out.push(json!(format!("{text}x"))),
            Value::Number(n) => out.push(json!(n.as_f64().unwrap_or(0.0) + 1.0)),
            Value::Bool(b) => out.push(json!(!b)),
            Value::Null => out.push(json!(false)),
        }
        out
    }

    #[test]
    fn agrees_with_building_the_value_and_comparing() {
        let typed = sample();
        let built = serde_json::to_value(&typed).unwrap();
        assert!(serializes_to(&typed, &built));
        let mut checked = 0;
        for other in neighbours(&built) {
            assert_eq!(serializes_to(&typed, &other), other == built, "{other}");
            checked += 1;
        }
        assert!(checked > 100);
        // Numbers compare as serde_json compares them: 7 is not 7.0.
        assert!(!serializes_to(&7u32, &json!(7.0)));
        assert!(serializes_to(&Some(-3i64), &json!(-3)));
        assert!(serializes_to(&None::<u32>, &Value::Null));
    }
}
