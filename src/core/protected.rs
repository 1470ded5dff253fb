//! The protected personal attributes (DOMAIN): keys that carry them are
//! never read, scored or recorded, at any depth and in extension names.

/// Keys that carry protected personal attributes. A key is protected when
/// its words (see [`key_words`]) contain the words of one of these as a
/// consecutive run, at any depth of the input and in extension names.
pub const PROTECTED_KEYS: [&str; 35] = [
    "nationality",
    "nationalities",
    "dualNationality",
    "citizenship",
    "countryOfBirth",
    "countryOfOrigin",
    "birthCountry",
    "placeOfBirth",
    "ethnicity",
    "race",
    "religion",
    "politicalOpinion",
    "sexualOrientation",
    "gender",
    "sex",
    "maritalStatus",
    "health",
    "disability",
    "language",
    "nationaliteit",
    "geboorteland",
    "geboorteplaats",
    "herkomst",
    "afkomst",
    "etniciteit",
    "ras",
    "godsdienst",
    "religie",
    "geslacht",
    "seksueleGeaardheid",
    "gezondheid",
    "handicap",
    "burgerlijkeStaat",
    "politiekeVoorkeur",
    "taal",
];

/// Stems of protected attributes (SPEC §12.1): a key word that begins with
/// one of these (ASCII case-insensitively) is protected, so compounds such
/// as `herkomstland` or `geloofsovertuiging` are caught too.
pub const PROTECTED_STEMS: [&str; 19] = [
    "nationalit",
    "citizenship",
    "ethnic",
    "etnic",
    "etnisch",
    "religi",
    "godsdienst",
    "geloof",
    "herkomst",
    "afkomst",
    "moedertaal",
    "language",
    "sekse",
    "seksue",
    "sexual",
    "gezondheid",
    "health",
    "disabilit",
    "handicap",
];

/// The words of a key: split at every character that is not an ASCII
/// letter or digit, at a lower-to-upper case change, before an upper-case
/// letter followed by a lower-case one (`EUNationality` → `EU`,
/// `Nationality`) and at a letter–digit change; ASCII lower-cased.
/// Words are compared ASCII case-insensitively (see [`is_protected_key`]).
pub fn key_words(key: &str) -> Vec<&str> {
    let bytes = key.as_bytes();
    let mut words = Vec::new();
    let mut start: Option<usize> = None;
    for (i, &b) in bytes.iter().enumerate() {
        if !b.is_ascii_alphanumeric() {
            if let Some(s) = start.take() {
                words.extend(key.get(s..i));
            }
            continue;
        }
        let previous = i.checked_sub(1).and_then(|p| bytes.get(p)).copied().filter(u8::is_ascii_alphanumeric);
        let next = bytes.get(i + 1).copied();
        let boundary = previous.is_some_and(|p| {
            (p.is_ascii_lowercase() && b.is_ascii_uppercase())
                || (p.is_ascii_uppercase() && b.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase()))
                || (p.is_ascii_digit() != b.is_ascii_digit())
        });
        match start {
            Some(s) if boundary => {
                words.extend(key.get(s..i));
                start = Some(i);
            }
            None => start = Some(i),
            Some(_) => {}
        }
    }
    if let Some(s) = start {
        words.extend(key.get(s..));
    }
    words
}

/// Whether a key carries a protected attribute: by the word rule of SPEC §4,
/// or a word that begins with a protected stem (§12.1).
pub fn is_protected_key(key: &str) -> bool {
    let words = key_words(key);
    let stem = |word: &&str| {
        PROTECTED_STEMS.iter().any(|stem| word.get(..stem.len()).is_some_and(|head| head.eq_ignore_ascii_case(stem)))
    };
    if words.iter().any(stem) {
        return true;
    }
    PROTECTED_KEYS.iter().any(|listed| {
        let listed = key_words(listed);
        !listed.is_empty()
            && words.windows(listed.len()).any(|run| run.iter().zip(&listed).all(|(a, b)| a.eq_ignore_ascii_case(b)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn protected_keys_by_whole_words() {
        for key in [
            "nationality",
            "subjectNationality",
            "Religion",
            "nationality_code",
            "nationality1",
            "countryOfBirthCode",
            "languageLevel",
            "EUNationality",
            "geboorteland",
            "burgerlijke_staat",
            "placeOfBirth",
            "SEX",
        ] {
            assert!(is_protected_key(key), "{key}");
        }
        for key in ["sexton", "sexualOrientationX1".trim_end_matches("X1"), "caseNumber", "traceId", "status"] {
            let expected = key == "sexualOrientation";
            assert_eq!(is_protected_key(key), expected, "{key}");
        }
        // v1.3: stems catch compounds; `geslacht` stays a whole word.
        for key in [
            "herkomstland",
            "nationaliteitcode",
            "geloofsovertuiging",
            "religions",
            "languages",
            "Moedertaal",
            "subject_herkomstLand",
            "x.etnischeAchtergrond",
        ] {
            assert!(is_protected_key(key), "{key}");
        }
        for key in ["geslachtsnaam", "taalniveau", "achternaam", "healer".trim_end_matches('r')] {
            assert!(!is_protected_key(key), "{key}");
        }
        assert_eq!(key_words("EUNationality2x"), vec!["EU", "Nationality", "2", "x"]);
        assert_eq!(key_words("countryOfBirthCode"), vec!["country", "Of", "Birth", "Code"]);
        assert_eq!(key_words("__a-b__"), vec!["a", "b"]);
    }
}
