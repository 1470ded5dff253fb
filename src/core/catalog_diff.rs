//! What a new catalog version changes (SPEC v1.3 §12.5, `diffCatalogs`,
//! CLI `catalog diff`): every difference between two catalogs as given,
//! with paths keyed by codes rather than array positions, for the policy
//! owner's approval memo.

use serde::Serialize;
use serde_json::Value;

use super::issue::Pointer;
use super::messages::Locale;

/// One difference between two catalogs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct CatalogDifference {
    /// Where, keyed by codes: `/indicators/TER-05/weight`,
    /// `/measures/terrorism/entry-ban/minBand`, `/routing/terrorism/medium/partners`.
    pub path: String,
    /// `added`, `removed` or `changed`.
    pub kind: &'static str,
    /// The old value (absent for `added`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "unknown"))]
    pub old: Option<Value>,
    /// The new value (absent for `removed`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "unknown"))]
    pub new: Option<Value>,
}

/// How the entries of a keyed list are named in a path: the members whose
/// values, in order, make the entry's key.
fn list_key(list: &str) -> Option<&'static [&'static str]> {
    match list {
        "categories" | "indicators" | "bands" | "partners" => Some(&["code"]),
        "routing" => Some(&["category", "minBand"]),
        "measures" => Some(&["category", "code"]),
        "changes" => Some(&["version"]),
        _ => None,
    }
}

/// The key tokens of one entry of a keyed list (a partner may be its code alone).
fn entry_key(entry: &Value, members: &[&str]) -> Vec<String> {
    if let Value::String(code) = entry {
        return vec![code.clone()];
    }
    members.iter().map(|m| entry.get(*m).and_then(Value::as_str).unwrap_or_default().to_owned()).collect()
}

/// Every difference between `old` and `new`, sorted by path (UTF-16 code units).
pub fn diff_catalogs(old: &Value, new: &Value) -> Vec<CatalogDifference> {
    let mut out = Vec::new();
    compare(Pointer::root(), Some(old), Some(new), 0, &mut out);
    let mut keyed: Vec<(Vec<u16>, CatalogDifference)> =
        out.into_iter().map(|d| (d.path.encode_utf16().collect(), d)).collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    keyed.into_iter().map(|(_, d)| d).collect()
}

/// Nesting followed at most (catalogs are shallow; this bounds hostile input).
const MAX_DEPTH: usize = 16;

fn compare(path: Pointer, old: Option<&Value>, new: Option<&Value>, depth: usize, out: &mut Vec<CatalogDifference>) {
    let difference = |kind, old: Option<&Value>, new: Option<&Value>| CatalogDifference {
        path: path.to_string(),
        kind,
        old: old.cloned(),
        new: new.cloned(),
    };
    match (old, new) {
        (None, None) => {}
        (None, Some(_)) => out.push(difference("added", None, new)),
        (Some(_), None) => out.push(difference("removed", old, None)),
        (Some(a), Some(b)) if a == b => {}
        (Some(Value::Object(a)), Some(Value::Object(b))) if depth < MAX_DEPTH => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                compare(path.clone().member(key), a.get(key), b.get(key), depth + 1, out);
            }
        }
        (Some(Value::Array(a)), Some(Value::Array(b))) if depth == 1 => {
            let list = path.tokens().last().map(|t| match t {
                super::issue::Token::Member(name) => name.as_str(),
                super::issue::Token::Index(_) => "",
            });
            match list.and_then(list_key) {
                Some(members) => {
                    let keyed = |items: &Vec<Value>| -> Vec<(Vec<String>, Value)> {
                        items.iter().map(|item| (entry_key(item, members), item.clone())).collect()
                    };
                    let (old_items, new_items) = (keyed(a), keyed(b));
                    let mut keys: Vec<&Vec<String>> = old_items.iter().chain(&new_items).map(|(k, _)| k).collect();
                    keys.sort();
                    keys.dedup();
                    for key in keys {
                        let find = |items: &[(Vec<String>, Value)]| {
                            items.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
                        };
                        let entry_path = key.iter().fold(path.clone(), |p, token| p.member(token));
                        let (before, after) = (find(&old_items), find(&new_items));
                        // A partner written as its code alone compares as its code.
                        let widen = |value: Option<Value>| match value {
                            Some(Value::String(code)) if list == Some("partners") => {
                                Some(serde_json::json!({ "code": code }))
                            }
                            other => other,
                        };
                        compare(entry_path, widen(before).as_ref(), widen(after).as_ref(), depth + 1, out);
                    }
                }
                // `recency` is keyed by position; `locales`, `sisStates` are one value each.
                None if list == Some("recency") => {
                    for i in 0..a.len().max(b.len()) {
                        compare(path.clone().index(i), a.get(i), b.get(i), depth + 1, out);
                    }
                }
                None => out.push(difference("changed", old, new)),
            }
        }
        _ => out.push(difference("changed", old, new)),
    }
}

/// The differences as a Markdown table in `locale`'s words, for an approval memo.
pub fn differences_markdown(differences: &[CatalogDifference], locale: Locale) -> String {
    let nl = locale == Locale::Nl;
    let (title, head, none) = if nl {
        ("Wijzigingen in de catalogus", "| Waar | Wijziging | Oud | Nieuw |", "Geen wijzigingen.")
    } else {
        ("Changes to the catalog", "| Where | Change | Old | New |", "No changes.")
    };
    let mut text = format!("## {title}\n\n");
    if differences.is_empty() {
        text.push_str(none);
        text.push('\n');
        return text;
    }
    text.push_str(head);
    text.push_str("\n|---|---|---|---|\n");
    // A table cell holds the value's JSON with the characters Markdown would read escaped.
    let cell = |value: &Option<Value>| match value {
        Some(value) => {
            let json = super::json_text::to_text(value).unwrap_or_default();
            format!("`{}`", json.replace('|', "\\|").replace('`', "'").replace('\n', " "))
        }
        None => String::new(),
    };
    for d in differences {
        let kind = match (d.kind, nl) {
            ("added", true) => "toegevoegd",
            ("removed", true) => "verwijderd",
            ("changed", true) => "gewijzigd",
            (kind, _) => kind,
        };
        text.push_str(&format!(
            "| `{}` | {kind} | {} | {} |\n",
            d.path.replace('|', "\\|"),
            cell(&d.old),
            cell(&d.new)
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keyed_paths_whole_entries_and_sorted_output() {
        let old = json!({
            "version": "1",
            "indicators": [{ "code": "A-1", "weight": 60, "labels": { "nl": "a" } }, { "code": "B-1", "weight": 10 }],
            "routing": [{ "category": "terrorism", "minBand": "low", "partners": ["AIVD", "NCTV"] }],
            "partners": ["AIVD", { "code": "DTV", "labels": { "nl": "DT&V" } }],
            "recency": [{ "maxDays": 365, "factor": 1000 }],
            "sisStates": ["DE", "NL"]
        });
        let new = json!({
            "version": "2",
            "indicators": [{ "code": "B-1", "weight": 10 }, { "code": "A-1", "weight": 35, "labels": { "nl": "a" } }, { "code": "C-1", "weight": 5 }],
            "routing": [{ "category": "terrorism", "minBand": "low", "partners": ["AIVD"] }],
            "partners": [{ "code": "AIVD", "labels": { "nl": "AIVD" } }, { "code": "DTV", "labels": { "nl": "DT en V" } }],
            "recency": [{ "maxDays": 365, "factor": 900 }],
            "sisStates": ["NL", "DE"],
            "validUntil": "2027-06-30"
        });
        let found: Vec<(String, &str)> = diff_catalogs(&old, &new).into_iter().map(|d| (d.path, d.kind)).collect();
        assert_eq!(
            found,
            vec![
                ("/indicators/A-1/weight".to_owned(), "changed"),
                ("/indicators/C-1".to_owned(), "added"),
                ("/partners/AIVD/labels".to_owned(), "added"),
                ("/partners/DTV/labels/nl".to_owned(), "changed"),
                ("/recency/0/factor".to_owned(), "changed"),
                ("/routing/terrorism/low/partners".to_owned(), "changed"),
                ("/sisStates".to_owned(), "changed"),
                ("/validUntil".to_owned(), "added"),
                ("/version".to_owned(), "changed"),
            ]
        );
        let added = diff_catalogs(&old, &new).into_iter().find(|d| d.path == "/indicators/C-1").expect("added");
        assert_eq!((added.old, added.new), (None, Some(json!({ "code": "C-1", "weight": 5 }))));
        assert!(diff_catalogs(&old, &old).is_empty());
        let table = differences_markdown(&diff_catalogs(&old, &new), Locale::Nl);
        assert!(table.contains("| `/indicators/A-1/weight` | gewijzigd | `60` | `35` |"), "{table}");
        assert!(differences_markdown(&[], Locale::En).contains("No changes."));
    }
}
