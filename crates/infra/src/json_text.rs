//! Reading JSON text strictly: duplicate member names are refused (RFC 8785
//! forbids them, and a record with two `digest`s must not verify by luck).

use std::collections::BTreeSet;
use std::fmt;

use serde_json::{Map, Value};

use crate::pointer::Pointer;

/// `value` as compact JSON text, members in declaration order (the record
/// travels in the documented member order, SPEC §7); any float written the
/// way ECMAScript (and the RFC 8785 canonical form) writes it, so the module
/// carries one float formatter (ryu-js), not two.
pub fn to_text<T: serde::Serialize + ?Sized>(value: &T) -> Option<String> {
    let mut out = Vec::with_capacity(1024);
    value.serialize(&mut serde_json::Serializer::with_formatter(&mut out, EcmaScriptNumbers)).ok()?;
    String::from_utf8(out).ok()
}

/// `value` as a JSON value. The browser module goes by way of the text:
/// one serializer per type (the text one) instead of two, −5 kB gzip; the
/// other builds take the direct, faster path. Both give the same value
/// (the records' bytes are compared across builds in the test suites).
pub fn to_value<T: serde::Serialize + ?Sized>(value: &T) -> Option<Value> {
    #[cfg(not(feature = "full"))]
    return parse_strict(&to_text(value)?).ok();
    #[cfg(feature = "full")]
    return serde_json::to_value(value).ok();
}

/// serde_json's compact format with ECMAScript number formatting.
struct EcmaScriptNumbers;

impl serde_json::ser::Formatter for EcmaScriptNumbers {
    fn write_f64<W: ?Sized + std::io::Write>(&mut self, writer: &mut W, value: f64) -> std::io::Result<()> {
        // What the engine writes holds no fractions; should one appear, it
        // is written as ECMAScript does where the module has a formatter.
        let text = if value.is_finite() { crate::canonical::format_float(value).ok() } else { None };
        writer.write_all(text.as_deref().unwrap_or("null").as_bytes())
    }
    fn write_f32<W: ?Sized + std::io::Write>(&mut self, writer: &mut W, value: f32) -> std::io::Result<()> {
        self.write_f64(writer, f64::from(value))
    }
}

/// Most JSON text the engine reads in one call, in UTF-8 bytes (4 MiB).
pub const MAX_TEXT_BYTES: usize = 4 << 20;

/// What one value handed to the engine may hold: the same limits whether it
/// crosses from JS as an object (`read.js`) or arrives as JSON text.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// UTF-16 code units of strings and member names, in total. The JS
    /// walk counts them, to stop before it copies too much; JSON text is
    /// bounded by [`MAX_TEXT_BYTES`] instead, and for both the engine then
    /// checks the strings' bytes against the limit of what it reads (SPEC
    /// §4: a form's 1 MiB), which is never fewer than their units.
    pub string_units: usize,
    /// Nesting of objects and arrays.
    pub depth: usize,
    /// Values read, in total.
    pub nodes: usize,
    /// Items read from one array; a longer array keeps only its length
    /// (`array_items + 1` nulls), so the rules report it unread.
    pub array_items: usize,
}

/// Limits for form input (SPEC §4: 1 MiB of strings, depth 16).
pub const FORM_LIMITS: Limits = Limits { string_units: 1 << 20, depth: 16, nodes: 200_000, array_items: 1_000 };
/// Limits for records handed back for verification.
pub const RECORD_LIMITS: Limits = Limits { string_units: 4 << 20, depth: 16, nodes: 400_000, array_items: 1_000 };
/// Limits for catalogs and options.
pub const CATALOG_LIMITS: Limits = Limits { string_units: 4 << 20, depth: 16, nodes: 400_000, array_items: 10_000 };

/// Why JSON text handed to the engine could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextError {
    /// More than [`MAX_TEXT_BYTES`].
    TooLarge,
    /// Not JSON, or a member name repeated.
    NotJson,
}

/// JSON text read as a value, with what `JSON.parse` and the JS walk
/// (`read.js`) would have reported about it.
#[derive(Debug, Clone, PartialEq)]
pub struct TextValue {
    /// The value (`Null` when a limit was passed).
    pub value: Value,
    /// What reading noticed, in document order; the engine reports each
    /// as an issue.
    pub notes: Vec<Note>,
}

/// Something reading JSON text noticed about a value it still read.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// Where.
    pub at: Pointer,
    /// What.
    pub kind: NoteKind,
}

/// What reading JSON text can notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    /// A lone surrogate became U+FFFD (`JSON.parse` keeps it; a JS string
    /// crossing into Rust cannot).
    Replaced,
    /// A number outside the double range, read as `false`.
    OutOfRange,
    /// A limit was passed: the value is `Null` and this is the only note, at `""`.
    TooLarge,
}

/// Reads JSON text as the engine's entry points do (SPEC §8): at most
/// [`MAX_TEXT_BYTES`], duplicate member names refused, a leading
/// byte-order mark ignored, and otherwise exactly what `JSON.parse(text)`
/// handed over as an object gives, `limits` included.
pub fn read_text(text: &str, limits: Limits) -> Result<TextValue, TextError> {
    read_text_replaced(text, limits, &[])
}

/// [`read_text`] of text in which the U+FFFD at each of the byte offsets
/// `replaced` stands for a raw lone surrogate of the original (UTF-16)
/// text: a JS string crossing into the engine loses its lone surrogates
/// on the way, and the strings holding them must still warn.
pub fn read_text_replaced(text: &str, limits: Limits, replaced: &[usize]) -> Result<TextValue, TextError> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(TextError::TooLarge);
    }
    let (body, offset) = match text.strip_prefix('\u{FEFF}') {
        Some(body) => (body, '\u{FEFF}'.len_utf8()),
        None => (text, 0),
    };
    let replaced: Vec<usize> = replaced.iter().filter_map(|at| at.checked_sub(offset)).collect();
    let mut parser = Parser::new(body, limits, false, &replaced);
    let value = parser.document().map_err(|_| TextError::NotJson)?;
    if parser.over_limit {
        return Ok(TextValue {
            value: Value::Null,
            notes: vec![Note { at: Pointer::root(), kind: NoteKind::TooLarge }],
        });
    }
    Ok(TextValue { value, notes: parser.notes })
}

/// Parses trusted or well-formed JSON text (the embedded catalog and
/// schemas, the JS walk's output, files named on the command line):
/// duplicate member names, lone surrogates, numbers outside the double
/// range and nesting deeper than 128 are errors.
pub fn parse_strict(text: &str) -> Result<Value, ParseError> {
    const STRICT: Limits = Limits { string_units: usize::MAX, depth: 128, nodes: usize::MAX, array_items: usize::MAX };
    let mut parser = Parser::new(text, STRICT, true, &[]);
    let value = parser.document()?;
    if parser.over_limit {
        return Err(parser.error("nested deeper than 128 levels"));
    }
    Ok(value)
}

/// Why [`parse_strict`] refused its text, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// What is wrong.
    pub reason: &'static str,
    /// Line of the offending byte, from 1.
    pub line: usize,
    /// Column of the offending byte, from 1, in bytes.
    pub column: usize,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at line {} column {}", self.reason, self.line, self.column)
    }
}

impl std::error::Error for ParseError {}

/// The bytes that end a run of plain characters in a string: the closing
/// quote, an escape, and the control characters JSON does not allow.
const ENDS_RUN: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = true;
        byte += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table
};

/// One step of the path to the value being read, kept cheaply: a member
/// name as the byte range of its raw text, unescaped only for a finding.
#[derive(Clone, Copy)]
enum Step {
    Index(usize),
    Member(usize, usize),
}

/// A recursive-descent reader of RFC 8259 JSON text. Recursion is bounded
/// by `limits.depth`: deeper containers are checked by an iterative scan
/// and make the result `over_limit`, so no text can exhaust the stack.
struct Parser<'t> {
    text: &'t str,
    bytes: &'t [u8],
    pos: usize,
    limits: Limits,
    /// What would be a note is an error (trusted text).
    strict: bool,
    /// Sorted byte offsets of U+FFFD standing for raw lone surrogates.
    replaced: &'t [usize],
    nodes: usize,
    over_limit: bool,
    notes: Vec<Note>,
    path: Vec<Step>,
}

impl<'t> Parser<'t> {
    fn new(text: &'t str, limits: Limits, strict: bool, replaced: &'t [usize]) -> Parser<'t> {
        Parser {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            limits,
            strict,
            replaced,
            nodes: 0,
            over_limit: false,
            notes: Vec::new(),
            path: Vec::new(),
        }
    }

    fn error(&self, reason: &'static str) -> ParseError {
        let before = self.bytes.get(..self.pos).unwrap_or(self.bytes);
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let column = before.iter().rev().take_while(|b| **b != b'\n').count() + 1;
        ParseError { reason, line, column }
    }

    fn document(&mut self) -> Result<Value, ParseError> {
        let value = self.value(0)?;
        self.skip_whitespace();
        if self.pos < self.bytes.len() {
            return Err(self.error("trailing characters"));
        }
        Ok(value)
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        if found {
            self.pos += 1;
        }
        found
    }

    fn expect(&mut self, byte: u8, reason: &'static str) -> Result<(), ParseError> {
        self.skip_whitespace();
        if self.eat(byte) {
            Ok(())
        } else {
            Err(self.error(reason))
        }
    }

    /// The pointer to the value being read, for a finding.
    fn pointer(&self) -> Pointer {
        let mut pointer = Pointer::root();
        for step in &self.path {
            pointer = match *step {
                Step::Index(index) => pointer.index(index),
                Step::Member(start, end) => {
                    let mut name = String::new();
                    // The raw name and its closing quote, read once already.
                    let mut raw = Parser::new(self.text.get(start..end).unwrap_or("\""), self.limits, false, &[]);
                    if raw.string_body(&mut name, 0).is_err() {
                        name.clear();
                    }
                    pointer.member(&name)
                }
            };
        }
        // Written and read back, as a path from the JS walk is: a member
        // named "0" then compares as the index it reads as.
        Pointer::parse(&pointer.to_string())
    }

    fn note(&mut self, kind: NoteKind, reason: &'static str) -> Result<(), ParseError> {
        if self.strict {
            return Err(self.error(reason));
        }
        let at = self.pointer();
        self.notes.push(Note { at, kind });
        Ok(())
    }

    fn value(&mut self, depth: usize) -> Result<Value, ParseError> {
        self.skip_whitespace();
        self.nodes += 1;
        if self.nodes > self.limits.nodes {
            self.over_limit = true;
        }
        match self.peek() {
            Some(b'{' | b'[') if depth >= self.limits.depth => {
                self.over_limit = true;
                self.skip_nested()?;
                Ok(Value::Null)
            }
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => {
                self.pos += 1;
                let mut text = String::new();
                let replaced = self.string_body(&mut text, self.pos)?;
                if replaced {
                    self.note(NoteKind::Replaced, "lone surrogate")?;
                }
                Ok(Value::String(text))
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            _ => Err(self.error("expected a value")),
        }
    }

    fn literal(&mut self, word: &'static str, value: Value) -> Result<Value, ParseError> {
        if self.bytes.get(self.pos..self.pos + word.len()) == Some(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error("expected a value"))
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, ParseError> {
        self.pos += 1;
        // A longer array than allowed keeps only its length, and what was
        // inside it counts for nothing (the JS walk does not read it).
        let before = (self.nodes, self.over_limit, self.notes.len());
        let mut items = Vec::new();
        self.skip_whitespace();
        if !self.eat(b']') {
            loop {
                self.path.push(Step::Index(items.len()));
                let item = self.value(depth + 1)?;
                self.path.pop();
                items.push(item);
                self.skip_whitespace();
                if self.eat(b']') {
                    break;
                }
                self.expect(b',', "expected `,` or `]`")?;
            }
        }
        if items.len() > self.limits.array_items {
            (self.nodes, self.over_limit) = (before.0, before.1);
            self.notes.truncate(before.2);
            items = vec![Value::Null; self.limits.array_items.saturating_add(1)];
        }
        Ok(Value::Array(items))
    }

    fn object(&mut self, depth: usize) -> Result<Value, ParseError> {
        self.pos += 1;
        let mut map = Map::new();
        // Names that held a lone surrogate: another name may read the same
        // after replacement without repeating it (the JS walk then keeps
        // the later member, as assignment does).
        let mut replaced_names: Vec<String> = Vec::new();
        self.skip_whitespace();
        if self.eat(b'}') {
            return Ok(Value::Object(map));
        }
        loop {
            self.expect(b'"', "expected a member name")?;
            let start = self.pos;
            let mut name = String::new();
            let replaced = self.string_body(&mut name, start)?;
            let end = self.pos;
            self.expect(b':', "expected `:`")?;
            self.path.push(Step::Member(start, end));
            let value = self.value(depth + 1)?;
            self.path.pop();
            if replaced {
                if self.strict {
                    return Err(self.error("lone surrogate"));
                }
                replaced_names.push(name.clone());
            }
            match map.entry(name) {
                serde_json::map::Entry::Vacant(entry) => {
                    entry.insert(value);
                }
                serde_json::map::Entry::Occupied(mut entry) => {
                    if !replaced && !replaced_names.iter().any(|n| n == entry.key()) {
                        return Err(self.error("duplicate member name"));
                    }
                    entry.insert(value);
                }
            }
            self.skip_whitespace();
            if self.eat(b'}') {
                return Ok(Value::Object(map));
            }
            self.expect(b',', "expected `,` or `}`")?;
        }
    }

    /// Reads a string after its opening quote into `out`, through its
    /// closing quote. True when a lone surrogate (escaped, or raw as marked
    /// in `replaced`) became U+FFFD.
    fn string_body(&mut self, out: &mut String, start: usize) -> Result<bool, ParseError> {
        let mut replaced = false;
        loop {
            let run = self.pos;
            let rest = self.bytes.get(run..).unwrap_or(&[]);
            self.pos += rest.iter().position(|byte| ENDS_RUN[usize::from(*byte)]).unwrap_or(rest.len());
            // Boundaries are ASCII bytes, so the run is whole characters.
            out.push_str(self.text.get(run..self.pos).unwrap_or(""));
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    break;
                }
                Some(b'\\') => {
                    self.pos += 1;
                    replaced |= self.escape(out)?;
                }
                _ => return Err(self.error("unterminated string or control character in a string")),
            }
        }
        if !self.replaced.is_empty() {
            let end = self.pos;
            let first = self.replaced.partition_point(|at| *at < start);
            replaced |= self.replaced.get(first).is_some_and(|at| *at < end);
        }
        Ok(replaced)
    }

    fn escape(&mut self, out: &mut String) -> Result<bool, ParseError> {
        let Some(byte) = self.peek() else { return Err(self.error("unterminated string")) };
        self.pos += 1;
        let simple = match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode_escape(out),
            _ => return Err(self.error("invalid escape")),
        };
        out.push(simple);
        Ok(false)
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let digits = self.bytes.get(self.pos..self.pos + 4).ok_or_else(|| self.error("invalid \\u escape"))?;
        let mut code = 0;
        for digit in digits {
            let value = char::from(*digit).to_digit(16).ok_or_else(|| self.error("invalid \\u escape"))?;
            code = code * 16 + value;
        }
        self.pos += 4;
        Ok(code)
    }

    fn unicode_escape(&mut self, out: &mut String) -> Result<bool, ParseError> {
        let code = self.hex4()?;
        let code = match code {
            0xD800..=0xDBFF => {
                let low = self.bytes.get(self.pos..self.pos + 2) == Some(b"\\u".as_slice()) && {
                    let saved = self.pos;
                    self.pos += 2;
                    let low = self.hex4().ok().filter(|low| (0xDC00..=0xDFFF).contains(low));
                    if low.is_none() {
                        self.pos = saved;
                    }
                    match low {
                        Some(low) => {
                            out.extend(char::from_u32(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)));
                            true
                        }
                        None => false,
                    }
                };
                if low {
                    return Ok(false);
                }
                None
            }
            0xDC00..=0xDFFF => None,
            _ => char::from_u32(code),
        };
        out.push(code.unwrap_or('\u{FFFD}'));
        Ok(code.is_none())
    }

    fn number(&mut self) -> Result<Value, ParseError> {
        let start = self.pos;
        self.eat(b'-');
        let digits = |parser: &mut Parser<'_>| {
            let from = parser.pos;
            while let Some(b'0'..=b'9') = parser.peek() {
                parser.pos += 1;
            }
            parser.pos - from
        };
        let integer_start = self.pos;
        let integer_digits = digits(self);
        if integer_digits == 0 || (integer_digits > 1 && self.bytes.get(integer_start) == Some(&b'0')) {
            return Err(self.error("invalid number"));
        }
        let mut whole = true;
        if self.eat(b'.') {
            whole = false;
            if digits(self) == 0 {
                return Err(self.error("invalid number"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            whole = false;
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if digits(self) == 0 {
                return Err(self.error("invalid number"));
            }
        }
        let literal = self.text.get(start..self.pos).unwrap_or("");
        if whole && integer_digits <= 15 {
            // Exact in a double: read as the integer it is (-0 reads as 0).
            let digits = self.bytes.get(integer_start..self.pos).unwrap_or(b"");
            let magnitude = digits.iter().fold(0i64, |n, digit| n * 10 + i64::from(digit - b'0'));
            let negative = integer_start > start;
            return Ok(Value::from(if negative { -magnitude } else { magnitude }));
        }
        let float = parse_float(literal);
        if !float.is_finite() {
            self.note(NoteKind::OutOfRange, "number out of range")?;
            return Ok(Value::Bool(false));
        }
        Ok(number_value(float))
    }

    /// Checks the syntax of a container nested too deep to read, without
    /// recursion; member names must still not repeat.
    fn skip_nested(&mut self) -> Result<(), ParseError> {
        // One entry per open container: the names of an object so far.
        let mut open: Vec<Option<BTreeSet<String>>> = Vec::new();
        loop {
            // A value is expected here.
            self.skip_whitespace();
            match self.peek() {
                Some(b'[') => {
                    self.pos += 1;
                    self.skip_whitespace();
                    if !self.eat(b']') {
                        open.push(None);
                        continue;
                    }
                }
                Some(b'{') => {
                    self.pos += 1;
                    self.skip_whitespace();
                    if !self.eat(b'}') {
                        let mut names = BTreeSet::new();
                        self.skipped_name(&mut names)?;
                        open.push(Some(names));
                        continue;
                    }
                }
                Some(b'"') => {
                    self.pos += 1;
                    self.string_body(&mut String::new(), self.pos)?;
                }
                Some(b't') => drop(self.literal("true", Value::Null)?),
                Some(b'f') => drop(self.literal("false", Value::Null)?),
                Some(b'n') => drop(self.literal("null", Value::Null)?),
                Some(b'-' | b'0'..=b'9') => drop(self.number()?),
                _ => return Err(self.error("expected a value")),
            }
            // After a value: close what ends here, then the next item.
            loop {
                self.skip_whitespace();
                let Some(top) = open.last_mut() else { return Ok(()) };
                let closer = if top.is_some() { b'}' } else { b']' };
                if self.eat(closer) {
                    open.pop();
                    continue;
                }
                self.expect(b',', "expected `,` or the end of a container")?;
                if let Some(names) = top {
                    self.skipped_name(names)?;
                }
                break;
            }
        }
    }

    /// A member name and its `:` in a skipped object; repeats refused.
    fn skipped_name(&mut self, names: &mut BTreeSet<String>) -> Result<(), ParseError> {
        self.expect(b'"', "expected a member name")?;
        let mut name = String::new();
        let replaced = self.string_body(&mut name, self.pos)?;
        if !names.insert(name) && !replaced {
            return Err(self.error("duplicate member name"));
        }
        self.expect(b':', "expected `:`")
    }
}

/// The double nearest to a JSON number literal (checked by the parser).
#[cfg(feature = "full")]
fn parse_float(literal: &str) -> f64 {
    literal.parse().unwrap_or(f64::NAN)
}

/// The browser module goes without the standard library's exact decimal
/// conversion (its tables alone weigh 9 kB): there a number that is not a
/// plain integer is a `type` issue wherever it appears in a form, and
/// catalogs hold integers only.
#[cfg(not(feature = "full"))]
fn parse_float(literal: &str) -> f64 {
    approximate_float(literal)
}

/// A JSON number literal as a double: exact for up to 19 significant
/// digits scaled by a power of ten up to 22 (every integer a catalog or a
/// form holds), within a few units in the last place otherwise, infinite
/// beyond the double range as `JSON.parse` makes it.
#[cfg_attr(feature = "full", allow(dead_code))]
fn approximate_float(literal: &str) -> f64 {
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
fn number_value(float: f64) -> Value {
    const EXACT: f64 = 9_007_199_254_740_992.0;
    if float.fract() == 0.0 && float.abs() <= EXACT {
        // In range: the conversion is exact.
        return Value::from(float as i64);
    }
    serde_json::Number::from_f64(float).map_or(Value::Null, Value::Number)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read(text: &str) -> Result<TextValue, TextError> {
        read_text(text, FORM_LIMITS)
    }

    fn codes(read: &TextValue) -> Vec<(String, NoteKind)> {
        read.notes.iter().map(|note| (note.at.to_string(), note.kind)).collect()
    }

    #[test]
    fn reads_what_json_parse_reads() {
        let text = r#" {"a":[1,-0,1.5,1e2,-12.5e-1,true,null,"x\u00e9\ud83d\ude00\n\"\/"],"b":{}} "#;
        let read = read(text).unwrap();
        assert_eq!(read.value, json!({ "a": [1, 0, 1.5, 100, -1.25, true, null, "x\u{e9}\u{1F600}\n\"/"], "b": {} }));
        assert!(read.notes.is_empty());
        assert_eq!(parse_strict("9007199254740993").unwrap(), json!(9_007_199_254_740_992_i64));
        assert_eq!(parse_strict("1.0").unwrap(), json!(1));
    }

    #[test]
    fn refuses_what_json_parse_refuses_and_repeated_names() {
        for text in [
            "",
            "{",
            "[1,]",
            "{\"a\":1,}",
            "01",
            "1.",
            ".5",
            "+1",
            "1e",
            "\"\t\"",
            "\"\\x\"",
            "\"\\u12\"",
            "tru",
            "{} x",
            "{'a':1}",
            r#"{"a":1,"b":{"c":1,"c":2}}"#,
            r#"{"a":1,"a":1}"#,
            r#"{"\u0061":1,"a":2}"#,
        ] {
            assert_eq!(read(text), Err(TextError::NotJson), "{text:?}");
            assert!(parse_strict(text).is_err(), "{text:?}");
        }
        let error = parse_strict("{\n  \"a\": 1,\n  \"a\": 2}").unwrap_err();
        assert_eq!((error.reason, error.line), ("duplicate member name", 3));
    }

    #[test]
    fn a_lone_surrogate_becomes_the_replacement_character_with_a_warning() {
        let read = read(r#"{"a":["ok","x\ud800y"],"\udc00":"z\udbff\u0041"}"#).unwrap();
        assert_eq!(read.value, json!({ "a": ["ok", "x\u{FFFD}y"], "\u{FFFD}": "z\u{FFFD}A" }));
        assert_eq!(
            codes(&read),
            [("/a/1".to_owned(), NoteKind::Replaced), ("/\u{FFFD}".to_owned(), NoteKind::Replaced)]
        );
        // Names that only read the same after replacement do not repeat.
        assert!(read_text(r#"{"\ud800":1,"\udc00":2}"#, FORM_LIMITS).is_ok());
        assert!(parse_strict(r#""\ud800""#).is_err());
    }

    #[test]
    fn raw_lone_surrogates_marked_by_offset_warn_where_they_were() {
        let text = "{\"a\":\"\u{FFFD}\",\"b\":\"\u{FFFD}\"}";
        let at = text.rfind('\u{FFFD}').unwrap();
        let read = read_text_replaced(text, FORM_LIMITS, &[at]).unwrap();
        assert_eq!(codes(&read), [("/b".to_owned(), NoteKind::Replaced)]);
    }

    #[test]
    fn the_browser_modules_float_reading_is_exact_where_it_matters() {
        for literal in
            ["0", "-0", "1", "1.0", "1e2", "4.5", "-12.25e-1", "123456789012345678", "9007199254740993", "1e22", "1e-5"]
        {
            assert_eq!(approximate_float(literal), literal.parse::<f64>().unwrap(), "{literal}");
        }
        for literal in ["1.7e308", "2.2250738585072014e-308", "0.1", "3.141592653589793238462643", "1e-320"] {
            let (near, exact) = (approximate_float(literal), literal.parse::<f64>().unwrap());
            assert!((near - exact).abs() <= exact.abs() * 1e-14, "{literal}: {near} vs {exact}");
        }
        for literal in ["1e309", "-1e400", "1e99999999999999999999"] {
            assert!(approximate_float(literal).is_infinite(), "{literal}");
        }
        assert_eq!(approximate_float("1e-99999999999999999999"), 0.0);
    }

    #[test]
    fn a_number_beyond_the_double_range_is_a_type_finding() {
        let read = read(r#"{"x":[1e400],"y":-1e999,"z":1e-400}"#).unwrap();
        assert_eq!(read.value, json!({ "x": [false], "y": false, "z": 0 }));
        assert_eq!(codes(&read), [("/x/0".to_owned(), NoteKind::OutOfRange), ("/y".to_owned(), NoteKind::OutOfRange)]);
        assert!(parse_strict("1e400").is_err());
    }

    #[test]
    fn limits_give_too_large_once_the_whole_text_is_json() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(codes(&read(&deep).unwrap()), [(String::new(), NoteKind::TooLarge)]);
        assert!(parse_strict(&deep).is_err());
        let sixteen = format!("{}{}", "[".repeat(16), "]".repeat(16));
        assert!(read(&sixteen).unwrap().notes.is_empty());
        let seventeen = format!("{}{}", "[".repeat(17), "]".repeat(17));
        assert_eq!(codes(&read(&seventeen).unwrap()), [(String::new(), NoteKind::TooLarge)]);
        // Too deep, yet still checked: broken or repeating text is not JSON.
        let broken = format!("{}{{\"a\":1,\"a\":2}}{}", "[".repeat(20), "]".repeat(20));
        assert_eq!(read(&broken), Err(TextError::NotJson));
        let unclosed = "[".repeat(20);
        assert_eq!(read(&unclosed), Err(TextError::NotJson));
        let thousand = format!("[{}0]", "0,".repeat(999));
        let nodes = format!("[{}{thousand}]", format!("{thousand},").repeat(FORM_LIMITS.nodes / 1_000));
        assert_eq!(codes(&read(&nodes).unwrap()), [(String::new(), NoteKind::TooLarge)]);
        let big = " ".repeat(MAX_TEXT_BYTES + 1);
        assert_eq!(read(&big), Err(TextError::TooLarge));
    }

    #[test]
    fn an_array_over_its_item_limit_keeps_only_its_length() {
        let text = format!("[{}\"\\ud800\"]", "[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]],".repeat(1_000));
        let read = read(&text).unwrap();
        assert_eq!(read.value, Value::Array(vec![Value::Null; 1_001]));
        assert!(read.notes.is_empty());
    }
}

// Native only: proptest is a native test dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn json_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            (-(1i64 << 53)..=(1i64 << 53)).prop_map(Value::from),
            "\\PC{0,6}|[\"\\\\\u{0}-\u{1f}\u{FFFD}\u{1F600}]{0,4}".prop_map(Value::String),
        ];
        leaf.prop_recursive(5, 48, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::btree_map("[a-z~/\u{e9}]{0,4}", inner, 0..6)
                    .prop_map(|map| Value::Object(map.into_iter().collect())),
            ]
        })
    }

    fn has_float(value: &Value) -> bool {
        match value {
            Value::Number(n) => n.is_f64(),
            Value::Array(items) => items.iter().any(has_float),
            Value::Object(map) => map.values().any(has_float),
            _ => false,
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn reads_back_what_serde_json_writes(value in json_value()) {
            for text in [serde_json::to_string(&value).unwrap_or_default(), serde_json::to_string_pretty(&value).unwrap_or_default()] {
                prop_assert_eq!(read_text(&text, FORM_LIMITS), Ok(TextValue { value: value.clone(), notes: Vec::new() }));
                prop_assert_eq!(parse_strict(&text).ok(), Some(value.clone()));
            }
        }

        #[test]
        fn never_panics_and_never_accepts_what_serde_json_refuses(text in "[\\[\\]{}\",:0-9eE.+\\- a-z\\\\]{0,40}") {
            let ours = read_text(&text, FORM_LIMITS);
            let strict = parse_strict(&text);
            let theirs = serde_json::from_str::<Value>(&text);
            if let Ok(ours) = &ours {
                prop_assert!(theirs.is_ok(), "accepted {:?}, which serde_json refuses", text);
                if let Ok(theirs) = &theirs {
                    if ours.notes.is_empty() && !has_float(theirs) {
                        prop_assert_eq!(&ours.value, theirs);
                        prop_assert_eq!(strict.ok(), Some(theirs.clone()));
                    }
                }
            }
        }
    }
}
