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

/// Where a value is: a path only built when a finding needs it (most
/// fields of most evaluations have none, and building every path up front
/// was a large share of the work). One type rather than a trait, so each
/// reading routine exists once in the module, not once per kind of path.
#[derive(Clone, Copy)]
pub(super) enum At<'a> {
    /// A literal path of the rules (`"/subject/status"`).
    Literal(&'a str),
    /// A path already built.
    Pointer(&'a Pointer),
    /// A picked indicator or one of its members.
    Indicator(IndicatorPath<'a>),
    /// Item `index` of the list at the first path.
    Item(&'a At<'a>, usize),
}

impl At<'_> {
    /// The pointer.
    pub(super) fn render(self) -> Pointer {
        match self {
            At::Literal(path) => Pointer::parse(path),
            At::Pointer(path) => path.clone(),
            At::Indicator(path) => path.render(),
            At::Item(parent, index) => parent.render().index(index),
        }
    }
}

impl<'a> From<&'a str> for At<'a> {
    fn from(path: &'a str) -> Self {
        At::Literal(path)
    }
}

impl<'a> From<&'a Pointer> for At<'a> {
    fn from(path: &'a Pointer) -> Self {
        At::Pointer(path)
    }
}

impl<'a> From<IndicatorPath<'a>> for At<'a> {
    fn from(path: IndicatorPath<'a>) -> Self {
        At::Indicator(path)
    }
}

/// `/indicators/{index}` or `/indicators/{index}/{member}`.
#[derive(Clone, Copy)]
pub(super) struct IndicatorPath<'a> {
    pub(super) index: usize,
    pub(super) member: &'a str,
}

impl IndicatorPath<'_> {
    /// The pointer.
    pub(super) fn render(self) -> Pointer {
        let item = Pointer::root().member("indicators").index(self.index);
        if self.member.is_empty() {
            item
        } else {
            item.member(self.member)
        }
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
    pub(super) fn object<'v, 'p>(
        &mut self,
        value: Option<&'v Value>,
        path: impl Into<At<'p>>,
    ) -> Option<&'v Map<String, Value>> {
        self.object_at(value, path.into())
    }

    #[inline(never)]
    fn object_at<'v>(&mut self, value: Option<&'v Value>, path: At<'_>) -> Option<&'v Map<String, Value>> {
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
    pub(super) fn text<'v, 'p>(
        &mut self,
        value: Option<&'v Value>,
        path: impl Into<At<'p>>,
        required: bool,
    ) -> Option<&'v str> {
        self.text_at(value, path.into(), required)
    }

    #[inline(never)]
    fn text_at<'v>(&mut self, value: Option<&'v Value>, path: At<'_>, required: bool) -> Option<&'v str> {
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
    pub(super) fn length<'p>(&mut self, text: &str, path: impl Into<At<'p>>, bounds: (usize, usize)) -> bool {
        self.length_at(text, path.into(), bounds)
    }

    #[inline(never)]
    fn length_at(&mut self, text: &str, path: At<'_>, (min, max): (usize, usize)) -> bool {
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
    pub(super) fn choice<'v, 'p>(
        &mut self,
        value: Option<&'v Value>,
        path: impl Into<At<'p>>,
        required: bool,
        allowed: &[&str],
    ) -> Option<&'v str> {
        self.choice_at(value, path.into(), required, allowed)
    }

    #[inline(never)]
    fn choice_at<'v>(
        &mut self,
        value: Option<&'v Value>,
        path: At<'_>,
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
    pub(super) fn date<'v, 'p>(
        &mut self,
        value: Option<&'v Value>,
        path: impl Into<At<'p>>,
        required: bool,
    ) -> Option<(Date, &'v str)> {
        self.date_at(value, path.into(), required)
    }

    #[inline(never)]
    fn date_at<'v>(&mut self, value: Option<&'v Value>, path: At<'_>, required: bool) -> Option<(Date, &'v str)> {
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
    pub(super) fn text_list<'v, 'p>(
        &mut self,
        value: Option<&'v Value>,
        path: impl Into<At<'p>>,
        max_items: usize,
        max_len: usize,
    ) -> Vec<(usize, &'v str)> {
        let path = path.into();
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
            let item_path = At::Item(&path, i);
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
