//! Reading JSON text strictly: duplicate member names are refused (RFC 8785
//! forbids them, and a record with two `digest`s must not verify by luck).

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
            // Filled rather than `vec![Value::Null; n]`, which clones a value
            // per item: 66 bytes gzip more in the browser module.
            items.clear();
            items.resize_with(self.limits.array_items.saturating_add(1), || Value::Null);
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
        // One entry per open container: the names of an object so far (as
        // the keys of a map, the one map type the reader already has code
        // for, instead of a set type of its own: 2.4 kB less in the module).
        let mut open: Vec<Option<Map<String, Value>>> = Vec::new();
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
                        let mut names = Map::new();
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
    fn skipped_name(&mut self, names: &mut Map<String, Value>) -> Result<(), ParseError> {
        self.expect(b'"', "expected a member name")?;
        let mut name = String::new();
        let replaced = self.string_body(&mut name, self.pos)?;
        if names.insert(name, Value::Null).is_some() && !replaced {
            return Err(self.error("duplicate member name"));
        }
        self.expect(b':', "expected `:`")
    }
}

mod numbers;
use numbers::{number_value, parse_float};

#[cfg(test)]
mod tests;

// Native only: proptest is a native test dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties;
