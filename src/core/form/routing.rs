//! The cross-field rules on the advice: routing (`routing.unshared`) and
//! what the officer must add when measures are listed.

use super::super::issue::{Finding, Kind, Pointer};
use super::super::scoring::Advice;
use super::super::vocabulary::STATUS_UNKNOWN;
use super::{FormValues, Reader};

impl Reader<'_, '_> {
    /// Warnings when measures are listed: the officer gave no view of the
    /// advice (`judgement.missing`), or the person's status is not known,
    /// so only the procedure could filter them (`subject.status-unknown`).
    pub(super) fn check_advice_context(&mut self, values: &FormValues<'_>, advice: &Advice) {
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
    pub(super) fn check_routing(&mut self, values: &FormValues<'_>, advice: &Advice) {
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
                if !self.findings.iter().any(|f| f.path == Pointer::root().member("noShareReason")) {
                    self.push(Finding::error("/sharedWith", Kind::RoutingUnshared { partners: unshared }));
                }
            }
            Some(reason) => {
                self.length(reason, "/noShareReason", 10, 2000);
            }
        }
    }
}
