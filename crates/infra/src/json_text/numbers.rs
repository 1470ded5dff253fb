//! JSON number literals as `JSON.parse` reads them.

use serde_json::Value;

/// The double nearest to a JSON number literal (checked by the parser).
#[cfg(feature = "full")]
pub(super) fn parse_float(literal: &str) -> f64 {
    literal.parse().unwrap_or(f64::NAN)
}

/// The browser module goes without the standard library's exact decimal
/// conversion (its tables alone weigh 9 kB): there a number that is not a
/// plain integer is a `type` issue wherever it appears in a form, and
/// catalogs hold integers only.
#[cfg(not(feature = "full"))]
pub(super) fn parse_float(literal: &str) -> f64 {
    approximate_float(literal)
}

/// A JSON number literal as a double: exact for up to 19 significant
/// digits scaled by a power of ten up to 22 (every integer a catalog or a
/// form holds), within a few units in the last place otherwise, infinite
/// beyond the double range as `JSON.parse` makes it.
#[cfg_attr(feature = "full", allow(dead_code))]
pub(super) fn approximate_float(literal: &str) -> f64 {
    let (negative, rest) = match literal.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, literal),
    };
    let (mantissa, exponent_text) = rest.split_once(['e', 'E']).unwrap_or((rest, "0"));
    let mut digits: u64 = 0;
    let mut exponent: i64 = 0;
    let mut after_point = false;
    for byte in mantissa.bytes() {
        match byte {
            b'.' => after_point = true,
            b'0'..=b'9' if digits < 1_000_000_000_000_000_000 => {
                digits = digits * 10 + u64::from(byte - b'0');
                exponent -= i64::from(after_point);
            }
            // Beyond 19 significant digits only the magnitude counts.
            _ => exponent += i64::from(!after_point),
        }
    }
    let written = exponent_text.strip_prefix('+').unwrap_or(exponent_text);
    let written = written.parse::<i64>().unwrap_or(if written.starts_with('-') { -100_000 } else { 100_000 });
    let exponent = i32::try_from(exponent.saturating_add(written).clamp(-100_000, 100_000)).unwrap_or(0);
    #[allow(clippy::cast_precision_loss)] // exact up to 2^53, as intended
    let mut value = digits as f64;
    if exponent >= 0 {
        value *= 10f64.powi(exponent);
    } else if exponent >= -300 {
        value /= 10f64.powi(-exponent);
    } else {
        // Two steps, so that subnormal results are not lost to 10^-exponent overflowing.
        value = value / 1e300 / 10f64.powi(-exponent - 300);
    }
    if negative {
        -value
    } else {
        value
    }
}

/// A finite double as `JSON.parse` leaves it: a whole number within ±2^53
/// as an integer (so `1.0`, `1e2` and `-0` read as `1`, `100` and `0`),
/// anything else as a float.
pub(super) fn number_value(float: f64) -> Value {
    const EXACT: f64 = 9_007_199_254_740_992.0;
    if float.fract() == 0.0 && float.abs() <= EXACT {
        // In range: the conversion is exact.
        return Value::from(float as i64);
    }
    serde_json::Number::from_f64(float).map_or(Value::Null, Value::Number)
}
