//! The `f64` closed forms: value, derivative, kinks and output range.
//!
//! Every formula is written to stay finite and accurate for any finite input: no `exp` of a
//! large positive number, no `1 − (something close to 1)` where a direct form exists, and
//! derivatives written analytically.

use std::f64::consts::{FRAC_1_SQRT_2, FRAC_2_SQRT_PI};

use super::{Activation, Kink};

/// SELU's scale λ = 1.0507009873554804934193349852946 (Klambauer et al. 2017, as in PyTorch),
/// rounded to the nearest `f64`.
pub(super) const SELU_SCALE: f64 = 1.050_700_987_355_480_5;
/// SELU's α = 1.6732632423543772848170429916717, rounded to the nearest `f64`.
pub(super) const SELU_ALPHA: f64 = 1.673_263_242_354_377_2;
/// √(2/π), for the tanh approximation of GELU.
pub(super) const SQRT_2_OVER_PI: f64 = 0.797_884_560_802_865_4;
/// The cubic coefficient of the tanh approximation of GELU.
pub(super) const GELU_TANH_CUBIC: f64 = 0.044_715;
/// PyTorch's softplus threshold: linear where β·x exceeds it.
pub(super) const SOFTPLUS_THRESHOLD: f64 = 20.0;

/// Minima of the non-monotonic self-gated functions (computed to 40 digits with mpmath).
const GELU_MIN: f64 = -0.169_971_207_479_903_66;
const GELU_TANH_MIN: f64 = -0.170_040_750_571_254_06;
const SILU_MIN: f64 = -0.278_464_542_761_073_8;
const MISH_MIN: f64 = -0.308_843_413_017_250_43;
/// Hardswish's minimum, at x = −1.5.
const HARDSWISH_MIN: f64 = -0.375;

/// The logistic sigmoid 1 / (1 + e⁻ˣ), evaluated so that `exp` never overflows.
pub(crate) fn sigmoid(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

/// ln(1 + eᶻ) without overflow: max(z, 0) + ln(1 + e^(−|z|)).
pub(crate) fn softplus(z: f64) -> f64 {
    z.max(0.0) + (-z.abs()).exp().ln_1p()
}

/// sech²(x) = 1 / cosh²(x); becomes 0 (not NaN) once cosh overflows.
fn sech2(x: f64) -> f64 {
    let c = x.cosh();
    1.0 / (c * c)
}

/// Φ(x), the standard normal CDF, via erfc so the left tail keeps its relative accuracy.
fn normal_cdf(x: f64) -> f64 {
    0.5 * libm::erfc(-x * FRAC_1_SQRT_2)
}

/// φ(x), the standard normal density.
fn normal_pdf(x: f64) -> f64 {
    // 1/√(2π) = ½ · (2/√π) · (1/√2)
    0.5 * FRAC_2_SQRT_PI * FRAC_1_SQRT_2 * (-0.5 * x * x).exp()
}

/// The argument of tanh in the tanh approximation of GELU.
fn gelu_tanh_inner(x: f64) -> f64 {
    SQRT_2_OVER_PI * (x + GELU_TANH_CUBIC * x * x * x)
}

impl Activation {
    /// f(x).
    pub fn value(&self, x: f64) -> f64 {
        match *self {
            Activation::Identity => x,
            Activation::Relu => {
                if x > 0.0 {
                    x
                } else {
                    0.0
                }
            }
            Activation::LeakyRelu { slope: k } | Activation::Prelu { a: k } => {
                if x > 0.0 {
                    x
                } else {
                    k * x
                }
            }
            Activation::Elu { alpha } => {
                if x > 0.0 {
                    x
                } else {
                    alpha * x.exp_m1()
                }
            }
            Activation::Selu => SELU_SCALE * Activation::Elu { alpha: SELU_ALPHA }.value(x),
            Activation::Celu { alpha } => {
                if x > 0.0 {
                    x
                } else {
                    alpha * (x / alpha).exp_m1()
                }
            }
            Activation::Gelu => x * normal_cdf(x),
            // ½(1 + tanh u) = σ(2u), which has no cancellation in the left tail.
            Activation::GeluTanh => x * sigmoid(2.0 * gelu_tanh_inner(x)),
            Activation::Silu => x * sigmoid(x),
            Activation::Swish { beta } => x * sigmoid(beta * x),
            Activation::Mish => x * softplus(x).tanh(),
            Activation::Softplus { beta } => {
                if beta * x > SOFTPLUS_THRESHOLD {
                    x
                } else {
                    softplus(beta * x) / beta
                }
            }
            Activation::Sigmoid => sigmoid(x),
            Activation::Tanh => x.tanh(),
            Activation::Softsign => x / (1.0 + x.abs()),
            Activation::Hardsigmoid => {
                if x <= -3.0 {
                    0.0
                } else if x >= 3.0 {
                    1.0
                } else {
                    x / 6.0 + 0.5
                }
            }
            Activation::Hardswish => {
                if x <= -3.0 {
                    0.0
                } else if x >= 3.0 {
                    x
                } else {
                    x * (x + 3.0) / 6.0
                }
            }
            Activation::Hardtanh => x.clamp(-1.0, 1.0),
            Activation::Relu6 => x.clamp(0.0, 6.0),
            Activation::LogSigmoid => -softplus(-x),
            Activation::Tanhshrink => x - x.tanh(),
            Activation::Softshrink { lambda } => {
                if x > lambda {
                    x - lambda
                } else if x < -lambda {
                    x + lambda
                } else {
                    0.0
                }
            }
            Activation::Hardshrink { lambda } => {
                if x > lambda || x < -lambda {
                    x
                } else {
                    0.0
                }
            }
            Activation::Custom(formula) => formula.value(x),
        }
    }

    /// f'(x). At a kink this is PyTorch's convention (the value its backward pass uses):
    /// relu'(0) = 0, leaky_relu'(0) = slope, elu'(0) = alpha, relu6'(0) = relu6'(6) = 0,
    /// hardtanh'(±1) = 0, hardsigmoid'(±3) = 0, hardswish'(−3) = −0.5, hardswish'(3) = 1.5,
    /// softshrink'(±λ) = hardshrink'(±λ) = 0.
    pub fn derivative(&self, x: f64) -> f64 {
        match *self {
            Activation::Identity => 1.0,
            Activation::Relu => {
                if x > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Activation::LeakyRelu { slope: k } | Activation::Prelu { a: k } => {
                if x > 0.0 {
                    1.0
                } else {
                    k
                }
            }
            Activation::Elu { alpha } => {
                if x > 0.0 {
                    1.0
                } else {
                    alpha * x.exp()
                }
            }
            Activation::Selu => SELU_SCALE * Activation::Elu { alpha: SELU_ALPHA }.derivative(x),
            Activation::Celu { alpha } => {
                if x > 0.0 {
                    1.0
                } else {
                    (x / alpha).exp()
                }
            }
            Activation::Gelu => normal_cdf(x) + x * normal_pdf(x),
            Activation::GeluTanh => {
                // ½(1 + tanh u) + ½x·sech²(u)·u', with ½(1 + tanh u) = σ(2u) and
                // ½sech²(u) = 2σ(2u)σ(−2u).
                let u = gelu_tanh_inner(x);
                let du = SQRT_2_OVER_PI * (1.0 + 3.0 * GELU_TANH_CUBIC * x * x);
                let s = sigmoid(2.0 * u);
                s + 2.0 * x * s * sigmoid(-2.0 * u) * du
            }
            Activation::Silu => Activation::Swish { beta: 1.0 }.derivative(x),
            Activation::Swish { beta } => {
                let bx = beta * x;
                sigmoid(bx) * (1.0 + bx * sigmoid(-bx))
            }
            Activation::Mish => {
                let sp = softplus(x);
                sp.tanh() + x * sech2(sp) * sigmoid(x)
            }
            Activation::Softplus { beta } => {
                if beta * x > SOFTPLUS_THRESHOLD {
                    1.0
                } else {
                    sigmoid(beta * x)
                }
            }
            Activation::Sigmoid => sigmoid(x) * sigmoid(-x),
            Activation::Tanh => sech2(x),
            Activation::Softsign => {
                let d = 1.0 + x.abs();
                1.0 / (d * d)
            }
            Activation::Hardsigmoid => {
                if x > -3.0 && x < 3.0 {
                    1.0 / 6.0
                } else {
                    0.0
                }
            }
            Activation::Hardswish => {
                if x < -3.0 {
                    0.0
                } else if x <= 3.0 {
                    x / 3.0 + 0.5
                } else {
                    1.0
                }
            }
            Activation::Hardtanh => {
                if x > -1.0 && x < 1.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Activation::Relu6 => {
                if x > 0.0 && x < 6.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Activation::LogSigmoid => sigmoid(-x),
            Activation::Tanhshrink => {
                let t = x.tanh();
                t * t
            }
            Activation::Softshrink { lambda } | Activation::Hardshrink { lambda } => {
                if x > lambda || x < -lambda {
                    1.0
                } else {
                    0.0
                }
            }
            Activation::Custom(formula) => formula.derivative(x),
        }
    }

    /// The points where f' jumps, left to right, with the one-sided limits of f' and the
    /// conventional f'(x) (a custom formula's are found numerically, and include the points where
    /// f itself jumps). Functions whose derivative is continuous for the current parameter
    /// (e.g. elu with alpha = 1, leaky_relu with slope = 1, shrinks with λ = 0) have none.
    pub fn kinks(&self) -> Vec<Kink> {
        if let Activation::Custom(formula) = self {
            return formula.kinks();
        }
        let jumps: Vec<(f64, f64, f64)> = match *self {
            Activation::Relu => vec![(0.0, 0.0, 1.0)],
            Activation::LeakyRelu { slope: k } | Activation::Prelu { a: k } => {
                vec![(0.0, k, 1.0)]
            }
            Activation::Elu { alpha } => vec![(0.0, alpha, 1.0)],
            Activation::Selu => vec![(0.0, SELU_SCALE * SELU_ALPHA, SELU_SCALE)],
            Activation::Hardsigmoid => vec![(-3.0, 0.0, 1.0 / 6.0), (3.0, 1.0 / 6.0, 0.0)],
            Activation::Hardswish => vec![(-3.0, 0.0, -0.5), (3.0, 1.5, 1.0)],
            Activation::Hardtanh => vec![(-1.0, 0.0, 1.0), (1.0, 1.0, 0.0)],
            Activation::Relu6 => vec![(0.0, 0.0, 1.0), (6.0, 1.0, 0.0)],
            // With λ = 0 there is no flat interval and both functions are the identity.
            Activation::Softshrink { lambda } | Activation::Hardshrink { lambda } if lambda > 0.0 => {
                vec![(-lambda, 1.0, 0.0), (lambda, 0.0, 1.0)]
            }
            _ => Vec::new(),
        };
        jumps
            .into_iter()
            .filter(|&(_, left, right)| left != right)
            .map(|(x, left, right)| Kink { x, left, right, at: self.derivative(x), value: self.value(x) })
            .collect()
    }

    /// The output range (infimum, supremum) for the current parameter; an end may be infinite.
    /// Whether an end is attained is not recorded (sigmoid gives (0, 1), relu6 gives (0, 6)).
    pub fn range(&self) -> (f64, f64) {
        const INF: f64 = f64::INFINITY;
        match *self {
            Activation::Identity | Activation::Tanhshrink => (-INF, INF),
            Activation::Softshrink { .. } | Activation::Hardshrink { .. } => (-INF, INF),
            Activation::Relu | Activation::Softplus { .. } => (0.0, INF),
            Activation::LeakyRelu { slope: k } | Activation::Prelu { a: k } => {
                if k == 0.0 {
                    (0.0, INF)
                } else {
                    (-INF, INF)
                }
            }
            Activation::Elu { alpha } | Activation::Celu { alpha } => (-alpha, INF),
            Activation::Selu => (-SELU_SCALE * SELU_ALPHA, INF),
            Activation::Gelu => (GELU_MIN, INF),
            Activation::GeluTanh => (GELU_TANH_MIN, INF),
            Activation::Silu => (SILU_MIN, INF),
            // x·σ(βx) = (βx)·σ(βx) / β: silu's curve shrunk by 1/β.
            Activation::Swish { beta } => (SILU_MIN / beta, INF),
            Activation::Mish => (MISH_MIN, INF),
            Activation::Hardswish => (HARDSWISH_MIN, INF),
            Activation::Sigmoid | Activation::Hardsigmoid => (0.0, 1.0),
            Activation::Tanh | Activation::Softsign | Activation::Hardtanh => (-1.0, 1.0),
            Activation::Relu6 => (0.0, 6.0),
            Activation::LogSigmoid => (-INF, 0.0),
            Activation::Custom(formula) => formula.analysis().range,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sigmoid_and_softplus_are_accurate_in_both_tails() {
        assert_eq!(sigmoid(1000.0), 1.0);
        assert!((sigmoid(-1000.0)).abs() < 1e-300);
        let tiny = sigmoid(-40.0);
        assert!((tiny / (-40f64).exp() - 1.0).abs() < 1e-12, "{tiny}");
        assert_eq!(softplus(1000.0), 1000.0);
        let small = softplus(-40.0);
        assert!((small / (-40f64).exp() - 1.0).abs() < 1e-12, "{small}");
        assert!((softplus(0.0) - std::f64::consts::LN_2).abs() < 1e-15);
    }

    #[test]
    fn gelu_tails_keep_relative_accuracy() {
        // Φ(−10) ≈ 7.619853024160527e-24 (the 1 + erf form would round this to 0).
        let v = Activation::Gelu.value(-10.0);
        assert!((v / (-10.0 * 7.619_853_024_160_527e-24) - 1.0).abs() < 1e-12, "{v}");
    }

    #[test]
    fn kinks_follow_the_parameter() {
        assert!(Activation::Elu { alpha: 1.0 }.kinks().is_empty());
        assert_eq!(Activation::Elu { alpha: 0.5 }.kinks().len(), 1);
        assert!(Activation::Softshrink { lambda: 0.0 }.kinks().is_empty());
        assert!(Activation::LeakyRelu { slope: 1.0 }.kinks().is_empty());
        let hardswish = Activation::Hardswish.kinks();
        assert_eq!(hardswish.iter().map(|k| k.x).collect::<Vec<_>>(), [-3.0, 3.0]);
        assert_eq!(hardswish[0].at, -0.5);
        assert_eq!(hardswish[1].at, 1.5);
    }
}
