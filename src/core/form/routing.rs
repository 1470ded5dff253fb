//! The cross-field rules on the advice: routing (`routing.unshared`) and
//! what the officer must add when measures are listed.

use super::super::issue::{Finding, Kind, PartnerNames, Pointer};
use super::super::messages::Locale;
use super::super::scoring::Advice;
use super::{FormValues, Reader};

impl Reader<'_, '_> {
    /// When measures are listed, the officer's own view is required
    /// (`judgement.missing`: the human oversight the record proves); when
    /// the status is not known and decides whether some measure applies,
    /// `subject.status-unknown` says so.
    pub(super) fn check_advice_context(&mut self, values: &FormValues<'_>, advice: &Advice) {
        if !advice.measures.is_empty() && values.judgement_view.is_none() {
            self.error("/officerJudgement/view", Kind::JudgementMissing);
        }
        if advice.status_decides {
            self.push(Finding::warning("/subject/status", Kind::SubjectStatusUnknown));
        }
    }

    /// `routing.unshared` (a warning: the officer decides what to share)
    /// when an advised partner is not in `sharedWith` and no
    /// `noShareReason` is given (a reason given is read with 10–2000
    /// characters, like any text).
    pub(super) fn check_routing(&mut self, values: &FormValues<'_>, advice: &Advice) {
        if values.no_share_reason.is_some()
            || self.findings.iter().any(|f| f.path == Pointer::root().member("noShareReason"))
        {
            return;
        }
        let catalog = self.rules.catalog;
        let unshared: Vec<&str> =
            advice.advised.iter().map(|p| catalog.partner(*p)).filter(|p| !values.shared_with.contains(p)).collect();
        if unshared.is_empty() {
            return;
        }
        let names = unshared
            .iter()
            .map(|code| (catalog.partner_label(code, Locale::Nl), catalog.partner_label(code, Locale::En)))
            .collect();
        self.push(Finding::warning(
            "/sharedWith",
            Kind::RoutingUnshared {
                partners: unshared.iter().map(|p| (*p).to_owned()).collect(),
                names: PartnerNames(names),
            },
        ));
    }
}
