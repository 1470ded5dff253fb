//! Reading and validating the signal form input (SPEC §4–5): every rule,
//! every issue code, paths as RFC 6901 pointers, in a stable order.
//!
//! The input is hostile until checked: it is read as a generic JSON value,
//! limits are checked before anything else, and nothing here can panic on
//! any value.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::catalog::ActiveCatalog;
use super::date::Date;
use super::extensions::{Extension, ExtensionType};
use super::identifiers::{is_bsn, is_case_number, is_officer_id, is_v_number};
use super::issue::{pointer_push, pointer_tokens, Finding, Kind, Severity};
use super::scoring::{advise, assess, Advice, Assessment, Circumstances, ObservedIndicator};
use super::sorting::sorted_positions;
use super::vocabulary::{
    CONTEXT_TYPES, CREDIBILITY, JUDGEMENT_VIEWS, PROCEDURES, RELIABILITY, SCREENING_METHODS, SIS_REGULATIONS, STATUSES,
    STATUS_UNKNOWN, TIP_CHANNELS, TLP,
};

/// Most string data an input may hold, in UTF-8 bytes (1 MiB).
pub const MAX_STRING_BYTES: usize = 1 << 20;
/// Deepest nesting of objects and arrays an input may have.
pub const MAX_DEPTH: usize = 16;
/// Most indicators on one form.
pub const MAX_INDICATORS: usize = 200;
/// Most evidence references on one indicator.
pub const MAX_EVIDENCE_REFS: usize = 20;
/// Longest evidence reference (a document key or a URL), in UTF-16 units.
pub const MAX_EVIDENCE_REF_LENGTH: usize = 512;
/// Most entries in `sharedWith`.
pub const MAX_SHARED_WITH: usize = 100;

/// Keys that carry protected personal attributes. A key is protected when
/// its words (see [`key_words`]) contain the words of one of these as a
/// consecutive run, at any depth of the input and in extension names.
pub const PROTECTED_KEYS: [&str; 35] = [
    "nationality",
    "nationalities",
    "dualNationality",
    "citizenship",
    "countryOfBirth",
    "countryOfOrigin",
    "birthCountry",
    "placeOfBirth",
    "ethnicity",
    "race",
    "religion",
    "politicalOpinion",
    "sexualOrientation",
    "gender",
    "sex",
    "maritalStatus",
    "health",
    "disability",
    "language",
    "nationaliteit",
    "geboorteland",
    "geboorteplaats",
    "herkomst",
    "afkomst",
    "etniciteit",
    "ras",
    "godsdienst",
    "religie",
    "geslacht",
    "seksueleGeaardheid",
    "gezondheid",
    "handicap",
    "burgerlijkeStaat",
    "politiekeVoorkeur",
    "taal",
];

/// The words of a key: split at every character that is not an ASCII
/// letter or digit, at a lower-to-upper case change, before an upper-case
/// letter followed by a lower-case one (`EUNationality` → `EU`,
/// `Nationality`) and at a letter–digit change; ASCII lower-cased.
/// Words are compared ASCII case-insensitively (see [`is_protected_key`]).
pub fn key_words(key: &str) -> Vec<&str> {
    let bytes = key.as_bytes();
    let mut words = Vec::new();
    let mut start: Option<usize> = None;
    for (i, &b) in bytes.iter().enumerate() {
        if !b.is_ascii_alphanumeric() {
            if let Some(s) = start.take() {
                words.extend(key.get(s..i));
            }
            continue;
        }
        let previous = i.checked_sub(1).and_then(|p| bytes.get(p)).copied().filter(u8::is_ascii_alphanumeric);
        let next = bytes.get(i + 1).copied();
        let boundary = previous.is_some_and(|p| {
            (p.is_ascii_lowercase() && b.is_ascii_uppercase())
                || (p.is_ascii_uppercase() && b.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase()))
                || (p.is_ascii_digit() != b.is_ascii_digit())
        });
        match start {
            Some(s) if boundary => {
                words.extend(key.get(s..i));
                start = Some(i);
            }
            None => start = Some(i),
            Some(_) => {}
        }
    }
    if let Some(s) = start {
        words.extend(key.get(s..));
    }
    words
}

/// Whether a key carries a protected attribute by the word rule of SPEC §4.
pub fn is_protected_key(key: &str) -> bool {
    let words = key_words(key);
    PROTECTED_KEYS.iter().any(|listed| {
        let listed = key_words(listed);
        !listed.is_empty()
            && words.windows(listed.len()).any(|run| run.iter().zip(&listed).all(|(a, b)| a.eq_ignore_ascii_case(b)))
    })
}

/// SIS articles allowed per regulation.
pub fn sis_articles(regulation: &str) -> &'static [&'static str] {
    match regulation {
        "2018/1861" => &["24", "25"],
        "2018/1862" => &["26", "36", "38"],
        _ => &[],
    }
}

/// A SIS alert as read from the form.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SisAlertValues<'a> {
    /// `2018/1861` or `2018/1862`.
    pub regulation: Option<&'a str>,
    /// Article number as a string.
    pub article: Option<&'a str>,
    /// Issuing state code.
    pub issuing_state: Option<&'a str>,
    /// The alert's reference.
    pub alert_reference: Option<&'a str>,
}

/// A tip as read from the form.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TipValues<'a> {
    /// `public`, `anonymous` or `partner`.
    pub channel: Option<&'a str>,
    /// Date received.
    pub received_on: Option<&'a str>,
}

/// One indicator entry as read from the form.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IndicatorValues<'a> {
    /// Indicator code.
    pub code: Option<&'a str>,
    /// Index of its category in the catalog's categories (the code is
    /// looked up only where a record needs it).
    pub category_index: Option<usize>,
    /// `A`–`F`.
    pub reliability: Option<&'a str>,
    /// `1`–`6`.
    pub credibility: Option<&'a str>,
    /// `YYYY-MM-DD`.
    pub observed_on: Option<&'a str>,
    /// Evidence references.
    pub evidence_refs: Vec<&'a str>,
    /// Officer's note.
    pub note: Option<&'a str>,
}

/// Everything read from a form: trimmed values of known fields only.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FormValues<'a> {
    /// Case number.
    pub case_number: Option<&'a str>,
    /// Procedure.
    pub procedure: Option<&'a str>,
    /// V-nummer.
    pub v_number: Option<&'a str>,
    /// BSN.
    pub bsn: Option<&'a str>,
    /// No V-nummer is known for the person.
    pub unknown_subject: bool,
    /// The person's status, as given.
    pub status: Option<&'a str>,
    /// Context type.
    pub context_type: Option<&'a str>,
    /// SIS alert (for `sis-check`).
    pub sis_alert: Option<SisAlertValues<'a>>,
    /// Tip (for `post-decision-tip`).
    pub tip: Option<TipValues<'a>>,
    /// Screening method (for `asylum-screening`).
    pub screening_method: Option<&'a str>,
    /// Reporting partner (for `partner-report`).
    pub partner: Option<&'a str>,
    /// Indicators in input order.
    pub indicators: Vec<IndicatorValues<'a>>,
    /// Factual statement.
    pub summary: Option<&'a str>,
    /// Officer staff code.
    pub officer_id: Option<&'a str>,
    /// Officer unit.
    pub officer_unit: Option<&'a str>,
    /// TLP label.
    pub tlp: Option<&'a str>,
    /// Partners the officer shares with.
    pub shared_with: Vec<&'a str>,
    /// Why an advised partner is not shared with.
    pub no_share_reason: Option<&'a str>,
    /// The officer's view of the advice.
    pub judgement_view: Option<&'a str>,
    /// The reasons for that view.
    pub judgement_reason: Option<&'a str>,
    /// Declared host extensions.
    pub extensions: BTreeMap<String, String>,
}

/// The outcome of reading a form; its values borrow from the input.
#[derive(Debug, Clone)]
pub struct Reading<'a> {
    /// What was read.
    pub values: FormValues<'a>,
    /// Findings, sorted and unique per (path, code).
    pub findings: Vec<Finding>,
    /// The assessment of the indicators that could be scored.
    pub assessment: Assessment,
    /// Routing advice and measures.
    pub advice: Advice,
}

impl Reading<'_> {
    /// Whether no finding is an error.
    pub fn is_valid(&self) -> bool {
        self.findings.iter().all(|f| f.severity != Severity::Error)
    }
}

/// What the form is read against.
pub struct FormRules<'a> {
    /// The active catalog.
    pub catalog: &'a ActiveCatalog,
    /// Host extensions.
    pub extensions: &'a [Extension],
    /// The evaluation date.
    pub today: Date,
}

/// Reads and validates `input`. `boundary` carries findings made while the
/// input crossed from JS (replaced surrogates, exotic objects, limits).
pub fn read_form<'v>(input: &'v Value, boundary: &[Finding], rules: &FormRules<'_>) -> Reading<'v> {
    let mut reader = Reader { rules, findings: Vec::new(), observed: Vec::new() };
    let empty_advice = Advice { advised: Vec::new(), measures: Vec::new(), suspended: Vec::new() };
    let stop = |findings: Vec<Finding>| Reading {
        values: FormValues::default(),
        findings,
        assessment: assess(rules.catalog, &[], rules.today).assessment,
        advice: empty_advice.clone(),
    };
    if let Some(limit) = boundary.iter().find(|f| matches!(f.kind, Kind::InputTooLarge | Kind::InputNotJson)) {
        return stop(vec![limit.clone()]);
    }
    let Value::Object(root) = input else {
        return stop(vec![Finding::error("", Kind::InputNotObject)]);
    };
    if exceeds_limits(input) {
        return stop(vec![Finding::error("", Kind::InputTooLarge)]);
    }
    reader.findings.extend(boundary.iter().cloned());
    let values = reader.read_root(root);
    let scoring = assess(rules.catalog, &reader.observed, rules.today);
    for index in &scoring.duplicates {
        reader.push(Finding::warning(
            IndicatorPath { index: *index as usize, member: "" }.render(),
            Kind::IndicatorDuplicate,
        ));
    }
    let circumstances =
        Circumstances { procedure: values.procedure, status: values.status, reporting_partner: values.partner };
    let advice = advise(rules.catalog, &scoring, &circumstances);
    reader.check_routing(&values, &advice);
    reader.check_advice_context(&values, &advice);
    let assessment = scoring.assessment;
    let mut findings = reader.findings;
    sort_findings(&mut findings);
    Reading { values, findings, assessment, advice }
}

/// True when the input holds more than [`MAX_STRING_BYTES`] of strings or
/// nests deeper than [`MAX_DEPTH`]; no input can exhaust the stack.
pub fn exceeds_limits(input: &Value) -> bool {
    exceeds_limits_with(input, MAX_STRING_BYTES, MAX_DEPTH)
}

/// True when `input` holds more than `max_bytes` of strings (keys included)
/// or nests objects and arrays deeper than `max_depth`. The walk descends
/// no further than `max_depth + 1` levels, so no input can exhaust the stack.
pub fn exceeds_limits_with(input: &Value, max_bytes: usize, max_depth: usize) -> bool {
    fn exceeds(value: &Value, depth: usize, limits: (usize, usize), bytes: &mut usize) -> bool {
        let (max_bytes, max_depth) = limits;
        match value {
            Value::String(s) => {
                *bytes = bytes.saturating_add(s.len());
                *bytes > max_bytes
            }
            Value::Array(items) => depth > max_depth || items.iter().any(|v| exceeds(v, depth + 1, limits, bytes)),
            Value::Object(map) => {
                depth > max_depth
                    || map.iter().any(|(key, v)| {
                        *bytes = bytes.saturating_add(key.len());
                        *bytes > max_bytes || exceeds(v, depth + 1, limits, bytes)
                    })
            }
            _ => false,
        }
    }
    exceeds(input, 1, (max_bytes, max_depth), &mut 0)
}

struct Reader<'r, 'a> {
    rules: &'r FormRules<'a>,
    findings: Vec<Finding>,
    observed: Vec<ObservedIndicator>,
}

/// Removes, at both ends, the characters with the Unicode `White_Space`
/// property and U+FEFF (SPEC §4; the JS side never trims).
pub fn trim(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
}

/// A value counts as absent when missing, null, or a string empty after trimming.
fn is_absent(value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => trim(s).is_empty(),
        Some(_) => false,
    }
}

/// A JSON Pointer that is only written out when a finding needs it: most
/// fields of most evaluations have none, and building every path up front
/// was a large share of the work.
trait PathLike: Copy {
    /// The pointer as text.
    fn render(self) -> String;
}

impl PathLike for &str {
    fn render(self) -> String {
        self.to_owned()
    }
}

impl PathLike for &String {
    fn render(self) -> String {
        self.clone()
    }
}

/// `/indicators/{index}` or `/indicators/{index}/{member}`.
#[derive(Clone, Copy)]
struct IndicatorPath<'a> {
    index: usize,
    member: &'a str,
}

impl PathLike for IndicatorPath<'_> {
    fn render(self) -> String {
        let base = indexed("/indicators", self.index);
        if self.member.is_empty() {
            base
        } else {
            child(&base, self.member)
        }
    }
}

/// Item `index` of the list at `parent`.
#[derive(Clone, Copy)]
struct ItemPath<P> {
    parent: P,
    index: usize,
}

impl<P: PathLike> PathLike for ItemPath<P> {
    fn render(self) -> String {
        indexed(&self.parent.render(), self.index)
    }
}

/// `base` + `/` + `member`, without the formatting machinery (this runs for
/// every field of every evaluation).
fn child(base: &str, member: &str) -> String {
    let mut out = String::with_capacity(base.len() + member.len() + 1);
    out.push_str(base);
    out.push('/');
    out.push_str(member);
    out
}

/// `base` + `/` + the decimal `index`.
fn indexed(base: &str, index: usize) -> String {
    let mut digits = [0u8; 20];
    let mut n = index;
    let mut start = digits.len();
    loop {
        start -= 1;
        if let Some(d) = digits.get_mut(start) {
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || start == 0 {
            break;
        }
    }
    child(base, std::str::from_utf8(digits.get(start..).unwrap_or_default()).unwrap_or_default())
}

fn utf16_len(text: &str) -> usize {
    text.encode_utf16().count()
}

impl Reader<'_, '_> {
    fn push(&mut self, finding: Finding) {
        self.findings.push(finding);
    }

    /// Warns about keys not in `known`: `field.protected` for protected
    /// attribute keys, `field.unknown` for the rest.
    fn check_keys(&mut self, map: &Map<String, Value>, path: impl Fn() -> String, known: &[&str]) {
        for key in map.keys() {
            if !known.contains(&key.as_str()) {
                self.unknown_key(key, &path);
            }
        }
    }

    /// `field.protected` for a key from the protected list, else
    /// `field.unknown`; `path` is the containing object's.
    fn unknown_key(&mut self, key: &str, path: impl Fn() -> String) {
        let code = if is_protected_key(key) { Kind::FieldProtected } else { Kind::FieldUnknown };
        self.push(Finding::warning(pointer_push(&path(), key), code));
    }

    /// An object member that may be absent; other types are a `type` error.
    fn object<'v>(&mut self, value: Option<&'v Value>, path: impl PathLike) -> Option<&'v Map<String, Value>> {
        match value {
            Some(Value::Object(map)) => Some(map),
            _ if is_absent(value) => None,
            _ => {
                self.push(Finding::error(path.render(), Kind::Type));
                None
            }
        }
    }

    /// A trimmed text; `required` reports absence.
    fn text<'v>(&mut self, value: Option<&'v Value>, path: impl PathLike, required: bool) -> Option<&'v str> {
        match value {
            Some(Value::String(s)) if !trim(s).is_empty() => Some(trim(s)),
            _ if is_absent(value) => {
                if required {
                    self.push(Finding::error(path.render(), Kind::Required));
                }
                None
            }
            _ => {
                self.push(Finding::error(path.render(), Kind::Type));
                None
            }
        }
    }

    /// Checks a text's length in UTF-16 code units; true when within bounds.
    fn length(&mut self, text: &str, path: impl PathLike, min: usize, max: usize) -> bool {
        let actual = utf16_len(text);
        if actual < min {
            self.push(Finding::error(path.render(), Kind::TextTooShort { min, actual }));
            false
        } else if actual > max {
            self.push(Finding::error(path.render(), Kind::TextTooLong { max, actual }));
            false
        } else {
            true
        }
    }

    /// A text that must be one of `allowed`.
    fn choice<'v>(
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
            self.push(Finding::error(path.render(), Kind::Enum { allowed: listed }));
            None
        }
    }

    /// A date `YYYY-MM-DD`, not after today and not before 1900.
    /// The date and its text (which is its canonical form once it parses).
    fn date<'v>(&mut self, value: Option<&'v Value>, path: impl PathLike, required: bool) -> Option<(Date, &'v str)> {
        let text = self.text(value, path, required)?;
        let Some(date) = Date::parse(text) else {
            self.push(Finding::error(path.render(), Kind::FormatDate));
            return None;
        };
        if date > self.rules.today {
            self.push(Finding::error(path.render(), Kind::DateFuture));
            return None;
        }
        if date.year() < 1900 {
            self.push(Finding::error(path.render(), Kind::DateTooOld));
            return None;
        }
        Some((date, text))
    }

    /// A list of texts, each 1–`max_len` long, with their input indexes;
    /// absent means empty.
    fn text_list<'v>(
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
                self.push(Finding::error(path.render(), Kind::Type));
                return Vec::new();
            }
        };
        if items.len() > max_items {
            self.push(Finding::error(path.render(), Kind::ArrayTooMany { max: max_items, actual: items.len() }));
            return Vec::new();
        }
        let mut out: Vec<(usize, &'v str)> = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let item_path = ItemPath { parent: path, index: i };
            let Some(text) = self.text(Some(item), item_path, true) else { continue };
            if !self.length(text, item_path, 1, max_len) {
                continue;
            }
            if out.iter().any(|(_, seen)| *seen == text) {
                self.push(Finding::error(item_path.render(), Kind::ArrayDuplicate));
                continue;
            }
            out.push((i, text));
        }
        out
    }

    fn read_root<'v>(&mut self, root: &'v Map<String, Value>) -> FormValues<'v> {
        // One pass over the members (inline key comparisons) instead of a
        // map look-up per field plus a pass for unknown keys.
        let mut fields: [Option<&'v Value>; 12] = [None; 12];
        for (key, value) in root {
            let slot = match key.as_str() {
                "caseNumber" => 0,
                "procedure" => 1,
                "subject" => 2,
                "context" => 3,
                "indicators" => 4,
                "summary" => 5,
                "officer" => 6,
                "handling" => 7,
                "sharedWith" => 8,
                "noShareReason" => 9,
                "extensions" => 10,
                "officerJudgement" => 11,
                _ => {
                    self.unknown_key(key, String::new);
                    continue;
                }
            };
            if let Some(field) = fields.get_mut(slot) {
                *field = Some(value);
            }
        }
        let [case_number, procedure, subject, context, indicators, summary, officer, handling, shared_with, no_share_reason, extensions, judgement] =
            fields;
        let case_number = self.text(case_number, "/caseNumber", true).filter(|text| {
            let ok = is_case_number(text);
            if !ok {
                self.findings.push(Finding::error("/caseNumber", Kind::FormatCaseNumber));
            }
            ok
        });
        let mut values = FormValues { case_number, ..FormValues::default() };
        values.procedure = self.choice(procedure, "/procedure", true, PROCEDURES);
        self.read_subject(subject, &mut values);
        self.read_context(context, &mut values);
        self.read_indicators(indicators, &mut values);

        values.summary = self.text(summary, "/summary", true).filter(|text| self.length(text, "/summary", 20, 4000));

        let officer = self.object(officer, "/officer");
        if let Some(officer) = officer {
            self.check_keys(officer, || "/officer".to_owned(), &["id", "unit"]);
        }
        values.officer_id = self.text(officer.and_then(|o| o.get("id")), "/officer/id", true).filter(|text| {
            let ok = is_officer_id(text);
            if !ok {
                self.findings.push(Finding::error("/officer/id", Kind::FormatOfficerId));
            }
            ok
        });
        values.officer_unit = self
            .text(officer.and_then(|o| o.get("unit")), "/officer/unit", true)
            .filter(|text| self.length(text, "/officer/unit", 1, 80));

        let handling = self.object(handling, "/handling");
        if let Some(handling) = handling {
            self.check_keys(handling, || "/handling".to_owned(), &["tlp"]);
        }
        values.tlp = self.choice(handling.and_then(|h| h.get("tlp")), "/handling/tlp", true, TLP);
        // A SIS art. 36 alert asks for information to be gathered without
        // the person noticing: even AMBER shares too widely.
        let discreet_check = values.sis_alert.as_ref().is_some_and(|alert| alert.article == Some("36"));
        if matches!(values.tlp, Some("GREEN" | "CLEAR")) || (values.tlp == Some("AMBER") && discreet_check) {
            self.push(Finding::warning("/handling/tlp", Kind::HandlingTooOpen));
        }

        let partners: Vec<&str> = self.rules.catalog.catalog().partners.iter().map(String::as_str).collect();
        let shared = self.text_list(shared_with, "/sharedWith", MAX_SHARED_WITH, 64);
        for (index, text) in shared {
            if partners.contains(&text) {
                values.shared_with.push(text);
            } else {
                self.push(Finding::error(indexed("/sharedWith", index), Kind::Enum { allowed: None }));
            }
        }
        values.no_share_reason = self
            .text(no_share_reason, "/noShareReason", false)
            .filter(|text| self.length(text, "/noShareReason", 1, 2000));

        self.read_judgement(judgement, &mut values);
        self.read_extensions(extensions, &mut values);
        values
    }

    /// `officerJudgement`: a view, and a reason required for `partly` and
    /// `disagree`; a reason without a view lacks the view.
    fn read_judgement<'v>(&mut self, value: Option<&'v Value>, values: &mut FormValues<'v>) {
        let Some(judgement) = self.object(value, "/officerJudgement") else { return };
        self.check_keys(judgement, || "/officerJudgement".to_owned(), &["view", "reason"]);
        let view = judgement.get("view");
        values.judgement_view = self.choice(view, "/officerJudgement/view", false, JUDGEMENT_VIEWS);
        let needs_reason = matches!(values.judgement_view, Some("partly" | "disagree"));
        let reason_path = "/officerJudgement/reason";
        values.judgement_reason = self
            .text(judgement.get("reason"), reason_path, needs_reason)
            .filter(|text| self.length(text, reason_path, 10, 2000));
        if is_absent(view) && !is_absent(judgement.get("reason")) {
            self.push(Finding::error("/officerJudgement/view", Kind::Required));
        }
    }

    fn read_subject<'v>(&mut self, value: Option<&'v Value>, values: &mut FormValues<'v>) {
        let subject = self.object(value, "/subject");
        if let Some(subject) = subject {
            self.check_keys(subject, || "/subject".to_owned(), &["vNumber", "bsn", "unknownSubject", "status"]);
        }
        let member = |key: &str| subject.and_then(|s| s.get(key));
        values.unknown_subject = match member("unknownSubject") {
            Some(Value::Bool(flag)) => *flag,
            other if is_absent(other) => false,
            Some(_) | None => {
                self.push(Finding::error("/subject/unknownSubject", Kind::Type));
                false
            }
        };
        let v_number = self.text(member("vNumber"), "/subject/vNumber", !values.unknown_subject);
        if let Some(v_number) = v_number {
            if values.unknown_subject {
                self.push(Finding::error("/subject/vNumber", Kind::SubjectConflict));
            } else if !is_v_number(v_number) {
                self.push(Finding::error("/subject/vNumber", Kind::FormatVnumber));
            } else {
                values.v_number = Some(v_number);
            }
        }
        values.status = self.choice(member("status"), "/subject/status", false, STATUSES);
        if let Some(bsn) = self.text(member("bsn"), "/subject/bsn", false) {
            if is_bsn(bsn) {
                values.bsn = Some(bsn);
            } else {
                self.push(Finding::error("/subject/bsn", Kind::FormatBsn));
            }
        }
    }

    fn read_context<'v>(&mut self, value: Option<&'v Value>, values: &mut FormValues<'v>) {
        let context = self.object(value, "/context");
        if let Some(context) = context {
            self.check_keys(
                context,
                || "/context".to_owned(),
                &["type", "sisAlert", "tip", "screeningMethod", "partner"],
            );
        }
        let member = |key: &str| context.and_then(|c| c.get(key));
        values.context_type = self.choice(member("type"), "/context/type", true, CONTEXT_TYPES);
        let Some(context_type) = values.context_type else { return };
        let owner = |key: &str| match key {
            "sisAlert" => "sis-check",
            "tip" => "post-decision-tip",
            "screeningMethod" => "asylum-screening",
            _ => "partner-report",
        };
        for key in ["sisAlert", "tip", "screeningMethod", "partner"] {
            let path = child("/context", key);
            if owner(key) != context_type {
                // Belongs to another context type: warned about and dropped.
                if !is_absent(member(key)) {
                    self.push(Finding::warning(path, Kind::FieldUnknown));
                }
                continue;
            }
            match key {
                "sisAlert" => values.sis_alert = Some(self.read_sis_alert(member(key), &path)),
                "tip" => values.tip = Some(self.read_tip(member(key), &path)),
                "screeningMethod" => {
                    values.screening_method = self.choice(member(key), &path, true, SCREENING_METHODS);
                }
                _ => {
                    let partners: Vec<&str> =
                        self.rules.catalog.catalog().partners.iter().map(String::as_str).collect();
                    values.partner = self.choice(member(key), &path, true, &partners);
                }
            }
        }
    }

    fn read_sis_alert<'v>(&mut self, value: Option<&'v Value>, path: &str) -> SisAlertValues<'v> {
        let mut out = SisAlertValues::default();
        if is_absent(value) {
            self.push(Finding::error(path, Kind::Required));
            return out;
        }
        let Some(alert) = self.object(value, path) else { return out };
        self.check_keys(alert, || path.to_owned(), &["regulation", "article", "issuingState", "alertReference"]);
        out.regulation = self.choice(alert.get("regulation"), &child(path, "regulation"), true, SIS_REGULATIONS);
        let article_path = child(path, "article");
        if let Some(article) = self.text(alert.get("article"), &article_path, true) {
            let allowed: Vec<&str> = match &out.regulation {
                Some(regulation) => sis_articles(regulation).to_vec(),
                None => SIS_REGULATIONS.iter().flat_map(|r| sis_articles(r).iter().copied()).collect(),
            };
            if allowed.contains(&article) {
                out.article = Some(article);
            } else {
                let allowed = allowed.iter().map(|a| (*a).to_owned()).collect();
                self.push(Finding::error(article_path, Kind::SisArticle { allowed }));
            }
        }
        let state_path = child(path, "issuingState");
        if let Some(state) = self.text(alert.get("issuingState"), &state_path, true) {
            if self.rules.catalog.catalog().sis_states.iter().any(|s| s == state) {
                out.issuing_state = Some(state);
            } else {
                self.push(Finding::error(state_path, Kind::FormatCountry));
            }
        }
        let reference_path = child(path, "alertReference");
        out.alert_reference = self
            .text(alert.get("alertReference"), &reference_path, true)
            .filter(|text| self.length(text, &reference_path, 1, 64));
        out
    }

    fn read_tip<'v>(&mut self, value: Option<&'v Value>, path: &str) -> TipValues<'v> {
        let mut out = TipValues::default();
        if is_absent(value) {
            self.push(Finding::error(path, Kind::Required));
            return out;
        }
        let Some(tip) = self.object(value, path) else { return out };
        self.check_keys(tip, || path.to_owned(), &["channel", "receivedOn"]);
        out.channel = self.choice(tip.get("channel"), &child(path, "channel"), true, TIP_CHANNELS);
        out.received_on = self.date(tip.get("receivedOn"), &child(path, "receivedOn"), true).map(|(_, text)| text);
        out
    }

    fn read_indicators<'v>(&mut self, value: Option<&'v Value>, values: &mut FormValues<'v>) {
        let items = match value {
            Some(Value::Array(items)) => items,
            _ if is_absent(value) => {
                self.push(Finding::error("/indicators", Kind::Required));
                return;
            }
            _ => {
                self.push(Finding::error("/indicators", Kind::Type));
                return;
            }
        };
        if items.len() > MAX_INDICATORS {
            self.push(Finding::error("/indicators", Kind::ArrayTooMany { max: MAX_INDICATORS, actual: items.len() }));
            return;
        }
        if items.is_empty() {
            self.push(Finding::error("/indicators", Kind::ArrayTooFew { min: 1, actual: 0 }));
            return;
        }
        for (i, item) in items.iter().enumerate() {
            let at = |member| IndicatorPath { index: i, member };
            let Value::Object(entry) = item else {
                self.push(Finding::error(at("").render(), Kind::Type));
                values.indicators.push(IndicatorValues::default());
                continue;
            };
            // One pass over the members instead of a map look-up per field:
            // matching constant keys compiles to inline comparisons.
            let (mut code, mut reliability, mut credibility, mut observed, mut refs, mut note) =
                (None, None, None, None, None, None);
            for (key, value) in entry {
                match key.as_str() {
                    "code" => code = Some(value),
                    "reliability" => reliability = Some(value),
                    "credibility" => credibility = Some(value),
                    "observedOn" => observed = Some(value),
                    "evidenceRefs" => refs = Some(value),
                    "note" => note = Some(value),
                    _ => self.unknown_key(key, || at("").render()),
                }
            }
            let mut out = IndicatorValues::default();
            let code_path = at("code");
            let definition = match self.text(code, code_path, true) {
                Some(code) => match self.rules.catalog.indicator(code) {
                    Some((index, definition)) => {
                        out.code = Some(code);
                        out.category_index = Some(self.rules.catalog.category_of(index));
                        Some((index, definition.requires_evidence))
                    }
                    None => {
                        self.push(Finding::error(code_path.render(), Kind::IndicatorUnknown));
                        None
                    }
                },
                None => None,
            };
            out.reliability = self.choice(reliability, at("reliability"), true, RELIABILITY);
            out.credibility = self.choice(credibility, at("credibility"), true, CREDIBILITY);
            let observed_on = self.date(observed, at("observedOn"), true);
            out.observed_on = observed_on.map(|(_, text)| text);
            let observed_on = observed_on.map(|(date, _)| date);
            let refs_path = at("evidenceRefs");
            out.evidence_refs = self
                .text_list(refs, refs_path, MAX_EVIDENCE_REFS, MAX_EVIDENCE_REF_LENGTH)
                .into_iter()
                .map(|(_, text)| text)
                .collect();
            let refs_given = !is_absent(refs) && refs.and_then(Value::as_array).is_some_and(|a| !a.is_empty());
            if definition.is_some_and(|(_, required)| required) && !refs_given {
                self.push(Finding::error(refs_path.render(), Kind::IndicatorEvidenceRequired));
            }
            let note_path = at("note");
            out.note = self.text(note, note_path, false).filter(|text| self.length(text, note_path, 0, 2000));

            let catalog = self.rules.catalog;
            if let (Some((indicator, _)), Some(category)) = (definition, out.category_index) {
                let grading = match (out.reliability, out.credibility) {
                    (Some(rel), Some(cred)) => catalog.reliability_factor(rel).zip(catalog.credibility_factor(cred)),
                    _ => None,
                };
                self.observed.push(ObservedIndicator {
                    index: i as u32,
                    indicator,
                    category,
                    grading,
                    observed_on,
                    has_evidence: !out.evidence_refs.is_empty(),
                });
            }
            values.indicators.push(out);
        }
    }

    fn read_extensions<'v>(&mut self, value: Option<&'v Value>, values: &mut FormValues<'v>) {
        let map = self.object(value, "/extensions");
        let declared: Vec<&str> = self.rules.extensions.iter().map(|e| e.declaration.name.as_str()).collect();
        if let Some(map) = map {
            self.check_keys(map, || "/extensions".to_owned(), &declared);
        }
        for extension in self.rules.extensions {
            let declaration = &extension.declaration;
            let path = pointer_push("/extensions", &declaration.name);
            let member = map.and_then(|m| m.get(&declaration.name));
            let read = match declaration.kind {
                ExtensionType::Date => self.date(member, &path, declaration.required).map(|(_, text)| text),
                ExtensionType::Enum => {
                    let allowed: Vec<&str> = declaration.values.iter().flatten().map(String::as_str).collect();
                    self.choice(member, &path, declaration.required, &allowed)
                }
                ExtensionType::String => self.text(member, &path, declaration.required).filter(|text| {
                    if !self.length(text, &path, 1, extension.max_length as usize) {
                        return false;
                    }
                    let matches = extension.pattern.as_ref().is_none_or(|p| p.is_match(text));
                    if !matches {
                        self.findings.push(Finding::error(path.clone(), Kind::FormatPattern));
                    }
                    matches
                }),
            };
            if let Some(text) = read {
                values.extensions.insert(declaration.name.clone(), text.to_owned());
            }
        }
    }

    /// Warnings when measures are listed: the officer gave no view of the
    /// advice (`judgement.missing`), or the person's status is not known,
    /// so only the procedure could filter them (`subject.status-unknown`).
    fn check_advice_context(&mut self, values: &FormValues<'_>, advice: &Advice) {
        if advice.measures.is_empty() {
            return;
        }
        if values.judgement_view.is_none() {
            self.push(Finding::warning("/officerJudgement/view", Kind::JudgementMissing));
        }
        if values.status.is_none_or(|status| status == STATUS_UNKNOWN) {
            self.push(Finding::warning("/subject/status", Kind::SubjectStatusUnknown));
        }
    }

    /// `routing.unshared` when an advised partner is neither in `sharedWith`
    /// nor explained by a `noShareReason` of at least 10 characters.
    fn check_routing(&mut self, values: &FormValues<'_>, advice: &Advice) {
        let catalog = self.rules.catalog;
        let unshared: Vec<String> = advice
            .advised
            .iter()
            .map(|p| catalog.partner(*p))
            .filter(|p| !values.shared_with.contains(p))
            .map(str::to_owned)
            .collect();
        if unshared.is_empty() {
            return;
        }
        match &values.no_share_reason {
            None => {
                if !self.findings.iter().any(|f| f.path == "/noShareReason") {
                    self.push(Finding::error("/sharedWith", Kind::RoutingUnshared { partners: unshared }));
                }
            }
            Some(reason) => {
                self.length(reason, "/noShareReason", 10, 2000);
            }
        }
    }
}

/// Rows of the SPEC §4 table; findings are ordered by the row their path
/// falls under, then array index, then code. `*` stands for an array index.
const ROWS: [&str; 27] = [
    "/caseNumber",
    "/procedure",
    "/subject/vNumber",
    "/subject/bsn",
    "/subject/unknownSubject",
    "/subject/status",
    "/context/type",
    "/context/sisAlert",
    "/context/tip",
    "/context/screeningMethod",
    "/context/partner",
    "/indicators",
    "/indicators/*/code",
    "/indicators/*/reliability",
    "/indicators/*/credibility",
    "/indicators/*/observedOn",
    "/indicators/*/evidenceRefs",
    "/indicators/*/note",
    "/summary",
    "/officer/id",
    "/officer/unit",
    "/handling/tlp",
    "/sharedWith",
    "/noShareReason",
    "/officerJudgement/view",
    "/officerJudgement/reason",
    "/extensions",
];

fn token_matches(pattern: &str, token: &str) -> bool {
    pattern == token || (pattern == "*" && !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit()))
}

/// The table row a path falls under (see [`ROWS`]).
fn row_of(path: &str) -> usize {
    if path.is_empty() {
        return 0;
    }
    let tokens = pointer_tokens(path);
    let mut best: Option<(usize, usize)> = None; // (matched length, row)
    for (row, pattern) in ROWS.iter().enumerate() {
        let pattern_tokens: Vec<&str> = pattern.split('/').skip(1).collect();
        let under = pattern_tokens.len() <= tokens.len()
            && pattern_tokens.iter().zip(&tokens).all(|(p, t)| token_matches(p, t));
        if under && best.is_none_or(|(len, _)| pattern_tokens.len() > len) {
            best = Some((pattern_tokens.len(), row));
        }
    }
    if let Some((_, row)) = best {
        return row;
    }
    // Not under a row: the first row inside its nearest container, or after
    // every row for unknown top-level keys.
    for keep in (1..tokens.len()).rev() {
        let prefix = &tokens[..keep];
        for (row, pattern) in ROWS.iter().enumerate() {
            let pattern_tokens: Vec<&str> = pattern.split('/').skip(1).collect();
            if pattern_tokens.len() > prefix.len()
                && prefix.iter().zip(&pattern_tokens).all(|(t, p)| token_matches(p, t))
            {
                return row;
            }
        }
    }
    if tokens.len() == 1 {
        for (row, pattern) in ROWS.iter().enumerate() {
            if pattern.split('/').nth(1) == tokens.first().map(String::as_str) {
                return row;
            }
        }
    }
    ROWS.len()
}

/// Sorts findings into the stable order and keeps one per (path, code).
pub fn sort_findings(findings: &mut Vec<Finding>) {
    let key = |f: &Finding| {
        let indexes: Vec<u64> = pointer_tokens(&f.path).iter().filter_map(|t| t.parse::<u64>().ok()).collect();
        (row_of(&f.path), indexes, f.code(), f.path.clone())
    };
    let keys: Vec<_> = findings.iter().map(key).collect();
    let order = sorted_positions(keys.len(), &|a, b| keys.get(a).cmp(&keys.get(b)));
    // Equal keys mean equal (path, code): duplicates end up adjacent and go.
    let mut slots: Vec<Option<Finding>> = findings.drain(..).map(Some).collect();
    let mut previous: Option<usize> = None;
    for i in order {
        if previous.is_some_and(|p| keys.get(p) == keys.get(i)) {
            continue;
        }
        previous = Some(i);
        if let Some(finding) = slots.get_mut(i).and_then(Option::take) {
            findings.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_follow_the_table() {
        assert_eq!(row_of("/caseNumber"), 0);
        assert_eq!(row_of(""), 0);
        assert_eq!(row_of("/subject"), 2);
        assert_eq!(row_of("/subject/nationality"), 2);
        assert_eq!(row_of("/context/sisAlert/article"), 7);
        assert_eq!(row_of("/subject/status"), 5);
        assert_eq!(row_of("/indicators/3"), 11);
        assert_eq!(row_of("/indicators/3/note"), 17);
        assert_eq!(row_of("/indicators/3/evidenceRefs/2"), 16);
        assert_eq!(row_of("/officer"), 19);
        assert_eq!(row_of("/officerJudgement"), 24);
        assert_eq!(row_of("/nationality"), ROWS.len());
    }

    #[test]
    fn protected_keys_by_whole_words() {
        for key in [
            "nationality",
            "subjectNationality",
            "Religion",
            "nationality_code",
            "nationality1",
            "countryOfBirthCode",
            "languageLevel",
            "EUNationality",
            "geboorteland",
            "burgerlijke_staat",
            "placeOfBirth",
            "SEX",
        ] {
            assert!(is_protected_key(key), "{key}");
        }
        for key in
            ["sexton", "sexualOrientationX1".trim_end_matches("X1"), "caseNumber", "languages", "traceId", "status"]
        {
            let expected = key == "sexualOrientation";
            assert_eq!(is_protected_key(key), expected, "{key}");
        }
        assert_eq!(key_words("EUNationality2x"), vec!["EU", "Nationality", "2", "x"]);
        assert_eq!(key_words("countryOfBirthCode"), vec!["country", "Of", "Birth", "Code"]);
        assert_eq!(key_words("__a-b__"), vec!["a", "b"]);
    }
}
