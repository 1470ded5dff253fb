//! Rules on what officers type (SPEC §12.1): evidence references that are
//! placeholders, not references, and free text that may name a protected
//! attribute.

/// Words that stand for "no reference" rather than name one, compared
/// after [`reference_core`].
const PLACEHOLDER_WORDS: [&str; 14] = [
    "nvt",
    "geen",
    "onbekend",
    "unknown",
    "none",
    "null",
    "undefined",
    "nan",
    "tbd",
    "todo",
    "volgt",
    "leeg",
    "empty",
    "test",
];

/// Words that name a protected attribute in free text (whole words,
/// compared by Unicode lower case).
const PROTECTED_TERMS: [&str; 13] = [
    "nationaliteit",
    "nationality",
    "religie",
    "religion",
    "godsdienst",
    "geloof",
    "etniciteit",
    "ethnicity",
    "huidskleur",
    "afkomst",
    "ras",
    "race",
    "geaardheid",
];

/// What is left of a reference to judge it by: its letters and decimal
/// digits (the `Alphabetic` and `Numeric` properties, the nearest the
/// standard library has to General_Category L and Nd), lower-cased.
///
/// Lower-casing maps ASCII letters and the Kelvin sign (the one non-ASCII
/// character whose Unicode lower case is an ASCII letter): for the listed
/// words and the length rule that is exactly what Unicode's full lower-case
/// mapping gives, without the case tables that mapping would add to the
/// browser module. (Only a repeated non-ASCII letter written in mixed case,
/// such as `Ééé`, is not recognised as one character repeated.)
fn reference_core(reference: &str) -> String {
    reference
        .chars()
        .filter(|c| c.is_alphabetic() || c.is_numeric())
        .map(|c| if c == '\u{212A}' { 'k' } else { c.to_ascii_lowercase() })
        .collect()
}

/// Whether an evidence reference is a placeholder: fewer than 3 letters or
/// digits, one character repeated (`xxxx`, `0000`), or a word for "none".
pub fn is_placeholder(reference: &str) -> bool {
    let core = reference_core(reference);
    let mut chars = core.chars();
    let Some(first) = chars.next() else { return true };
    core.chars().count() < 3 || chars.all(|c| c == first) || PLACEHOLDER_WORDS.contains(&core.as_str())
}

/// Whether a text names a protected attribute as a whole word (words split
/// at every character that is not a letter, compared by lower case: the
/// terms are ASCII, and no non-ASCII letter lower-cases into one of their
/// letters, so an ASCII case-insensitive comparison is the same).
pub fn names_protected_term(text: &str) -> bool {
    text.split(|c: char| !c.is_alphabetic())
        .any(|word| PROTECTED_TERMS.iter().any(|term| word.eq_ignore_ascii_case(term)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_not_references() {
        for placeholder in [
            "-",
            "xxxx",
            "XxXx",
            "0000",
            "ab",
            "n.v.t.",
            "NVT",
            "Onbekend",
            "t.b.d.",
            "N/A",
            "  --  ",
            "Test",
            "UN\u{212A}NOWN",
            "ééé",
        ] {
            assert!(is_placeholder(placeholder), "{placeholder}");
        }
        for reference in ["AMB-2026-0042", "DOC-1", "mijn-dossier/123", "وثيقة", "https://example.org/x", "abc"] {
            assert!(!is_placeholder(reference), "{reference}");
        }
    }

    #[test]
    fn protected_terms_are_whole_words() {
        assert!(names_protected_term("Betrokkene noemde zijn Nationaliteit."));
        assert!(names_protected_term("ras: onbekend"));
        assert!(!names_protected_term("De grasmat werd vernield."));
        assert!(!names_protected_term("Hij bezocht een racebaan."));
        assert!(!names_protected_term("Geen bijzonderheden in het dossier."));
    }
}
