//! The form's fields, declared once (SPEC §4): every path of the input, in
//! the order of the specification's table, with what it holds and whether
//! issues under it are ordered as one row.
//!
//! What follows from this table: the order issues are reported in
//! (`issue::sort_findings`), the members each object of the form may have
//! (the section readers' unknown-key check), the control names a post may
//! carry and how each is read (`form_data`), where each field sits in a
//! record and the form read back from one (`record::verify`), and
//! the length rules of texts (`LENGTHS`, read by `form::sections` and for
//! the picker's `maxlength`), and `schemas/form-fields.json`,
//! which the package's tests compare with the TypeScript declarations of the
//! form. The other rules of each field (formats, vocabularies) and the
//! rules across fields stay code, in `form::sections`.
//!
//! Adding a field is one line here, its rule in `form::sections`, and its
//! member in the form and record types.

#[cfg(test)]
use serde::Serialize;

/// What a field of the form holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(test, derive(Serialize), serde(rename_all = "camelCase"))]
pub enum FieldKind {
    /// An object of further fields.
    Object,
    /// Text.
    Text,
    /// One value of a closed list.
    Choice,
    /// A calendar date `YYYY-MM-DD`.
    Date,
    /// `true` when present.
    Boolean,
    /// A list of partner codes.
    Partners,
    /// The list of picked indicators (`indicators`, whose members are
    /// `indicators.*.<member>`).
    Indicators,
    /// Evidence references: a list of texts, posted one per line.
    Lines,
    /// Host extensions: a map of declared names to texts.
    Extensions,
}

/// One field of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(test, derive(Serialize))]
pub struct Field {
    /// The input path with `.` between members and `*` for an array index
    /// (`context.sisAlert.article`, `indicators.*.code`).
    pub path: &'static str,
    /// What it holds.
    pub kind: FieldKind,
    /// Issues at or under it are ordered as one row of the table (an
    /// object's members that are not rows of their own fall under it).
    pub row: bool,
    /// Where a top-level field sits in a record (dotted); `""` for a
    /// member, which sits under its object there as in the form.
    pub record: &'static str,
}

/// A text's shortest and longest length, in UTF-16 code units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(test, derive(Serialize))]
pub struct Length {
    /// The shortest.
    pub min: u16,
    /// The longest.
    pub max: u16,
}

const fn field(path: &'static str, kind: FieldKind, row: bool) -> Field {
    Field { path, kind, row, record: "" }
}

/// A top-level field and where it sits in a record.
const fn top(path: &'static str, kind: FieldKind, row: bool, record: &'static str) -> Field {
    Field { path, kind, row, record }
}

/// The length rules of the form's texts, by path: the shortest and longest
/// text in UTF-16 code units (for evidence references, each line). Beside
/// the table rather than a column of it: they are read when the crate is
/// compiled (`length_of`), so they cost the browser module no bytes.
pub const LENGTHS: [(&str, Length); 7] = [
    ("context.sisAlert.alertReference", Length { min: 1, max: 64 }),
    ("indicators.*.evidenceRefs", Length { min: 1, max: 512 }),
    ("indicators.*.note", Length { min: 0, max: 2000 }),
    ("summary", Length { min: 20, max: 4000 }),
    ("officer.unit", Length { min: 1, max: 80 }),
    ("noShareReason", Length { min: 10, max: 2000 }),
    ("officerJudgement.reason", Length { min: 10, max: 2000 }),
];

use FieldKind::{Boolean, Choice, Date, Extensions, Indicators, Lines, Object, Partners, Text};

/// Every field of the form, in the order of the table of SPEC §4.
pub const FIELDS: [Field; 40] = [
    top("caseNumber", Text, true, "case.caseNumber"),
    top("procedure", Choice, true, "case.procedure"),
    top("subject", Object, false, "subject"),
    field("subject.vNumber", Text, true),
    field("subject.bsn", Text, true),
    field("subject.unknownSubject", Boolean, true),
    field("subject.status", Choice, true),
    field("subject.protection", Choice, true),
    top("context", Object, false, "context"),
    field("context.type", Choice, true),
    field("context.sisAlert", Object, true),
    field("context.sisAlert.regulation", Choice, false),
    field("context.sisAlert.article", Choice, false),
    field("context.sisAlert.issuingState", Text, false),
    field("context.sisAlert.alertReference", Text, false),
    field("context.tip", Object, true),
    field("context.tip.channel", Choice, false),
    field("context.tip.receivedOn", Date, false),
    field("context.screeningMethod", Choice, true),
    field("context.partner", Text, true),
    top("indicators", Indicators, true, "indicators"),
    field("indicators.*.code", Text, true),
    field("indicators.*.reliability", Choice, true),
    field("indicators.*.credibility", Choice, true),
    field("indicators.*.observedOn", Date, true),
    field("indicators.*.factsOn", Date, true),
    field("indicators.*.evidenceRefs", Lines, true),
    field("indicators.*.note", Text, true),
    top("summary", Text, true, "summary"),
    top("officer", Object, false, "officer"),
    field("officer.id", Text, true),
    field("officer.unit", Text, true),
    top("handling", Object, false, "handling"),
    field("handling.tlp", Choice, true),
    top("sharedWith", Partners, true, "routing.sharedWith"),
    top("noShareReason", Text, true, "routing.noShareReason"),
    top("officerJudgement", Object, false, "officerJudgement"),
    field("officerJudgement.view", Choice, true),
    field("officerJudgement.reason", Text, true),
    top("extensions", Extensions, true, "extensions"),
];

/// Where the top-level field `name` sits in a record (dotted), if it is one.
pub fn record_location(name: &str) -> Option<&'static str> {
    FIELDS.iter().find(|field| field.path == name && !field.record.is_empty()).map(|field| field.record)
}

/// The length rule of the field at `path` (`summary`, `indicators.*.note`):
/// its shortest and longest text. For `const { ... }` only: a path without
/// a length rule stops the build, so a misspelt path cannot drop a rule.
pub const fn length_of(path: &str) -> (usize, usize) {
    // Loops rather than iterators: a `const fn`, so each use is a constant
    // read from the table when the crate is compiled (`const { ... }`).
    let mut at = 0;
    while at < LENGTHS.len() {
        let (of, Length { min, max }) = LENGTHS[at];
        if same_text(of, path) {
            return (min as usize, max as usize);
        }
        at += 1;
    }
    panic!("the field table has no length rule for this path")
}

/// `a == b`, in a `const fn`.
const fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut at = 0;
    while at < a.len() {
        if a[at] != b[at] {
            return false;
        }
        at += 1;
    }
    true
}

/// The prefix of the members of one picked indicator.
pub const INDICATOR_ITEM: &str = "indicators.*.";

/// The rows issues are ordered by, in order: each a path pattern.
pub fn rows() -> impl Iterator<Item = &'static str> {
    FIELDS.iter().filter(|field| field.row).map(|field| field.path)
}

/// Whether `key` is a member of the object at `parent` (`""` for the root,
/// `context.sisAlert`, `indicators.*`).
pub fn is_member(parent: &str, key: &str) -> bool {
    FIELDS.iter().any(|field| parent_and_key(field.path) == (parent, key))
}

/// The members of the object at `parent`, in table order.
#[cfg(test)]
pub fn members(parent: &'static str) -> impl Iterator<Item = &'static str> {
    FIELDS.iter().map(|field| parent_and_key(field.path)).filter(move |(of, _)| *of == parent).map(|(_, key)| key)
}

/// The object a field belongs to (`""`, `subject`, `indicators.*`) and its member name.
pub fn parent_and_key(path: &'static str) -> (&'static str, &'static str) {
    path.rsplit_once('.').unwrap_or(("", path))
}

/// The fields a host control posts as one text (or, for a boolean, by
/// being present): every field outside the indicators that is not an
/// object or a list.
pub fn posted_paths() -> impl Iterator<Item = &'static str> {
    FIELDS
        .iter()
        .filter(|field| matches!(field.kind, Text | Choice | Date | Boolean) && !field.path.starts_with("indicators"))
        .map(|field| field.path)
}

/// Whether `path` is one of [`posted_paths`].
pub fn is_posted_path(path: &str) -> bool {
    posted_paths().any(|posted| posted == path)
}

/// Whether the posted field at `path` holds a boolean.
pub fn is_boolean_path(path: &str) -> bool {
    FIELDS.iter().any(|field| field.path == path && field.kind == Boolean)
}

/// The members of one picked indicator a post names `indicator.<CODE>.<member>`
/// (all but its code, which is the checkbox's value).
pub fn indicator_members() -> impl Iterator<Item = &'static str> {
    FIELDS.iter().filter_map(|field| field.path.strip_prefix(INDICATOR_ITEM)).filter(|member| *member != "code")
}

/// Whether `member` is one of [`indicator_members`].
pub fn is_indicator_member(member: &str) -> bool {
    indicator_members().any(|known| known == member)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_member_has_its_object_and_no_path_repeats() {
        for (i, field) in FIELDS.iter().enumerate() {
            let (parent, _) = parent_and_key(field.path);
            let parent = parent.strip_suffix(".*").unwrap_or(parent);
            assert!(parent.is_empty() || FIELDS.iter().any(|f| f.path == parent), "{} has no {parent}", field.path);
            assert!(!FIELDS.iter().skip(i + 1).any(|f| f.path == field.path), "{} twice", field.path);
        }
    }

    #[test]
    fn what_follows_from_the_table() {
        let root: Vec<&str> = members("").collect();
        assert_eq!(
            root,
            [
                "caseNumber",
                "procedure",
                "subject",
                "context",
                "indicators",
                "summary",
                "officer",
                "handling",
                "sharedWith",
                "noShareReason",
                "officerJudgement",
                "extensions"
            ]
        );
        assert_eq!(
            indicator_members().collect::<Vec<_>>(),
            ["reliability", "credibility", "observedOn", "factsOn", "evidenceRefs", "note"]
        );
        assert!(is_boolean_path("subject.unknownSubject") && !is_boolean_path("subject.status"));
        assert!(
            is_posted_path("context.tip.receivedOn") && !is_posted_path("indicators") && !is_posted_path("sharedWith")
        );
        assert_eq!(rows().count(), 29);
        assert!(is_member("context.sisAlert", "article") && !is_member("context", "article"));
    }

    /// The readers of the root and of one indicator match their members
    /// inline (one pass, no look-ups): they accept exactly the table's.
    #[test]
    fn the_inline_readers_know_exactly_the_tables_members() {
        use crate::core::engine::SignalEngine;
        use crate::core::messages::Locale;
        let engine = SignalEngine::example(Locale::En);
        let today = crate::core::date::Date::parse("2026-11-28").expect("date");
        let unknown = |form: serde_json::Value| -> Vec<String> {
            let evaluation = engine.evaluate(&form, today);
            evaluation.issues.iter().filter(|i| i.code == "field.unknown").map(|i| i.path.clone()).collect()
        };
        for key in members("").chain(["surprise"]) {
            let found = unknown(serde_json::json!({ key: null }));
            assert_eq!(found.contains(&format!("/{key}")), !is_member("", key), "{key}");
        }
        for key in members("indicators.*").chain(["surprise"]) {
            let found = unknown(serde_json::json!({ "indicators": [{ key: null }] }));
            assert_eq!(found.contains(&format!("/indicators/0/{key}")), !is_member("indicators.*", key), "{key}");
        }
    }

    /// Every length in the table is the one the form's reader enforces:
    /// one unit over is `text.too-long` with that maximum, the maximum is
    /// no length issue, and one under a minimum above 1 is `text.too-short`.
    #[test]
    fn the_reader_enforces_the_table_s_lengths() {
        use crate::core::engine::SignalEngine;
        use crate::core::messages::Locale;
        let engine = SignalEngine::example(Locale::En);
        let today = crate::core::date::Date::parse("2026-11-28").expect("date");
        let valid: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/data/valid-form.json")).expect("the fixture is JSON");
        for (path, length) in LENGTHS {
            let field = FIELDS.iter().find(|field| field.path == path).expect("a field of the table");
            assert!(matches!(field.kind, Text | Lines), "{path} is a text");
            let pointer = format!("/{}", path.replace(".*.", ".0.").replace('.', "/"));
            let issues_with = |len: u32| {
                let mut form = valid.clone();
                let text = "a".repeat(len as usize);
                // Evidence references are a list: the rule is each line's.
                let value = if path.ends_with("evidenceRefs") { serde_json::json!([text]) } else { text.into() };
                let (parent, key) = pointer.rsplit_once('/').expect("a member");
                if parent == "/officerJudgement" {
                    form["officerJudgement"]["view"] = "partly".into();
                }
                form.pointer_mut(parent).and_then(|p| p.as_object_mut()).expect("the parent").insert(key.into(), value);
                let at = if path.ends_with("evidenceRefs") { format!("{pointer}/0") } else { pointer.clone() };
                engine
                    .evaluate(&form, today)
                    .issues
                    .iter()
                    .filter(|i| i.path == at && i.code.starts_with("text.too-"))
                    .map(|i| (i.code.clone(), i.params.clone()))
                    .collect::<Vec<_>>()
            };
            let over = issues_with(u32::from(length.max) + 1);
            assert_eq!(over.len(), 1, "{path}: {over:?}");
            assert_eq!(over[0].0, "text.too-long", "{path}");
            let max = over[0].1.as_ref().and_then(|params| params.get("max")).and_then(serde_json::Value::as_u64);
            assert_eq!(max, Some(u64::from(length.max)), "{path}");
            assert!(issues_with(u32::from(length.max)).is_empty(), "{path} at its maximum");
            if length.min > 1 {
                assert_eq!(
                    issues_with(u32::from(length.min) - 1).first().map(|i| i.0.as_str()),
                    Some("text.too-short"),
                    "{path}"
                );
            }
        }
    }

    /// `schemas/form-fields.json` is the table as JSON, for the package's
    /// tests (`UPDATE_SCHEMAS=1` writes it, as `make schemas` does).
    #[test]
    fn the_shipped_table_is_this_one() {
        /// A field with its length rule, as the file lists it.
        #[derive(Serialize)]
        struct Shipped<'a> {
            #[serde(flatten)]
            field: &'a Field,
            #[serde(skip_serializing_if = "Option::is_none")]
            length: Option<Length>,
        }
        let table: Vec<Shipped> = FIELDS
            .iter()
            .map(|field| Shipped {
                field,
                length: LENGTHS.iter().find(|(path, _)| *path == field.path).map(|(_, length)| *length),
            })
            .collect();
        let mut text = serde_json::to_string_pretty(&table).unwrap_or_default();
        text.push('\n');
        let file = format!("{}/schemas/form-fields.json", env!("CARGO_MANIFEST_DIR"));
        if std::env::var_os("UPDATE_SCHEMAS").is_some() {
            std::fs::write(&file, &text).expect("write the table");
        }
        let shipped = std::fs::read_to_string(&file).unwrap_or_default();
        assert!(shipped == text, "schemas/form-fields.json is out of date; run `make schemas`");
    }
}
