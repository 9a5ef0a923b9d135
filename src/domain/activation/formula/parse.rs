//! Reading a formula: characters → tokens (with their positions) → [`Expr`].
//!
//! Grammar, loosest first (positions in errors count characters from 1):
//! ```text
//! sum     = product (("+" | "-") product)*
//! product = unary (("*" | "/") unary)*
//! unary   = ("-" | "+") unary | power
//! power   = atom ("^" unary)?            -- "**" is read as "^"
//! atom    = number | "x" | "pi" | "e" | name "(" sum ("," sum)* ")" | "(" sum ")"
//! ```
//! So `^` binds tighter than unary minus (`-x^2` = `-(x^2)`), is right-associative
//! (`2^3^2` = `2^9`) and takes a signed exponent (`2^-x`).

use std::fmt;

use super::ast::{Constant, Expr, Func};

/// The longest formula accepted, in characters.
pub const MAX_LENGTH: usize = 200;
/// The deepest nesting of parentheses and function calls accepted.
pub const MAX_DEPTH: usize = 32;

/// Why a formula cannot be read, and where (a character position counted from 1).
#[derive(Clone, Debug, PartialEq)]
pub struct FormulaError {
    pub kind: ErrorKind,
    /// The character (from 1) where the problem is; one past the end when text is missing.
    pub position: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ErrorKind {
    Empty,
    TooLong(usize),
    TooDeep,
    /// A `(` that is never closed: the `)` is missing at the position.
    MissingClose,
    UnmatchedClose,
    UnknownFunction(String),
    UnknownVariable(String),
    UnexpectedChar(char),
    /// A number, `x`, a constant, a function or `(` was expected.
    ExpectedValue,
    /// An operator (or `,`/`)` inside a call) was expected; `after_space` when only spaces
    /// separate two values (in a link, a `+` written as such reads as a space).
    ExpectedOperator {
        after_space: bool,
    },
    WrongArity {
        name: &'static str,
        expected: usize,
        got: usize,
    },
    BadNumber(String),
    /// A function used without parentheses (`sin x`).
    MissingArgument(String),
    /// More different formulas than the session keeps.
    TooMany(usize),
}

impl fmt::Display for FormulaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = self.position;
        match &self.kind {
            ErrorKind::Empty => f.write_str("the formula is empty: write f(x), e.g. x*sigmoid(x)"),
            ErrorKind::TooLong(n) => {
                write!(f, "the formula has {n} characters: at most {MAX_LENGTH} are allowed")
            }
            ErrorKind::TooDeep => write!(
                f,
                "the formula is nested deeper than {MAX_DEPTH} levels (at position {at}): simplify it"
            ),
            ErrorKind::MissingClose => write!(f, "missing ) at position {at}"),
            ErrorKind::UnmatchedClose => write!(f, "unmatched ) at position {at}"),
            ErrorKind::UnknownFunction(name) => {
                let names: Vec<&str> = Func::ALL.iter().map(|f| f.name()).collect();
                write!(f, "unknown function '{name}' at position {at}: try {}, max, min", names.join(", "))
            }
            ErrorKind::UnknownVariable(name) => write!(
                f,
                "unknown variable '{name}' at position {at}: the variable is x, the constants pi and e"
            ),
            ErrorKind::UnexpectedChar(c) => write!(f, "unexpected character '{c}' at position {at}"),
            ErrorKind::ExpectedValue => {
                write!(f, "expected a number, x, a function or ( at position {at}")
            }
            ErrorKind::ExpectedOperator { after_space } => {
                write!(f, "expected an operator (+ - * / ^) at position {at}")?;
                if *after_space {
                    f.write_str(" (in a link, + is written %2B: a bare + reads as a space)")?;
                }
                Ok(())
            }
            ErrorKind::WrongArity { name, expected, got } => {
                let s = if *expected == 1 { "" } else { "s" };
                write!(f, "{name} takes {expected} argument{s}, not {got} (at position {at})")
            }
            ErrorKind::BadNumber(text) => write!(f, "'{text}' is not a number (at position {at})"),
            ErrorKind::MissingArgument(name) => {
                write!(f, "{name} needs its argument in parentheses, e.g. {name}(x) (at position {at})")
            }
            ErrorKind::TooMany(n) => {
                write!(f, "{n} different formulas were used in this session: reload the page to type more")
            }
        }
    }
}

impl std::error::Error for FormulaError {}

fn error(kind: ErrorKind, position: usize) -> FormulaError {
    FormulaError { kind, position }
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Num(f64),
    Name(String),
    Op(char),
    Open,
    Close,
    Comma,
}

/// Splits the text into tokens, each with the position (from 1) of its first character.
fn tokens(text: &str) -> Result<Vec<(Token, usize)>, FormulaError> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let position = i + 1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_ascii_digit() || c == '.' {
            let end = number_end(&chars, i);
            let literal: String = chars[i..end].iter().collect();
            let value = literal
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| error(ErrorKind::BadNumber(literal.clone()), position))?;
            out.push((Token::Num(value), position));
            i = end;
        } else if c.is_alphabetic() || c == '_' {
            let end = (i..chars.len()).find(|&j| !(chars[j].is_alphanumeric() || chars[j] == '_'));
            let end = end.unwrap_or(chars.len());
            out.push((Token::Name(chars[i..end].iter().collect::<String>().to_lowercase()), position));
            i = end;
        } else {
            let token = match c {
                '*' if chars.get(i + 1) == Some(&'*') => {
                    i += 1;
                    Token::Op('^')
                }
                '+' | '-' | '*' | '/' | '^' => Token::Op(c),
                '−' => Token::Op('-'),
                '×' | '·' => Token::Op('*'),
                '(' => Token::Open,
                ')' => Token::Close,
                ',' => Token::Comma,
                other => return Err(error(ErrorKind::UnexpectedChar(other), position)),
            };
            out.push((token, position));
            i += 1;
        }
    }
    Ok(out)
}

/// The end of the number starting at `start`: digits and points, then an exponent (`e-3`)
/// only when digits follow it (so `2e` is not a number: `e` is the constant).
fn number_end(chars: &[char], start: usize) -> usize {
    let mut end = start;
    while end < chars.len() && (chars[end].is_ascii_digit() || chars[end] == '.') {
        end += 1;
    }
    if end < chars.len() && (chars[end] == 'e' || chars[end] == 'E') {
        let mut j = end + 1;
        if j < chars.len() && (chars[j] == '+' || chars[j] == '-') {
            j += 1;
        }
        if j < chars.len() && chars[j].is_ascii_digit() {
            while j < chars.len() && chars[j].is_ascii_digit() {
                j += 1;
            }
            end = j;
        }
    }
    end
}

struct Parser {
    tokens: Vec<(Token, usize)>,
    next: usize,
    /// One past the last character: where a missing token is reported.
    end: usize,
    depth: usize,
    /// Positions of the whitespace characters.
    spaces: Vec<usize>,
}

/// Reads a whole formula (its length is checked by the caller).
pub fn parse(text: &str) -> Result<Expr, FormulaError> {
    let end = text.chars().count() + 1;
    if text.trim().is_empty() {
        return Err(error(ErrorKind::Empty, 1));
    }
    let spaces = text.chars().enumerate().filter(|(_, c)| c.is_whitespace()).map(|(i, _)| i + 1).collect();
    let mut p = Parser { tokens: tokens(text)?, next: 0, end, depth: 0, spaces };
    let expr = p.sum()?;
    match p.peek() {
        None => Ok(expr),
        Some((Token::Close, at)) => Err(error(ErrorKind::UnmatchedClose, at)),
        Some((_, at)) => Err(p.expected_operator(at)),
    }
}

impl Parser {
    /// "Expected an operator" at `at`, noting whether only spaces come before it.
    fn expected_operator(&self, at: usize) -> FormulaError {
        let after_space = at >= 2 && self.spaces.contains(&(at - 1));
        error(ErrorKind::ExpectedOperator { after_space }, at)
    }

    fn peek(&self) -> Option<(Token, usize)> {
        self.tokens.get(self.next).cloned()
    }

    fn position(&self) -> usize {
        self.tokens.get(self.next).map_or(self.end, |(_, at)| *at)
    }

    fn eat_op(&mut self, ops: &[char]) -> Option<char> {
        match self.tokens.get(self.next) {
            Some((Token::Op(c), _)) if ops.contains(c) => {
                self.next += 1;
                Some(*c)
            }
            _ => None,
        }
    }

    fn sum(&mut self) -> Result<Expr, FormulaError> {
        let mut left = self.product()?;
        while let Some(op) = self.eat_op(&['+', '-']) {
            let right = self.product()?;
            left = if op == '+' {
                Expr::Add(Box::new(left), Box::new(right))
            } else {
                Expr::Sub(Box::new(left), Box::new(right))
            };
        }
        Ok(left)
    }

    fn product(&mut self) -> Result<Expr, FormulaError> {
        let mut left = self.unary()?;
        while let Some(op) = self.eat_op(&['*', '/']) {
            let right = self.unary()?;
            left = if op == '*' {
                Expr::Mul(Box::new(left), Box::new(right))
            } else {
                Expr::Div(Box::new(left), Box::new(right))
            };
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr, FormulaError> {
        match self.eat_op(&['-', '+']) {
            Some('-') => {
                let at = self.position();
                let inner = self.nested(at, Parser::unary)?;
                Ok(Expr::Neg(Box::new(inner)))
            }
            Some(_) => {
                let at = self.position();
                self.nested(at, Parser::unary)
            }
            None => self.power(),
        }
    }

    fn power(&mut self) -> Result<Expr, FormulaError> {
        let base = self.atom()?;
        if self.eat_op(&['^']).is_some() {
            let at = self.position();
            let exponent = self.nested(at, Parser::unary)?;
            return Ok(Expr::Pow(Box::new(base), Box::new(exponent)));
        }
        Ok(base)
    }

    /// Runs `inner` one level deeper, refusing more than [`MAX_DEPTH`] levels.
    fn nested(
        &mut self,
        at: usize,
        inner: fn(&mut Parser) -> Result<Expr, FormulaError>,
    ) -> Result<Expr, FormulaError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(error(ErrorKind::TooDeep, at));
        }
        let result = inner(self);
        self.depth -= 1;
        result
    }

    fn atom(&mut self) -> Result<Expr, FormulaError> {
        let Some((token, at)) = self.peek() else {
            return Err(error(ErrorKind::ExpectedValue, self.end));
        };
        self.next += 1;
        match token {
            Token::Num(v) => Ok(Expr::Num(v)),
            Token::Open => {
                let inner = self.nested(at, Parser::sum)?;
                self.close()?;
                Ok(inner)
            }
            Token::Name(name) => self.name(name, at),
            Token::Op(_) | Token::Close | Token::Comma => Err(error(ErrorKind::ExpectedValue, at)),
        }
    }

    /// Expects the `)` that closes a group or a call.
    fn close(&mut self) -> Result<(), FormulaError> {
        match self.peek() {
            Some((Token::Close, _)) => {
                self.next += 1;
                Ok(())
            }
            None => Err(error(ErrorKind::MissingClose, self.end)),
            Some((_, at)) => Err(self.expected_operator(at)),
        }
    }

    /// A variable, a constant or a call of the function `name`.
    fn name(&mut self, name: String, at: usize) -> Result<Expr, FormulaError> {
        let called = matches!(self.peek(), Some((Token::Open, _)));
        if !called {
            return match name.as_str() {
                "x" => Ok(Expr::X),
                "pi" | "π" => Ok(Expr::Const(Constant::Pi)),
                "e" => Ok(Expr::Const(Constant::E)),
                _ if Func::from_name(&name).is_some() || name == "max" || name == "min" => {
                    Err(error(ErrorKind::MissingArgument(name), at))
                }
                _ => Err(error(ErrorKind::UnknownVariable(name), at)),
            };
        }
        let (arity, build): (usize, fn(Vec<Expr>) -> Expr) = match name.as_str() {
            "max" => (2, |mut a| {
                let b = a.pop().unwrap_or(Expr::X);
                Expr::Max(Box::new(a.pop().unwrap_or(Expr::X)), Box::new(b))
            }),
            "min" => (2, |mut a| {
                let b = a.pop().unwrap_or(Expr::X);
                Expr::Min(Box::new(a.pop().unwrap_or(Expr::X)), Box::new(b))
            }),
            _ => {
                let func = Func::from_name(&name)
                    .ok_or_else(|| error(ErrorKind::UnknownFunction(name.clone()), at))?;
                let args = self.arguments(at)?;
                if args.len() != 1 {
                    return Err(error(
                        ErrorKind::WrongArity { name: func.name(), expected: 1, got: args.len() },
                        at,
                    ));
                }
                let arg = args.into_iter().next().unwrap_or(Expr::X);
                return Ok(Expr::Call(func, Box::new(arg)));
            }
        };
        let args = self.arguments(at)?;
        if args.len() != arity {
            let name = if name == "max" { "max" } else { "min" };
            return Err(error(ErrorKind::WrongArity { name, expected: arity, got: args.len() }, at));
        }
        Ok(build(args))
    }

    /// `( sum, sum, … )` after a function name; the `(` is next.
    fn arguments(&mut self, at: usize) -> Result<Vec<Expr>, FormulaError> {
        self.next += 1;
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(error(ErrorKind::TooDeep, at));
        }
        let mut args = vec![self.sum()?];
        while matches!(self.peek(), Some((Token::Comma, _))) {
            self.next += 1;
            args.push(self.sum()?);
        }
        self.close()?;
        self.depth -= 1;
        Ok(args)
    }
}
