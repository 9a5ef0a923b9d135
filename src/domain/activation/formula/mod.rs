//! Activations written as formulas: `custom(x*tanh(softplus(x)))`.
//!
//! A formula is parsed ([`parse`]) into a tree ([`ast`]) whose printer gives the canonical text
//! (it parses back to the same tree), differentiated exactly ([`diff`], symbolic), evaluated in
//! f64 ([`eval`]) and as burn tensor operations ([`tensor`]); [`analysis`] finds its kinks,
//! range, properties and the places where it is undefined.
//!
//! [`CustomFormula`] is a `Copy` handle, so that [`super::Activation`] stays `Copy`: each
//! distinct canonical text is compiled once and kept for the rest of the session in a global
//! table (at most [`MAX_FORMULAS`] of them, a few kilobytes each: someone typing builds a few
//! hundred), and handles compare by that text.

mod analysis;
pub mod ast;
mod diff;
mod eval;
pub mod field;
pub mod mathml;
pub mod parse;
mod tensor;

use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, OnceLock};

use burn::tensor::{backend::Backend, Tensor};

pub use analysis::{Analysis, DomainError};
use ast::Expr;
pub use parse::{ErrorKind, FormulaError, MAX_DEPTH, MAX_LENGTH};

use super::Kink;

/// How many different formulas a session keeps.
pub const MAX_FORMULAS: usize = 4096;

/// A parsed formula with its derivative; built once per canonical text, never freed.
struct Compiled {
    text: String,
    f: Expr,
    df: Expr,
    analysis: OnceLock<Analysis>,
}

/// A formula f(x) usable as an activation (a `Copy` handle to its compiled form).
#[derive(Clone, Copy)]
pub struct CustomFormula(&'static Compiled);

fn table() -> &'static Mutex<HashMap<String, &'static Compiled>> {
    static TABLE: OnceLock<Mutex<HashMap<String, &'static Compiled>>> = OnceLock::new();
    TABLE.get_or_init(|| Mutex::new(HashMap::new()))
}

impl CustomFormula {
    /// Reads a formula such as `x*tanh(softplus(x))` (at most [`MAX_LENGTH`] characters,
    /// nested at most [`MAX_DEPTH`] deep).
    pub fn parse(text: &str) -> Result<CustomFormula, FormulaError> {
        let length = text.chars().count();
        if length > MAX_LENGTH {
            return Err(FormulaError { kind: ErrorKind::TooLong(length), position: MAX_LENGTH + 1 });
        }
        let f = parse::parse(text)?;
        Ok(CustomFormula(intern(f)?))
    }

    /// The canonical text (without `custom(…)`), e.g. `x*tanh(softplus(x))`.
    pub fn text(&self) -> &'static str {
        &self.0.text
    }

    /// The formula's tree.
    pub fn expr(&self) -> &'static Expr {
        &self.0.f
    }

    /// The tree of its exact derivative.
    pub fn derivative_expr(&self) -> &'static Expr {
        &self.0.df
    }

    pub fn value(&self, x: f64) -> f64 {
        eval::eval(&self.0.f, x)
    }

    /// f′(x) from the symbolic derivative (conventions at kinks: see `diff`).
    pub fn derivative(&self, x: f64) -> f64 {
        eval::eval(&self.0.df, x)
    }

    /// f on burn tensors (autodiff gives its gradient).
    pub fn forward_tensor<B: Backend, const D: usize>(&self, x: Tensor<B, D>) -> Tensor<B, D> {
        tensor::to_tensor(&self.0.f, &x)
    }

    /// f′ on burn tensors, from the symbolic derivative (for a hand-written backward pass).
    pub fn derivative_tensor<B: Backend, const D: usize>(&self, x: Tensor<B, D>) -> Tensor<B, D> {
        tensor::to_tensor(&self.0.df, &x)
    }

    /// Kinks, range, properties (computed once, on first use).
    pub fn analysis(&self) -> &'static Analysis {
        self.0.analysis.get_or_init(|| Analysis::of(*self))
    }

    pub fn kinks(&self) -> Vec<Kink> {
        self.analysis().kinks.clone()
    }

    /// Whether a network may train with it: refused, with the reason, where f or f′ is
    /// undefined or infinite for some input a neuron can receive.
    pub fn check_trainable(&self) -> Result<(), DomainError> {
        match &self.analysis().undefined {
            Some(e) => Err(e.clone()),
            None => Ok(()),
        }
    }
}

fn intern(f: Expr) -> Result<&'static Compiled, FormulaError> {
    let text = f.to_string();
    let mut table = table().lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(found) = table.get(&text) {
        return Ok(found);
    }
    if table.len() >= MAX_FORMULAS {
        return Err(FormulaError { kind: ErrorKind::TooMany(MAX_FORMULAS), position: 1 });
    }
    let df = diff::derivative(&f);
    let compiled: &'static Compiled =
        Box::leak(Box::new(Compiled { text: text.clone(), f, df, analysis: OnceLock::new() }));
    table.insert(text, compiled);
    Ok(compiled)
}

impl PartialEq for CustomFormula {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0) || self.0.text == other.0.text
    }
}

impl fmt::Debug for CustomFormula {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CustomFormula({})", self.0.text)
    }
}

impl fmt::Display for CustomFormula {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.text)
    }
}

#[cfg(test)]
mod tests;
