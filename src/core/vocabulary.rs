//! What officers read for the values of the form's closed lists (SPEC §4,
//! DOMAIN "Words officers expect"): enum messages list these words, never
//! the codes. Indicator and partner codes are officers' own identifiers and
//! stay as they are.

use super::messages::Locale;

/// `(code, Dutch, English)` for every value of the closed lists of SPEC §4.
const LABELS: [(&str, &str, &str); 27] = [
    ("regular", "regulier", "regular"),
    ("asylum", "asiel", "asylum"),
    ("naturalisation", "naturalisatie", "naturalisation"),
    ("applicant", "aanvrager", "applicant"),
    ("permit-holder", "vergunninghouder", "permit holder"),
    ("dutch-national", "Nederlander", "Dutch national"),
    ("union-law", "unierecht", "Union law"),
    ("unknown", "onbekend", "unknown"),
    ("application-assessment", "beoordeling aanvraag", "assessment of an application"),
    ("post-decision-tip", "tip na besluit", "tip after a decision"),
    ("sis-check", "SIS-bevraging", "SIS check"),
    ("asylum-screening", "screening asiel", "asylum screening"),
    ("partner-report", "melding partner", "partner report"),
    ("document-examination", "documentonderzoek", "document examination"),
    ("dossier-review", "dossieronderzoek", "dossier review"),
    ("internet-search", "internetonderzoek", "internet search"),
    ("interview", "gehoor", "interview"),
    ("public", "publiek", "public"),
    ("anonymous", "anoniem", "anonymous"),
    ("partner", "partner", "partner"),
    ("agree", "eens", "agree"),
    ("partly", "deels eens", "partly agree"),
    ("disagree", "oneens", "disagree"),
    ("2018/1861", "Vo. 2018/1861 (grenscontroles)", "Reg. 2018/1861 (border checks)"),
    ("2018/1862", "Vo. 2018/1862 (politie en justitie)", "Reg. 2018/1862 (police and justice)"),
    ("AMBER+STRICT", "AMBER+STRICT", "AMBER+STRICT"),
    ("CLEAR", "CLEAR", "CLEAR"),
];

/// The word officers read for `code` in `locale`; the code itself where it
/// is what officers use (grades, TLP labels, indicator and partner codes).
pub fn label(code: &str, locale: Locale) -> &str {
    LABELS.iter().find(|(c, _, _)| *c == code).map_or(code, |(_, nl, en)| if locale == Locale::Nl { nl } else { en })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::form::{
        CONTEXT_TYPES, JUDGEMENT_VIEWS, PROCEDURES, SCREENING_METHODS, SIS_REGULATIONS, STATUSES, TIP_CHANNELS,
    };

    #[test]
    fn every_value_officers_choose_has_words() {
        for list in [
            &PROCEDURES[..],
            &STATUSES,
            &CONTEXT_TYPES,
            &SCREENING_METHODS,
            &TIP_CHANNELS,
            &JUDGEMENT_VIEWS,
            &SIS_REGULATIONS,
        ] {
            for code in list {
                assert!(LABELS.iter().any(|(c, _, _)| c == code), "{code} has no words");
            }
        }
        assert_eq!(label("dossier-review", Locale::Nl), "dossieronderzoek");
        assert_eq!(label("A", Locale::Nl), "A");
    }
}
