//! The exact derivative: symbolic differentiation of the tree, with light simplification
//! (numbers folded, 0 and 1 dropped where they change nothing).
//!
//! Conventions where f′ jumps, as PyTorch's: abs′(0) = sign(0) = 0, relu′(0) = 0, sign′ = 0;
//! max(a, b) and min(a, b) give a tie to their first argument, so `max(0.1*x, x)` has the slope
//! 0.1 at 0, like leaky_relu. Written with [`Expr::Step`] (the same selector in f64 and on
//! tensors), so the f64 derivative and the tensor gradient agree at kinks too.

use std::f64::consts::FRAC_2_SQRT_PI;

use super::ast::{Expr, Func};

fn b(e: Expr) -> Box<Expr> {
    Box::new(e)
}

fn num(v: f64) -> Expr {
    Expr::Num(v)
}

fn is_num(e: &Expr, v: f64) -> bool {
    matches!(e, Expr::Num(n) if *n == v)
}

pub(super) fn add(l: Expr, r: Expr) -> Expr {
    match (&l, &r) {
        (Expr::Num(a), Expr::Num(c)) => num(a + c),
        _ if is_num(&l, 0.0) => r,
        _ if is_num(&r, 0.0) => l,
        _ => Expr::Add(b(l), b(r)),
    }
}

pub(super) fn sub(l: Expr, r: Expr) -> Expr {
    match (&l, &r) {
        (Expr::Num(a), Expr::Num(c)) => num(a - c),
        _ if is_num(&r, 0.0) => l,
        _ if is_num(&l, 0.0) => neg(r),
        _ => Expr::Sub(b(l), b(r)),
    }
}

pub(super) fn mul(l: Expr, r: Expr) -> Expr {
    match (&l, &r) {
        (Expr::Num(a), Expr::Num(c)) => num(a * c),
        _ if is_num(&l, 0.0) || is_num(&r, 0.0) => num(0.0),
        _ if is_num(&l, 1.0) => r,
        _ if is_num(&r, 1.0) => l,
        _ if is_num(&l, -1.0) => neg(r),
        _ if is_num(&r, -1.0) => neg(l),
        // a·(1/d) = a/d and (1/d)·a = a/d.
        (Expr::Div(one, d), _) if is_num(one, 1.0) => div(r, (**d).clone()),
        (_, Expr::Div(one, d)) if is_num(one, 1.0) => div(l, (**d).clone()),
        _ => Expr::Mul(b(l), b(r)),
    }
}

fn div(l: Expr, r: Expr) -> Expr {
    match (&l, &r) {
        _ if is_num(&l, 0.0) => num(0.0),
        _ if is_num(&r, 1.0) => l,
        _ => Expr::Div(b(l), b(r)),
    }
}

fn neg(e: Expr) -> Expr {
    match e {
        Expr::Num(v) => num(-v),
        Expr::Neg(inner) => *inner,
        other => Expr::Neg(b(other)),
    }
}

fn pow(base: Expr, exponent: Expr) -> Expr {
    if is_num(&exponent, 1.0) {
        return base;
    }
    Expr::Pow(b(base), b(exponent))
}

fn call(f: Func, a: &Expr) -> Expr {
    Expr::Call(f, b(a.clone()))
}

fn step(test: Expr, pos: Expr, neg: Expr) -> Expr {
    if pos == neg {
        return pos;
    }
    Expr::Step { test: b(test), pos: b(pos), neg: b(neg) }
}

/// d/dx of `e`.
pub fn derivative(e: &Expr) -> Expr {
    if !e.has_x() {
        return num(0.0);
    }
    match e {
        Expr::Num(_) | Expr::Const(_) => num(0.0),
        Expr::X => num(1.0),
        Expr::Neg(a) => neg(derivative(a)),
        Expr::Add(l, r) => add(derivative(l), derivative(r)),
        Expr::Sub(l, r) => sub(derivative(l), derivative(r)),
        Expr::Mul(l, r) => add(mul(derivative(l), (**r).clone()), mul((**l).clone(), derivative(r))),
        Expr::Div(l, r) if !r.has_x() => div(derivative(l), (**r).clone()),
        // (l/r)′ = l′/r − l·r′/r²
        Expr::Div(l, r) => sub(
            div(derivative(l), (**r).clone()),
            div(mul((**l).clone(), derivative(r)), pow((**r).clone(), num(2.0))),
        ),
        Expr::Pow(base, exponent) => power(base, exponent),
        Expr::Call(f, a) => mul(outer(*f, a), derivative(a)),
        // Ties go to the first argument: max picks l unless r > l.
        Expr::Max(l, r) => step(sub((**r).clone(), (**l).clone()), derivative(r), derivative(l)),
        Expr::Min(l, r) => step(sub((**l).clone(), (**r).clone()), derivative(r), derivative(l)),
        Expr::Step { test, pos, neg } => step((**test).clone(), derivative(pos), derivative(neg)),
    }
}

/// (a^b)′: the power rule when b is constant, the exponential rule when a is, else both.
fn power(a: &Expr, bx: &Expr) -> Expr {
    let (a, bx) = (a.clone(), bx.clone());
    if !bx.has_x() {
        // b·a^(b−1)·a′
        let lowered = pow(a.clone(), sub(bx.clone(), num(1.0)));
        return mul(mul(bx, lowered), derivative(&a));
    }
    let whole = Expr::Pow(b(a.clone()), b(bx.clone()));
    if !a.has_x() {
        return mul(mul(whole, call(Func::Log, &a)), derivative(&bx));
    }
    // a^b·(b′·ln a + b·a′/a)
    let inner = add(mul(derivative(&bx), call(Func::Log, &a)), div(mul(bx, derivative(&a)), a));
    mul(whole, inner)
}

/// f′(a) for a function of one argument, as an expression in a.
fn outer(f: Func, a: &Expr) -> Expr {
    match f {
        Func::Exp | Func::Expm1 => call(Func::Exp, a),
        Func::Log => div(num(1.0), a.clone()),
        Func::Log1p => div(num(1.0), add(num(1.0), a.clone())),
        Func::Sqrt => div(num(0.5), call(Func::Sqrt, a)),
        Func::Abs => call(Func::Sign, a),
        Func::Sign => num(0.0),
        Func::Sin => call(Func::Cos, a),
        Func::Cos => neg(call(Func::Sin, a)),
        // sec² and sech² as 1/cos², 1/cosh²: the latter fades to 0 (never NaN) once cosh overflows.
        Func::Tan => div(num(1.0), pow(call(Func::Cos, a), num(2.0))),
        Func::Sinh => call(Func::Cosh, a),
        Func::Cosh => call(Func::Sinh, a),
        Func::Tanh => div(num(1.0), pow(call(Func::Cosh, a), num(2.0))),
        Func::Atan => div(num(1.0), add(num(1.0), pow(a.clone(), num(2.0)))),
        Func::Erf => mul(num(FRAC_2_SQRT_PI), call(Func::Exp, &neg(pow(a.clone(), num(2.0))))),
        // σ′(a) = σ(a)·σ(−a): no 1 − σ cancellation in the tails.
        Func::Sigmoid => mul(call(Func::Sigmoid, a), call(Func::Sigmoid, &neg(a.clone()))),
        Func::Softplus => call(Func::Sigmoid, a),
        Func::Relu => step(a.clone(), num(1.0), num(0.0)),
    }
}
