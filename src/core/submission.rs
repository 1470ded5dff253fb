//! The server side of a submission (SPEC §8.3): what a portal's back end
//! does with every post. The record is verified as JSON text and is
//! authoritative only if the posted host fields agree with it; it must be
//! fresh and not seen before. Without a record (no script ran) the server
//! evaluates the rebuilt input and builds the record itself.

use serde::Serialize;
use serde_json::Value;

use super::catalog::KnownCatalog;
use super::date::Instant;
use super::engine::SignalEngine;
use super::form_data::{input_from_entries, PostMapping};
use super::issue::{Finding, Issue, Kind, Severity};
use super::json_text::{read_text, to_text, RECORD_LIMITS};
use super::record::{content_mismatches, RecordStamp};

/// Default greatest age of a record, in seconds (one day).
pub const DEFAULT_MAX_AGE_SECONDS: u64 = 86_400;
/// How far a record's `createdAt` may lie after `now` (clock skew), in ms.
pub const MAX_FUTURE_MILLIS: i64 = 300_000;
/// The default name of the field that carries the record.
pub const DEFAULT_RECORD_FIELD: &str = "signal_record";

/// What a submission is checked against.
pub struct SubmissionRules<'a> {
    /// The host's control names and option values.
    pub mapping: &'a PostMapping,
    /// The name of the field that carries the record.
    pub record_field: &'a str,
    /// Known catalogs besides the engine's own.
    pub catalogs: &'a [KnownCatalog],
    /// The current instant.
    pub now: Instant,
    /// Greatest age of `createdAt` before `now`, in seconds.
    pub max_age_seconds: u64,
    /// Whether a record id was seen before (an in-memory cache), and with
    /// which digest where the cache keeps it.
    pub seen: &'a dyn Fn(&str) -> Seen,
    /// A fresh record id (UUID v4), used only for a record the server
    /// builds itself.
    pub new_id: String,
}

/// What `seen(id)` knows of a record id (SPEC §12.6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seen {
    /// Not seen before.
    No,
    /// Seen before, digest unknown: a replay.
    Yes,
    /// Seen before and stored with this digest: the same digest is a repeat
    /// of a post already accepted, another one a replay.
    Digest(String),
}

/// The outcome for one post.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Submission {
    /// No issue is an error.
    pub ok: bool,
    /// The record as JSON text (`JSON.stringify` order), only when `ok`.
    #[serde(skip)]
    pub record_text: Option<String>,
    /// The input rebuilt from the posted fields.
    pub input: Value,
    /// Every issue: of the record (paths into it) or of the rebuilt input.
    pub issues: Vec<Issue>,
    /// The post repeats a record already accepted (same id and digest):
    /// the portal shows the stored signal and stores nothing.
    pub duplicate: bool,
}

impl SignalEngine {
    /// Checks one post: `entries` are its `[name, value]` pairs.
    pub fn verify_submission(&self, entries: &[(String, String)], rules: &SubmissionRules<'_>) -> Submission {
        let input = input_from_entries(entries, rules.mapping);
        let record_text = entries
            .iter()
            .find(|(name, _)| name == rules.record_field)
            .map(|(_, text)| text.as_str())
            .filter(|text| !text.trim().is_empty());
        match record_text {
            Some(text) => self.check_posted_record(text, input, rules),
            None => self.build_on_server(input, rules),
        }
    }

    /// A post with a record: verified, compared with the fields, fresh, new.
    fn check_posted_record(&self, text: &str, input: Value, rules: &SubmissionRules<'_>) -> Submission {
        // The text is parsed once: verified as a value, or, when it cannot be
        // read, verified as text for its `record.not-json` verdict.
        let read = read_text(text, RECORD_LIMITS);
        // The posted form is read once: a record it agrees with in every
        // section needs no second reading to find where they differ.
        let (verification, agreeing) = self.verify_posted_record(&read, rules.catalogs, &input);
        let record = read.ok().map(|read| read.value);
        let mut issues = verification.issues;
        let mut findings = Vec::new();
        let mut repeated = false;
        if let Some(record) = record {
            let catalog = std::iter::once(self.active_catalog())
                .chain(rules.catalogs.iter().filter_map(KnownCatalog::active))
                .find(|c| record.pointer("/catalog/digest").and_then(Value::as_str) == Some(c.digest()));
            if let (Some(catalog), false) = (catalog, agreeing) {
                findings.extend(content_mismatches(&record, &input, catalog, self.extensions(), self.locale()));
            }
            match record.get("createdAt").and_then(Value::as_str).and_then(Instant::parse) {
                Some(created) => {
                    let age = rules.now.millis() - created.millis();
                    let max_age = i64::try_from(rules.max_age_seconds.saturating_mul(1000)).unwrap_or(i64::MAX);
                    if age > max_age || -age > MAX_FUTURE_MILLIS {
                        findings.push(Finding::error("/createdAt", Kind::RecordStale));
                    }
                }
                None => findings.push(Finding::error("/createdAt", Kind::RecordStale)),
            }
            if let Some(id) = record.get("id").and_then(Value::as_str) {
                let digest = record.pointer("/integrity/digest").and_then(Value::as_str);
                match (rules.seen)(id) {
                    Seen::No => {}
                    Seen::Digest(stored) if Some(stored.as_str()) == digest => repeated = true,
                    Seen::Yes | Seen::Digest(_) => findings.push(Finding::error("/id", Kind::RecordReplayed)),
                }
            }
        }
        // A post must come from the current engine (an old cached script is the usual cause).
        if let Some(earlier) = issues.iter_mut().find(|i| i.code == Kind::RecordEarlierVersion.code()) {
            *earlier = Finding::error("/schemaVersion", Kind::RecordEarlierVersion).localize(self.locale());
        }
        issues.extend(findings.iter().map(|f| f.localize(self.locale())));
        let ok = verification.ok && issues.iter().all(|i| i.severity != Severity::Error);
        // A repeat only counts as one when every other check passes.
        Submission { ok, record_text: ok.then(|| text.to_owned()), input, issues, duplicate: ok && repeated }
    }

    /// A post without a record (no script ran): evaluated, and built here
    /// when valid, from one reading of the form.
    fn build_on_server(&self, input: Value, rules: &SubmissionRules<'_>) -> Submission {
        let today = rules.now.amsterdam_date();
        let stamp = RecordStamp { id: rules.new_id.clone(), created_at: rules.now };
        match self.evaluate_and_build(&input, today, |reading| self.record_of(reading, today, &stamp)) {
            Ok((evaluation, record)) => {
                let record_text = record.as_ref().and_then(to_text);
                Submission {
                    ok: record_text.is_some(),
                    record_text,
                    input,
                    issues: evaluation.issues,
                    duplicate: false,
                }
            }
            Err(error) => {
                let issues = error.issues().to_vec();
                Submission { ok: false, record_text: None, input, issues, duplicate: false }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::date::Date;
    use crate::core::form_data::entries_from_input;
    use crate::core::messages::Locale;
    use serde_json::json;

    /// A post checked with one reading of the form gives what reading it
    /// twice gave (the record verified from its own content, then the post
    /// compared with it), for a post that agrees and for posts and records
    /// that differ in any section.
    #[test]
    fn one_reading_of_the_posted_form_gives_what_two_gave() {
        let engine = SignalEngine::example(Locale::Nl);
        let today = Date::parse("2026-11-28").expect("date");
        let stamp = RecordStamp {
            id: "3f0c6a52-8d1e-4c7a-9b2f-5e4d3c2b1a09".to_owned(),
            created_at: Instant::parse("2026-11-28T20:15:00.000Z").expect("instant"),
        };
        let valid: Value =
            serde_json::from_str(include_str!("../../tests/data/valid-form.json")).expect("the fixture is JSON");
        let record = |input: &Value| {
            let built = engine.build_record(input, today, &stamp).expect("valid");
            to_text(&built).expect("text")
        };
        let changed = |pointer: &str, value: Value| {
            let mut form = valid.clone();
            if let Some(slot) = form.pointer_mut(pointer) {
                *slot = value;
            }
            form
        };
        let forms = [
            valid.clone(),
            changed("/summary", json!("Een ander ambtsbericht over betrokkenheid bij een terroristische organisatie.")),
            changed("/caseNumber", json!("IND-2026-000999")),
            changed("/indicators/0/reliability", json!("C")),
            changed("/sharedWith", json!(["AIVD", "NCTV"])),
            changed("/officer/unit", json!("  Unit Nationale Veiligheid  ")),
            changed("/subject/vNumber", json!("12")),
        ];
        let mapping = PostMapping::default();
        for recorded in &forms[..3] {
            let text = record(recorded);
            for posted in &forms {
                let input = input_from_entries(&entries_from_input(posted, &mapping), &mapping);
                let read = read_text(&text, RECORD_LIMITS);
                let (once, agreeing) = engine.verify_posted_record(&read, &[], &input);
                let twice = engine.verify_record_read(&read, &[]);
                assert_eq!(once, twice, "the verification itself");
                let parsed = read.as_ref().map(|r| r.value.clone()).expect("JSON");
                let mismatches = content_mismatches(&parsed, &input, engine.active_catalog(), &[], Locale::Nl);
                assert_eq!(agreeing, mismatches.is_empty() && twice.ok, "{posted}");
            }
        }
    }
}
