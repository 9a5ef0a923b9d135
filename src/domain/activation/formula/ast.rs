//! The parsed formula: an expression tree over `x`, and its printer.
//!
//! The printer writes the fewest parentheses the grammar needs (see `parse`), so printing and
//! parsing again gives the same tree: `-x^2` is `Neg(Pow(x, 2))`, `(-x)^2` keeps its
//! parentheses, `a-(b-c)` keeps them, `2^3^2` needs none (`^` is right-associative).

use std::fmt;

/// A function of one argument that a formula may call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Func {
    Exp,
    Log,
    Log1p,
    Expm1,
    Sqrt,
    Abs,
    Sign,
    Sin,
    Cos,
    Tan,
    Sinh,
    Cosh,
    Tanh,
    Atan,
    Erf,
    Sigmoid,
    Softplus,
    Relu,
}

impl Func {
    pub const ALL: [Func; 18] = [
        Func::Exp,
        Func::Log,
        Func::Log1p,
        Func::Expm1,
        Func::Sqrt,
        Func::Abs,
        Func::Sign,
        Func::Sin,
        Func::Cos,
        Func::Tan,
        Func::Sinh,
        Func::Cosh,
        Func::Tanh,
        Func::Atan,
        Func::Erf,
        Func::Sigmoid,
        Func::Softplus,
        Func::Relu,
    ];

    /// The name as written in a formula.
    pub fn name(self) -> &'static str {
        match self {
            Func::Exp => "exp",
            Func::Log => "log",
            Func::Log1p => "log1p",
            Func::Expm1 => "expm1",
            Func::Sqrt => "sqrt",
            Func::Abs => "abs",
            Func::Sign => "sign",
            Func::Sin => "sin",
            Func::Cos => "cos",
            Func::Tan => "tan",
            Func::Sinh => "sinh",
            Func::Cosh => "cosh",
            Func::Tanh => "tanh",
            Func::Atan => "atan",
            Func::Erf => "erf",
            Func::Sigmoid => "sigmoid",
            Func::Softplus => "softplus",
            Func::Relu => "relu",
        }
    }

    pub fn from_name(name: &str) -> Option<Func> {
        Func::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// A named constant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Constant {
    Pi,
    E,
}

impl Constant {
    pub fn value(self) -> f64 {
        match self {
            Constant::Pi => std::f64::consts::PI,
            Constant::E => std::f64::consts::E,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Constant::Pi => "pi",
            Constant::E => "e",
        }
    }
}

/// An expression in `x`.
///
/// `Step` never comes from the parser: it is the derivative's selector, `pos` where
/// `test > 0` and `neg` elsewhere (so relu′(0) = 0 and max/min give ties to their first
/// argument).
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// A non-negative number as written (a minus sign is `Neg`).
    Num(f64),
    Const(Constant),
    X,
    Neg(Box<Expr>),
    Add(Box<Expr>, Box<Expr>),
    Sub(Box<Expr>, Box<Expr>),
    Mul(Box<Expr>, Box<Expr>),
    Div(Box<Expr>, Box<Expr>),
    Pow(Box<Expr>, Box<Expr>),
    Call(Func, Box<Expr>),
    Max(Box<Expr>, Box<Expr>),
    Min(Box<Expr>, Box<Expr>),
    Step {
        test: Box<Expr>,
        pos: Box<Expr>,
        neg: Box<Expr>,
    },
}

/// Binding strength, loosest first: `+ -`, `* /`, unary minus, `^`, atoms.
const SUM: u8 = 1;
const PRODUCT: u8 = 2;
const UNARY: u8 = 3;
const POWER: u8 = 4;
const ATOM: u8 = 5;

impl Expr {
    /// How tightly this node binds when printed.
    fn precedence(&self) -> u8 {
        match self {
            Expr::Add(..) | Expr::Sub(..) => SUM,
            Expr::Mul(..) | Expr::Div(..) => PRODUCT,
            Expr::Neg(_) => UNARY,
            Expr::Pow(..) => POWER,
            _ => ATOM,
        }
    }

    /// The direct subexpressions, left to right.
    pub fn children(&self) -> Vec<&Expr> {
        match self {
            Expr::Num(_) | Expr::Const(_) | Expr::X => Vec::new(),
            Expr::Neg(a) | Expr::Call(_, a) => vec![a],
            Expr::Add(a, b)
            | Expr::Sub(a, b)
            | Expr::Mul(a, b)
            | Expr::Div(a, b)
            | Expr::Pow(a, b)
            | Expr::Max(a, b)
            | Expr::Min(a, b) => vec![a, b],
            Expr::Step { test, pos, neg } => vec![test, pos, neg],
        }
    }

    /// Whether the expression depends on x.
    pub fn has_x(&self) -> bool {
        matches!(self, Expr::X) || self.children().into_iter().any(Expr::has_x)
    }

    /// The nesting depth (a leaf is 1).
    pub fn depth(&self) -> usize {
        1 + self.children().into_iter().map(Expr::depth).max().unwrap_or(0)
    }

    /// Writes the expression, in parentheses if it binds less tightly than `min`.
    fn write(&self, f: &mut fmt::Formatter<'_>, min: u8) -> fmt::Result {
        let wrap = self.precedence() < min;
        if wrap {
            f.write_str("(")?;
        }
        match self {
            Expr::Num(v) => write_number(f, *v)?,
            Expr::Const(c) => f.write_str(c.name())?,
            Expr::X => f.write_str("x")?,
            Expr::Neg(a) => {
                f.write_str("-")?;
                a.write(f, UNARY)?;
            }
            Expr::Add(a, b) => infix(f, a, "+", b, SUM, PRODUCT)?,
            Expr::Sub(a, b) => infix(f, a, "-", b, SUM, PRODUCT)?,
            Expr::Mul(a, b) => infix(f, a, "*", b, PRODUCT, UNARY)?,
            Expr::Div(a, b) => infix(f, a, "/", b, PRODUCT, UNARY)?,
            // The base is an atom; the exponent is read as a unary expression (`2^-x`, `2^3^2`).
            Expr::Pow(a, b) => infix(f, a, "^", b, ATOM, UNARY)?,
            Expr::Call(func, a) => {
                write!(f, "{}(", func.name())?;
                a.write(f, 0)?;
                f.write_str(")")?;
            }
            Expr::Max(a, b) => call2(f, "max", a, b)?,
            Expr::Min(a, b) => call2(f, "min", a, b)?,
            Expr::Step { test, pos, neg } => {
                f.write_str("step(")?;
                test.write(f, 0)?;
                f.write_str(", ")?;
                pos.write(f, 0)?;
                f.write_str(", ")?;
                neg.write(f, 0)?;
                f.write_str(")")?;
            }
        }
        if wrap {
            f.write_str(")")?;
        }
        Ok(())
    }
}

fn infix(f: &mut fmt::Formatter<'_>, a: &Expr, op: &str, b: &Expr, left: u8, right: u8) -> fmt::Result {
    a.write(f, left)?;
    f.write_str(op)?;
    b.write(f, right)
}

fn call2(f: &mut fmt::Formatter<'_>, name: &str, a: &Expr, b: &Expr) -> fmt::Result {
    write!(f, "{name}(")?;
    a.write(f, 0)?;
    f.write_str(", ")?;
    b.write(f, 0)?;
    f.write_str(")")
}

/// A number in the shortest form that reads back as the same `f64`: plain digits when short,
/// else scientific (`1e-7`, `2.5e300`). A negative number (only the derivative makes them) is
/// written in parentheses.
fn write_number(f: &mut fmt::Formatter<'_>, v: f64) -> fmt::Result {
    let plain = format!("{}", v.abs());
    let text = if plain.len() > 12 { format!("{:e}", v.abs()) } else { plain };
    if v < 0.0 {
        write!(f, "(-{text})")
    } else {
        f.write_str(&text)
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, 0)
    }
}
