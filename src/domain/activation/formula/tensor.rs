//! A tree as burn tensor operations: f (so autodiff gives its gradient) and, from the symbolic
//! derivative, f′ as tensor operations of its own (for a backward pass written by hand).
//!
//! Parts that do not depend on x are computed once in f64 and enter as scalars. Functions map
//! to burn's ops; `sigmoid` is burn's stable one, `softplus` the catalogue's (linear above 20,
//! `exp` clamped), `relu` burn's (gradient 0 at 0), max/min a mask that gives ties to the first
//! argument, like the f64 derivative's [`Expr::Step`].

use burn::tensor::{activation, backend::Backend, Tensor};

use super::super::tensor::softplus;
use super::ast::{Expr, Func};
use super::eval::eval;

/// A value on the way: a scalar (no x in it) or a tensor.
enum Val<B: Backend, const D: usize> {
    S(f64),
    T(Tensor<B, D>),
}

impl<B: Backend, const D: usize> Val<B, D> {
    /// As a tensor of x's shape.
    fn tensor(self, like: &Tensor<B, D>) -> Tensor<B, D> {
        match self {
            Val::S(v) => like.full_like(v),
            Val::T(t) => t,
        }
    }
}

/// `e` evaluated on the tensor x.
pub fn to_tensor<B: Backend, const D: usize>(e: &Expr, x: &Tensor<B, D>) -> Tensor<B, D> {
    node(e, x).tensor(x)
}

fn node<B: Backend, const D: usize>(e: &Expr, x: &Tensor<B, D>) -> Val<B, D> {
    if !e.has_x() {
        return Val::S(eval(e, 0.0));
    }
    let t = match e {
        Expr::X => x.clone(),
        Expr::Neg(a) => node(a, x).tensor(x).neg(),
        Expr::Add(a, b) => match (node(a, x), node(b, x)) {
            (Val::S(s), Val::T(t)) | (Val::T(t), Val::S(s)) => t.add_scalar(s),
            (l, r) => l.tensor(x).add(r.tensor(x)),
        },
        Expr::Sub(a, b) => match (node(a, x), node(b, x)) {
            (Val::S(s), Val::T(t)) => t.neg().add_scalar(s),
            (Val::T(t), Val::S(s)) => t.sub_scalar(s),
            (l, r) => l.tensor(x).sub(r.tensor(x)),
        },
        Expr::Mul(a, b) => match (node(a, x), node(b, x)) {
            (Val::S(s), Val::T(t)) | (Val::T(t), Val::S(s)) => t.mul_scalar(s),
            (l, r) => l.tensor(x).mul(r.tensor(x)),
        },
        Expr::Div(a, b) => match (node(a, x), node(b, x)) {
            (Val::S(s), Val::T(t)) => t.recip().mul_scalar(s),
            (Val::T(t), Val::S(s)) => t.div_scalar(s),
            (l, r) => l.tensor(x).div(r.tensor(x)),
        },
        Expr::Pow(a, b) => power(node(a, x), node(b, x), x),
        Expr::Call(f, a) => function(*f, node(a, x).tensor(x)),
        Expr::Max(a, b) => {
            let (a, b) = (node(a, x).tensor(x), node(b, x).tensor(x));
            b.clone().mask_where(a.clone().greater_equal(b), a)
        }
        Expr::Min(a, b) => {
            let (a, b) = (node(a, x).tensor(x), node(b, x).tensor(x));
            b.clone().mask_where(a.clone().lower_equal(b), a)
        }
        Expr::Step { test, pos, neg } => {
            let positive = node(test, x).tensor(x).greater_elem(0.0);
            node(neg, x).tensor(x).mask_where(positive, node(pos, x).tensor(x))
        }
        Expr::Num(_) | Expr::Const(_) => return Val::S(eval(e, 0.0)),
    };
    Val::T(t)
}

fn power<B: Backend, const D: usize>(base: Val<B, D>, exponent: Val<B, D>, x: &Tensor<B, D>) -> Tensor<B, D> {
    match (base, exponent) {
        (Val::T(t), Val::S(2.0)) => t.clone().mul(t),
        (Val::T(t), Val::S(s)) => t.powf_scalar(s),
        // s^t = e^(t·ln s) for s > 0 (burn has no scalar-to-tensor power).
        (Val::S(s), Val::T(t)) if s > 0.0 => t.mul_scalar(s.ln()).exp(),
        (l, r) => l.tensor(x).powf(r.tensor(x)),
    }
}

fn function<B: Backend, const D: usize>(f: Func, a: Tensor<B, D>) -> Tensor<B, D> {
    match f {
        Func::Exp => a.exp(),
        Func::Log => a.log(),
        Func::Log1p => a.log1p(),
        Func::Expm1 => a.exp().sub_scalar(1.0),
        Func::Sqrt => a.sqrt(),
        Func::Abs => a.abs(),
        Func::Sign => a.sign(),
        Func::Sin => a.sin(),
        Func::Cos => a.cos(),
        Func::Tan => a.tan(),
        Func::Sinh => a.sinh(),
        Func::Cosh => a.cosh(),
        Func::Tanh => a.tanh(),
        Func::Atan => a.atan(),
        Func::Erf => a.erf(),
        Func::Sigmoid => activation::sigmoid(a),
        Func::Softplus => softplus(a, 1.0),
        Func::Relu => activation::relu(a),
    }
}
