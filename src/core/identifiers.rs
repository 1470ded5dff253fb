//! Format checks of the identifiers on the form: case number, V-nummer,
//! BSN (11-proef) and the officer's staff code.

/// Case number: `^[A-Za-z0-9/.-]{1,40}$`.
pub fn is_case_number(text: &str) -> bool {
    (1..=40).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'.' | b'-'))
}

/// V-nummer: exactly ten ASCII digits (it has no public check digit).
pub fn is_v_number(text: &str) -> bool {
    text.len() == 10 && text.bytes().all(|b| b.is_ascii_digit())
}

/// BSN: nine ASCII digits passing the 11-proef,
/// 9·d1 + 8·d2 + … + 2·d8 − 1·d9 ≡ 0 (mod 11).
/// Passing does not prove the number was ever issued.
pub fn is_bsn(text: &str) -> bool {
    if text.len() != 9 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let sum: i32 =
        text.bytes().zip([9, 8, 7, 6, 5, 4, 3, 2, -1]).map(|(digit, weight)| i32::from(digit - b'0') * weight).sum();
    sum.rem_euclid(11) == 0
}

/// Pseudonymous staff code: `^[A-Z0-9-]{2,32}$`.
pub fn is_officer_id(text: &str) -> bool {
    (2..=32).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bsn_eleven_test() {
        // 9·1+8·1+7·1+6·2+5·2+4·2+3·3+2·3−1·4 = 9+8+7+12+10+8+9+6−4 = 65: not divisible.
        assert!(!is_bsn("111222334"));
        // 9·1+8·1+7·1+6·2+5·2+4·2+3·3+2·3−1·3 = 66 = 6·11.
        assert!(is_bsn("111222333"));
        assert!(is_bsn("123456782"));
        assert!(!is_bsn("123456789"));
        assert!(!is_bsn("12345678"));
        assert!(!is_bsn("1234567820"));
        assert!(!is_bsn("12345678a"));
        assert!(!is_bsn("١٢٣٤٥٦٧٨٢"), "only ASCII digits count");
    }

    #[test]
    fn v_number_is_ten_ascii_digits() {
        assert!(is_v_number("1234567890"));
        assert!(!is_v_number("123456789"));
        assert!(!is_v_number("12345678901"));
        assert!(!is_v_number("12345 7890"));
    }

    #[test]
    fn case_number_and_officer_id() {
        assert!(is_case_number("IND/2026-0001.a"));
        assert!(!is_case_number("IND 2026"));
        assert!(!is_case_number(&"A".repeat(41)));
        assert!(is_officer_id("AB-12"));
        assert!(!is_officer_id("ab-12"));
        assert!(!is_officer_id("A"));
    }
}
