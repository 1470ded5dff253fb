//! The rules of each section of the form (SPEC §4): the root, the officer's
//! judgement, the subject, the context (SIS alert, tip), the indicators and
//! the host extensions.

use serde_json::{Map, Value};

use super::super::catalog::Partner;
use super::super::date::Date;
use super::super::extensions::ExtensionType;
use super::super::fields::length_of;
use super::super::identifiers::{is_bsn, is_case_number, is_officer_id, is_v_number};
use super::super::issue::{Finding, Items, Kind, Pointer};
use super::super::vocabulary::{
    sis_articles, CONTEXT_TYPES, CREDIBILITY, JUDGEMENT_VIEWS, PROCEDURES, PROTECTIONS, RELIABILITY, SCREENING_METHODS,
    SIS_REGULATIONS, STATUSES, TIP_CHANNELS, TLP,
};
use super::reader::{is_absent, IndicatorPath};
use super::text_rules::{is_placeholder, names_protected_term};
use super::*;

impl Reader<'_, '_> {
    pub(super) fn read_root<'v>(&mut self, root: &'v Map<String, Value>) -> FormValues<'v> {
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
                    self.unknown_key(key, Pointer::root);
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
                self.error("/caseNumber", Kind::FormatCaseNumber);
            }
            ok
        });
        let mut values = FormValues { case_number, ..FormValues::default() };
        values.procedure = self.choice(procedure, "/procedure", true, PROCEDURES);
        self.read_subject(subject, &mut values);
        self.read_context(context, &mut values);
        self.read_indicators(indicators, &mut values);

        values.summary = self
            .text(summary, "/summary", true)
            .filter(|text| self.length(text, "/summary", const { length_of("summary") }));
        if values.summary.is_some_and(names_protected_term) {
            self.push(Finding::warning("/summary", Kind::TextProtectedTerm));
        }

        let officer = self.object(officer, "/officer");
        if let Some(officer) = officer {
            self.check_members(officer, || Pointer::root().member("officer"), "officer");
        }
        values.officer_id = self.text(officer.and_then(|o| o.get("id")), "/officer/id", true).filter(|text| {
            let ok = is_officer_id(text);
            if !ok {
                self.error("/officer/id", Kind::FormatOfficerId);
            }
            ok
        });
        values.officer_unit = self
            .text(officer.and_then(|o| o.get("unit")), "/officer/unit", true)
            .filter(|text| self.length(text, "/officer/unit", const { length_of("officer.unit") }));

        let handling = self.object(handling, "/handling");
        if let Some(handling) = handling {
            self.check_members(handling, || Pointer::root().member("handling"), "handling");
        }
        values.tlp = self.choice(handling.and_then(|h| h.get("tlp")), "/handling/tlp", true, TLP);
        // A SIS art. 36 alert asks for information to be gathered without
        // the person noticing: even AMBER shares too widely.
        let discreet_check = values.sis_alert.as_ref().is_some_and(|alert| alert.article == Some("36"));
        if matches!(values.tlp, Some("GREEN" | "CLEAR")) || (values.tlp == Some("AMBER") && discreet_check) {
            self.push(Finding::warning("/handling/tlp", Kind::HandlingTooOpen));
        }

        let partners: Vec<&str> = self.rules.catalog.catalog().partners.iter().map(Partner::code).collect();
        let shared = self.text_list(shared_with, "/sharedWith", MAX_SHARED_WITH, 64);
        for (index, text) in shared {
            if partners.contains(&text) {
                values.shared_with.push(text);
            } else {
                self.error(Pointer::root().member("sharedWith").index(index), Kind::Enum { allowed: None });
            }
        }
        values.no_share_reason = self
            .text(no_share_reason, "/noShareReason", false)
            .filter(|text| self.length(text, "/noShareReason", const { length_of("noShareReason") }));

        self.read_judgement(judgement, &mut values);
        self.read_extensions(extensions, &mut values);
        values
    }

    /// `officerJudgement`: a view, and a reason required for `partly` and
    /// `disagree`; a reason without a view lacks the view.
    pub(super) fn read_judgement<'v>(&mut self, value: Option<&'v Value>, values: &mut FormValues<'v>) {
        let Some(judgement) = self.object(value, "/officerJudgement") else { return };
        self.check_members(judgement, || Pointer::root().member("officerJudgement"), "officerJudgement");
        let view = judgement.get("view");
        values.judgement_view = self.choice(view, "/officerJudgement/view", false, JUDGEMENT_VIEWS);
        let needs_reason = matches!(values.judgement_view, Some("partly" | "disagree"));
        let reason_path = "/officerJudgement/reason";
        values.judgement_reason = self
            .text(judgement.get("reason"), reason_path, needs_reason)
            .filter(|text| self.length(text, reason_path, const { length_of("officerJudgement.reason") }));
        if is_absent(view) && !is_absent(judgement.get("reason")) {
            self.error("/officerJudgement/view", Kind::Required);
        }
    }

    pub(super) fn read_subject<'v>(&mut self, value: Option<&'v Value>, values: &mut FormValues<'v>) {
        let subject = self.object(value, "/subject");
        if let Some(subject) = subject {
            self.check_members(subject, || Pointer::root().member("subject"), "subject");
        }
        let member = |key: &str| subject.and_then(|s| s.get(key));
        values.unknown_subject = match member("unknownSubject") {
            Some(Value::Bool(flag)) => *flag,
            other if is_absent(other) => false,
            Some(_) | None => {
                self.error("/subject/unknownSubject", Kind::Type);
                false
            }
        };
        let v_number = self.text(member("vNumber"), "/subject/vNumber", !values.unknown_subject);
        if let Some(v_number) = v_number {
            if values.unknown_subject {
                self.error("/subject/vNumber", Kind::SubjectConflict);
            } else if !is_v_number(v_number) {
                self.error("/subject/vNumber", Kind::FormatVnumber);
            } else {
                values.v_number = Some(v_number);
            }
        }
        values.status = self.choice(member("status"), "/subject/status", false, STATUSES);
        values.protection = self.choice(member("protection"), "/subject/protection", false, PROTECTIONS);
        if let Some(bsn) = self.text(member("bsn"), "/subject/bsn", false) {
            if is_bsn(bsn) {
                values.bsn = Some(bsn);
            } else {
                self.error("/subject/bsn", Kind::FormatBsn);
            }
        }
    }

    pub(super) fn read_context<'v>(&mut self, value: Option<&'v Value>, values: &mut FormValues<'v>) {
        let context = self.object(value, "/context");
        if let Some(context) = context {
            self.check_members(context, || Pointer::root().member("context"), "context");
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
            let path = Pointer::root().member("context").member(key);
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
                    let partners: Vec<&str> = self.rules.catalog.catalog().partners.iter().map(Partner::code).collect();
                    values.partner = self.choice(member(key), &path, true, &partners);
                }
            }
        }
    }

    pub(super) fn read_sis_alert<'v>(&mut self, value: Option<&'v Value>, path: &Pointer) -> SisAlertValues<'v> {
        let mut out = SisAlertValues::default();
        if is_absent(value) {
            self.error(path, Kind::Required);
            return out;
        }
        let Some(alert) = self.object(value, path) else { return out };
        self.check_members(alert, || path.clone(), "context.sisAlert");
        out.regulation =
            self.choice(alert.get("regulation"), &path.clone().member("regulation"), true, SIS_REGULATIONS);
        let article_path = path.clone().member("article");
        if let Some(article) = self.text(alert.get("article"), &article_path, true) {
            let allowed: Vec<&str> = match &out.regulation {
                Some(regulation) => sis_articles(regulation).to_vec(),
                None => SIS_REGULATIONS.iter().flat_map(|r| sis_articles(r).iter().copied()).collect(),
            };
            if allowed.contains(&article) {
                out.article = Some(article);
            } else {
                let allowed = allowed.iter().map(|a| (*a).to_owned()).collect();
                self.error(article_path, Kind::SisArticle { allowed });
            }
        }
        let state_path = path.clone().member("issuingState");
        if let Some(state) = self.text(alert.get("issuingState"), &state_path, true) {
            if self.rules.catalog.catalog().sis_states.iter().any(|s| s == state) {
                out.issuing_state = Some(state);
            } else {
                self.error(state_path, Kind::FormatCountry);
            }
        }
        let reference_path = path.clone().member("alertReference");
        out.alert_reference = self
            .text(alert.get("alertReference"), &reference_path, true)
            .filter(|text| self.length(text, &reference_path, const { length_of("context.sisAlert.alertReference") }));
        out
    }

    pub(super) fn read_tip<'v>(&mut self, value: Option<&'v Value>, path: &Pointer) -> TipValues<'v> {
        let mut out = TipValues::default();
        if is_absent(value) {
            self.error(path, Kind::Required);
            return out;
        }
        let Some(tip) = self.object(value, path) else { return out };
        self.check_members(tip, || path.clone(), "context.tip");
        out.channel = self.choice(tip.get("channel"), &path.clone().member("channel"), true, TIP_CHANNELS);
        out.received_on =
            self.date(tip.get("receivedOn"), &path.clone().member("receivedOn"), true).map(|(_, text)| text);
        out
    }

    pub(super) fn read_indicators<'v>(&mut self, value: Option<&'v Value>, values: &mut FormValues<'v>) {
        let items = match value {
            Some(Value::Array(items)) => items,
            _ if is_absent(value) => {
                self.error("/indicators", Kind::Required);
                return;
            }
            _ => {
                self.error("/indicators", Kind::Type);
                return;
            }
        };
        if items.len() > MAX_INDICATORS {
            self.error(
                "/indicators",
                Kind::ArrayTooMany { max: MAX_INDICATORS, actual: items.len(), items: Items::Indicators },
            );
            return;
        }
        if items.is_empty() {
            self.error("/indicators", Kind::ArrayTooFew { min: 1, actual: 0, items: Items::Indicators });
            return;
        }
        for (i, item) in items.iter().enumerate() {
            let at = |member| IndicatorPath { index: i, member };
            let Value::Object(entry) = item else {
                self.error(at("").render(), Kind::Type);
                values.indicators.push(IndicatorValues::default());
                continue;
            };
            // One pass over the members instead of a map look-up per field:
            // matching constant keys compiles to inline comparisons.
            let (mut code, mut reliability, mut credibility, mut observed, mut facts, mut refs, mut note) =
                (None, None, None, None, None, None, None);
            for (key, value) in entry {
                match key.as_str() {
                    "code" => code = Some(value),
                    "reliability" => reliability = Some(value),
                    "credibility" => credibility = Some(value),
                    "observedOn" => observed = Some(value),
                    "factsOn" => facts = Some(value),
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
                        Some((index, definition.requires_evidence == Some(true)))
                    }
                    None => {
                        self.error(code_path.render(), Kind::IndicatorUnknown);
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
            // Recency counts from the date of the facts where known; an item
            // whose `factsOn` has an issue is not scored.
            let facts_path = at("factsOn");
            let facts_before = self.findings.len();
            let facts_on = self.date(facts, facts_path, false);
            out.facts_on = facts_on.map(|(_, text)| text);
            if self.dates_out_of_order(facts, observed) {
                self.error(facts_path.render(), Kind::DateOrder);
            }
            let facts_ok = self.findings.len() == facts_before;
            if !facts_ok {
                out.facts_on = None;
            }
            let refs_path = at("evidenceRefs");
            let mut evidence_refs = Vec::new();
            for (j, text) in
                self.text_list(refs, refs_path, MAX_EVIDENCE_REFS, const { length_of("indicators.*.evidenceRefs").1 })
            {
                if is_placeholder(text) {
                    self.error(refs_path.render().index(j), Kind::IndicatorEvidencePlaceholder);
                } else {
                    evidence_refs.push(text);
                }
            }
            out.evidence_refs = evidence_refs;
            let refs_given = !is_absent(refs) && refs.and_then(Value::as_array).is_some_and(|a| !a.is_empty());
            if definition.is_some_and(|(_, required)| required) && !refs_given {
                self.error(refs_path.render(), Kind::IndicatorEvidenceRequired);
            }
            let note_path = at("note");
            out.note = self
                .text(note, note_path, false)
                .filter(|text| self.length(text, note_path, const { length_of("indicators.*.note") }));
            if out.note.is_some_and(names_protected_term) {
                self.push(Finding::warning(note_path.render(), Kind::TextProtectedTerm));
            }

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
                    facts_on: facts_on.map(|(date, _)| date),
                    facts_ok,
                    evidence: out.evidence_refs.iter().map(|r| (*r).to_owned()).collect(),
                });
            }
            values.indicators.push(out);
        }
    }

    /// Whether a `factsOn` lies after its item's `observedOn`: two
    /// calendar-valid dates, neither in the future (a date before 1900
    /// still compares).
    fn dates_out_of_order(&self, facts: Option<&Value>, observed: Option<&Value>) -> bool {
        let date = |value: Option<&Value>| {
            value
                .and_then(Value::as_str)
                .map(super::reader::trim)
                .and_then(Date::parse)
                .filter(|d| *d <= self.rules.today)
        };
        matches!((date(facts), date(observed)), (Some(facts), Some(observed)) if facts > observed)
    }

    pub(super) fn read_extensions<'v>(&mut self, value: Option<&'v Value>, values: &mut FormValues<'v>) {
        let map = self.object(value, "/extensions");
        let declared: Vec<&str> = self.rules.extensions.iter().map(|e| e.declaration.name.as_str()).collect();
        if let Some(map) = map {
            self.check_keys(map, || Pointer::root().member("extensions"), &declared);
        }
        for extension in self.rules.extensions {
            let declaration = &extension.declaration;
            let path = Pointer::root().member("extensions").member(&declaration.name);
            let member = map.and_then(|m| m.get(&declaration.name));
            let read = match declaration.kind {
                ExtensionType::Date => self.date(member, &path, declaration.required).map(|(_, text)| text),
                ExtensionType::Enum => {
                    let allowed: Vec<&str> = declaration.values.iter().flatten().map(String::as_str).collect();
                    self.choice(member, &path, declaration.required, &allowed)
                }
                ExtensionType::String => self.text(member, &path, declaration.required).filter(|text| {
                    if !self.length(text, &path, (1, extension.max_length as usize)) {
                        return false;
                    }
                    let matches = extension.pattern.as_ref().is_none_or(|p| p.is_match(text));
                    if !matches {
                        self.error(path.clone(), Kind::FormatPattern);
                    }
                    matches
                }),
            };
            if let Some(text) = read {
                values.extensions.insert(declaration.name.clone(), text.to_owned());
            }
        }
    }
}
