//! RFC 8785 (JCS) canonical JSON and the SHA-256 digests built on it.

use serde_json::Value;
use sha2::{Digest, Sha256};

use super::error::SignalError;

/// The canonical RFC 8785 UTF-8 bytes of a JSON value (one instantiation of
/// the canonicalizer keeps the WebAssembly module small): members sorted by UTF-16
/// code units, numbers in ECMAScript form, no insignificant whitespace.
pub fn canonical_bytes(value: &Value) -> Result<Vec<u8>, SignalError> {
    serde_json_canonicalizer::to_vec(value).map_err(|e| SignalError::Canonicalization(e.to_string()))
}

/// `sha256:` followed by the lowercase hex SHA-256 of `bytes`.
pub fn sha256_tagged(bytes: &[u8]) -> String {
    let hash = Sha256::digest(bytes);
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for byte in hash.iter() {
        out.push(HEX[usize::from(byte >> 4)]);
        out.push(HEX[usize::from(byte & 0x0f)]);
    }
    out
}

/// `sha256:<hex>` of the canonical form of `value`.
pub fn canonical_digest(value: &Value) -> Result<String, SignalError> {
    canonical_bytes(value).map(|bytes| sha256_tagged(&bytes))
}

const HEX: [char; 16] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_of_empty_input_is_the_known_sha256() {
        assert_eq!(
            sha256_tagged(b""),
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
