//! The closed lists of the form (SPEC §4), each declared once: its values
//! (what the form carries and the record stores, what parsing accepts and
//! the JSON Schema's `enum` lists), its TypeScript union, and the words
//! officers read for each value (DOMAIN "Words officers expect"; enum
//! messages list these words, never the codes). Adding a value is one line
//! here with its Dutch and English words.

use super::locale::Locale;

/// Declares the closed lists: for each, a `pub const` slice of its values;
/// together, the label table and the TypeScript declarations.
macro_rules! closed_lists {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident as $type_name:literal {
            $first:literal => ($first_nl:literal, $first_en:literal)
            $(, $code:literal => ($nl:literal, $en:literal))* $(,)?
        }
    )*) => {
        $(
            $(#[doc = $doc])*
            // Every list is declared; not every one is read by its name.
            #[allow(dead_code)]
            pub const $name: &[&str] = &[$first $(, $code)*];
        )*

        /// `(value, Dutch, English)` for every value of every list.
        const LABELS: &[(&str, &str, &str)] = &[$(($first, $first_nl, $first_en), $(($code, $nl, $en),)*)*];

        /// One TypeScript union type per list, for the package's declarations.
        #[cfg(any(target_arch = "wasm32", test))]
        // Read by wasm-bindgen's `typescript_custom_section`, which the
        // dead-code lint does not see.
        #[allow(dead_code)]
        pub const TYPESCRIPT: &str = concat!($(
            "/**", $($doc,)* " */\nexport type ", $type_name, " = \"", $first, "\"", $(" | \"", $code, "\"",)* ";\n",
        )*);
    };
}

closed_lists! {
    /// Procedures.
    PROCEDURES as "Procedure" {
        "regular" => ("regulier", "regular"),
        "asylum" => ("asiel", "asylum"),
        "naturalisation" => ("naturalisatie", "naturalisation"),
    }
    /// The person's status (SPEC §4); absent means `unknown`.
    STATUSES as "SubjectStatus" {
        "applicant" => ("aanvrager", "applicant"),
        "permit-holder" => ("vergunninghouder", "permit holder"),
        "dutch-national" => ("Nederlander", "Dutch national"),
        "union-law" => ("EU-burger of familielid (Unierecht)", "EU citizen or family member (Union law)"),
        "unknown" => ("onbekend", "unknown"),
    }
    /// What the host knows about the person that protects them (SPEC §12.1).
    PROTECTIONS as "SubjectProtection" {
        "possible-victim" => ("Mogelijk slachtoffer mensenhandel (bekend)", "Known possible victim of trafficking"),
    }
    /// Where the signal was noticed.
    CONTEXT_TYPES as "ContextType" {
        "application-assessment" => ("beoordeling aanvraag", "assessment of an application"),
        "post-decision-tip" => ("tip na besluit", "tip after a decision"),
        "sis-check" => ("Treffer in SIS", "SIS hit"),
        "asylum-screening" => ("asielscreening", "asylum screening"),
        "partner-report" => ("melding van een ketenpartner", "report from a partner organisation"),
        "document-examination" => ("documentonderzoek", "document examination"),
    }
    /// Asylum screening methods.
    SCREENING_METHODS as "ScreeningMethod" {
        "dossier-review" => ("dossieronderzoek", "dossier review"),
        "internet-search" => ("internetonderzoek", "internet search"),
        "interview" => ("gehoor", "interview"),
    }
    /// Tip channels.
    TIP_CHANNELS as "TipChannel" {
        "public" => ("burger of derde", "citizen or third party"),
        "anonymous" => ("anoniem", "anonymous"),
        "partner" => ("partner", "partner"),
    }
    /// SIS regulations.
    SIS_REGULATIONS as "SisRegulation" {
        "2018/1861" => ("Vo. 2018/1861 (grenscontroles)", "Reg. 2018/1861 (border checks)"),
        "2018/1862" => ("Vo. 2018/1862 (politie en justitie)", "Reg. 2018/1862 (police and justice)"),
    }
    /// SIS alert articles, of both regulations (which article belongs to which
    /// regulation: `form::sis_articles`).
    SIS_ARTICLES as "SisArticle" {
        "24" => ("24", "24"), "25" => ("25", "25"), "26" => ("26", "26"), "36" => ("36", "36"), "38" => ("38", "38"),
    }
    /// The officer's view of the advice.
    JUDGEMENT_VIEWS as "JudgementView" {
        "agree" => ("eens", "agree"),
        "partly" => ("deels eens", "partly agree"),
        "disagree" => ("oneens", "disagree"),
    }
    /// Admiralty source reliability codes (officers use the codes themselves).
    RELIABILITY as "ReliabilityCode" {
        "A" => ("A", "A"), "B" => ("B", "B"), "C" => ("C", "C"), "D" => ("D", "D"), "E" => ("E", "E"), "F" => ("F", "F"),
    }
    /// Admiralty information credibility codes (officers use the codes themselves).
    CREDIBILITY as "CredibilityCode" {
        "1" => ("1", "1"), "2" => ("2", "2"), "3" => ("3", "3"), "4" => ("4", "4"), "5" => ("5", "5"), "6" => ("6", "6"),
    }
    /// TLP 2.0 labels (officers use the labels themselves).
    TLP as "TlpLabel" {
        "RED" => ("RED", "RED"),
        "AMBER+STRICT" => ("AMBER+STRICT", "AMBER+STRICT"),
        "AMBER" => ("AMBER", "AMBER"),
        "GREEN" => ("GREEN", "GREEN"),
        "CLEAR" => ("CLEAR", "CLEAR"),
    }
}

/// SIS articles allowed per regulation.
pub fn sis_articles(regulation: &str) -> &'static [&'static str] {
    match regulation {
        "2018/1861" => &["24", "25"],
        "2018/1862" => &["26", "36", "38"],
        _ => &[],
    }
}

/// The status an absent or invalid `subject.status` is read as.
pub const STATUS_UNKNOWN: &str = "unknown";

/// The word officers read for `code` in `locale`; the code itself where no
/// list has it (indicator and partner codes are officers' own identifiers).
pub fn label(code: &str, locale: Locale) -> &str {
    LABELS.iter().find(|(c, _, _)| *c == code).map_or(code, |(_, nl, en)| if locale == Locale::Nl { nl } else { en })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_has_words_and_one_meaning() {
        let lists = [
            PROCEDURES,
            STATUSES,
            PROTECTIONS,
            CONTEXT_TYPES,
            SCREENING_METHODS,
            TIP_CHANNELS,
            SIS_REGULATIONS,
            SIS_ARTICLES,
            JUDGEMENT_VIEWS,
            RELIABILITY,
            CREDIBILITY,
            TLP,
        ];
        let values: Vec<&str> = lists.iter().flat_map(|list| list.iter().copied()).collect();
        assert_eq!(LABELS.len(), values.len());
        for (value, (code, nl, en)) in values.iter().zip(LABELS) {
            assert_eq!(value, code);
            assert!(!nl.is_empty() && !en.is_empty(), "{code} has no words");
            assert_eq!(LABELS.iter().filter(|(c, _, _)| c == code).count(), 1, "{code} is in two lists");
        }
        assert!(lists.contains(&STATUSES) && STATUSES.contains(&STATUS_UNKNOWN));
        assert_eq!(label("dossier-review", Locale::Nl), "dossieronderzoek");
        assert_eq!(label("dossier-review", Locale::En), "dossier review");
        assert_eq!(label("TER-05", Locale::Nl), "TER-05");
    }

    #[test]
    fn typescript_declares_one_union_per_list() {
        assert!(TYPESCRIPT.contains("export type Procedure = \"regular\" | \"asylum\" | \"naturalisation\";\n"));
        assert!(TYPESCRIPT.contains(
            "/** TLP 2.0 labels (officers use the labels themselves). */\nexport type TlpLabel = \"RED\" | "
        ));
        assert_eq!(TYPESCRIPT.matches("export type ").count(), 12);
    }
}
