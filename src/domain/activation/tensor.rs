//! The burn tensor form of each activation, so that autodiff gives its gradient.
//!
//! burn 0.21's own activations were probed against the reference at ±30, ±89, ±100, ±1e4 and
//! at every kink (f32, `Autodiff<NdArray>`); where one differs from PyTorch it is rebuilt here
//! from basic tensor ops:
//! - `gelu`: its backward is the derivative of the *tanh approximation* (with 6-digit
//!   constants), off by up to 4e-4 from exact GELU's, so exact GELU is built from `erf`;
//! - `leaky_relu`, `prelu`: gradient 1 at x = 0 instead of the slope;
//! - `selu`: gradient λ at x = 0 instead of λα (PyTorch takes the left branch there);
//! - `hard_sigmoid`: gradient 1/6 at ±3 instead of 0; `clamp` (for hardtanh, relu6): gradient 1
//!   at both ends instead of 0;
//! - `softplus`: computed as ln(e^(βx) + 1), which is ∞ (and its gradient NaN) for βx ≳ 89 in
//!   f32, and has no threshold; `mish`, built on it, has a NaN gradient there;
//! - `elu`, `celu`, `selu`: `exp` of the positive side overflows in the branch the mask discards,
//!   and 0·∞ makes the gradient NaN for x ≳ 89.
//!
//! burn's `relu`, `sigmoid`, `log_sigmoid`, `silu`, `softsign` and `gelu_approximate` are
//! stable and have PyTorch's gradients, kink included, and are used as they are. (`hard_swish`,
//! `hard_shrink` and `soft_shrink` were right too; hardswish is written out anyway because burn's
//! is right at ±3 only through `hard_sigmoid`'s off-convention gradient there, and the shrinks
//! sit next to their masks for the kink convention to be visible.)
//!
//! Each branch is chosen with a mask on x whose comparison (`<` or `<=`) puts the kink point on
//! the side whose derivative PyTorch uses there; inputs to `exp` are clamped first so that the
//! branch a mask discards stays finite.

use std::f64::consts::FRAC_1_SQRT_2;

use burn::tensor::{activation, backend::Backend, Tensor};

use super::scalar::{SELU_ALPHA, SELU_SCALE, SOFTPLUS_THRESHOLD};
use super::Activation;

impl Activation {
    /// The same function on burn tensors (so autodiff gives its gradient). Uses self's parameter
    /// as a constant. At a kink the gradient follows PyTorch's convention, like
    /// [`Activation::derivative`].
    pub fn forward<B: Backend, const D: usize>(&self, x: Tensor<B, D>) -> Tensor<B, D> {
        match *self {
            Activation::Identity => x,
            // Gradient 0 at x = 0 (burn masks where the output is <= 0).
            Activation::Relu => activation::relu(x),
            Activation::LeakyRelu { slope: k } | Activation::Prelu { a: k } => {
                let negative = x.clone().lower_equal_elem(0.0);
                x.clone().mask_where(negative, x.mul_scalar(k))
            }
            Activation::Elu { alpha } => exp_linear(x, alpha, 1.0),
            Activation::Selu => exp_linear(x, SELU_ALPHA, 1.0).mul_scalar(SELU_SCALE),
            Activation::Celu { alpha } => exp_linear(x, alpha, 1.0 / alpha),
            Activation::Gelu => {
                let cdf = x.clone().mul_scalar(FRAC_1_SQRT_2).erf().add_scalar(1.0);
                x.mul(cdf).mul_scalar(0.5)
            }
            Activation::GeluTanh => activation::gelu_approximate(x),
            Activation::Silu => activation::silu(x),
            Activation::Swish { beta } => swish(x, beta),
            Activation::Mish => x.clone().mul(softplus(x, 1.0).tanh()),
            Activation::Softplus { beta } => softplus(x, beta),
            Activation::Sigmoid => activation::sigmoid(x),
            Activation::Tanh => x.tanh(),
            Activation::Softsign => activation::softsign(x),
            Activation::Hardsigmoid => {
                let low = x.clone().lower_equal_elem(-3.0);
                let high = x.clone().greater_equal_elem(3.0);
                x.div_scalar(6.0).add_scalar(0.5).mask_fill(low, 0.0).mask_fill(high, 1.0)
            }
            Activation::Hardswish => {
                // The middle branch x(x+3)/6 includes both ends: f'(−3) = −0.5, f'(3) = 1.5.
                let low = x.clone().lower_elem(-3.0);
                let high = x.clone().greater_elem(3.0);
                let middle = x.clone().mul(x.clone().add_scalar(3.0)).div_scalar(6.0);
                middle.mask_fill(low, 0.0).mask_where(high, x)
            }
            Activation::Hardtanh => clamp_flat(x, -1.0, 1.0),
            Activation::Relu6 => clamp_flat(x, 0.0, 6.0),
            Activation::LogSigmoid => activation::log_sigmoid(x),
            Activation::Tanhshrink => x.clone() - x.tanh(),
            Activation::Softshrink { lambda } => {
                let inside = x.clone().abs().lower_equal_elem(lambda);
                let below = x.clone().lower_elem(-lambda);
                let shifted = x.clone().sub_scalar(lambda);
                shifted.mask_where(below, x.add_scalar(lambda)).mask_fill(inside, 0.0)
            }
            Activation::Hardshrink { lambda } => {
                let inside = x.clone().abs().lower_equal_elem(lambda);
                x.mask_fill(inside, 0.0)
            }
            Activation::Custom(formula) => formula.forward_tensor(x),
        }
    }
}

/// x for x > 0, alpha·(e^(scale·x) − 1) for x ≤ 0 (elu: scale 1, celu: scale 1/alpha).
/// At 0 the gradient is the left one, alpha·scale, as in PyTorch.
fn exp_linear<B: Backend, const D: usize>(x: Tensor<B, D>, alpha: f64, scale: f64) -> Tensor<B, D> {
    let negative = x.clone().lower_equal_elem(0.0);
    // Clamped so that exp cannot overflow on the positive side, which the mask discards.
    let curve = x.clone().clamp_max(0.0).mul_scalar(scale).exp().sub_scalar(1.0).mul_scalar(alpha);
    x.mask_where(negative, curve)
}

/// ln(1 + e^(βx)) / β, and x itself where βx > 20 (PyTorch's threshold).
pub(super) fn softplus<B: Backend, const D: usize>(x: Tensor<B, D>, beta: f64) -> Tensor<B, D> {
    let bx = x.clone().mul_scalar(beta);
    let linear = bx.clone().greater_elem(SOFTPLUS_THRESHOLD);
    // e^(βx) ≤ e^20 after the clamp: finite in f32, and log1p keeps the left tail accurate.
    let curve = bx.clamp_max(SOFTPLUS_THRESHOLD).exp().log1p().div_scalar(beta);
    curve.mask_where(linear, x)
}

/// x·σ(βx).
fn swish<B: Backend, const D: usize>(x: Tensor<B, D>, beta: f64) -> Tensor<B, D> {
    x.clone().mul(activation::sigmoid(x.mul_scalar(beta)))
}

/// x clamped to [lo, hi] with gradient 0 at both ends (PyTorch's hardtanh convention).
fn clamp_flat<B: Backend, const D: usize>(x: Tensor<B, D>, lo: f64, hi: f64) -> Tensor<B, D> {
    let below = x.clone().lower_equal_elem(lo);
    let above = x.clone().greater_equal_elem(hi);
    x.mask_fill(below, lo).mask_fill(above, hi)
}
