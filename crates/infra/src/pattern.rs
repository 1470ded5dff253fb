//! Text patterns: the `pattern` of a host extension (SPEC §9.3) and of the
//! record and catalog schemas.
//!
//! The syntax is that of `regex-lite` (and so of the `regex` crate), for the
//! constructs a form field needs; the tests check every one against
//! `regex-lite` itself. Matching is a Thompson NFA simulated in lock step,
//! so its time is linear in the text for a given pattern: no input can make
//! it backtrack for ever. It is written here rather than taken from
//! `regex-lite` because that crate alone took 16 kB gzip, a seventh of the
//! shipped module's size budget (docs/PERFORMANCE.md, "Size"); this is a few kB.
//!
//! Supported: literals; `.`; classes `[...]`, `[^...]` with ranges and the
//! escapes below; `\d \D \w \W \s \S` (ASCII, as in `regex-lite`);
//! `\n \t \r \f \v`, `\xHH`, `\x{H...}`, `\u{H...}`; any escaped ASCII
//! punctuation but `<` and `>`; groups `(...)`, `(?:...)`, `(?P<name>...)`,
//! `(?<name>...)`; `|`; `* + ? {n} {n,} {n,m}` (a trailing `?` for
//! laziness is accepted and changes nothing for a yes/no match); `^` and `$` (start and end of the
//! text); the flags `i` (ASCII case-insensitive, as in regex-lite) and `u`
//! (a no-op there too) as `(?i)`, `(?-i)` or `(?i:...)`. Anything else (other
//! flags, `\b`, back-references, POSIX classes, class set operations) is
//! refused with a message, never guessed at.

use std::fmt;

/// Longest pattern accepted, in characters.
pub const MAX_PATTERN_CHARS: usize = 1000;
/// Most instructions a compiled pattern may have (counted repetition copies
/// its operand, so `(a{100}){100}` is refused rather than built).
const MAX_PROGRAM: usize = 10_000;
/// Deepest nesting of groups.
const MAX_DEPTH: usize = 32;
/// Highest count in `{n}`, `{n,}` and `{n,m}`.
const MAX_COUNT: u32 = 1000;

/// Why a pattern was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    /// What is wrong, in English (shown to the developer who declared it).
    pub message: String,
    /// Character offset in the pattern where the problem was found.
    pub offset: usize,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at character {}", self.message, self.offset)
    }
}

/// A compiled pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    program: Vec<Instruction>,
    /// For a pattern that is `^`, then a fixed sequence of character sets,
    /// then `$` (`^sha256:[0-9a-f]{64}$`, the dates and ids of the record
    /// schema): those sets, matched one for one without the NFA. Only where
    /// records are verified (feature `full`): the browser module matches
    /// patterns for a few short extension fields, and size counts there.
    #[cfg(feature = "full")]
    fixed: Option<std::ops::Range<usize>>,
}

/// A set of characters: sorted, non-overlapping inclusive ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
struct CharSet(Vec<(char, char)>);

impl CharSet {
    fn single(c: char) -> CharSet {
        CharSet(vec![(c, c)])
    }

    fn contains(&self, c: char) -> bool {
        self.0.iter().any(|&(low, high)| low <= c && c <= high)
    }

    /// Sorts and merges the ranges. Classes have a handful of ranges, so an
    /// insertion sort does (and adds no sort instantiation to the module).
    fn normalized(ranges: Vec<(char, char)>) -> CharSet {
        let mut sorted: Vec<(char, char)> = Vec::with_capacity(ranges.len());
        for range in ranges {
            let at = sorted.iter().position(|r| *r > range).unwrap_or(sorted.len());
            sorted.insert(at, range);
        }
        let mut merged: Vec<(char, char)> = Vec::with_capacity(sorted.len());
        for (low, high) in sorted {
            match merged.last_mut() {
                Some(last) if u32::from(low) <= u32::from(last.1).saturating_add(1) => {
                    if high > last.1 {
                        last.1 = high;
                    }
                }
                _ => merged.push((low, high)),
            }
        }
        CharSet(merged)
    }

    /// Every character not in the set.
    fn complement(&self) -> CharSet {
        let mut out = Vec::with_capacity(self.0.len() + 1);
        let mut next: u32 = 0;
        for &(low, high) in &self.0 {
            push_scalar_range(&mut out, next, u32::from(low).saturating_sub(1), u32::from(low) > next);
            next = u32::from(high) + 1;
        }
        push_scalar_range(&mut out, next, u32::from(char::MAX), next <= u32::from(char::MAX));
        CharSet(out)
    }
}

/// Adds `low..=high` (code points) to `out`, leaving out the surrogates,
/// which are not characters.
fn push_scalar_range(out: &mut Vec<(char, char)>, low: u32, high: u32, non_empty: bool) {
    if !non_empty || low > high {
        return;
    }
    let mut add = |a: u32, b: u32| {
        if let (Some(a), Some(b)) = (char::from_u32(a), char::from_u32(b)) {
            if a <= b {
                out.push((a, b));
            }
        }
    };
    if high < 0xD800 || low > 0xDFFF {
        add(low, high);
    } else {
        if low < 0xD800 {
            add(low, 0xD7FF);
        }
        if high > 0xDFFF {
            add(0xE000, high);
        }
    }
}

/// The parsed pattern.
#[derive(Debug, Clone)]
enum Node {
    Empty,
    Set(CharSet),
    TextStart,
    TextEnd,
    Concat(Vec<Node>),
    Alternation(Vec<Node>),
    Repeat { node: Box<Node>, min: u32, max: Option<u32> },
}

/// One step of the compiled program.
#[derive(Debug, Clone)]
enum Instruction {
    /// Consume one character in the set.
    Set(CharSet),
    /// Continue at both targets.
    Split(usize, usize),
    /// Continue at the target.
    Jump(usize),
    /// Only at the start of the text.
    TextStart,
    /// Only at the end of the text.
    TextEnd,
    /// The pattern matched.
    Match,
}

impl Pattern {
    /// Compiles `pattern`; it matches when found anywhere in the text (JSON
    /// Schema `pattern`), so anchor it with `^...$` or use [`Pattern::whole`].
    pub fn new(pattern: &str) -> Result<Pattern, PatternError> {
        Pattern::compile(parse(pattern)?)
    }

    /// Compiles `pattern` to match only the whole text, as if written
    /// `^(?:pattern)$` (a host extension's `pattern`, SPEC §9.3).
    pub fn whole(pattern: &str) -> Result<Pattern, PatternError> {
        let node = parse(pattern)?;
        Pattern::compile(Node::Concat(vec![Node::TextStart, node, Node::TextEnd]))
    }

    fn compile(node: Node) -> Result<Pattern, PatternError> {
        let mut program = Vec::new();
        emit(&node, &mut program)?;
        program.push(Instruction::Match);
        #[cfg(feature = "full")]
        let fixed = fixed_sequence(&program);
        Ok(Pattern {
            program,
            #[cfg(feature = "full")]
            fixed,
        })
    }

    /// Whether the pattern matches `text` (anywhere, unless anchored).
    pub fn is_match(&self, text: &str) -> bool {
        #[cfg(feature = "full")]
        if let Some(sets) = self.fixed.clone().and_then(|range| self.program.get(range)) {
            let mut chars = text.chars();
            return sets.iter().all(|instruction| match (instruction, chars.next()) {
                (Instruction::Set(set), Some(c)) => set.contains(c),
                _ => false,
            }) && chars.next().is_none();
        }
        let length = text.chars().count();
        let size = self.program.len();
        let mut current = Threads::new(size);
        let mut next = Threads::new(size);
        let mut stack = Vec::new();
        let mut chars = text.chars();
        for position in 0..=length {
            // A new attempt starts at every position: the search is unanchored.
            current.add(&self.program, 0, position == 0, position == length, &mut stack);
            if current.matched {
                return true;
            }
            let Some(c) = chars.next() else { break };
            next.clear();
            for &pc in &current.list {
                if let Some(Instruction::Set(set)) = self.program.get(pc) {
                    if set.contains(c) {
                        next.add(&self.program, pc + 1, false, position + 1 == length, &mut stack);
                    }
                }
            }
            if next.matched {
                return true;
            }
            std::mem::swap(&mut current, &mut next);
        }
        false
    }
}

/// Where the sets are in a program that is `^`, sets only, then `$`
/// (repeated anchors change nothing), or `None` for any other program.
#[cfg(feature = "full")]
fn fixed_sequence(program: &[Instruction]) -> Option<std::ops::Range<usize>> {
    let start = program.iter().position(|i| !matches!(i, Instruction::TextStart))?;
    let end = start + program.get(start..)?.iter().position(|i| !matches!(i, Instruction::Set(_)))?;
    let anchored_start = start > 0;
    let rest = program.get(end..)?;
    let anchored_end = rest.first().is_some_and(|i| matches!(i, Instruction::TextEnd));
    let only_ends = rest.iter().rev().skip(1).all(|i| matches!(i, Instruction::TextEnd));
    let ends_in_match = rest.last().is_some_and(|i| matches!(i, Instruction::Match));
    (anchored_start && anchored_end && only_ends && ends_in_match).then_some(start..end)
}

/// The threads alive at one text position: each program counter once.
struct Threads {
    list: Vec<usize>,
    /// `seen[pc] == generation`: `pc` was visited at this position.
    seen: Vec<u32>,
    generation: u32,
    matched: bool,
}

impl Threads {
    fn new(size: usize) -> Threads {
        Threads { list: Vec::with_capacity(size), seen: vec![0; size], generation: 1, matched: false }
    }

    fn clear(&mut self) {
        self.list.clear();
        self.matched = false;
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.seen.iter_mut().for_each(|seen| *seen = 0);
            self.generation = 1;
        }
    }

    /// Adds `start` and everything reachable from it without consuming a
    /// character (iteratively: the program can be deep).
    fn add(&mut self, program: &[Instruction], start: usize, at_start: bool, at_end: bool, stack: &mut Vec<usize>) {
        stack.push(start);
        while let Some(pc) = stack.pop() {
            match self.seen.get_mut(pc) {
                Some(seen) if *seen != self.generation => *seen = self.generation,
                _ => continue,
            }
            match program.get(pc) {
                Some(Instruction::Set(_)) => self.list.push(pc),
                Some(Instruction::Match) => self.matched = true,
                Some(Instruction::Jump(target)) => stack.push(*target),
                Some(Instruction::Split(first, second)) => {
                    stack.push(*second);
                    stack.push(*first);
                }
                Some(Instruction::TextStart) if at_start => stack.push(pc + 1),
                Some(Instruction::TextEnd) if at_end => stack.push(pc + 1),
                _ => {}
            }
        }
    }
}

fn emit(node: &Node, program: &mut Vec<Instruction>) -> Result<(), PatternError> {
    if program.len() > MAX_PROGRAM {
        return Err(PatternError { message: "pattern too large once repetitions are expanded".to_owned(), offset: 0 });
    }
    match node {
        Node::Empty => {}
        Node::Set(set) => program.push(Instruction::Set(set.clone())),
        Node::TextStart => program.push(Instruction::TextStart),
        Node::TextEnd => program.push(Instruction::TextEnd),
        Node::Concat(items) => {
            for item in items {
                emit(item, program)?;
            }
        }
        Node::Alternation(branches) => {
            let mut exits = Vec::with_capacity(branches.len());
            let last = branches.len().saturating_sub(1);
            for (i, branch) in branches.iter().enumerate() {
                if i < last {
                    let split = program.len();
                    program.push(Instruction::Split(split + 1, 0));
                    emit(branch, program)?;
                    exits.push(program.len());
                    program.push(Instruction::Jump(0));
                    let after = program.len();
                    if let Some(Instruction::Split(_, second)) = program.get_mut(split) {
                        *second = after;
                    }
                } else {
                    emit(branch, program)?;
                }
            }
            let end = program.len();
            for exit in exits {
                if let Some(Instruction::Jump(target)) = program.get_mut(exit) {
                    *target = end;
                }
            }
        }
        Node::Repeat { node, min, max } => {
            for _ in 0..*min {
                emit(node, program)?;
            }
            match max {
                None => {
                    // loop: split(body, out); body; jump loop
                    let split = program.len();
                    program.push(Instruction::Split(split + 1, 0));
                    emit(node, program)?;
                    program.push(Instruction::Jump(split));
                    let out = program.len();
                    if let Some(Instruction::Split(_, second)) = program.get_mut(split) {
                        *second = out;
                    }
                }
                Some(max) => {
                    // each optional copy may be skipped to the end
                    let mut splits = Vec::new();
                    for _ in *min..*max {
                        splits.push(program.len());
                        program.push(Instruction::Split(program.len() + 1, 0));
                        emit(node, program)?;
                    }
                    let out = program.len();
                    for split in splits {
                        if let Some(Instruction::Split(_, second)) = program.get_mut(split) {
                            *second = out;
                        }
                    }
                }
            }
        }
    }
    Ok(())
}

mod parser;
use parser::parse;

/// Adds the other ASCII case of every range, the way regex-lite does it:
/// the part of a range within `a-z` gains its upper case, or else the part
/// within `A-Z` its lower case.
fn ascii_case_fold(ranges: &mut Vec<(char, char)>) {
    let fold = |&(low, high): &(char, char)| -> Option<(char, char)> {
        let shifted = |a: char, b: char, up: bool| {
            let shift = |c: char| char::from_u32(if up { u32::from(c) - 32 } else { u32::from(c) + 32 });
            Some((shift(a)?, shift(b)?))
        };
        if low <= 'z' && high >= 'a' {
            shifted(low.max('a'), high.min('z'), true)
        } else if low <= 'Z' && high >= 'A' {
            shifted(low.max('A'), high.min('Z'), false)
        } else {
            None
        }
    };
    let folded: Vec<(char, char)> = ranges.iter().filter_map(fold).collect();
    ranges.extend(folded);
}

/// `\d`, `\w`, `\s` and their complements, ASCII as in `regex-lite`.
fn perl_class(c: char) -> Option<CharSet> {
    let (ranges, negated): (&[(char, char)], bool) = match c {
        'd' => (&[('0', '9')], false),
        'D' => (&[('0', '9')], true),
        'w' => (&[('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')], false),
        'W' => (&[('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')], true),
        's' => (&[('\t', '\r'), (' ', ' ')], false),
        'S' => (&[('\t', '\r'), (' ', ' ')], true),
        _ => return None,
    };
    let set = CharSet(ranges.to_vec());
    Some(if negated { set.complement() } else { set })
}

// Native only: proptest and regex-lite (the reference) are native test dependencies.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
