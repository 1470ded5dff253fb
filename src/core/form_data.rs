//! Rebuilding the input object from a plain form post (`inputFromFormData`,
//! CLI `from-form`), with the same control names as `attach()`: the host's
//! `fieldMap` plus the indicator picker's names.

use crate::core::text_map::TextMap;

use super::issue::{Pointer, Token};
use serde::Serialize;
use serde_json::{Map, Value};

use super::error::SignalError;
use super::fields::{indicator_members, is_boolean_path, is_indicator_member, is_posted_path, posted_paths};

/// Name of the indicator picker's checkboxes (`value` = indicator code).
pub const INDICATOR_CONTROL: &str = "indicator";
/// Most entries read from one post.
pub const MAX_ENTRIES: usize = 10_000;

/// Evidence references as one per line: lines split at CR LF, LF or CR,
/// each trimmed, blank lines dropped; commas are kept (a URL may hold one).
pub fn evidence_lines(text: &str) -> impl Iterator<Item = &str> {
    text.split(['\r', '\n']).map(super::form::trim).filter(|line| !line.is_empty())
}

/// Text with its line breaks as LF: browsers post CR LF for what a
/// textarea shows as LF, and the record must not depend on that.
fn with_lf(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut after_cr = false;
    for c in text.chars() {
        match c {
            '\r' => out.push('\n'),
            '\n' if after_cr => {}
            _ => out.push(c),
        }
        after_cr = c == '\r';
    }
    out
}

/// How a host's form maps onto the input (SPEC §9 "Host fit"): control
/// names per input path, and the host's option values per input path.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PostMapping {
    /// Input path (`subject.vNumber`) → the host's control name; unmapped
    /// paths use the path itself as the name.
    pub field_map: TextMap<String>,
    /// The host's option values the engine reads as others (`valueMap`).
    pub value_map: Vec<ValueTranslation>,
}

/// One entry of `valueMap`: at `path`, the host's `host` value is the
/// engine's `value` (`procedure`: `"regulier"` → `"regular"`). A flat list
/// rather than a map of maps: a few entries, and far less code in the module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueTranslation {
    /// Input path, e.g. `procedure`.
    pub path: String,
    /// The host's option value.
    pub host: String,
    /// The engine's value.
    pub value: String,
}

impl PostMapping {
    /// The mapping of `fieldMap` and `valueMap` given as maps.
    pub fn from_maps(field_map: TextMap<String>, value_map: TextMap<TextMap<String>>) -> PostMapping {
        let value_map = value_map
            .into_iter()
            .flat_map(|(path, values)| {
                values.into_iter().map(move |(host, value)| ValueTranslation { path: path.clone(), host, value })
            })
            .collect();
        PostMapping { field_map, value_map }
    }
}

/// Whether `path` is an input path a host control can map to: a path of
/// SPEC §4, `sharedWith`, or `extensions.<name>` of a declared extension
/// (any well-formed name when `extensions` is `None`).
pub fn is_mappable_path(path: &str, extensions: Option<&[&str]>) -> bool {
    if is_posted_path(path) || path == "sharedWith" {
        return true;
    }
    match path.strip_prefix("extensions.") {
        Some(name) => match extensions {
            Some(declared) => declared.contains(&name),
            None => is_extension_path(path),
        },
        None => false,
    }
}

impl PostMapping {
    /// Refuses keys of `fieldMap` or `valueMap` that are no input path
    /// (`option.invalid` naming the key).
    pub fn check(&self, extensions: Option<&[&str]>) -> Result<(), SignalError> {
        for (option, path) in
            self.field_map.keys().map(|k| ("fieldMap", k)).chain(self.value_map.iter().map(|t| ("valueMap", &t.path)))
        {
            if !is_mappable_path(path, extensions) {
                return Err(SignalError::OptionInvalid(format!(
                    "{option} key \"{path}\" is not an input path (such as \"subject.vNumber\")"
                )));
            }
        }
        Ok(())
    }

    /// The engine's value for a host's `value` posted for `path`.
    fn translate<'v>(&'v self, path: &str, value: &'v str) -> &'v str {
        let trimmed = super::form::trim(value);
        self.value_map
            .iter()
            .find(|t| t.path == path && (t.host == value || t.host == trimmed))
            .map_or(value, |t| t.value.as_str())
    }

    /// The host's value for the engine's `value` at `path` (for prefilling).
    fn host_value<'v>(&'v self, path: &str, value: &'v str) -> &'v str {
        self.value_map.iter().find(|t| t.path == path && t.value == value).map_or(value, |t| t.host.as_str())
    }
}

/// Builds the input object from `[name, value]` entries of a form post,
/// through the host's `mapping`. Entries whose names mean nothing to the
/// form are ignored (they belong to the host).
pub fn input_from_entries(entries: &[(String, String)], mapping: &PostMapping) -> Value {
    let field_map = &mapping.field_map;
    let path_of = |name: &str| -> String {
        match field_map.iter().find(|(_, control)| control.as_str() == name) {
            Some((path, _)) => path.clone(),
            None if field_map.contains_key(name) => String::new(), // the default name was remapped
            None => name.to_owned(),
        }
    };
    let mut root = Map::new();
    let mut picked: Vec<String> = Vec::new();
    let mut members: Vec<(String, Map<String, Value>)> = Vec::new();
    let mut shared: Vec<Value> = Vec::new();
    for (name, value) in entries.iter().take(MAX_ENTRIES) {
        let path = path_of(name);
        let value = mapping.translate(&path, value);
        let value_trimmed = value.trim();
        if path == INDICATOR_CONTROL {
            if !value_trimmed.is_empty() && !picked.iter().any(|c| c == value_trimmed) {
                picked.push(value_trimmed.to_owned());
            }
        } else if let Some(rest) = path.strip_prefix("indicator.") {
            if let Some((code, member)) = rest.rsplit_once('.') {
                if is_indicator_member(member) && !value_trimmed.is_empty() {
                    let item = if member == "evidenceRefs" {
                        Value::Array(evidence_lines(value).map(Value::from).collect())
                    } else {
                        Value::from(with_lf(value))
                    };
                    match members.iter_mut().find(|(c, _)| c == code) {
                        Some((_, map)) => {
                            map.insert(member.to_owned(), item);
                        }
                        None => {
                            // Filled by insertion: `collect()` into a map would add a sort.
                            let mut map = Map::new();
                            map.insert(member.to_owned(), item);
                            members.push((code.to_owned(), map));
                        }
                    }
                }
            }
        } else if path == "sharedWith" {
            if !value_trimmed.is_empty() {
                shared.push(Value::from(value));
            }
        } else if is_boolean_path(&path) {
            // A checkbox is posted only when checked: present means true.
            set_path(&mut root, &path, Value::Bool(true));
        } else if (is_posted_path(&path) || is_extension_path(&path))
            && !value_trimmed.is_empty()
            && !has_path(&root, &path)
        {
            set_path(&mut root, &path, Value::from(with_lf(value)));
        }
    }
    if !picked.is_empty() {
        let indicators = picked
            .into_iter()
            .map(|code| {
                let mut item = Map::new();
                item.insert("code".into(), Value::from(code.as_str()));
                if let Some(position) = members.iter().position(|(c, _)| *c == code) {
                    item.extend(members.swap_remove(position).1);
                }
                Value::Object(item)
            })
            .collect();
        root.insert("indicators".into(), Value::Array(indicators));
    }
    if !shared.is_empty() {
        root.insert("sharedWith".into(), Value::Array(shared));
    }
    Value::Object(root)
}

/// The control `[name, value]` entries that stand for an input object: the
/// inverse of [`input_from_entries`], used to prefill a form (`attach`'s
/// `initial`). Booleans become `"true"`, arrays one entry per item, an
/// indicator its `indicator` checkbox plus one entry per member (evidence
/// references one per line). Members that are no form field are left out.
pub fn entries_from_input(input: &Value, mapping: &PostMapping) -> Vec<(String, String)> {
    let name_of = |path: &str| mapping.field_map.get(path).cloned().unwrap_or_else(|| path.to_owned());
    let mut entries = Vec::new();
    let mut push = |path: &str, value: &Value| match value {
        Value::String(text) => entries.push((name_of(path), mapping.host_value(path, text).to_owned())),
        Value::Bool(true) => entries.push((name_of(path), "true".to_owned())),
        Value::Array(items) => entries.extend(
            items
                .iter()
                .filter_map(Value::as_str)
                .map(|item| (name_of(path), mapping.host_value(path, item).to_owned())),
        ),
        _ => {}
    };
    for path in posted_paths().chain(std::iter::once("sharedWith")) {
        let found = path.split('.').try_fold(input, |value, part| value.get(part));
        if let Some(value) = found {
            push(path, value);
        }
    }
    if let Some(Value::Object(extensions)) = input.get("extensions") {
        for (key, value) in extensions {
            if value.is_string() {
                push(&format!("extensions.{key}"), value);
            }
        }
    }
    for item in input.get("indicators").and_then(Value::as_array).into_iter().flatten() {
        let Some(code) = item.get("code").and_then(Value::as_str) else { continue };
        entries.push((INDICATOR_CONTROL.to_owned(), code.to_owned()));
        for member in indicator_members() {
            let text = match item.get(member) {
                Some(Value::String(text)) => text.clone(),
                Some(Value::Array(refs)) => refs.iter().filter_map(Value::as_str).collect::<Vec<_>>().join("\n"),
                _ => continue,
            };
            entries.push((format!("indicator.{code}.{member}"), text));
        }
    }
    entries
}

fn is_extension_path(path: &str) -> bool {
    path.strip_prefix("extensions.").is_some_and(|name| !name.is_empty() && !name.contains('.'))
}

fn has_path(root: &Map<String, Value>, path: &str) -> bool {
    let mut current = root;
    let mut parts = path.split('.').peekable();
    while let Some(part) = parts.next() {
        match current.get(part) {
            Some(Value::Object(next)) if parts.peek().is_some() => current = next,
            Some(_) => return parts.peek().is_none(),
            None => return false,
        }
    }
    false
}

fn set_path(root: &mut Map<String, Value>, path: &str, value: Value) {
    let mut current = root;
    let parts: Vec<&str> = path.split('.').collect();
    let Some((last, parents)) = parts.split_last() else { return };
    for part in parents {
        let entry = current.entry((*part).to_owned()).or_insert_with(|| Value::Object(Map::new()));
        if !entry.is_object() {
            *entry = Value::Object(Map::new());
        }
        let Value::Object(next) = entry else { return };
        current = next;
    }
    current.insert((*last).to_owned(), value);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn entries(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn entries_from_input_round_trips_through_input_from_entries() {
        let mut map = PostMapping::from_maps(
            [("subject.vNumber".to_owned(), "vnr".to_owned())].into(),
            [("procedure".to_owned(), [("asiel".to_owned(), "asylum".to_owned())].into())].into(),
        );
        let input = json!({
            "caseNumber": "IND-1",
            "procedure": "asylum",
            "subject": { "vNumber": "1234567890", "unknownSubject": true },
            "context": { "type": "sis-check", "sisAlert": { "regulation": "2018/1862", "article": "36" } },
            "summary": "Eigen openbare uitlatingen.",
            "officer": { "id": "IND-4711" },
            "indicators": [
                { "code": "TER-05", "reliability": "A", "credibility": "1", "observedOn": "2026-11-01", "evidenceRefs": ["AB-1", "CD-2"], "note": "n" },
                { "code": "HS-02" }
            ],
            "sharedWith": ["AIVD", "NCTV"],
            "extensions": { "teamCode": "AB12" }
        });
        let entries = entries_from_input(&input, &map);
        assert!(entries.contains(&("vnr".to_owned(), "1234567890".to_owned())), "{entries:?}");
        assert!(entries.contains(&("procedure".to_owned(), "asiel".to_owned())), "the host's own value: {entries:?}");
        assert!(entries.contains(&("indicator.TER-05.evidenceRefs".to_owned(), "AB-1\nCD-2".to_owned())));
        assert_eq!(input_from_entries(&entries, &map), input);
        // Not form fields: left out.
        assert!(entries_from_input(&json!({ "unknown": "x", "caseNumber": 5 }), &map).is_empty());
        map.value_map.clear();
        assert_eq!(input_from_entries(&entries, &map)["procedure"], "asiel", "untranslated without valueMap");
    }

    #[test]
    fn value_map_translates_the_hosts_values_and_booleans_are_presence() {
        let mapping = PostMapping::from_maps(
            [
                ("procedure".to_owned(), "soort".to_owned()),
                ("subject.unknownSubject".to_owned(), "onbekend".to_owned()),
            ]
            .into(),
            [
                ("procedure".to_owned(), [("regulier".to_owned(), "regular".to_owned())].into()),
                ("sharedWith".to_owned(), [("politie".to_owned(), "POLITIE".to_owned())].into()),
            ]
            .into(),
        );
        let input = input_from_entries(
            &entries(&[("soort", "regulier"), ("onbekend", "ja"), ("sharedWith", "politie"), ("sharedWith", "AIVD")]),
            &mapping,
        );
        assert_eq!(
            input,
            json!({ "procedure": "regular", "subject": { "unknownSubject": true }, "sharedWith": ["POLITIE", "AIVD"] })
        );
        // A checked checkbox counts whatever its value, even empty.
        let empty = input_from_entries(&entries(&[("onbekend", "")]), &mapping);
        assert_eq!(empty, json!({ "subject": { "unknownSubject": true } }));
    }

    #[test]
    fn mapping_keys_must_be_input_paths() {
        let check = |field: &[(&str, &str)], value: &[&str]| {
            PostMapping::from_maps(
                field.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
                value.iter().map(|k| ((*k).to_owned(), [("x".to_owned(), "y".to_owned())].into())).collect(),
            )
            .check(Some(&["teamCode"]))
        };
        assert!(check(
            &[("subject.vNumber", "vnr"), ("sharedWith", "delen"), ("extensions.teamCode", "team")],
            &["procedure"]
        )
        .is_ok());
        for (field, value, named) in [
            (&[("subject.vnumber", "vnr")][..], &[][..], "subject.vnumber"),
            (&[("extensions.other", "x")][..], &[][..], "extensions.other"),
            (&[][..], &["procedur"][..], "procedur"),
            (&[("indicators", "x")][..], &[][..], "indicators"),
        ] {
            match check(field, value) {
                Err(SignalError::OptionInvalid(message)) => assert!(message.contains(named), "{message}"),
                other => panic!("{named}: {other:?}"),
            }
        }
    }

    #[test]
    fn builds_nested_input_with_field_map_and_picker() {
        let map = PostMapping {
            field_map: [("subject.vNumber".to_owned(), "vnr".to_owned()), ("caseNumber".to_owned(), "zaak".to_owned())]
                .into(),
            ..PostMapping::default()
        };
        let input = input_from_entries(
            &entries(&[
                ("zaak", "IND-1"),
                ("vnr", "1234567890"),
                ("csrf", "token"),
                ("caseNumber", "ignored: remapped"),
                ("context.type", "sis-check"),
                ("context.sisAlert.article", "24"),
                ("indicator", "TER-01"),
                ("indicator.TER-01.reliability", "B"),
                ("indicator.TER-01.evidenceRefs", " AB-1\r\n \r\nhttps://dms.example/d?a=1,2\rCD-2\n"),
                ("indicator.TER-02.reliability", "A"),
                ("sharedWith", "AIVD"),
                ("sharedWith", "NCTV"),
            ]),
            &map,
        );
        assert_eq!(
            input,
            json!({
                "caseNumber": "IND-1",
                "subject": { "vNumber": "1234567890" },
                "context": { "type": "sis-check", "sisAlert": { "article": "24" } },
                "indicators": [ { "code": "TER-01", "reliability": "B", "evidenceRefs": ["AB-1", "https://dms.example/d?a=1,2", "CD-2"] } ],
                "sharedWith": ["AIVD", "NCTV"]
            })
        );
    }
}

/// The control of a host's form an issue is about: its name and, for one box
/// of a group sharing that name (a picked indicator, a partner), its value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Control {
    /// The control's `name`, through the host's `fieldMap`.
    pub name: String,
    /// The `value` of the one box meant, when several controls share the name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// The control an issue at `path` points at in a form posted through
/// `mapping`, whose input is `input` (the picker's names for an indicator
/// item, found by its code; the host's names otherwise). `None` for the
/// whole form (`""`).
pub fn control_of(path: &str, input: &Value, mapping: &PostMapping) -> Option<Control> {
    let pointer = Pointer::parse(path);
    let tokens: Vec<String> = pointer
        .tokens()
        .iter()
        .map(|token| match token {
            Token::Member(name) => name.clone(),
            Token::Index(index) => index.to_string(),
        })
        .collect();
    let first = tokens.first()?;
    let named = |name: &str| mapping.field_map.get(name).cloned().unwrap_or_else(|| name.to_owned());
    let control = match first.as_str() {
        "indicators" => {
            let code = match pointer.tokens().get(1) {
                Some(Token::Index(index)) => {
                    input.get("indicators").and_then(|items| items.get(*index)).and_then(|item| item.get("code"))
                }
                _ => None,
            }
            .and_then(Value::as_str);
            match (code, tokens.get(2)) {
                (Some(code), Some(member)) => {
                    Control { name: format!("{INDICATOR_CONTROL}.{code}.{member}"), value: None }
                }
                (Some(code), None) => Control { name: INDICATOR_CONTROL.to_owned(), value: Some(code.to_owned()) },
                (None, _) => Control { name: INDICATOR_CONTROL.to_owned(), value: None },
            }
        }
        "sharedWith" => Control { name: named("sharedWith"), value: None },
        _ => {
            let dotted = tokens.join(".");
            // An object's issue is about its first control (the one a host shows first).
            let dotted = match dotted.as_str() {
                "context.sisAlert" => "context.sisAlert.regulation",
                "context.tip" => "context.tip.channel",
                other => other,
            };
            Control { name: named(dotted), value: None }
        }
    };
    Some(control)
}
