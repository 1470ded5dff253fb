//! Reading one value: its presence, type, length, allowed values or date,
//! and the issue when it is wrong. Paths are written out only when an issue
//! needs them.

use serde_json::{Map, Value};

use super::super::date::Date;
use super::super::issue::{Finding, Items, Kind, Pointer};
use super::Reader;
use crate::core::protected::is_protected_key;

/// Removes, at both ends, the characters with the Unicode `White_Space`
/// property and U+FEFF (SPEC §4; the JS side never trims).
pub fn trim(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
}

/// A value counts as absent when missing, null, or a string empty after trimming.
pub(super) fn is_absent(value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => trim(s).is_empty(),
        Some(_) => false,
    }
}

/// A path that is only built when a finding needs it: most fields of most
/// evaluations have none, and building every path up front was a large
/// share of the work.
pub(super) trait PathLike: Copy {
    /// The pointer.
    fn render(self) -> Pointer;
}

/// A literal path of the rules (`"/subject/status"`).
impl PathLike for &str {
    fn render(self) -> Pointer {
        Pointer::parse(self)
    }
}

impl PathLike for &Pointer {
    fn render(self) -> Pointer {
        self.clone()
    }
}

/// `/indicators/{index}` or `/indicators/{index}/{member}`.
#[derive(Clone, Copy)]
pub(super) struct IndicatorPath<'a> {
    pub(super) index: usize,
    pub(super) member: &'a str,
}

impl PathLike for IndicatorPath<'_> {
    fn render(self) -> Pointer {
        let item = Pointer::root().member("indicators").index(self.index);
        if self.member.is_empty() {
            item
        } else {
            item.member(self.member)
        }
    }
}

/// Item `index` of the list at `parent`.
#[derive(Clone, Copy)]
pub(super) struct ItemPath<P> {
    pub(super) parent: P,
    pub(super) index: usize,
}

impl<P: PathLike> PathLike for ItemPath<P> {
    fn render(self) -> Pointer {
        self.parent.render().index(self.index)
    }
}

pub(super) fn utf16_len(text: &str) -> usize {
    text.encode_utf16().count()
}

impl Reader<'_, '_> {
    pub(super) fn push(&mut self, finding: Finding) {
        self.findings.push(finding);
    }

    /// Adds an error at `path` (one routine for every rule's error, instead
    /// of each building and pushing its finding in place).
    #[inline(never)]
    pub(super) fn error(&mut self, path: impl Into<Pointer>, kind: Kind) {
        self.findings.push(Finding::error(path, kind));
    }

    /// Warns about keys not in `known`: `field.protected` for protected
    /// attribute keys, `field.unknown` for the rest.
    /// `field.unknown` (or `field.protected`) for every member of `map`
    /// that the form's table (`core::fields`) does not give the object at
    /// `parent` (`subject`, `context.sisAlert`, …).
    pub(super) fn check_members(&mut self, map: &Map<String, Value>, path: impl Fn() -> Pointer, parent: &str) {
        for key in map.keys() {
            if !super::super::fields::is_member(parent, key) {
                self.unknown_key(key, &path);
            }
        }
    }

    pub(super) fn check_keys(&mut self, map: &Map<String, Value>, path: impl Fn() -> Pointer, known: &[&str]) {
        for key in map.keys() {
            if !known.contains(&key.as_str()) {
                self.unknown_key(key, &path);
            }
        }
    }

    /// `field.protected` for a key from the protected list, else
    /// `field.unknown`; `path` is the containing object's.
    pub(super) fn unknown_key(&mut self, key: &str, path: impl Fn() -> Pointer) {
        let code = if is_protected_key(key) { Kind::FieldProtected } else { Kind::FieldUnknown };
        self.push(Finding::warning(path().member(key), code));
    }

    /// An object member that may be absent; other types are a `type` error.
    pub(super) fn object<'v>(
        &mut self,
        value: Option<&'v Value>,
        path: impl PathLike,
    ) -> Option<&'v Map<String, Value>> {
        match value {
            Some(Value::Object(map)) => Some(map),
            _ if is_absent(value) => None,
            _ => {
                self.error(path.render(), Kind::Type);
                None
            }
        }
    }

    /// A trimmed text; `required` reports absence.
    pub(super) fn text<'v>(
        &mut self,
        value: Option<&'v Value>,
        path: impl PathLike,
        required: bool,
    ) -> Option<&'v str> {
        match value {
            Some(Value::String(s)) if !trim(s).is_empty() => Some(trim(s)),
            _ if is_absent(value) => {
                if required {
                    self.error(path.render(), Kind::Required);
                }
                None
            }
            _ => {
                self.error(path.render(), Kind::Type);
                None
            }
        }
    }

    /// Checks a text's length in UTF-16 code units; true when within bounds.
    pub(super) fn length(&mut self, text: &str, path: impl PathLike, (min, max): (usize, usize)) -> bool {
        let actual = utf16_len(text);
        if actual < min {
            self.error(path.render(), Kind::TextTooShort { min, actual });
            false
        } else if actual > max {
            self.error(path.render(), Kind::TextTooLong { max, actual });
            false
        } else {
            true
        }
    }

    /// A text that must be one of `allowed`.
    pub(super) fn choice<'v>(
        &mut self,
        value: Option<&'v Value>,
        path: impl PathLike,
        required: bool,
        allowed: &[&str],
    ) -> Option<&'v str> {
        let text = self.text(value, path, required)?;
        if allowed.contains(&text) {
            Some(text)
        } else {
            // Short lists help the officer; long ones (catalog codes) would only clutter.
            let listed = (allowed.len() <= 12).then(|| allowed.iter().map(|a| (*a).to_owned()).collect());
            self.error(path.render(), Kind::Enum { allowed: listed });
            None
        }
    }

    /// A date `YYYY-MM-DD`, not after today and not before 1900.
    /// The date and its text (which is its canonical form once it parses).
    pub(super) fn date<'v>(
        &mut self,
        value: Option<&'v Value>,
        path: impl PathLike,
        required: bool,
    ) -> Option<(Date, &'v str)> {
        let text = self.text(value, path, required)?;
        let Some(date) = Date::parse(text) else {
            self.error(path.render(), Kind::FormatDate);
            return None;
        };
        if date > self.rules.today {
            self.error(path.render(), Kind::DateFuture);
            return None;
        }
        if date.year() < 1900 {
            self.error(path.render(), Kind::DateTooOld);
            return None;
        }
        Some((date, text))
    }

    /// A list of texts, each 1–`max_len` long, with their input indexes;
    /// absent means empty.
    pub(super) fn text_list<'v>(
        &mut self,
        value: Option<&'v Value>,
        path: impl PathLike,
        max_items: usize,
        max_len: usize,
    ) -> Vec<(usize, &'v str)> {
        let items = match value {
            Some(Value::Array(items)) => items,
            _ if is_absent(value) => return Vec::new(),
            _ => {
                self.error(path.render(), Kind::Type);
                return Vec::new();
            }
        };
        if items.len() > max_items {
            self.error(path.render(), Kind::ArrayTooMany { max: max_items, actual: items.len(), items: Items::Values });
            return Vec::new();
        }
        let mut out: Vec<(usize, &'v str)> = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let item_path = ItemPath { parent: path, index: i };
            let Some(text) = self.text(Some(item), item_path, true) else { continue };
            if !self.length(text, item_path, (1, max_len)) {
                continue;
            }
            if out.iter().any(|(_, seen)| *seen == text) {
                self.error(item_path.render(), Kind::ArrayDuplicate);
                continue;
            }
            out.push((i, text));
        }
        out
    }
}
