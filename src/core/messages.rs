//! Issue messages in Dutch (default) and English.
//!
//! Messages are built from the issue code and its numeric or code-list
//! parameters only, so a message never repeats what the officer typed.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::vocabulary::label;

/// A language the engine speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    /// Dutch, the default.
    #[default]
    Nl,
    /// English.
    En,
}

impl Locale {
    /// Parses `"nl"` or `"en"`.
    pub fn parse(text: &str) -> Option<Locale> {
        match text {
            "nl" => Some(Locale::Nl),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// The BCP 47 tag: `"nl"` or `"en"`.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::Nl => "nl",
            Locale::En => "en",
        }
    }
}

/// The message for `code` with `params`, in `locale`.
pub fn message(code: &str, params: Option<&Map<String, Value>>, locale: Locale) -> String {
    let num = |key: &str| {
        params
            .and_then(|p| p.get(key))
            .map(|v| match v {
                Value::String(s) => s.clone(),
                // Parameters are counts and limits: whole numbers.
                other => other.as_u64().map(|n| n.to_string()).unwrap_or_default(),
            })
            .unwrap_or_default()
    };
    let list = |key: &str| {
        params
            .and_then(|p| p.get(key))
            .and_then(Value::as_array)
            .map(|items| items.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(", "))
            .unwrap_or_default()
    };
    let nl = locale == Locale::Nl;
    match code {
        "required" => pick(nl, "Vul dit veld in.", "Fill in this field."),
        "type" => pick(nl, "Deze waarde kan hier niet worden gebruikt.", "This value cannot be used here."),
        "enum" => {
            // The words officers read, not the codes (DOMAIN "Words officers expect").
            let allowed = params
                .and_then(|p| p.get("allowed"))
                .and_then(Value::as_array)
                .map(|items| {
                    items.iter().filter_map(Value::as_str).map(|code| label(code, locale)).collect::<Vec<_>>().join(", ")
                })
                .unwrap_or_default();
            if allowed.is_empty() {
                pick(nl, "Kies een van de toegestane waarden.", "Choose one of the allowed values.")
            } else if nl {
                format!("Kies een van de toegestane waarden: {allowed}.")
            } else {
                format!("Choose one of the allowed values: {allowed}.")
            }
        }
        "format.case-number" => pick(
            nl,
            "Een zaaknummer bestaat uit 1 tot 40 letters, cijfers, '/', '.' of '-'.",
            "A case number has 1 to 40 letters, digits, '/', '.' or '-'.",
        ),
        "format.vnumber" => pick(nl, "Een V-nummer bestaat uit precies 10 cijfers.", "A V-number has exactly 10 digits."),
        "format.bsn" => pick(
            nl,
            "Een BSN bestaat uit 9 cijfers en moet voldoen aan de elfproef.",
            "A BSN has 9 digits and must pass the eleven test.",
        ),
        "format.date" => pick(
            nl,
            "Vul een bestaande datum in als JJJJ-MM-DD.",
            "Enter an existing date as YYYY-MM-DD.",
        ),
        "format.country" => pick(
            nl,
            "Kies een land dat SIS-signaleringen uitvaardigt.",
            "Choose a country that issues SIS alerts.",
        ),
        "format.officer-id" => pick(
            nl,
            "Een medewerkerscode bestaat uit 2 tot 32 hoofdletters, cijfers of '-'.",
            "A staff code has 2 to 32 capital letters, digits or '-'.",
        ),
        "format.pattern" => pick(nl, "Deze waarde heeft niet de juiste vorm.", "This value does not have the required form."),
        "text.too-short" => {
            if nl {
                format!("Vul minstens {} tekens in (nu {}).", num("min"), num("actual"))
            } else {
                format!("Enter at least {} characters (now {}).", num("min"), num("actual"))
            }
        }
        "text.too-long" => {
            if nl {
                format!("Gebruik hoogstens {} tekens (nu {}).", num("max"), num("actual"))
            } else {
                format!("Use at most {} characters (now {}).", num("max"), num("actual"))
            }
        }
        "text.replaced" => pick(
            nl,
            "Een ongeldig teken is vervangen door \u{FFFD}.",
            "An invalid character was replaced by \u{FFFD}.",
        ),
        "array.too-few" => {
            if nl {
                format!("Kies er minstens {}.", num("min"))
            } else {
                format!("Choose at least {}.", num("min"))
            }
        }
        "array.too-many" => {
            if nl {
                format!("Hoogstens {} toegestaan (nu {}).", num("max"), num("actual"))
            } else {
                format!("At most {} allowed (now {}).", num("max"), num("actual"))
            }
        }
        "array.duplicate" => pick(nl, "Deze waarde staat er al in.", "This value is already listed."),
        "date.future" => pick(nl, "Deze datum ligt in de toekomst.", "This date is in the future."),
        "date.too-old" => pick(nl, "Deze datum ligt vóór 1900-01-01.", "This date is before 1900-01-01."),
        "indicator.unknown" => pick(
            nl,
            "Deze indicator staat niet in de catalogus.",
            "This indicator is not in the catalog.",
        ),
        "indicator.evidence-required" => pick(
            nl,
            "Deze indicator vraagt om minstens één bronverwijzing.",
            "This indicator needs at least one evidence reference.",
        ),
        "indicator.duplicate" => pick(
            nl,
            "Deze indicator is al vastgelegd met dezelfde datum.",
            "This indicator was already recorded with the same date.",
        ),
        "sis.article" => {
            let allowed = list("allowed");
            if nl {
                format!("Dit artikel hoort niet bij deze verordening (toegestaan: {allowed}).")
            } else {
                format!("This article does not belong to this regulation (allowed: {allowed}).")
            }
        }
        "subject.conflict" => pick(
            nl,
            "Laat het V-nummer leeg als 'V-nummer onbekend' is aangevinkt.",
            "Leave the V-number empty when 'V-number unknown' is ticked.",
        ),
        "routing.unshared" => {
            let partners = list("partners");
            if nl {
                format!("Deel met de geadviseerde partners ({partners}) of leg uit waarom niet.")
            } else {
                format!("Share with the advised partners ({partners}) or explain why not.")
            }
        }
        "handling.too-open" => pick(
            nl,
            "Deze deelbaarheid is te ruim voor dit signaal; gebruikelijk is AMBER+STRICT.",
            "This sharing level is too open for this signal; AMBER+STRICT is usual.",
        ),
        "judgement.missing" => pick(
            nl,
            "Er worden maatregelen genoemd: geef uw eigen oordeel over het advies.",
            "Measures are listed: give your own view of the advice.",
        ),
        "subject.status-unknown" => pick(
            nl,
            "Er worden maatregelen genoemd terwijl de verblijfspositie onbekend is; vul die in zodat alleen toepasselijke maatregelen overblijven.",
            "Measures are listed while the person's status is unknown; fill it in so only measures that can apply remain.",
        ),
        "field.unknown" => pick(
            nl,
            "Dit veld is onbekend en wordt niet vastgelegd.",
            "This field is unknown and is not recorded.",
        ),
        "field.protected" => pick(
            nl,
            "Dit veld beschrijft een beschermd persoonskenmerk; het telt nooit mee en wordt niet vastgelegd.",
            "This field describes a protected personal attribute; it never counts and is not recorded.",
        ),
        "input.too-large" => pick(
            nl,
            "De invoer is te groot of te diep genest en is niet gelezen.",
            "The input is too large or nested too deeply and was not read.",
        ),
        "input.not-object" => pick(nl, "De invoer moet een object zijn.", "The input must be an object."),
        "input.not-json" => pick(
            nl,
            "De invoer is geen geldige JSON-tekst of noemt een veld twee keer.",
            "The input is not valid JSON text or names a member twice.",
        ),
        #[cfg(feature = "full")]
        "record.mismatch" => pick(
            nl,
            "Het record wijkt hier af van de ingezonden velden.",
            "The record differs here from the posted fields.",
        ),
        #[cfg(feature = "full")]
        "record.stale" => pick(
            nl,
            "Het record is te oud of ligt te ver in de toekomst.",
            "The record is too old or too far in the future.",
        ),
        #[cfg(feature = "full")]
        "record.replayed" => pick(nl, "Dit record is al eerder ingezonden.", "This record was submitted before."),
        "record.not-json" => pick(
            nl,
            "Het record is geen geldige JSON-tekst of noemt een veld twee keer.",
            "The record is not valid JSON text or names a member twice.",
        ),
        "catalog.shape" => pick(nl, "De catalogus heeft hier niet de juiste vorm.", "The catalog does not have the right shape here."),
        "catalog.duplicate" => pick(nl, "Deze code komt dubbel voor.", "This code appears twice."),
        "catalog.reference" => pick(nl, "Deze verwijzing bestaat niet in de catalogus.", "This reference does not exist in the catalog."),
        "catalog.range" => {
            if nl {
                format!("Deze waarde moet tussen {} en {} liggen.", num("min"), num("max"))
            } else {
                format!("This value must be between {} and {}.", num("min"), num("max"))
            }
        }
        "catalog.order" => pick(nl, "Deze waarden staan niet in oplopende volgorde.", "These values are not in ascending order."),
        "catalog.label-missing" => pick(
            nl,
            "Een tekst ontbreekt voor een gedeclareerde taal.",
            "A text is missing for a declared locale.",
        ),
        "catalog.protective-measure" => pick(
            nl,
            "Een beschermende categorie leidt nooit tot maatregelen.",
            "A protective category never leads to measures.",
        ),
        "catalog.protective-routing-only" => pick(
            nl,
            "Een indicator van een beschermende categorie kan niet alleen voor routering tellen.",
            "An indicator of a protective category cannot count for routing only.",
        ),
        // Verification only: not in the browser module (feature "full").
        #[cfg(feature = "full")]
        "record.schema" => {
            let problem = params.and_then(|p| p.get("problem")).and_then(Value::as_str).unwrap_or_default();
            let (dutch, english) = match problem {
                "missing" => ("dit verplichte veld ontbreekt", "this required member is missing"),
                "not-allowed" => ("dit veld hoort niet in een record", "this member is not allowed in a record"),
                "type" => ("deze waarde heeft het verkeerde JSON-type", "this value has the wrong JSON type"),
                "value" => ("deze waarde is hier niet toegestaan", "this value is not allowed here"),
                "pattern" => ("deze tekst heeft niet de vereiste vorm", "this text does not have the required form"),
                "length" => ("deze tekst is te kort of te lang", "this text is too short or too long"),
                "range" => ("dit getal valt buiten het bereik", "this number is out of range"),
                _ => ("te diep genest of te groot", "nested too deeply or too large"),
            };
            if nl {
                format!("Het record voldoet hier niet aan het recordschema: {dutch}.")
            } else {
                format!("The record does not match the record schema here: {english}.")
            }
        }
        #[cfg(feature = "full")]
        "record.digest" => pick(nl, "De integriteitshash klopt niet bij het record.", "The integrity digest does not match the record."),
        #[cfg(feature = "full")]
        "record.catalog" => pick(
            nl,
            "Het record is gemaakt met een catalogus die hier niet geldt.",
            "The record was built with a catalog that is not accepted here.",
        ),
        #[cfg(feature = "full")]
        "record.evaluated-on" => pick(
            nl,
            "De beoordelingsdatum ligt meer dan een dag van het aanmaakmoment.",
            "The evaluation date is more than one day from the creation time.",
        ),
        #[cfg(feature = "full")]
        "record.category" => pick(
            nl,
            "De categorie van deze indicator wijkt af van de catalogus.",
            "This indicator's category differs from the catalog.",
        ),
        #[cfg(feature = "full")]
        "record.content" => pick(
            nl,
            "Dit deel wijkt af van wat de engine uit dezelfde inhoud opbouwt.",
            "This part differs from what the engine builds from the same content.",
        ),
        #[cfg(feature = "full")]
        "record.assessment" => pick(
            nl,
            "Dit deel wijkt af van een herberekening uit de vastgelegde indicatoren.",
            "This part differs from a recomputation from the recorded indicators.",
        ),
        _ => pick(nl, "Ongeldige waarde.", "Invalid value."),
    }
}

fn pick(nl: bool, dutch: &str, english: &str) -> String {
    if nl { dutch } else { english }.to_owned()
}
