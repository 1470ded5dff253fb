//! JSON Pointers (RFC 6901) kept as their tokens.

/// One reference token of a JSON Pointer. Tokens order as their text would
/// (an index among members by its digits), indexes among themselves by value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Token {
    /// An object member, by name.
    Member(String),
    /// An array item, by index.
    Index(usize),
}

impl Ord for Token {
    fn cmp(&self, other: &Token) -> std::cmp::Ordering {
        match (self, other) {
            (Token::Index(a), Token::Index(b)) => a.cmp(b),
            (Token::Member(a), Token::Member(b)) => a.cmp(b),
            _ => self.text().cmp(&other.text()),
        }
    }
}

impl PartialOrd for Token {
    fn partial_cmp(&self, other: &Token) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Token {
    /// The token's text, as a pointer writes it before escaping.
    fn text(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Token::Member(name) => std::borrow::Cow::Borrowed(name),
            Token::Index(index) => std::borrow::Cow::Owned(index.to_string()),
        }
    }
}

/// A JSON Pointer (RFC 6901) kept as its tokens: issues are built, compared
/// and ordered by tokens, and written out once, by [`Pointer`]'s `Display`
/// (the one writer, which escapes `~` and `/`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash)]
pub struct Pointer(Vec<Token>);

impl Pointer {
    /// The whole document (`""`).
    pub fn root() -> Pointer {
        Pointer(Vec::new())
    }

    /// This pointer, then the member `name`.
    pub fn member(mut self, name: &str) -> Pointer {
        self.0.push(Token::Member(name.to_owned()));
        self
    }

    /// This pointer, then the item `index`.
    pub fn index(mut self, index: usize) -> Pointer {
        self.0.push(Token::Index(index));
        self
    }

    /// This pointer, then every token of `tail`.
    pub fn join(mut self, tail: &Pointer) -> Pointer {
        self.0.extend(tail.0.iter().cloned());
        self
    }

    /// The reference tokens.
    pub fn tokens(&self) -> &[Token] {
        &self.0
    }

    /// Reads a pointer written as text: what crosses from JS and the rules'
    /// literal paths (`"/subject/status"`). A token of decimal digits
    /// without a leading zero is an index; anything else that does not
    /// start with `/` is the root.
    pub fn parse(text: &str) -> Pointer {
        let Some(rest) = text.strip_prefix('/') else { return Pointer::root() };
        Pointer(
            rest.split('/')
                .map(|raw| {
                    let token =
                        if raw.contains('~') { raw.replace("~1", "/").replace("~0", "~") } else { raw.to_owned() };
                    match index_of(&token) {
                        Some(index) => Token::Index(index),
                        None => Token::Member(token),
                    }
                })
                .collect(),
        )
    }
}

/// The array index a token of decimal digits without a leading zero stands for.
pub fn index_of(token: &str) -> Option<usize> {
    if token.is_empty() || (token.len() > 1 && token.starts_with('0')) {
        return None;
    }
    token.bytes().try_fold(0usize, |n, b| {
        let digit = b.checked_sub(b'0').filter(|d| *d <= 9)?;
        n.checked_mul(10)?.checked_add(usize::from(digit))
    })
}

impl std::fmt::Display for Pointer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for token in &self.0 {
            f.write_str("/")?;
            for c in token.text().chars() {
                match c {
                    '~' => f.write_str("~0")?,
                    '/' => f.write_str("~1")?,
                    _ => std::fmt::Write::write_char(f, c)?,
                }
            }
        }
        Ok(())
    }
}

impl From<&str> for Pointer {
    fn from(text: &str) -> Pointer {
        Pointer::parse(text)
    }
}

impl From<&String> for Pointer {
    fn from(text: &String) -> Pointer {
        Pointer::parse(text)
    }
}

impl From<String> for Pointer {
    fn from(text: String) -> Pointer {
        Pointer::parse(&text)
    }
}

impl From<&Pointer> for Pointer {
    fn from(pointer: &Pointer) -> Pointer {
        pointer.clone()
    }
}
