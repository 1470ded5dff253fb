//! The pattern parser: text to a syntax tree, every construct outside the supported syntax refused with a message.

use super::*;

pub(super) fn parse(pattern: &str) -> Result<Node, PatternError> {
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

pub(super) struct Parser {
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
