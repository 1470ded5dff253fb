//! A map from text keys, kept as one vector sorted by key.
//!
//! It behaves as `BTreeMap<String, V>` does where the engine uses one
//! (iteration in key order, one value per key, the last insert wins,
//! serialized as a JSON object in key order), but it is a plain vector
//! searched by halving: the engine's maps are small (labels per locale,
//! grading factors, a host's field names), and every `BTreeMap` value type
//! brought its own copy of the tree's node code into the browser module.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A map from text keys to `V`, in key order (byte order of the UTF-8
/// text, as `String`'s `Ord`).
#[derive(Clone, PartialEq, Eq)]
pub struct TextMap<V> {
    entries: Vec<(String, V)>,
}

impl<V> Default for TextMap<V> {
    fn default() -> Self {
        TextMap { entries: Vec::new() }
    }
}

impl<V> TextMap<V> {
    /// An empty map.
    pub fn new() -> Self {
        TextMap::default()
    }

    /// Where `key` is, or where it would go.
    fn position(&self, key: &str) -> Result<usize, usize> {
        self.entries.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&V> {
        let at = self.position(key).ok()?;
        self.entries.get(at).map(|(_, v)| v)
    }

    /// Whether `key` has a value.
    pub fn contains_key(&self, key: &str) -> bool {
        self.position(key).is_ok()
    }

    /// Sets the value of `key`; returns the value it replaces.
    pub fn insert(&mut self, key: String, value: V) -> Option<V> {
        match self.position(&key) {
            Ok(at) => self.entries.get_mut(at).map(|(_, old)| std::mem::replace(old, value)),
            Err(at) => {
                self.entries.insert(at, (key, value));
                None
            }
        }
    }

    /// The entries in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    /// The keys in order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.entries.iter().map(|(k, _)| k)
    }

    /// The values in key order.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.entries.iter().map(|(_, v)| v)
    }

    /// How many keys have a value.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no key has a value.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl<V> FromIterator<(String, V)> for TextMap<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(items: I) -> Self {
        let mut map = TextMap::new();
        for (key, value) in items {
            map.insert(key, value);
        }
        map
    }
}

impl<V, const N: usize> From<[(String, V); N]> for TextMap<V> {
    fn from(items: [(String, V); N]) -> Self {
        items.into_iter().collect()
    }
}

impl<V> IntoIterator for TextMap<V> {
    type Item = (String, V);
    type IntoIter = std::vec::IntoIter<(String, V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl<V: fmt::Debug> fmt::Debug for TextMap<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<V: Serialize> Serialize for TextMap<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (key, value) in self.iter() {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for TextMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entries<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for Entries<V> {
            type Value = TextMap<V>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<TextMap<V>, A::Error> {
                let mut map = TextMap::new();
                while let Some((key, value)) = access.next_entry()? {
                    map.insert(key, value);
                }
                Ok(map)
            }
        }
        deserializer.deserialize_map(Entries(PhantomData))
    }
}

/// The schema of the map it stands for (`BTreeMap<String, V>`'s).
#[cfg(feature = "schemars")]
impl<V: schemars::JsonSchema> schemars::JsonSchema for TextMap<V> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        <std::collections::BTreeMap<String, V> as schemars::JsonSchema>::schema_name()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        <std::collections::BTreeMap<String, V> as schemars::JsonSchema>::schema_id()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <std::collections::BTreeMap<String, V> as schemars::JsonSchema>::json_schema(generator)
    }

    fn inline_schema() -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    #[test]
    fn behaves_as_a_sorted_map() {
        let inserts = [("nl", 1), ("en", 2), ("de", 3), ("nl", 4), ("", 5), ("é", 6), ("z", 7)];
        let mut map = TextMap::new();
        let mut reference = BTreeMap::new();
        for (key, value) in inserts {
            assert_eq!(map.insert(key.to_owned(), value), reference.insert(key.to_owned(), value));
        }
        assert_eq!(map.iter().collect::<Vec<_>>(), reference.iter().collect::<Vec<_>>());
        assert_eq!(map.len(), reference.len());
        assert_eq!(map.get("nl"), Some(&4));
        assert_eq!(map.get("fr"), None);
        assert!(map.contains_key("") && !map.contains_key("x"));
        assert_eq!(format!("{map:?}"), format!("{reference:?}"));
        assert!(TextMap::<u32>::new().is_empty());
    }

    #[test]
    fn reads_and_writes_json_as_a_btreemap_does() {
        let text = r#"{"nl":"b","en":"a","de":"c"}"#;
        let map: TextMap<String> = serde_json::from_str(text).expect("an object");
        let reference: BTreeMap<String, String> = serde_json::from_str(text).expect("an object");
        assert_eq!(serde_json::to_string(&map).ok(), serde_json::to_string(&reference).ok());
        assert!(serde_json::from_str::<TextMap<String>>("[1]").is_err());
        let collected: TextMap<u32> = [("b".to_owned(), 2), ("a".to_owned(), 1)].into();
        assert_eq!(collected.keys().collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(collected.values().copied().collect::<Vec<_>>(), [1, 2]);
        assert_eq!(collected.into_iter().collect::<Vec<_>>(), [("a".to_owned(), 1), ("b".to_owned(), 2)]);
    }
}
