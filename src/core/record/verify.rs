//! Verifying a record handed back (SPEC §7, §12.6): its schema, its digest,
//! its catalog, and its content and assessment rebuilt from what it holds.

use super::*;

/// The result of verifying a record.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Verification {
    /// All checks passed.
    pub ok: bool,
    /// Each check's outcome.
    pub checks: Checks,
    /// What failed, with record paths.
    pub issues: Vec<Issue>,
}

/// The outcome of each verification check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Checks {
    /// Matches the record schema.
    pub schema: bool,
    /// The integrity digest matches.
    pub digest: bool,
    /// Built with an accepted catalog.
    pub catalog: bool,
    /// The recorded content passes the form rules (`null` for a record of
    /// an earlier schema version, whose content follows an earlier engine's
    /// rules and is not checked again).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "boolean | null"))]
    pub content: Option<bool>,
    /// Assessment, advice and measures match a recomputation (`null` for a
    /// record of an earlier schema version).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "boolean | null"))]
    pub assessment: Option<bool>,
}

impl Checks {
    /// Every check failed or not reached, for a record of the current version.
    pub fn failed() -> Checks {
        Checks { schema: false, digest: false, catalog: false, content: Some(false), assessment: Some(false) }
    }
}

/// Most string data a record handed in for verification may hold (4 MiB).
pub const MAX_RECORD_STRING_BYTES: usize = 4 << 20;

/// What a record is verified against.
pub struct VerifyRules<'a> {
    /// Known catalogs (the active one first).
    pub catalogs: &'a [KnownCatalog],
    /// Host extensions.
    pub extensions: &'a [Extension],
    /// Language of issue messages.
    pub locale: Locale,
    /// Production use: a current record's catalog must be approved and not
    /// illustrative (earlier versions predate approval and are exempt).
    pub require_approved: bool,
    /// The form posted with the record (`verifySubmission`), if any. When
    /// the record the engine builds from it agrees with the record in every
    /// section, that one reading of the form stands for rebuilding the
    /// record from its own content: the same content, checked once.
    pub posted: Option<&'a Value>,
}

/// The schema and digest checks of a document that names no catalog (a
/// correction, an extract): `catalog` is `true`, `content` and
/// `assessment` are `null` until the caller compares it with its record.
pub fn document_checks(document: &Value, validator: &crate::core::schema::Validator) -> (Checks, Vec<Finding>) {
    let mut findings = Vec::new();
    let mut checks = Checks { schema: true, digest: true, catalog: true, content: None, assessment: None };
    for (path, problem) in validator.validate(document) {
        checks.schema = false;
        findings.push(Finding::error(path, Kind::RecordSchema { problem: Some(problem) }));
    }
    let stated = at(document, "/integrity/digest").and_then(Value::as_str);
    checks.digest = stated.is_some() && record_digest(document).ok().as_deref() == stated;
    if !checks.digest {
        findings.push(Finding::error("/integrity/digest", Kind::RecordDigest));
    }
    (checks, findings)
}

/// Every released record schema version before the current one: records
/// of these verify for ever, integrity only (SPEC §12.6).
pub const EARLIER_SCHEMA_VERSIONS: [&str; 1] = ["1.1"];

/// Verifies a record: schema, digest, catalog, content against the form
/// rules, and the assessment recomputed from the recorded indicators. A
/// record of an earlier released schema version is checked against its own
/// schema, its digest and its catalog digest only, and is reported with
/// the warning `record.earlier-version`.
///
/// Also whether the form posted with it (`rules.posted`) agrees with it in
/// every section, so that it holds no `record.mismatch`.
pub fn verify_record_agreeing(record: &Value, rules: &VerifyRules<'_>) -> (Verification, bool) {
    let mut findings = Vec::new();
    let mut checks = Checks::failed();
    if !record.is_object() {
        findings.push(Finding::error("", Kind::RecordSchema { problem: Some(Problem::Type) }));
        return (finish(checks, findings, rules.locale), false);
    }
    if exceeds_limits_with(record, MAX_RECORD_STRING_BYTES, 16) {
        findings.push(Finding::error("", Kind::InputTooLarge));
        return (finish(checks, findings, rules.locale), false);
    }
    let version = at(record, "/schemaVersion").and_then(Value::as_str);
    let earlier = version.is_some_and(|v| EARLIER_SCHEMA_VERSIONS.contains(&v));

    // Digest: over the record exactly as given.
    let stated_digest = at(record, "/integrity/digest").and_then(Value::as_str);
    checks.digest = match (stated_digest, record_digest(record)) {
        (Some(stated), Ok(actual)) => stated == actual,
        _ => false,
    };
    if !checks.digest {
        findings.push(Finding::error("/integrity/digest", Kind::RecordDigest));
    }

    // Catalog: a known catalog with the recorded id, version, digest and mark.
    let text = |pointer: &str| at(record, pointer).and_then(Value::as_str).unwrap_or_default();
    let illustrative = at(record, "/catalog/illustrative") == Some(&Value::Bool(true));
    let known = rules.catalogs.iter().find(|c| {
        c.named_by(text("/catalog/id"), text("/catalog/version"), text("/catalog/digest"), illustrative, earlier)
    });
    // A current record needs its catalog loaded under the current rules
    // (and, in production, approved).
    let catalog = known.filter(|known| !rules.require_approved || known.approved()).and_then(|known| {
        if earlier {
            None
        } else {
            known.active()
        }
    });
    checks.catalog = if earlier { known.is_some() } else { catalog.is_some() };
    if !checks.catalog {
        findings.push(Finding::error("/catalog", Kind::RecordCatalog));
    }

    if earlier {
        checks.schema = earlier_schema_check(record, &mut findings);
        checks.content = None;
        checks.assessment = None;
        findings.push(Finding::warning("/schemaVersion", Kind::RecordEarlierVersion));
        return (finish(checks, findings, rules.locale), false);
    }

    checks.schema = schema_check(record, &mut findings);
    let (true, Some(catalog)) = (checks.schema, catalog) else {
        return (finish(checks, findings, rules.locale), false);
    };

    // Content and assessment: rebuild the record from its own content.
    let (content_ok, assessment_ok, agreeing) = recompute(record, catalog, rules, &mut findings);
    checks.content = Some(content_ok);
    checks.assessment = Some(assessment_ok);
    (finish(checks, findings, rules.locale), agreeing)
}

/// The schema check of a record of an earlier version: its own published
/// schema, which never changes.
fn earlier_schema_check(record: &Value, findings: &mut Vec<Finding>) -> bool {
    let before = findings.len();
    for (path, problem) in record_validator_1_1().validate(record) {
        findings.push(Finding::error(path, Kind::RecordSchema { problem: Some(problem) }));
    }
    findings.len() == before
}

fn finish(checks: Checks, mut findings: Vec<Finding>, locale: Locale) -> Verification {
    sort_findings(&mut findings);
    let ok = checks.schema
        && checks.digest
        && checks.catalog
        && checks.content != Some(false)
        && checks.assessment != Some(false);
    Verification { ok, checks, issues: findings.iter().map(|f| f.localize(locale)).collect() }
}

/// The record schema, checked with the published schema, plus what a
/// schema cannot say: `createdAt` in the engine's exact form, a calendar-valid
/// `evaluatedOn`, `unknownSubject` only as `true`, evidence lists non-empty.
fn schema_check(record: &Value, findings: &mut Vec<Finding>) -> bool {
    let before = findings.len();
    for (path, problem) in record_validator().validate(record) {
        findings.push(Finding::error(path, Kind::RecordSchema { problem: Some(problem) }));
    }
    if findings.len() > before {
        return false;
    }
    let text = |pointer: &str| at(record, pointer).and_then(Value::as_str).unwrap_or_default();
    let mut bad = |ok: bool, path: &str| {
        if !ok {
            findings.push(Finding::error(path, Kind::RecordSchema { problem: Some(Problem::Value) }));
        }
    };
    let created_at = text("/createdAt");
    bad(Instant::parse(created_at).is_some_and(|i| i.to_string() == created_at), "/createdAt");
    bad(Date::parse(text("/assessment/evaluatedOn")).is_some(), "/assessment/evaluatedOn");
    bad(at(record, "/subject/unknownSubject") != Some(&Value::Bool(false)), "/subject/unknownSubject");
    let empty_refs = record.get("indicators").and_then(Value::as_array).is_some_and(|items| {
        items.iter().any(|i| i.get("evidenceRefs").and_then(Value::as_array).is_some_and(Vec::is_empty))
    });
    bad(!empty_refs, "/indicators");
    findings.len() == before
}

/// The form input a record was built from, reconstructed from its content.
pub fn input_of_record(record: &Value) -> Value {
    use crate::core::fields::{parent_and_key, Field, FieldKind, FIELDS};
    /// Each field with the object it belongs to and its member name, split
    /// once per record rather than once per object read.
    type Members = [(&'static str, &'static str, &'static Field)];
    /// The form's members of `value` (an object of the form at `parent`):
    /// what the table declares, copied by insertion (removing or
    /// `collect()`ing would add map code to the module). What a record adds
    /// (an indicator's `category`, the engine's `handling.reviewOn`) stays out.
    fn members_of(value: &Value, parent: &str, table: &Members) -> Value {
        let Value::Object(map) = value else { return value.clone() };
        let mut copy = Map::new();
        for (_, key, field) in table.iter().filter(|(of, ..)| *of == parent) {
            if let Some(member) = map.get(*key) {
                copy.insert((*key).to_owned(), form_value(member, field.path, field.kind, table));
            }
        }
        Value::Object(copy)
    }
    fn form_value(value: &Value, path: &'static str, kind: FieldKind, table: &Members) -> Value {
        match (kind, value) {
            (FieldKind::Object, _) => members_of(value, path, table),
            (FieldKind::Indicators, Value::Array(items)) => {
                // The table's pattern for an item of this list.
                let item = crate::core::fields::INDICATOR_ITEM.trim_end_matches('.');
                Value::Array(items.iter().map(|entry| members_of(entry, item, table)).collect())
            }
            _ => value.clone(),
        }
    }
    let table: Vec<_> = FIELDS
        .iter()
        .map(|field| {
            let (parent, key) = parent_and_key(field.path);
            (parent, key, field)
        })
        .collect();
    let mut input = Map::new();
    for (_, _, field) in table.iter().filter(|(parent, ..)| parent.is_empty()) {
        if let Some(value) = at_dotted(record, field.record) {
            input.insert(field.path.to_owned(), form_value(value, field.path, field.kind, &table));
        }
    }
    Value::Object(input)
}

/// The value at a dotted path of a record (`case.caseNumber`).
fn at_dotted<'v>(record: &'v Value, dotted: &str) -> Option<&'v Value> {
    dotted.split('.').try_fold(record, |value, key| value.get(key))
}

/// Maps a form input path to where the same value sits in a record (the
/// table's record location of its top-level field, then the rest).
fn record_path(input_path: &Pointer) -> Pointer {
    let location = match input_path.tokens().first() {
        Some(Token::Member(name)) => crate::core::fields::record_location(name),
        _ => None,
    };
    match (location, input_path.tokens().get(1..)) {
        (Some(location), Some(rest)) => {
            let head = location.split('.').fold(Pointer::root(), |pointer, key| pointer.member(key));
            rest.iter().fold(head, |pointer, token| match token {
                Token::Member(name) => pointer.member(name),
                Token::Index(index) => pointer.index(*index),
            })
        }
        _ => input_path.clone(),
    }
}

/// A section of a record: where it is, and whether the rebuilt record's
/// section is what a record holds there (absent where the rebuilt one has
/// none), compared without turning the rebuilt record into JSON values.
type Section = (&'static str, fn(&SignalRecord, Option<&Value>) -> bool);

/// Whether `recorded` is the JSON of `typed`.
fn same<T: Serialize + ?Sized>(typed: &T, recorded: Option<&Value>) -> bool {
    recorded.is_some_and(|value| serializes_to(typed, value))
}

/// Whether `recorded` is the JSON of `typed`, or both are absent.
fn same_optional<T: Serialize>(typed: &Option<T>, recorded: Option<&Value>) -> bool {
    match typed {
        Some(typed) => same(typed, recorded),
        None => recorded.is_none(),
    }
}

/// Sections of a record that hold the officer's content.
const CONTENT_SECTIONS: [Section; 11] = [
    ("/case", |r, v| same(&r.case, v)),
    ("/subject", |r, v| same(&r.subject, v)),
    ("/context", |r, v| same(&r.context, v)),
    ("/indicators", |r, v| same(&r.indicators, v)),
    ("/routing/sharedWith", |r, v| same(&r.routing.shared_with, v)),
    ("/routing/noShareReason", |r, v| same_optional(&r.routing.no_share_reason, v)),
    ("/handling", |r, v| same(&r.handling, v)),
    ("/officerJudgement", |r, v| same_optional(&r.officer_judgement, v)),
    ("/summary", |r, v| same(&r.summary, v)),
    ("/officer", |r, v| same(&r.officer, v)),
    ("/extensions", |r, v| same_optional(&r.extensions, v)),
];
/// Sections the engine computes from the content.
const COMPUTED_SECTIONS: [Section; 3] = [
    ("/assessment", |r, v| same(&r.assessment, v)),
    ("/routing/advised", |r, v| same(&r.routing.advised, v)),
    ("/measuresForConsideration", |r, v| same(&r.measures_for_consideration, v)),
];

/// Rebuilds the record from its content and compares: whether its content
/// and its assessment are what the engine writes, and whether the posted
/// form (`rules.posted`) gave the same record.
fn recompute(
    record: &Value,
    catalog: &ActiveCatalog,
    rules: &VerifyRules<'_>,
    findings: &mut Vec<Finding>,
) -> (bool, bool, bool) {
    let before = findings.len();
    let text = |pointer: &str| at(record, pointer).and_then(Value::as_str).unwrap_or_default();
    let (Some(evaluated_on), Some(created_at)) =
        (Date::parse(text("/assessment/evaluatedOn")), Instant::parse(text("/createdAt")))
    else {
        findings.push(Finding::error("/assessment/evaluatedOn", Kind::RecordEvaluatedOn));
        return (false, false, false);
    };
    if created_at.amsterdam_date().days_until(evaluated_on).abs() > 1 {
        findings.push(Finding::error("/assessment/evaluatedOn", Kind::RecordEvaluatedOn));
    }
    // Validity was the evaluating engine's to enforce; approval is checked above.
    let form_rules = FormRules { catalog, extensions: rules.extensions, today: evaluated_on, require_approved: false };
    let stamp = RecordStamp { id: text("/id").to_owned(), created_at };
    // The posted form first: when the record it gives agrees with this one
    // in every section, this record is what the engine writes, and the
    // posted fields agree with it (the categories are in `/indicators`).
    if let Some(posted) = rules.posted {
        let reading = read_form(posted, Vec::new(), &form_rules);
        let agrees = build_undigested(catalog, &reading, &stamp, rules.locale).is_ok_and(|rebuilt| {
            CONTENT_SECTIONS
                .iter()
                .chain(&COMPUTED_SECTIONS)
                .all(|(section, matches)| matches(&rebuilt, at(record, section)))
        });
        if agrees {
            return (findings.len() == before, true, true);
        }
    }
    let input = input_of_record(record);
    let reading = read_form(&input, Vec::new(), &form_rules);
    for finding in &reading.findings {
        // Errors, and members the engine would have dropped, mean the engine
        // did not write this content; other warnings are normal in records.
        let dropped = matches!(finding.kind, Kind::FieldUnknown | Kind::FieldProtected);
        if finding.severity == Severity::Error || dropped {
            findings.push(Finding { path: record_path(&finding.path), severity: Severity::Error, ..finding.clone() });
        }
    }
    for (i, read) in reading.values.indicators.iter().enumerate() {
        let recorded = record
            .get("indicators")
            .and_then(|items| items.get(i))
            .and_then(|item| item.get("category"))
            .and_then(Value::as_str);
        let category = read.category_index.and_then(|c| catalog.catalog().categories.get(c)).map(|c| c.code.as_str());
        if category.is_some() && category != recorded {
            findings.push(Finding::error(
                Pointer::root().member("indicators").index(i).member("category"),
                Kind::RecordCategory,
            ));
        }
    }
    let Ok(rebuilt) = build_undigested(catalog, &reading, &stamp, rules.locale) else {
        if findings.len() == before {
            findings.push(Finding::error("", Kind::RecordContent));
        }
        return (false, false, false);
    };
    // Content the engine would have normalised differently (untrimmed text,
    // members it drops) shows up as a difference here.
    for (section, matches) in CONTENT_SECTIONS {
        if !matches(&rebuilt, at(record, section)) {
            findings.push(Finding::error(section, Kind::RecordContent));
        }
    }
    let content_ok = findings.len() == before;
    let mut assessment_ok = true;
    for (section, matches) in COMPUTED_SECTIONS {
        if !matches(&rebuilt, at(record, section)) {
            assessment_ok = false;
            findings.push(Finding::error(section, Kind::RecordAssessment));
        }
    }
    (content_ok, assessment_ok, false)
}

/// Where the content of a posted form differs from a record (SPEC §8.3):
/// the record is authoritative only if the fields agree. The form is read
/// on the record's evaluation date with the record's catalog; each
/// difference is a `record.mismatch` at the record path where it lies (an
/// error in the posted fields at the record path of that field).
pub fn content_mismatches(
    record: &Value,
    posted: &Value,
    catalog: &ActiveCatalog,
    extensions: &[Extension],
    locale: Locale,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let text = |pointer: &str| at(record, pointer).and_then(Value::as_str).unwrap_or_default();
    let (Some(evaluated_on), Some(created_at)) =
        (Date::parse(text("/assessment/evaluatedOn")), Instant::parse(text("/createdAt")))
    else {
        out.push(Finding::error("", Kind::RecordMismatch));
        return out;
    };
    let reading =
        read_form(posted, Vec::new(), &FormRules { catalog, extensions, today: evaluated_on, require_approved: false });
    let stamp = RecordStamp { id: text("/id").to_owned(), created_at };
    let rebuilt =
        build_undigested(catalog, &reading, &stamp, locale).ok().and_then(|r| crate::core::json_text::to_value(&r));
    let Some(rebuilt) = rebuilt else {
        for finding in reading.findings.iter().filter(|f| f.severity == Severity::Error) {
            out.push(Finding::error(record_path(&finding.path), Kind::RecordMismatch));
        }
        if out.is_empty() {
            out.push(Finding::error("", Kind::RecordMismatch));
        }
        sort_findings(&mut out);
        return out;
    };
    for (section, _) in CONTENT_SECTIONS {
        differences(at(&rebuilt, section), at(record, section), Pointer::parse(section), &mut out);
    }
    sort_findings(&mut out);
    out
}

/// Pushes a `record.mismatch` at every path where `posted` and `recorded`
/// differ: objects member by member, arrays of equal length item by item,
/// anything else where it differs.
fn differences(posted: Option<&Value>, recorded: Option<&Value>, path: Pointer, out: &mut Vec<Finding>) {
    if posted == recorded {
        return;
    }
    match (posted, recorded) {
        (Some(Value::Object(a)), Some(Value::Object(b))) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                differences(a.get(key), b.get(key), path.clone().member(key), out);
            }
        }
        (Some(Value::Array(a)), Some(Value::Array(b))) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                differences(Some(x), Some(y), path.clone().index(i), out);
            }
        }
        _ => out.push(Finding::error(path, Kind::RecordMismatch)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sections verification compares cover exactly where the field
    /// table puts the form's fields in a record: a field added to the table
    /// with a record location no section covers would go unverified.
    #[test]
    fn the_content_sections_cover_every_record_location_of_the_table() {
        let locations: Vec<String> = crate::core::fields::FIELDS
            .iter()
            .filter(|field| !field.record.is_empty())
            .map(|field| format!("/{}", field.record.replace('.', "/")))
            .collect();
        let covers =
            |section: &str, location: &str| location == section || location.starts_with(&format!("{section}/"));
        for location in &locations {
            let sections: Vec<&str> =
                CONTENT_SECTIONS.iter().map(|(section, _)| *section).filter(|s| covers(s, location)).collect();
            assert_eq!(sections.len(), 1, "{location} is compared by exactly one section: {sections:?}");
        }
        for (section, _) in CONTENT_SECTIONS {
            assert!(locations.iter().any(|location| covers(section, location)), "{section} holds no field of the form");
        }
    }
}
