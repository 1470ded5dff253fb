//! Text patterns: the `pattern` of a host extension (SPEC §9.3) and of the
//! record and catalog schemas.
//!
//! The syntax is that of `regex-lite` (and so of the `regex` crate), for the
//! constructs a form field needs; the tests check every one against
//! `regex-lite` itself. Matching is a Thompson NFA simulated in lock step,
//! so its time is linear in the text for a given pattern: no input can make
//! it backtrack for ever. It is written here rather than taken from
//! `regex-lite` because that crate alone took 16 kB gzip, a seventh of the
//! shipped module's size budget (README, "Size"); this is a few kB.
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

fn parse(pattern: &str) -> Result<Node, PatternError> {
    let chars: Vec<char> = pattern.chars().collect();
    if chars.len() > MAX_PATTERN_CHARS {
        return Err(PatternError { message: format!("pattern longer than {MAX_PATTERN_CHARS} characters"), offset: 0 });
    }
    let mut parser = Parser { chars, at: 0, names: Vec::new(), case_insensitive: false };
    let node = parser.alternation(0)?;
    match parser.peek() {
        None => Ok(node),
        Some(_) => Err(parser.error("unopened group: ')'")),
    }
}

struct Parser {
    chars: Vec<char>,
    at: usize,
    /// Group names seen so far (a name may be used once).
    names: Vec<String>,
    /// The `i` flag: ASCII letters match in either case, as in regex-lite.
    case_insensitive: bool,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek();
        if c.is_some() {
            self.at += 1;
        }
        c
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn error(&self, message: &str) -> PatternError {
        PatternError { message: message.to_owned(), offset: self.at }
    }

    fn alternation(&mut self, depth: usize) -> Result<Node, PatternError> {
        let mut branches = vec![self.concat(depth)?];
        while self.eat('|') {
            branches.push(self.concat(depth)?);
        }
        Ok(if branches.len() == 1 { branches.pop().unwrap_or(Node::Empty) } else { Node::Alternation(branches) })
    }

    fn concat(&mut self, depth: usize) -> Result<Node, PatternError> {
        let mut items = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            if self.at_flag_directive() {
                // `(?i)`: flags for the rest of the enclosing group.
                self.at += 2;
                self.flags(')')?;
                continue;
            }
            let atom = self.atom(depth)?;
            items.push(self.repetition(atom)?);
        }
        Ok(match items.len() {
            0 => Node::Empty,
            1 => items.pop().unwrap_or(Node::Empty),
            _ => Node::Concat(items),
        })
    }

    fn repetition(&mut self, atom: Node) -> Result<Node, PatternError> {
        let (min, max) = match self.peek() {
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('?') => (0, Some(1)),
            Some('{') => {
                self.at += 1;
                return self.counted(atom);
            }
            _ => return Ok(atom),
        };
        self.at += 1;
        self.finish_repetition(atom, min, max)
    }

    fn counted(&mut self, atom: Node) -> Result<Node, PatternError> {
        let min = self.number()?;
        let max = if self.eat(',') {
            if self.peek() == Some('}') {
                None
            } else {
                Some(self.number()?)
            }
        } else {
            Some(min)
        };
        if !self.eat('}') {
            return Err(self.error("unclosed counted repetition"));
        }
        if max.is_some_and(|max| max < min) {
            return Err(self.error("invalid counted repetition: the minimum is above the maximum"));
        }
        self.finish_repetition(atom, min, max)
    }

    fn finish_repetition(&mut self, atom: Node, min: u32, max: Option<u32>) -> Result<Node, PatternError> {
        // A trailing `?` makes the repetition lazy: the same yes/no answer.
        self.eat('?');
        if matches!(self.peek(), Some('*' | '+' | '?' | '{')) {
            return Err(self.error("a repetition cannot be repeated; use a group"));
        }
        Ok(Node::Repeat { node: Box::new(atom), min, max })
    }

    fn number(&mut self) -> Result<u32, PatternError> {
        let start = self.at;
        let mut value: u32 = 0;
        while let Some(digit) = self.peek().and_then(|c| c.to_digit(10)) {
            self.at += 1;
            value = value.saturating_mul(10).saturating_add(digit);
        }
        if self.at == start {
            return Err(self.error("invalid counted repetition: a number is expected"));
        }
        if value > MAX_COUNT {
            return Err(self.error("counted repetition above 1000"));
        }
        Ok(value)
    }

    fn atom(&mut self, depth: usize) -> Result<Node, PatternError> {
        let Some(c) = self.next() else { return Err(self.error("unexpected end of pattern")) };
        match c {
            '(' => self.group(depth),
            '[' => self.class().map(Node::Set),
            '.' => Ok(Node::Set(CharSet::single('\n').complement())),
            '^' => Ok(Node::TextStart),
            '$' => Ok(Node::TextEnd),
            '\\' => self.escape().map(Node::Set),
            '*' | '+' | '?' | '{' => {
                self.at -= 1;
                Err(self.error("repetition operator missing expression"))
            }
            literal => Ok(Node::Set(self.literal(literal))),
        }
    }

    fn group(&mut self, depth: usize) -> Result<Node, PatternError> {
        if depth + 1 > MAX_DEPTH {
            return Err(self.error("groups nested too deeply"));
        }
        // Flags set inside the group end with it.
        let outer_case_insensitive = self.case_insensitive;
        if self.eat('?') {
            if self.eat(':') {
                // non-capturing group
            } else if self.peek().is_some_and(|c| c.is_ascii_alphabetic() && c != 'P' || c == '-') {
                // `(?i:...)`: flags for this group only.
                self.flags(':')?;
            } else if self.peek() == Some('<')
                || (self.peek() == Some('P') && self.chars.get(self.at + 1) == Some(&'<'))
            {
                self.eat('P');
                self.eat('<');
                let start = self.at;
                while self.peek().is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '[' | ']')) {
                    self.at += 1;
                }
                let named =
                    self.at > start && self.chars.get(start).is_some_and(|c| c.is_ascii_alphabetic() || *c == '_');
                if !named || !self.eat('>') {
                    return Err(self.error("invalid capture group name"));
                }
                let name: String = self.chars.get(start..self.at.saturating_sub(1)).unwrap_or(&[]).iter().collect();
                if self.names.contains(&name) {
                    return Err(self.error("duplicate capture group name"));
                }
                self.names.push(name);
            } else {
                return Err(self.error("unsupported group syntax"));
            }
        }
        let inner = self.alternation(depth + 1)?;
        if !self.eat(')') {
            return Err(self.error("unclosed group"));
        }
        self.case_insensitive = outer_case_insensitive;
        Ok(inner)
    }

    /// Whether `(?flags)` starts here (as opposed to a group).
    fn at_flag_directive(&self) -> bool {
        if self.peek() != Some('(') || self.chars.get(self.at + 1) != Some(&'?') {
            return false;
        }
        let flags = self.chars.get(self.at + 2..).unwrap_or(&[]);
        let end = flags.iter().position(|c| !(c.is_ascii_alphabetic() || *c == '-'));
        matches!(end, Some(n) if n > 0 && flags.get(n) == Some(&')') && flags.first() != Some(&'P'))
    }

    /// Reads flags up to `end`: `i` (case-insensitive, ASCII) and `u` (a
    /// no-op, as in regex-lite), each possibly after one `-` that turns them
    /// off. Other flags, and a flag named twice in one group (`(?ii)`,
    /// `(?i-i)`, which regex-lite refuses), are refused.
    fn flags(&mut self, end: char) -> Result<(), PatternError> {
        let mut negated = false;
        let mut any = false;
        let mut seen: Vec<char> = Vec::new();
        loop {
            match self.next() {
                Some(c) if c == end && any => return Ok(()),
                Some('-') if !negated => {
                    negated = true;
                    any = false;
                }
                Some(flag @ ('i' | 'u')) if seen.contains(&flag) => {
                    self.at -= 1;
                    return Err(self.error("a flag appears twice in one flag group"));
                }
                Some('i') => {
                    seen.push('i');
                    self.case_insensitive = !negated;
                    any = true;
                }
                Some('u') => {
                    seen.push('u');
                    any = true;
                }
                Some(c) if c.is_ascii_alphabetic() => {
                    self.at -= 1;
                    return Err(self.error("unsupported flag: only i and u are supported"));
                }
                _ => {
                    self.at = self.at.saturating_sub(1);
                    return Err(self.error("invalid flag group"));
                }
            }
        }
    }

    /// The set for a literal character: both cases of an ASCII letter under `i`.
    fn literal(&self, c: char) -> CharSet {
        let mut ranges = vec![(c, c)];
        if self.case_insensitive {
            ascii_case_fold(&mut ranges);
        }
        CharSet::normalized(ranges)
    }

    /// After `\` outside a class: a character set (one character or a class).
    fn escape(&mut self) -> Result<CharSet, PatternError> {
        let Some(c) = self.next() else { return Err(self.error("incomplete escape sequence")) };
        if let Some(set) = perl_class(c) {
            return Ok(set);
        }
        self.escaped_char(c).map(|c| self.literal(c))
    }

    /// The character an escape such as `\n`, `\x41` or `\.` stands for.
    fn escaped_char(&mut self, c: char) -> Result<char, PatternError> {
        match c {
            'n' => Ok('\n'),
            't' => Ok('\t'),
            'r' => Ok('\r'),
            'f' => Ok('\x0C'),
            'v' => Ok('\x0B'),
            'x' | 'u' => self.hex_escape(c),
            // `\<` and `\>` are word-boundary assertions in regex-lite.
            c if c.is_ascii_punctuation() && c != '<' && c != '>' => Ok(c),
            _ => {
                self.at -= 1;
                Err(self.error("unsupported escape sequence"))
            }
        }
    }

    fn hex_escape(&mut self, kind: char) -> Result<char, PatternError> {
        let braced = self.eat('{');
        let digits_wanted = if braced {
            8
        } else if kind == 'x' {
            2
        } else {
            4
        };
        let mut value: u32 = 0;
        let mut digits = 0;
        while digits < digits_wanted {
            match self.peek().and_then(|c| c.to_digit(16)) {
                Some(d) => {
                    self.at += 1;
                    value = value * 16 + d;
                    digits += 1;
                }
                None => break,
            }
        }
        if digits == 0 || (braced && !self.eat('}')) || (!braced && digits < digits_wanted) {
            return Err(self.error("invalid hexadecimal escape"));
        }
        char::from_u32(value).ok_or_else(|| self.error("escape is not a Unicode scalar value"))
    }

    /// After `[`: the class up to its `]`.
    fn class(&mut self) -> Result<CharSet, PatternError> {
        let negated = self.eat('^');
        let mut ranges: Vec<(char, char)> = Vec::new();
        let mut first = true;
        loop {
            let Some(c) = self.next() else { return Err(self.error("unclosed character class")) };
            match c {
                ']' if !first => break,
                '[' => {
                    self.at -= 1;
                    return Err(self.error("nested classes and [:name:] classes are not supported"));
                }
                '&' | '~' | '-' if self.peek() == Some(c) => {
                    return Err(self.error("class set operations are not supported"));
                }
                _ => {}
            }
            first = false;
            let low = match self.class_item(c)? {
                ClassItem::Set(set) => {
                    if self.peek() == Some('-') && self.chars.get(self.at + 1).is_some_and(|&n| n != ']') {
                        return Err(self.error("character class ranges must start and end with a single character"));
                    }
                    ranges.extend(set.0);
                    continue;
                }
                ClassItem::Char(low) => low,
            };
            // `a-z`, unless the `-` ends the class.
            if self.peek() == Some('-') && self.chars.get(self.at + 1).is_some_and(|&n| n != ']') {
                if self.chars.get(self.at + 1) == Some(&'-') {
                    return Err(self.error("class set operations are not supported"));
                }
                self.at += 1;
                let Some(h) = self.next() else { return Err(self.error("unclosed character class")) };
                let ClassItem::Char(high) = self.class_item(h)? else {
                    return Err(self.error("invalid range in character class"));
                };
                if high < low {
                    return Err(self.error("invalid range in character class: the end is before the start"));
                }
                ranges.push((low, high));
            } else {
                ranges.push((low, low));
            }
        }
        // Folded before negation, as in regex-lite: `(?i)[^x]` excludes `X` too.
        if self.case_insensitive {
            ascii_case_fold(&mut ranges);
        }
        let set = CharSet::normalized(ranges);
        Ok(if negated { set.complement() } else { set })
    }

    fn class_item(&mut self, c: char) -> Result<ClassItem, PatternError> {
        if c != '\\' {
            return Ok(ClassItem::Char(c));
        }
        let Some(e) = self.next() else { return Err(self.error("incomplete escape sequence")) };
        match perl_class(e) {
            Some(set) => Ok(ClassItem::Set(set)),
            None => self.escaped_char(e).map(ClassItem::Char),
        }
    }
}

enum ClassItem {
    Char(char),
    Set(CharSet),
}

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
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn whole(pattern: &str, text: &str) -> bool {
        Pattern::whole(pattern).map(|p| p.is_match(text)).unwrap_or_else(|e| panic!("{pattern}: {e}"))
    }

    fn reference(pattern: &str, text: &str) -> bool {
        regex_lite::Regex::new(&format!("^(?:{pattern})$"))
            .map(|r| r.is_match(text))
            .unwrap_or_else(|e| panic!("{pattern}: {e}"))
    }

    #[test]
    fn the_schema_patterns_behave_as_in_regex_lite() {
        let cases = [
            (
                r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$",
                "123e4567-e89b-42d3-a456-426614174000",
            ),
            (
                r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$",
                "123e4567-e89b-12d3-a456-426614174000",
            ),
            (r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", "2026-11-29T10:00:00.000Z"),
            (r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", "2026-11-29T10:00:00,000Z"),
            (r"^sha256:[0-9a-f]{64}$", &format!("sha256:{}", "ab".repeat(32))),
            (r"^[A-Za-z0-9/.-]{1,40}$", "IND/2026.001-7"),
            (r"^[A-Za-z0-9/.-]{1,40}$", "IND 2026"),
            (r"^[0-9]{10}$", "1234567890"),
            (r"^[A-Z]{2}$", "NL"),
            (r"^[A-Z]{2}$", "nl"),
            (r"^[A-Z0-9-]{2,32}$", "TER-01"),
        ];
        for (pattern, text) in cases {
            let ours = Pattern::new(pattern).map(|p| p.is_match(text)).ok();
            let theirs = regex_lite::Regex::new(pattern).map(|r| r.is_match(text)).ok();
            assert_eq!(ours, theirs, "{pattern} on {text}");
        }
    }

    #[test]
    #[cfg(feature = "full")]
    fn fixed_sequences_skip_the_automaton_and_match_alike() {
        let fixed = [r"^sha256:[0-9a-f]{4}$", r"^\d{4}-\d{2}-\d{2}$", r"^(?i)[a-c]x$", r"^$", r"^^ab$$"];
        let general = [r"^[A-Z0-9-]{2,4}$", r"^ab", r"ab$", r"^a$|^b$", r"^a*$", r"^a$^b$"];
        let texts = [
            "",
            "a",
            "ab",
            "AX",
            "bx",
            "2026-11-28",
            "2026-1-28",
            "sha256:0a9f",
            "sha256:0a9G",
            "sha256:0a9f0",
            "ABC",
            "AB-1",
        ];
        for (pattern, expect_fixed) in fixed.iter().map(|p| (p, true)).chain(general.iter().map(|p| (p, false))) {
            let compiled = Pattern::new(pattern).unwrap();
            assert_eq!(compiled.fixed.is_some(), expect_fixed, "{pattern}");
            let automaton = Pattern { program: compiled.program.clone(), fixed: None };
            for text in texts {
                assert_eq!(compiled.is_match(text), automaton.is_match(text), "{pattern} on {text:?}");
                let theirs = regex_lite::Regex::new(pattern).map(|r| r.is_match(text)).ok();
                assert_eq!(Some(compiled.is_match(text)), theirs, "{pattern} on {text:?}");
            }
        }
    }

    #[test]
    fn whole_matches_only_the_whole_text() {
        assert!(whole("[A-Z]{3}-\\d{4}", "ABC-1234"));
        assert!(!whole("[A-Z]{3}-\\d{4}", "xABC-1234"));
        assert!(!whole("[A-Z]{3}-\\d{4}", "ABC-12345"));
        assert!(whole("a|b", "b"));
        assert!(!whole("a|b", "ab"));
        assert!(whole("", ""));
        assert!(!whole("", "a"));
        // An unbalanced `)` cannot break out of the anchors.
        assert!(Pattern::whole("a)|(b").is_err());
    }

    #[test]
    fn search_finds_the_pattern_anywhere() {
        let p = Pattern::new("b+c").unwrap();
        assert!(p.is_match("abbbcd"));
        assert!(!p.is_match("acb"));
        assert!(Pattern::new("^$").unwrap().is_match(""));
        assert!(!Pattern::new("^a$").unwrap().is_match("ba"));
    }

    #[test]
    fn classes_escapes_and_unicode() {
        assert!(whole("[^a-c]", "é"));
        assert!(!whole("[^a-c]", "b"));
        assert!(whole("[]a]+", "]a]"));
        assert!(whole("[a-]+", "-a"));
        assert!(whole(r"[\d_]+", "1_2"));
        assert!(whole(r"\W", "é"));
        assert!(!whole(r"\w", "é"));
        assert!(whole(r"\x41\x{1F600}\u{e9}", "A😀é"));
        assert!(whole(r"\.\-\/", ".-/"));
        assert!(!whole(".", "\n"));
        assert!(whole(".", "😀"));
        assert!(whole("(?P<year>\\d{4})-(?<month>\\d\\d)", "2026-11"));
        assert!(whole("a{2,}?b", "aaab"));
    }

    #[test]
    fn refuses_what_it_does_not_support_or_cannot_parse() {
        for bad in [
            "(?m)abc",
            "(?ii)a",
            "(?i-i)a",
            "(?uu:a)",
            "(?x)a",
            "(?)a",
            "(?-)a",
            "(?i",
            r"\bword",
            r"\1",
            "[[:alpha:]]",
            "[a&&b]",
            "a{2",
            "a{3,2}",
            "*a",
            "a**",
            "(ab",
            "ab)",
            "[ab",
            r"\x{D800}",
            "a{1001}",
            "(a{100}){100}",
            r"\q",
            r"[\d-a]",
            "(?P<n>a)(?<n>b)",
            "[a--z]",
        ] {
            assert!(Pattern::whole(bad).is_err(), "{bad} should be refused");
        }
        // A flag twice in one group: regex-lite refuses it, so the matcher does
        // (the fuzz target's find; the seed fuzz/seeds/pattern/duplicate-flag keeps it).
        for twice in ["(?ii)a", "(?i-i)a", "(?uu:a)"] {
            assert!(regex_lite::Regex::new(twice).is_err(), "{twice}");
        }
        let deep = format!("{}a{}", "(".repeat(40), ")".repeat(40));
        assert!(Pattern::whole(&deep).is_err());
        assert!(Pattern::whole(&"a".repeat(MAX_PATTERN_CHARS + 1)).is_err());
    }

    #[test]
    fn errors_say_where() {
        let error = Pattern::whole("ab(?m)").unwrap_err();
        assert_eq!(error.offset, 4);
        assert!(error.to_string().contains("unsupported flag"), "{error}");
    }

    #[test]
    fn the_i_flag_folds_ascii_case_within_its_group() {
        assert!(whole("(?i)abc", "AbC"));
        assert!(whole("a(?i)b", "aB"));
        assert!(!whole("a(?i)b", "AB"));
        assert!(whole("(?i:a)b", "Ab"));
        assert!(!whole("(?i:a)b", "AB"));
        assert!(whole("(a(?i)b)c", "aBc"));
        assert!(!whole("(a(?i)b)c", "aBC"));
        assert!(!whole("(?i)(?-i)a", "A"));
        assert!(whole("(?i)[a-c]+", "aBc"));
        assert!(!whole("(?i)[^x]", "X"));
        assert!(whole(r"(?i)\x41", "a"));
        assert!(whole("(?iu)é", "é"));
        assert!(!whole("(?i)é", "É"), "only ASCII letters fold, as in regex-lite");
    }

    #[test]
    fn empty_loops_end() {
        assert!(whole("(a*)*b", "aaab"));
        assert!(!whole("(a*)*b", "aaac"));
        assert!(whole("(|a)+", "aaa"));
    }

    /// Patterns built from the supported syntax, over a small alphabet so
    /// that matches are frequent.
    fn pattern_strategy() -> impl Strategy<Value = String> {
        let atom = prop_oneof![
            Just("a".to_owned()),
            Just("b".to_owned()),
            Just("-".to_owned()),
            Just(".".to_owned()),
            Just(r"\d".to_owned()),
            Just(r"\W".to_owned()),
            Just("[ab]".to_owned()),
            Just("[^a1]".to_owned()),
            Just("[a-c0-1]".to_owned()),
            Just(r"[\s-]".to_owned()),
            Just(r"\.".to_owned()),
            Just("é".to_owned()),
            Just("B".to_owned()),
            Just("(?i)".to_owned()),
            Just("(?-i)".to_owned()),
            Just("[^aB]".to_owned()),
            Just("^".to_owned()),
            Just("$".to_owned()),
        ];
        atom.prop_recursive(4, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 1..4).prop_map(|parts| parts.concat()),
                (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("{a}|{b}")),
                inner.clone().prop_map(|a| format!("(?:{a})")),
                inner.clone().prop_map(|a| format!("(?i:{a})")),
                (
                    inner.clone(),
                    prop_oneof![Just("*"), Just("+"), Just("?"), Just("{2}"), Just("{0,2}"), Just("{1,}"), Just("+?")]
                )
                    .prop_map(|(a, q)| format!("(?:{a}){q}")),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1024))]

        #[test]
        fn agrees_with_regex_lite(pattern in pattern_strategy(), text in "[abAB1 .éÉ\\-\n]{0,8}") {
            prop_assert_eq!(whole(&pattern, &text), reference(&pattern, &text), "pattern {:?} text {:?}", pattern, text);
            let ours = Pattern::new(&pattern).map(|p| p.is_match(&text)).ok();
            let theirs = regex_lite::Regex::new(&pattern).map(|r| r.is_match(&text)).ok();
            prop_assert_eq!(ours, theirs, "search: pattern {:?} text {:?}", pattern, text);
        }

        #[test]
        fn never_panics_on_any_pattern(pattern in "\\PC{0,40}", text in "\\PC{0,20}") {
            if let Ok(compiled) = Pattern::whole(&pattern) {
                let _ = compiled.is_match(&text);
            }
        }

        #[test]
        fn what_it_accepts_regex_lite_accepts_alike(pattern in "[ab()|*+?{}0-9,\\[\\]^$.\\\\dw-]{0,12}", text in "[ab0-9]{0,6}") {
            if let Ok(compiled) = Pattern::whole(&pattern) {
                let theirs = regex_lite::Regex::new(&format!("^(?:{pattern})$"));
                prop_assert!(theirs.is_ok(), "accepted {:?}, which regex-lite refuses", pattern);
                if let Ok(theirs) = theirs {
                    prop_assert_eq!(compiled.is_match(&text), theirs.is_match(&text), "pattern {:?} text {:?}", pattern, text);
                }
            }
        }
    }
}
