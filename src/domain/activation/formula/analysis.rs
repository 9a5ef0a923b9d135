//! What is computed from a formula by looking at it numerically: its kinks, output range and
//! properties (as the catalogue's table shows them) and where it is undefined.
//!
//! - Kinks: the zeros of the arguments of abs, sign and relu and of a − b for max(a, b) and
//!   min(a, b), found on [−30, 30] by sign changes on a grid and bisection, kept where f′ (or
//!   f, for sign) actually jumps.
//! - Range and boundedness: f sampled densely on [−30, 30] and at |x| up to 10⁶.
//! - Saturation: f′ at x = ±10³ and ±10⁴ below 10⁻³ and not growing.
//! - Undefined: f and f′ sampled on [−20, 20] (where a neuron's pre-activation lives); the
//!   innermost part that is NaN or infinite there (in f32, which the network computes in) is
//!   named with the reason.

use std::fmt;

use super::super::{Kink, Properties};
use super::ast::{Expr, Func};
use super::diff::{derivative, sub};
use super::eval::eval;
use super::CustomFormula;

/// Kinks are looked for on [−KINK_RANGE, KINK_RANGE] (the Explorer plots at most ±20).
const KINK_RANGE: f64 = 30.0;
const KINK_STEPS: usize = 6000;
/// Training is refused when f or f′ is not finite somewhere on [−TRAIN_RANGE, TRAIN_RANGE].
const TRAIN_RANGE: f64 = 20.0;
const TRAIN_STEPS: usize = 800;
/// At most this many kinks are kept (a formula such as abs(sin(8*x)) has many).
const MAX_KINKS: usize = 64;

/// The formula's numerically found facts.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    pub kinks: Vec<Kink>,
    pub range: (f64, f64),
    pub properties: Properties,
    /// Why a network may not train with it, if it is undefined somewhere a neuron can reach.
    pub undefined: Option<DomainError>,
}

/// Where and why a formula is undefined (or infinite).
#[derive(Clone, Debug, PartialEq)]
pub struct DomainError {
    /// The part of the formula that fails, as text, e.g. `log(x)`.
    pub part: String,
    /// The reason, completing "log(x) …", e.g. "is undefined for x ≤ 0".
    pub reason: String,
}

impl fmt::Display for DomainError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.part, self.reason)
    }
}

impl std::error::Error for DomainError {}

impl Analysis {
    pub fn of(formula: CustomFormula) -> Analysis {
        let kinks = kinks(formula);
        let (range, bounded) = range(formula);
        let properties = properties(formula, &kinks, bounded);
        Analysis { kinks, range, properties, undefined: undefined(formula) }
    }
}

fn grid(half: f64, steps: usize) -> impl Iterator<Item = f64> {
    (0..=steps).map(move |i| -half + 2.0 * half * i as f64 / steps as f64)
}

/// The expressions whose zeros may be kinks.
fn kink_candidates(e: &Expr, out: &mut Vec<Expr>) {
    match e {
        Expr::Num(_) | Expr::Const(_) | Expr::X => {}
        Expr::Call(f, a) => {
            if matches!(f, Func::Abs | Func::Sign | Func::Relu) && a.has_x() {
                out.push((**a).clone());
            }
            kink_candidates(a, out);
        }
        Expr::Neg(a) => kink_candidates(a, out),
        Expr::Max(a, b) | Expr::Min(a, b) => {
            if a.has_x() || b.has_x() {
                out.push(sub((**a).clone(), (**b).clone()));
            }
            kink_candidates(a, out);
            kink_candidates(b, out);
        }
        Expr::Add(a, b) | Expr::Sub(a, b) | Expr::Mul(a, b) | Expr::Div(a, b) | Expr::Pow(a, b) => {
            kink_candidates(a, out);
            kink_candidates(b, out);
        }
        Expr::Step { test, pos, neg } => {
            out.push((**test).clone());
            kink_candidates(pos, out);
            kink_candidates(neg, out);
        }
    }
}

/// Zeros of g on the kink grid: grid points where g = 0, and bisected sign changes.
fn zeros(g: &Expr) -> Vec<f64> {
    let xs: Vec<f64> = grid(KINK_RANGE, KINK_STEPS).collect();
    let values: Vec<f64> = xs.iter().map(|&x| eval(g, x)).collect();
    let mut out = Vec::new();
    for i in 0..xs.len() {
        if values[i] == 0.0 {
            out.push(xs[i]);
        } else if i + 1 < xs.len() && values[i] * values[i + 1] < 0.0 {
            out.push(bisect(g, xs[i], xs[i + 1]));
        }
        if out.len() > MAX_KINKS * 4 {
            break;
        }
    }
    out
}

fn bisect(g: &Expr, mut a: f64, mut b: f64) -> f64 {
    let ga = eval(g, a);
    for _ in 0..80 {
        let m = 0.5 * (a + b);
        let gm = eval(g, m);
        if gm == 0.0 || m == a || m == b {
            return m;
        }
        if (gm < 0.0) == (ga < 0.0) {
            a = m;
        } else {
            b = m;
        }
    }
    0.5 * (a + b)
}

/// Whether `a` and `b` differ by more than rounding and the width of the probe.
fn jumps(a: f64, b: f64) -> bool {
    (a - b).abs() > 1e-4 * (1.0 + a.abs() + b.abs())
}

fn kinks(formula: CustomFormula) -> Vec<Kink> {
    let mut candidates = Vec::new();
    kink_candidates(formula.expr(), &mut candidates);
    let mut xs: Vec<f64> = candidates.iter().flat_map(zeros).collect();
    xs.sort_by(f64::total_cmp);
    xs.dedup_by(|a, b| (*a - *b).abs() <= 1e-9 * (1.0 + b.abs()));
    xs.into_iter()
        .filter_map(|x| {
            let d = 1e-7 * x.abs().max(1.0);
            let (left, right) = (formula.derivative(x - d), formula.derivative(x + d));
            let f_jumps = jumps(formula.value(x - d), formula.value(x + d));
            let finite = left.is_finite() && right.is_finite();
            (finite && (jumps(left, right) || f_jumps)).then(|| Kink {
                x,
                left,
                right,
                at: formula.derivative(x),
                value: formula.value(x),
            })
        })
        .take(MAX_KINKS)
        .collect()
}

/// (inf, sup) of f, infinite on a side where it is unbounded; and whether each side is bounded.
fn range(formula: CustomFormula) -> ((f64, f64), (bool, bool)) {
    let near: Vec<f64> = grid(KINK_RANGE, KINK_STEPS * 2).map(|x| formula.value(x)).collect();
    let far: Vec<f64> =
        [1e2, 1e3, 1e4, 1e5, 1e6].into_iter().flat_map(|x: f64| [x, -x]).map(|x| formula.value(x)).collect();
    let finite = |v: &&f64| !v.is_nan();
    let near_lo = near.iter().filter(finite).copied().fold(f64::INFINITY, f64::min);
    let near_hi = near.iter().filter(finite).copied().fold(f64::NEG_INFINITY, f64::max);
    let far_lo = far.iter().filter(finite).copied().fold(f64::INFINITY, f64::min);
    let far_hi = far.iter().filter(finite).copied().fold(f64::NEG_INFINITY, f64::max);
    let slack = |v: f64| 1e-6 * (1.0 + v.abs());
    let bounded_below = near_lo.is_finite() && far_lo >= near_lo - slack(near_lo);
    let bounded_above = near_hi.is_finite() && far_hi <= near_hi + slack(near_hi);
    let lo = if bounded_below { near_lo.min(far_lo) } else { f64::NEG_INFINITY };
    let hi = if bounded_above { near_hi.max(far_hi) } else { f64::INFINITY };
    ((lo, hi), (bounded_below, bounded_above))
}

/// f′ → 0 on the side `sign` (−1 or 1): small at 10³ and 10⁴, and not growing.
fn saturates(formula: CustomFormula, sign: f64) -> bool {
    let (a, b) = (formula.derivative(sign * 1e3).abs(), formula.derivative(sign * 1e4).abs());
    a < 1e-3 && b <= a.max(1e-12)
}

fn properties(formula: CustomFormula, kinks: &[Kink], (below, above): (bool, bool)) -> Properties {
    let slopes: Vec<f64> = grid(KINK_RANGE, KINK_STEPS).map(|x| formula.derivative(x)).collect();
    let rising = slopes.iter().all(|&d| d >= -1e-12);
    let falling = slopes.iter().all(|&d| d <= 1e-12);
    let values: Vec<f64> = grid(KINK_RANGE, KINK_STEPS).map(|x| formula.value(x)).collect();
    let takes_both_signs = values.iter().any(|&v| v < 0.0) && values.iter().any(|&v| v > 0.0);
    // f′ = 0 on an interval at least 0.1 wide (10 grid steps of 0.01).
    let dying = slopes.windows(11).any(|w| w.iter().all(|&d| d == 0.0));
    let self_gated = match formula.expr() {
        Expr::Mul(a, b) => (**a == Expr::X && b.has_x()) || (**b == Expr::X && a.has_x()),
        _ => false,
    };
    Properties {
        monotonic: rising || falling,
        smooth: kinks.is_empty() && slopes.iter().all(|d| d.is_finite()),
        bounded_below: below,
        bounded_above: above,
        zero_centred: formula.value(0.0).abs() < 1e-12 && takes_both_signs,
        self_gated,
        dying_region: dying,
        saturates_left: saturates(formula, -1.0),
        saturates_right: saturates(formula, 1.0),
    }
}

/// Whether the network (which computes in f32) can use the value: finite in f32.
fn usable(v: f64) -> bool {
    (v as f32).is_finite()
}

/// The first reason found on the training range why f or f′ is not finite (in f32), if any.
fn undefined(formula: CustomFormula) -> Option<DomainError> {
    for x in grid(TRAIN_RANGE, TRAIN_STEPS) {
        if !usable(formula.value(x)) {
            return Some(culprit(formula.expr(), x));
        }
    }
    for x in grid(TRAIN_RANGE, TRAIN_STEPS) {
        if !usable(formula.derivative(x)) {
            return Some(slope_culprit(formula.expr(), x));
        }
    }
    None
}

/// The innermost part of `e` that is not finite at x, and why.
fn culprit(e: &Expr, x: f64) -> DomainError {
    if let Some(inner) = e.children().into_iter().find(|c| !usable(eval(c, x))) {
        return culprit(inner, x);
    }
    let part = e.to_string();
    let reason = match e {
        Expr::Call(Func::Log, a) => format!("is undefined for {a} ≤ 0"),
        Expr::Call(Func::Sqrt, a) => format!("is undefined for {a} < 0"),
        Expr::Call(Func::Log1p, a) => format!("is undefined for {a} ≤ −1"),
        Expr::Div(_, b) => format!("is undefined where {b} = 0 (at x = {})", short(x)),
        Expr::Pow(a, _) if eval(e, x).is_nan() => {
            format!("is undefined for {a} < 0 (at x = {}): use a whole-number power", short(x))
        }
        _ if eval(e, x).is_nan() => format!("is undefined at x = {}", short(x)),
        _ => format!("overflows (beyond 3.4e38, the largest f32) at x = {}", short(x)),
    };
    DomainError { part, reason }
}

/// The innermost part of `e` whose slope is not finite at x (f itself is finite there).
fn slope_culprit(e: &Expr, x: f64) -> DomainError {
    if let Some(inner) = e.children().into_iter().find(|c| !usable(eval(&derivative(c), x))) {
        return slope_culprit(inner, x);
    }
    DomainError { part: e.to_string(), reason: format!("has an infinite slope at x = {}", short(x)) }
}

fn short(x: f64) -> String {
    let rounded = (x * 1e6).round() / 1e6;
    format!("{}", rounded + 0.0)
}
