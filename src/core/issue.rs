//! Validation issues: stable codes, severities, JSON Pointer paths and the
//! deterministic order in which they are reported.

use serde::Serialize;
use serde_json::{Map, Value};

use super::sorting::sorted_positions;
use signal_infra::pointer::index_of;
pub use signal_infra::pointer::{Pointer, Token};
pub use signal_infra::schema::Problem;

/// How serious an issue is: errors block a record, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The form cannot become a record until this is fixed.
    Error,
    /// Worth the officer's attention; does not block.
    Warning,
}

/// One finding about an input, a catalog or a record.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Issue {
    /// RFC 6901 JSON Pointer into what was checked; `""` is the whole.
    pub path: String,
    /// A stable code (one of [`CODES`]).
    pub code: String,
    /// Whether this blocks.
    pub severity: Severity,
    /// Human text in the engine's locale; never echoes input values.
    pub message: String,
    /// Facts the message is built from, such as `{ "min": 20, "actual": 5 }`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, unknown>"))]
    pub params: Option<Map<String, Value>>,
}

/// Declares the issue kinds once: each variant with its facts, its stable
/// wire code (extend, never rename) and its doc. From it follow
/// [`Kind::code`], [`Kind::params`] and [`CODES`]; the messages
/// (`messages::message`) match every variant, so a kind without Dutch and
/// English words does not compile.
macro_rules! issue_kinds {
    ($(
        $(#[doc = $doc:literal])*
        $variant:ident $({ $($field:ident: $type:ty),* $(,)? })? = $code:literal,
    )*) => {
        /// What an issue is about, with the facts its message is built from.
        #[derive(Debug, Clone, PartialEq)]
        pub enum Kind {
            $($(#[doc = $doc])* $variant $({ $(#[doc = concat!("`params.", stringify!($field), "`")] $field: $type),* })?,)*
        }

        impl Kind {
            /// The stable code on the wire.
            pub fn code(&self) -> &'static str {
                match self {
                    $(Kind::$variant { .. } => $code,)*
                }
            }

            /// The facts as the wire's `params` object (`None` without any).
            pub fn params(&self) -> Option<Map<String, Value>> {
                let mut params = Map::new();
                match self {
                    $(Kind::$variant $({ $($field),* })? => {
                        $($(Fact::put($field, stringify!($field), &mut params);)*)?
                    })*
                }
                (!params.is_empty()).then_some(params)
            }
        }

        /// Every stable code, in declaration order.
        pub const CODES: &[&str] = &[$($code),*];
    };
}

issue_kinds! {
    /// A required value is absent.
    Required = "required",
    /// The value has the wrong JSON/JS type.
    Type = "type",
    /// The value is not one of the allowed values.
    Enum { allowed: Option<Vec<String>> } = "enum",
    /// Not a valid case number.
    FormatCaseNumber = "format.case-number",
    /// Not a ten-digit V-nummer.
    FormatVnumber = "format.vnumber",
    /// Not a nine-digit BSN passing the 11-proef.
    FormatBsn = "format.bsn",
    /// Not a calendar date written `YYYY-MM-DD`.
    FormatDate = "format.date",
    /// An `issuingState` not in the catalog's SIS states.
    FormatCountry = "format.country",
    /// Not a pseudonymous staff code (`^[A-Z0-9-]{2,32}$`).
    FormatOfficerId = "format.officer-id",
    /// A host extension value that does not match its declared pattern.
    FormatPattern = "format.pattern",
    /// Text shorter than its minimum.
    TextTooShort { min: usize, actual: usize } = "text.too-short",
    /// Text longer than its maximum.
    TextTooLong { max: usize, actual: usize } = "text.too-long",
    /// A lone UTF-16 surrogate was replaced by U+FFFD.
    TextReplaced = "text.replaced",
    /// Fewer array items than required.
    ArrayTooFew { min: usize, actual: usize, items: Items } = "array.too-few",
    /// More array items than allowed; the items were not read.
    ArrayTooMany { max: usize, actual: usize, items: Items } = "array.too-many",
    /// The same value twice in a list that must not repeat.
    ArrayDuplicate = "array.duplicate",
    /// A date after the evaluation date.
    DateFuture = "date.future",
    /// A date before 1900-01-01.
    DateTooOld = "date.too-old",
    /// The date of the facts lies after the date of the information.
    DateOrder = "date.order",
    /// An indicator code the active catalog does not have.
    IndicatorUnknown = "indicator.unknown",
    /// The catalog requires evidence references for this indicator.
    IndicatorEvidenceRequired = "indicator.evidence-required",
    /// The same indicator with the same dates was recorded before.
    IndicatorDuplicate = "indicator.duplicate",
    /// An evidence reference that is a placeholder (`-`, `nvt`, `xxxx`),
    /// not a reference; it is no evidence.
    IndicatorEvidencePlaceholder = "indicator.evidence-placeholder",
    /// Shares an evidence reference with a stronger item of its category:
    /// one source counts once (`counted`: the index of the item that counts).
    IndicatorSameSource { counted: usize } = "indicator.same-source",
    /// Free text that may name a protected attribute; never blocks.
    TextProtectedTerm = "text.protected-term",
    /// The SIS article does not belong to the regulation.
    SisArticle { allowed: Vec<String> } = "sis.article",
    /// An unknown subject cannot have a V-nummer.
    SubjectConflict = "subject.conflict",
    /// An advised partner is neither shared with nor explained.
    RoutingUnshared { partners: Vec<String>, names: PartnerNames } = "routing.unshared",
    /// `GREEN` or `CLEAR` handling, or `AMBER` on a SIS art. 36 discreet check.
    HandlingTooOpen = "handling.too-open",
    /// Measures are listed and the officer gave no view of the advice.
    JudgementMissing = "judgement.missing",
    /// The person's status is not known, and it decides whether some
    /// measure applies.
    SubjectStatusUnknown = "subject.status-unknown",
    /// The evaluation date lies outside the catalog's validity.
    CatalogOutsideValidity = "catalog.outside-validity",
    /// A key the form does not have; ignored and never recorded.
    FieldUnknown = "field.unknown",
    /// A key that carries a protected attribute; ignored and never recorded.
    FieldProtected = "field.protected",
    /// Too much data or nesting too deep; nothing was read.
    InputTooLarge = "input.too-large",
    /// The input is not an object.
    InputNotObject = "input.not-object",
    /// JSON text that does not parse or repeats a member name.
    InputNotJson = "input.not-json",

    /// A catalog that is not of the catalog shape.
    CatalogShape { problem: Option<Problem> } = "catalog.shape",
    /// A code that appears twice in a catalog list.
    CatalogDuplicate = "catalog.duplicate",
    /// A reference to a category, partner or band the catalog lacks.
    CatalogReference = "catalog.reference",
    /// A number outside its allowed range.
    CatalogRange { min: u64, max: u64 } = "catalog.range",
    /// Bands or recency buckets out of order.
    CatalogOrder = "catalog.order",
    /// A label or guidance text missing for a declared locale.
    CatalogLabelMissing = "catalog.label-missing",
    /// A measure attached to a protective category.
    CatalogProtectiveMeasure = "catalog.protective-measure",
    /// A `routingOnly` indicator in a protective category.
    CatalogProtectiveRoutingOnly = "catalog.protective-routing-only",
    /// A grade that weighs more than a better one ("cannot be judged" more
    /// than "not usually reliable").
    CatalogGradingOrder = "catalog.grading-order",
    /// An indicator not marked `sufficientAlone` that could reach a measure
    /// on its own.
    CatalogSingleItemMeasure { measure: String, category: String, indicator: String } = "catalog.single-item-measure",
    /// An illustrative catalog that carries an approval.
    CatalogIllustrativeApproved = "catalog.illustrative-approved",
    /// Production use (`requireApproved`) and a catalog that is
    /// illustrative or carries no approval.
    CatalogUnapproved = "catalog.unapproved",

    /// A record that does not match the record schema.
    RecordSchema { problem: Option<Problem> } = "record.schema",
    /// The integrity digest does not match the record.
    RecordDigest = "record.digest",
    /// The record was built with a catalog that is not accepted.
    RecordCatalog = "record.catalog",
    /// `evaluatedOn` is more than one day from `createdAt`.
    RecordEvaluatedOn = "record.evaluated-on",
    /// A recorded indicator's category differs from the catalog's.
    RecordCategory = "record.category",
    /// Recorded content differs from what the engine builds from it.
    RecordContent = "record.content",
    /// The recorded assessment, advice or measures differ from a recomputation.
    RecordAssessment = "record.assessment",
    /// Record text that does not parse or repeats a member name.
    RecordNotJson = "record.not-json",
    /// The posted host fields differ from the record's content.
    RecordMismatch = "record.mismatch",
    /// `createdAt` too old, or too far in the future.
    RecordStale = "record.stale",
    /// A record id that was seen before.
    RecordReplayed = "record.replayed",
    /// A record of an earlier released schema version: its schema, digest
    /// and catalog were checked, not its content or assessment.
    RecordEarlierVersion = "record.earlier-version",
}

/// The names (Dutch, English) of the partners a message names: the message
/// reads names, `params` carries only the codes, so this fact is never put
/// into `params`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PartnerNames(pub Vec<(String, String)>);

impl Fact for PartnerNames {
    fn put(&self, _key: &'static str, _facts: &mut Facts) {}
}

/// What a list holds, for the words of its message ("Kies minstens één
/// indicator."); never put into `params`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Items {
    /// The form's indicators.
    Indicators,
    /// Anything else.
    #[default]
    Values,
}

impl Fact for Items {
    fn put(&self, _key: &'static str, _facts: &mut Facts) {}
}

/// The `params` object being filled.
type Facts = Map<String, Value>;

/// A fact that goes into `params` (absent facts are left out).
trait Fact {
    fn put(&self, key: &'static str, facts: &mut Facts);
}

impl Fact for usize {
    fn put(&self, key: &'static str, facts: &mut Facts) {
        facts.insert(key.to_owned(), Value::from(*self));
    }
}

impl Fact for u64 {
    fn put(&self, key: &'static str, facts: &mut Facts) {
        facts.insert(key.to_owned(), Value::from(*self));
    }
}

impl Fact for String {
    fn put(&self, key: &'static str, facts: &mut Facts) {
        facts.insert(key.to_owned(), Value::from(self.as_str()));
    }
}

impl Fact for Vec<String> {
    fn put(&self, key: &'static str, facts: &mut Facts) {
        facts.insert(key.to_owned(), Value::from(self.clone()));
    }
}

impl Fact for Problem {
    fn put(&self, key: &'static str, facts: &mut Facts) {
        facts.insert(key.to_owned(), Value::from(self.code()));
    }
}

impl<T: Fact> Fact for Option<T> {
    fn put(&self, key: &'static str, facts: &mut Facts) {
        if let Some(fact) = self {
            fact.put(key, facts);
        }
    }
}

/// An issue before it is put into words: what the validators produce.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Where the value concerned is.
    pub path: Pointer,
    /// What it is about, with its facts.
    pub kind: Kind,
    /// Severity.
    pub severity: Severity,
}

impl Finding {
    /// An error at `path`.
    pub fn error(path: impl Into<Pointer>, kind: Kind) -> Finding {
        Finding { path: path.into(), kind, severity: Severity::Error }
    }

    /// A warning at `path`.
    pub fn warning(path: impl Into<Pointer>, kind: Kind) -> Finding {
        Finding { path: path.into(), kind, severity: Severity::Warning }
    }

    /// The stable code.
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }
}

// The order issues are reported in: the rows of the SPEC §4 table.

// Findings are ordered by the row of the SPEC §4 table their path falls
// under (`fields::rows`, each a pattern with `*` for an array index), then
// array index, then code.

/// Whether `token` falls under the table pattern token `pattern` (`*`: an index).
fn token_matches(pattern: &str, token: &Token) -> bool {
    match token {
        Token::Member(name) => name == pattern,
        Token::Index(_) => pattern == "*",
    }
}

/// Each row of the table as its pattern's tokens (`*` for an index), split
/// once per ordering rather than once per issue and row.
fn row_patterns() -> Vec<Vec<&'static str>> {
    super::fields::rows().map(|row| row.split('.').collect()).collect()
}

/// The table row a path falls under (see [`super::fields::rows`]), given
/// the rows' patterns ([`row_patterns`]).
fn row_of(path: &Pointer, rows: &[Vec<&'static str>]) -> usize {
    let tokens = path.tokens();
    if tokens.is_empty() {
        return 0;
    }
    let patterns = || rows.iter().map(|row| (row.len(), row.iter().copied())).enumerate();
    let mut best: Option<(usize, usize)> = None; // (matched length, row)
    for (row, (len, mut pattern)) in patterns() {
        let under = len <= tokens.len() && pattern.by_ref().zip(tokens).all(|(p, t)| token_matches(p, t));
        if under && best.is_none_or(|(matched, _)| len > matched) {
            best = Some((len, row));
        }
    }
    if let Some((_, row)) = best {
        return row;
    }
    // Not under a row: the first row inside its nearest container, or after
    // every row for unknown top-level keys.
    for keep in (1..tokens.len()).rev() {
        let prefix = tokens.get(..keep).unwrap_or_default();
        for (row, (len, pattern)) in patterns() {
            if len > prefix.len() && prefix.iter().zip(pattern).all(|(t, p)| token_matches(p, t)) {
                return row;
            }
        }
    }
    if let [only] = tokens {
        for (row, (_, mut pattern)) in patterns() {
            if pattern.next().is_some_and(|first| token_matches(first, only)) {
                return row;
            }
        }
    }
    super::fields::rows().count()
}

/// Sorts findings into the stable order and keeps one per (path, code).
pub fn sort_findings(findings: &mut Vec<Finding>) {
    let rows = row_patterns();
    let key = |f: &Finding| {
        // Indexes, and members that are numbers (catalog grades), in order.
        let indexes: Vec<usize> = f
            .path
            .tokens()
            .iter()
            .filter_map(|t| match t {
                Token::Index(index) => Some(*index),
                Token::Member(name) => index_of(name),
            })
            .collect();
        (row_of(&f.path, &rows), indexes, f.code())
    };
    let keys: Vec<_> = findings.iter().map(key).collect();
    // Then by path, token by token: a deterministic order for the rest.
    let compare = |a: usize, b: usize| {
        keys.get(a)
            .cmp(&keys.get(b))
            .then_with(|| findings.get(a).map(|f| f.path.tokens()).cmp(&findings.get(b).map(|f| f.path.tokens())))
    };
    let order = sorted_positions(keys.len(), &compare);
    // Equal keys and paths mean equal (path, code): duplicates end up adjacent and go.
    let mut previous: Option<usize> = None;
    let mut keep = vec![false; findings.len()];
    for i in order.iter().copied() {
        if previous.is_some_and(|p| compare(p, i).is_eq()) {
            continue;
        }
        previous = Some(i);
        if let Some(slot) = keep.get_mut(i) {
            *slot = true;
        }
    }
    let mut slots: Vec<Option<Finding>> = findings.drain(..).map(Some).collect();
    for i in order {
        if keep.get(i).copied().unwrap_or(false) {
            if let Some(finding) = slots.get_mut(i).and_then(Option::take) {
                findings.push(finding);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_params_are_the_facts() {
        let mut seen = CODES.to_vec();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), CODES.len());
        assert_eq!(Kind::Required.params(), None);
        assert_eq!(
            Kind::TextTooShort { min: 20, actual: 5 }.params(),
            serde_json::json!({ "min": 20, "actual": 5 }).as_object().cloned()
        );
        assert_eq!(Kind::Enum { allowed: None }.params(), None);
        assert_eq!(
            Kind::RecordSchema { problem: Some(Problem::NotAllowed) }.params(),
            serde_json::json!({ "problem": "not-allowed" }).as_object().cloned()
        );
        let issue = Finding::error("/x", Kind::SisArticle { allowed: vec!["24".into()] })
            .localize(crate::core::locale::Locale::En);
        assert_eq!(
            (issue.code.as_str(), issue.message.as_str()),
            ("sis.article", "This article does not belong to this regulation (allowed: 24).")
        );
    }

    #[test]
    fn rows_follow_the_table() {
        let rows = row_patterns();
        let row_of = |path: &Pointer| row_of(path, &rows);
        assert_eq!(row_of(&Pointer::parse("/caseNumber")), 0);
        assert_eq!(row_of(&Pointer::parse("")), 0);
        assert_eq!(row_of(&Pointer::parse("/subject")), 2);
        assert_eq!(row_of(&Pointer::parse("/subject/nationality")), 2);
        assert_eq!(row_of(&Pointer::parse("/context/sisAlert/article")), 8);
        assert_eq!(row_of(&Pointer::parse("/subject/status")), 5);
        assert_eq!(row_of(&Pointer::parse("/subject/protection")), 6);
        assert_eq!(row_of(&Pointer::parse("/indicators/3")), 12);
        assert_eq!(row_of(&Pointer::parse("/indicators/3/factsOn")), 17);
        assert_eq!(row_of(&Pointer::parse("/indicators/3/note")), 19);
        assert_eq!(row_of(&Pointer::parse("/indicators/3/evidenceRefs/2")), 18);
        assert_eq!(row_of(&Pointer::parse("/officer")), 21);
        assert_eq!(row_of(&Pointer::parse("/officerJudgement")), 26);
        assert_eq!(row_of(&Pointer::parse("/nationality")), super::super::fields::rows().count());
    }

    #[test]
    fn pointers_escape_and_unescape() {
        let p = Pointer::root().member("a").member("b/c~d").index(3).member("~1");
        assert_eq!(p.to_string(), "/a/b~1c~0d/3/~01");
        assert_eq!(Pointer::parse(&p.to_string()), p);
        assert_eq!(Pointer::root().to_string(), "");
        assert_eq!(Pointer::parse("").tokens(), &[]);
        // RFC 6901 §4: "~01" is "~1", not "/".
        assert_eq!(Pointer::parse("/~01").tokens(), &[Token::Member("~1".to_owned())]);
        // Digits are an index unless they start with a zero.
        assert_eq!(
            Pointer::parse("/0/07/12").tokens(),
            &[Token::Index(0), Token::Member("07".to_owned()), Token::Index(12)]
        );
        assert_eq!(Pointer::parse("/").tokens(), &[Token::Member(String::new())]);
    }
}
