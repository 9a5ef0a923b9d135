//! Evaluating a tree in `f64`, exactly as written (sigmoid and softplus in their stable forms).

use super::super::scalar::{sigmoid, softplus};
use super::ast::{Expr, Func};

/// sign(a): −1, 0 or 1 (0 at ±0, NaN stays NaN), unlike `f64::signum`, which gives ±1 at ±0.
fn sign(a: f64) -> f64 {
    if a > 0.0 {
        1.0
    } else if a < 0.0 {
        -1.0
    } else {
        a * 0.0
    }
}

/// `pos` where `test > 0`, `neg` elsewhere; NaN when `test` is NaN.
fn select(test: f64, pos: f64, neg: f64) -> f64 {
    if test.is_nan() {
        f64::NAN
    } else if test > 0.0 {
        pos
    } else {
        neg
    }
}

pub fn apply(f: Func, a: f64) -> f64 {
    match f {
        Func::Exp => a.exp(),
        Func::Log => a.ln(),
        Func::Log1p => a.ln_1p(),
        Func::Expm1 => a.exp_m1(),
        Func::Sqrt => a.sqrt(),
        Func::Abs => a.abs(),
        Func::Sign => sign(a),
        Func::Sin => a.sin(),
        Func::Cos => a.cos(),
        Func::Tan => a.tan(),
        Func::Sinh => a.sinh(),
        Func::Cosh => a.cosh(),
        Func::Tanh => a.tanh(),
        Func::Atan => a.atan(),
        Func::Erf => libm::erf(a),
        Func::Sigmoid => sigmoid(a),
        Func::Softplus => softplus(a),
        Func::Relu => select(a, a, 0.0),
    }
}

/// The value of `e` at x.
pub fn eval(e: &Expr, x: f64) -> f64 {
    match e {
        Expr::Num(v) => *v,
        Expr::Const(c) => c.value(),
        Expr::X => x,
        Expr::Neg(a) => -eval(a, x),
        Expr::Add(a, b) => eval(a, x) + eval(b, x),
        Expr::Sub(a, b) => eval(a, x) - eval(b, x),
        Expr::Mul(a, b) => eval(a, x) * eval(b, x),
        Expr::Div(a, b) => eval(a, x) / eval(b, x),
        Expr::Pow(a, b) => eval(a, x).powf(eval(b, x)),
        Expr::Call(f, a) => apply(*f, eval(a, x)),
        Expr::Max(a, b) => {
            let (a, b) = (eval(a, x), eval(b, x));
            select(b - a, b, a)
        }
        Expr::Min(a, b) => {
            let (a, b) = (eval(a, x), eval(b, x));
            select(a - b, b, a)
        }
        Expr::Step { test, pos, neg } => select(eval(test, x), eval(pos, x), eval(neg, x)),
    }
}
