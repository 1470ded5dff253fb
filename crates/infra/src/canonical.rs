//! RFC 8785 (JCS) canonical JSON and the SHA-256 digests built on it.

use serde_json::Value;
use sha2::{Digest, Sha256};
use std::cmp::Ordering;
#[cfg(feature = "node")]
use std::sync::OnceLock;

use crate::sorting::sorted_positions;

/// Why a value has no canonical form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct CanonicalError(pub String);

/// The canonical RFC 8785 (JCS) UTF-8 bytes of a JSON value: members sorted
/// by their UTF-16 code units, strings escaped as ECMAScript's
/// `JSON.stringify` does, numbers in ECMAScript form, no whitespace.
///
/// Written over `serde_json::Value` rather than as a generic serde
/// serializer: it is all the engine needs, and the generic one cost a fifth
/// of the WebAssembly module. Every RFC 8785 test vector checks it.
pub fn canonical_bytes(value: &Value) -> Result<Vec<u8>, CanonicalError> {
    canonical_bytes_without(value, None)
}

/// The canonical bytes of `value`, leaving out the top-level member `skip`
/// (a record's `integrity`) without copying the rest.
pub fn canonical_bytes_without(value: &Value, skip: Option<&str>) -> Result<Vec<u8>, CanonicalError> {
    let mut out = Vec::with_capacity(4096);
    match value {
        Value::Object(members) => write_object(members, skip, &mut out)?,
        other => write_value(other, &mut out)?,
    }
    Ok(out)
}

fn write_value(value: &Value, out: &mut Vec<u8>) -> Result<(), CanonicalError> {
    match value {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(true) => out.extend_from_slice(b"true"),
        Value::Bool(false) => out.extend_from_slice(b"false"),
        Value::Number(number) => write_number(number, out)?,
        Value::String(text) => write_string(text, out),
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_value(item, out)?;
            }
            out.push(b']');
        }
        Value::Object(members) => write_object(members, None, out)?,
    }
    Ok(())
}

/// Members sorted by UTF-16 code units. A map sorted by UTF-8 bytes (code
/// points; serde_json's default map) is in that order already unless a key
/// holds a character from U+E000 up (UTF-8 lead byte 0xEE or more): only
/// then, or when the map is not sorted, are the members sorted here.
fn write_object(
    members: &serde_json::Map<String, Value>,
    skip: Option<&str>,
    out: &mut Vec<u8>,
) -> Result<(), CanonicalError> {
    let in_order = members.keys().zip(members.keys().skip(1)).all(|(a, b)| a < b)
        && members.keys().all(|key| key.bytes().all(|b| b < 0xEE));
    let mut sorted: Vec<(&String, &Value)> = members.iter().filter(|(key, _)| Some(key.as_str()) != skip).collect();
    if !in_order {
        let order = sorted_positions(sorted.len(), &|a, b| match (sorted.get(a), sorted.get(b)) {
            (Some(x), Some(y)) => x.0.encode_utf16().cmp(y.0.encode_utf16()),
            _ => Ordering::Equal,
        });
        sorted = order.into_iter().filter_map(|i| sorted.get(i).copied()).collect();
    }
    out.push(b'{');
    for (i, (key, member)) in sorted.into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_string(key, out);
        out.push(b':');
        write_value(member, out)?;
    }
    out.push(b'}');
    Ok(())
}

/// Numbers as ECMAScript prints IEEE 754 doubles (integers beyond 2^53 are
/// doubles too, as in every JCS implementation).
fn write_number(number: &serde_json::Number, out: &mut Vec<u8>) -> Result<(), CanonicalError> {
    const EXACT: u64 = 1 << 53;
    if let Some(n) = number.as_u64().filter(|n| *n <= EXACT) {
        write_integer(n, out);
    } else if let Some(n) = number.as_i64().filter(|n| n.unsigned_abs() <= EXACT) {
        out.push(b'-');
        write_integer(n.unsigned_abs(), out);
    } else {
        let float = number
            .as_f64()
            .filter(|f| f.is_finite())
            .ok_or_else(|| CanonicalError("numbers must be finite".to_owned()))?;
        out.extend_from_slice(format_float(float)?.as_bytes());
    }
    Ok(())
}

/// A finite double as ECMAScript prints it.
#[cfg(feature = "full")]
pub fn format_float(float: f64) -> Result<String, CanonicalError> {
    Ok(ryu_js::Buffer::new().format_finite(float).to_owned())
}

/// The browser module canonicalizes only what it builds and the catalogs it
/// loads, whose numbers the schemas make integers: a fraction there is an
/// error, and the module carries no float formatter (−1 kB gzip).
#[cfg(not(feature = "full"))]
pub fn format_float(_float: f64) -> Result<String, CanonicalError> {
    Err(CanonicalError("the browser module writes whole numbers only".to_owned()))
}

/// Decimal digits of `n` (no allocation: records hold many integers).
fn write_integer(mut n: u64, out: &mut Vec<u8>) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

/// A string as `JSON.stringify` writes it: runs that need no escape are
/// copied in one go (text is valid UTF-8 already), only `"`, `\\` and
/// control characters are escaped.
fn write_string(text: &str, out: &mut Vec<u8>) {
    out.push(b'"');
    let bytes = text.as_bytes();
    let mut run_start = 0;
    for (i, byte) in bytes.iter().enumerate() {
        let escape: &[u8] = match byte {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            0x08 => b"\\b",
            0x0c => b"\\f",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x00..=0x1f => b"",
            _ => continue,
        };
        out.extend_from_slice(bytes.get(run_start..i).unwrap_or_default());
        if escape.is_empty() {
            out.extend_from_slice(b"\\u00");
            out.push(HEX_DIGITS[usize::from(byte >> 4)]);
            out.push(HEX_DIGITS[usize::from(byte & 0x0f)]);
        } else {
            out.extend_from_slice(escape);
        }
        run_start = i + 1;
    }
    out.extend_from_slice(bytes.get(run_start..).unwrap_or_default());
    out.push(b'"');
}

const HEX_DIGITS: [u8; 16] = *b"0123456789abcdef";

/// A SHA-256 the platform offers, set once by the bindings of the Node
/// build (the `node` feature): `node:crypto` uses the CPU's SHA
/// instructions, where `sha2` compiled to WebAssembly runs in software.
/// Natively `sha2` detects those instructions itself; the browser modules
/// have no synchronous platform hash and leave this out.
#[cfg(feature = "node")]
static PLATFORM_SHA256: OnceLock<PlatformSha256> = OnceLock::new();

/// A platform's SHA-256: the 32 bytes of the digest, or `None` if it failed.
#[cfg(feature = "node")]
pub type PlatformSha256 = fn(&[u8]) -> Option<[u8; 32]>;

/// Computes SHA-256 with `digest` from now on (the first one set stays).
/// When it gives no answer, the built-in SHA-256 is used: a digest is
/// the same bytes either way.
#[cfg(feature = "node")]
pub fn use_platform_sha256(digest: PlatformSha256) {
    let _ = PLATFORM_SHA256.set(digest);
}

/// SHA-256 of `bytes`: the platform's where it has one, else `sha2`.
fn sha256(bytes: &[u8]) -> [u8; 32] {
    #[cfg(feature = "node")]
    if let Some(hash) = PLATFORM_SHA256.get().and_then(|digest| digest(bytes)) {
        return hash;
    }
    Sha256::digest(bytes).into()
}

/// `sha256:` followed by the lowercase hex SHA-256 of `bytes`.
pub fn sha256_tagged(bytes: &[u8]) -> String {
    let hash = sha256(bytes);
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for byte in hash.iter() {
        out.push(char::from(HEX_DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(HEX_DIGITS[usize::from(byte & 0x0f)]));
    }
    out
}

/// `sha256:<hex>` of the canonical form of `value`.
pub fn canonical_digest(value: &Value) -> Result<String, CanonicalError> {
    canonical_bytes(value).map(|bytes| sha256_tagged(&bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    // Floats are written by the builds with the `full` feature only.
    #[cfg(feature = "full")]
    #[test]
    fn strings_and_numbers_in_ecmascript_form() {
        let value = serde_json::json!({ "b": [-0.0, 1e21, 1e-7, 9007199254740993u64, -5], "a": "\u{1}\"\\\n€😀" });
        let text = String::from_utf8(canonical_bytes(&value).expect("canonical")).expect("utf-8");
        assert_eq!(text, "{\"a\":\"\\u0001\\\"\\\\\\n€😀\",\"b\":[0,1e+21,1e-7,9007199254740992,-5]}");
    }

    #[test]
    fn digest_of_empty_input_is_the_known_sha256() {
        assert_eq!(sha256_tagged(b""), "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
