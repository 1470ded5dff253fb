//! Issue messages in Dutch (default) and English.
//!
//! Messages are built from the issue code and its numeric or code-list
//! parameters only, so a message never repeats what the officer typed.

#[cfg(feature = "full")]
use super::issue::Problem;
use super::issue::{Finding, Issue, Items, Kind};
pub use super::locale::Locale;
use super::vocabulary::label;

/// The message for an issue of `kind`, in `locale`. Every kind has an arm:
/// a kind without Dutch and English words does not compile.
pub fn message(kind: &Kind, locale: Locale) -> String {
    let nl = locale == Locale::Nl;
    match kind {
        Kind::Required => pick(nl, "Vul dit veld in.", "Fill in this field."),
        Kind::Type => pick(nl, "Deze waarde kan hier niet worden gebruikt.", "This value cannot be used here."),
        Kind::Enum { allowed } => {
            // The words officers read, not the codes (DOMAIN "Words officers expect").
            let allowed = allowed
                .iter()
                .flatten()
                .map(|code| label(code, locale))
                .collect::<Vec<_>>()
                .join(", ");
            if allowed.is_empty() {
                pick(nl, "Kies een van de toegestane waarden.", "Choose one of the allowed values.")
            } else if nl {
                format!("Kies een van de toegestane waarden: {allowed}.")
            } else {
                format!("Choose one of the allowed values: {allowed}.")
            }
        }
        Kind::FormatCaseNumber => pick(
            nl,
            "Een zaaknummer bestaat uit 1 tot 40 letters, cijfers, '/', '.' of '-'.",
            "A case number has 1 to 40 letters, digits, '/', '.' or '-'.",
        ),
        Kind::FormatVnumber => pick(nl, "Een V-nummer bestaat uit precies 10 cijfers.", "A V-number has exactly 10 digits."),
        Kind::FormatBsn => pick(
            nl,
            "Een BSN bestaat uit 9 cijfers en moet voldoen aan de elfproef.",
            "A BSN has 9 digits and must pass the eleven test.",
        ),
        Kind::FormatDate => pick(
            nl,
            "Vul een bestaande datum in als JJJJ-MM-DD.",
            "Enter an existing date as YYYY-MM-DD.",
        ),
        Kind::FormatCountry => pick(
            nl,
            "Kies een land dat SIS-signaleringen uitvaardigt.",
            "Choose a country that issues SIS alerts.",
        ),
        Kind::FormatOfficerId => pick(
            nl,
            "Een medewerkerscode bestaat uit 2 tot 32 hoofdletters, cijfers of '-'.",
            "A staff code has 2 to 32 capital letters, digits or '-'.",
        ),
        Kind::FormatPattern => pick(nl, "Deze waarde heeft niet de juiste vorm.", "This value does not have the required form."),
        Kind::TextTooShort { min, actual } => {
            if nl {
                format!("Vul minstens {min} tekens in (nu {actual}).")
            } else {
                format!("Enter at least {min} characters (now {actual}).")
            }
        }
        Kind::TextTooLong { max, actual } => {
            if nl {
                format!("Gebruik hoogstens {max} tekens (nu {actual}).")
            } else {
                format!("Use at most {max} characters (now {actual}).")
            }
        }
        Kind::TextReplaced => pick(
            nl,
            "Een ongeldig teken is vervangen door \u{FFFD}.",
            "An invalid character was replaced by \u{FFFD}.",
        ),
        Kind::ArrayTooFew { min: 1, items: Items::Indicators, .. } => {
            pick(nl, "Kies minstens één indicator.", "Choose at least one indicator.")
        }
        Kind::ArrayTooFew { min, .. } => {
            if nl {
                format!("Kies er minstens {min}.")
            } else {
                format!("Choose at least {min}.")
            }
        }
        Kind::ArrayTooMany { max, actual, items: Items::Indicators } => {
            if nl {
                format!("U kunt maximaal {max} indicatoren kiezen (nu {actual}).")
            } else {
                format!("You can choose at most {max} indicators (now {actual}).")
            }
        }
        Kind::ArrayTooMany { max, actual, .. } => {
            if nl {
                format!("Hoogstens {max} toegestaan (nu {actual}).")
            } else {
                format!("At most {max} allowed (now {actual}).")
            }
        }
        Kind::ArrayDuplicate => pick(nl, "Deze waarde staat er al in.", "This value is already listed."),
        Kind::DateFuture => pick(nl, "Deze datum ligt in de toekomst.", "This date is in the future."),
        Kind::DateOrder => pick(
            nl,
            "De datum van de feiten ligt na de datum van de informatie.",
            "The date of the facts is after the date of the information.",
        ),
        Kind::DateTooOld => pick(nl, "Deze datum ligt vóór 1 januari 1900.", "This date is before 1 January 1900."),
        Kind::IndicatorUnknown => pick(
            nl,
            "Deze indicator staat niet in de catalogus.",
            "This indicator is not in the catalog.",
        ),
        Kind::IndicatorEvidenceRequired => pick(
            nl,
            "Deze indicator vraagt om minstens één bronverwijzing.",
            "This indicator needs at least one evidence reference.",
        ),
        Kind::IndicatorDuplicate => pick(
            nl,
            "Deze indicator is al vastgelegd met dezelfde datum.",
            "This indicator was already recorded with the same date.",
        ),
        Kind::IndicatorEvidencePlaceholder => pick(
            nl,
            "Dit is geen bronverwijzing maar een opvulwaarde; noem het document of laat het veld leeg.",
            "This is a placeholder, not a reference; name the document or leave the field empty.",
        ),
        Kind::IndicatorSameSource { .. } => pick(
            nl,
            "Deze indicator heeft dezelfde bron als een sterkere indicator in deze categorie en telt niet apart mee.",
            "This indicator shares its source with a stronger one in this category and does not count separately.",
        ),
        Kind::TextProtectedTerm => pick(
            nl,
            "Deze tekst noemt mogelijk een beschermd kenmerk, zoals nationaliteit of godsdienst. Neem dat alleen op als het feit zelf ertoe doet.",
            "This text may name a protected attribute, such as nationality or religion. Include it only if the fact itself matters.",
        ),
        Kind::SisArticle { allowed } => {
            let allowed = allowed.iter().map(String::as_str).collect::<Vec<_>>().join(", ");
            if nl {
                format!("Dit artikel hoort niet bij deze verordening (toegestaan: {allowed}).")
            } else {
                format!("This article does not belong to this regulation (allowed: {allowed}).")
            }
        }
        Kind::SubjectConflict => pick(
            nl,
            "Laat het V-nummer leeg als 'V-nummer onbekend' is aangevinkt.",
            "Leave the V-number empty when 'V-number unknown' is ticked.",
        ),
        Kind::RoutingUnshared { names, .. } => {
            // The partners' names, never their codes (the codes are in `params`).
            let partners = names.0.iter().map(|(dutch, english)| pick(nl, dutch, english)).collect::<Vec<_>>().join(", ");
            if nl {
                format!("Deel met de geadviseerde partners ({partners}) of leg uit waarom niet.")
            } else {
                format!("Share with the advised partners ({partners}) or explain why not.")
            }
        }
        Kind::HandlingTooOpen => pick(
            nl,
            "Deze TLP-markering staat te ruim delen toe; gebruikelijk is AMBER+STRICT.",
            "This TLP marking allows too wide sharing; AMBER+STRICT is usual.",
        ),
        Kind::JudgementMissing => pick(
            nl,
            "Er worden maatregelen genoemd: geef uw eigen oordeel over het advies.",
            "Measures are listed: give your own view of the advice.",
        ),
        Kind::SubjectStatusUnknown => pick(
            nl,
            "Vul de huidige verblijfspositie in; pas dan is te zien welke maatregelen kunnen gelden.",
            "Fill in the person's current status; only then can it be seen which measures may apply.",
        ),
        Kind::CatalogOutsideValidity => pick(
            nl,
            "De beoordelingsdatum valt buiten de geldigheid van deze catalogusversie.",
            "The evaluation date is outside the validity of this catalog version.",
        ),
        Kind::FieldUnknown => pick(
            nl,
            "Dit veld is onbekend en wordt niet vastgelegd.",
            "This field is unknown and is not recorded.",
        ),
        Kind::FieldProtected => pick(
            nl,
            "Dit veld beschrijft een beschermd persoonskenmerk; het telt nooit mee en wordt niet vastgelegd.",
            "This field describes a protected personal attribute; it never counts and is not recorded.",
        ),
        Kind::InputTooLarge => pick(
            nl,
            "De invoer is te groot of te diep genest en is niet gelezen.",
            "The input is too large or nested too deeply and was not read.",
        ),
        Kind::InputNotObject => pick(nl, "De invoer moet een object zijn.", "The input must be an object."),
        Kind::InputNotJson => pick(
            nl,
            "De invoer is geen geldige JSON-tekst of noemt een veld twee keer.",
            "The input is not valid JSON text or names a member twice.",
        ),
        #[cfg(feature = "full")]
        Kind::RecordMismatch => pick(
            nl,
            "Het record wijkt hier af van de ingezonden velden.",
            "The record differs here from the posted fields.",
        ),
        #[cfg(feature = "full")]
        Kind::RecordStale => pick(
            nl,
            "Het record is te oud of ligt te ver in de toekomst.",
            "The record is too old or too far in the future.",
        ),
        #[cfg(feature = "full")]
        Kind::RecordReplayed => pick(nl, "Dit record is al eerder ingezonden.", "This record was submitted before."),
        #[cfg(feature = "full")]
        Kind::RecordEarlierVersion => pick(
            nl,
            "Dit record volgt een eerdere versie van het recordschema: alleen schema, integriteit en catalogus zijn gecontroleerd, niet de inhoud en het advies.",
            "This record follows an earlier version of the record schema: only its schema, digest and catalog were checked, not its content and advice.",
        ),
        Kind::RecordNotJson => pick(
            nl,
            "Het record is geen geldige JSON-tekst of noemt een veld twee keer.",
            "The record is not valid JSON text or names a member twice.",
        ),
        Kind::CatalogShape { .. } => pick(nl, "De catalogus heeft hier niet de juiste vorm.", "The catalog does not have the right shape here."),
        Kind::CatalogDuplicate => pick(nl, "Deze code komt dubbel voor.", "This code appears twice."),
        Kind::CatalogReference => pick(nl, "Deze verwijzing bestaat niet in de catalogus.", "This reference does not exist in the catalog."),
        Kind::CatalogRange { min, max } => {
            if nl {
                format!("Deze waarde moet tussen {min} en {max} liggen.")
            } else {
                format!("This value must be between {min} and {max}.")
            }
        }
        Kind::CatalogOrder => pick(nl, "Deze waarden staan niet in oplopende volgorde.", "These values are not in ascending order."),
        Kind::CatalogLabelMissing => pick(
            nl,
            "Een tekst ontbreekt voor een gedeclareerde taal.",
            "A text is missing for a declared locale.",
        ),
        Kind::CatalogProtectiveMeasure => pick(
            nl,
            "Een beschermende categorie leidt nooit tot maatregelen.",
            "A protective category never leads to measures.",
        ),
        Kind::CatalogProtectiveRoutingOnly => pick(
            nl,
            "Een indicator van een beschermende categorie kan niet alleen voor routering tellen.",
            "An indicator of a protective category cannot count for routing only.",
        ),
        Kind::CatalogGradingOrder => pick(
            nl,
            "Deze waardering weegt zwaarder dan een betere; 'niet te beoordelen' weegt nooit zwaarder dan 'meestal niet betrouwbaar' of 'twijfelachtig'.",
            "This grade weighs more than a better one; 'cannot be judged' never weighs more than 'not usually reliable' or 'doubtful'.",
        ),
        Kind::CatalogSingleItemMeasure { measure, indicator, .. } => {
            if nl {
                format!("{indicator} kan alleen al tot de maatregel {measure} leiden; markeer de indicator als sufficientAlone of verlaag het gewicht.")
            } else {
                format!("{indicator} alone can lead to the measure {measure}; mark the indicator sufficientAlone or lower its weight.")
            }
        }
        Kind::CatalogUnapproved => pick(
            nl,
            "Deze catalogus is niet goedgekeurd (of is een voorbeeld) en kan in productie niet worden gebruikt.",
            "This catalog is not approved (or is an example) and cannot be used in production.",
        ),
        Kind::CatalogIllustrativeApproved => pick(
            nl,
            "Een voorbeeldcatalogus (illustrative) kan niet zijn goedgekeurd.",
            "An illustrative catalog cannot carry an approval.",
        ),
        // Verification only: not in the browser module (feature "full").
        #[cfg(feature = "full")]
        Kind::RecordSchema { problem } => {
            let (dutch, english) = match problem {
                Some(Problem::Missing) => ("dit verplichte veld ontbreekt", "this required member is missing"),
                Some(Problem::NotAllowed) => ("dit veld hoort niet in een record", "this member is not allowed in a record"),
                Some(Problem::Type) => ("deze waarde heeft het verkeerde JSON-type", "this value has the wrong JSON type"),
                Some(Problem::Value) => ("deze waarde is hier niet toegestaan", "this value is not allowed here"),
                Some(Problem::Pattern) => ("deze tekst heeft niet de vereiste vorm", "this text does not have the required form"),
                Some(Problem::Length) => ("deze tekst is te kort of te lang", "this text is too short or too long"),
                Some(Problem::Range) => ("dit getal valt buiten het bereik", "this number is out of range"),
                Some(Problem::Depth) | None => ("te diep genest of te groot", "nested too deeply or too large"),
            };
            if nl {
                format!("Het record voldoet hier niet aan het recordschema: {dutch}.")
            } else {
                format!("The record does not match the record schema here: {english}.")
            }
        }
        #[cfg(feature = "full")]
        Kind::RecordDigest => pick(nl, "De integriteitshash klopt niet bij het record.", "The integrity digest does not match the record."),
        #[cfg(feature = "full")]
        Kind::RecordCatalog => pick(
            nl,
            "Het record is gemaakt met een catalogus die hier niet geldt.",
            "The record was built with a catalog that is not accepted here.",
        ),
        #[cfg(feature = "full")]
        Kind::RecordEvaluatedOn => pick(
            nl,
            "De beoordelingsdatum wijkt meer dan een dag af van het aanmaakmoment.",
            "The evaluation date is more than one day from the creation time.",
        ),
        #[cfg(feature = "full")]
        Kind::RecordCategory => pick(
            nl,
            "De categorie van deze indicator wijkt af van de catalogus.",
            "This indicator's category differs from the catalog.",
        ),
        #[cfg(feature = "full")]
        Kind::RecordContent => pick(
            nl,
            "Dit deel wijkt af van wat de engine uit dezelfde inhoud opbouwt.",
            "This part differs from what the engine builds from the same content.",
        ),
        #[cfg(feature = "full")]
        Kind::RecordAssessment => pick(
            nl,
            "Dit deel wijkt af van een herberekening uit de vastgelegde indicatoren.",
            "This part differs from a recomputation from the recorded indicators.",
        ),
        // The browser module verifies nothing (feature "full"), so these
        // never reach an officer there: one sentence for all of them.
        #[cfg(not(feature = "full"))]
        Kind::RecordMismatch
        | Kind::RecordStale
        | Kind::RecordReplayed
        | Kind::RecordEarlierVersion
        | Kind::RecordSchema { .. }
        | Kind::RecordDigest
        | Kind::RecordCatalog
        | Kind::RecordEvaluatedOn
        | Kind::RecordCategory
        | Kind::RecordContent
        | Kind::RecordAssessment => pick(nl, "Het record is niet geverifieerd.", "The record was not verified."),
    }
}

fn pick(nl: bool, dutch: &str, english: &str) -> String {
    if nl { dutch } else { english }.to_owned()
}

impl Finding {
    /// Puts the finding into words.
    pub fn localize(&self, locale: Locale) -> Issue {
        Issue {
            path: self.path.to_string(),
            code: self.kind.code().to_owned(),
            severity: self.severity,
            message: message(&self.kind, locale),
            params: self.kind.params(),
        }
    }
}
