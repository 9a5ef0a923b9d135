//! Each activation's derivative as burn tensor ops, computed with its value: what the training
//! engine's hand-written backward pass multiplies the incoming gradient by (no autodiff).
//!
//! The value is computed with the same ops, in the same order, as [`Activation::forward`], so
//! it is bit-identical to it; the derivative follows the same kink conventions as
//! `forward`'s autodiff gradient and [`Activation::derivative`] (PyTorch's, see the module
//! documentation of `tensor`): each branch is chosen by the same mask comparison. Work is
//! shared where the formula allows (tanh′ = 1 − tanh², σ′ = σ(1 − σ), the exponential of the
//! ELU family), and inputs to `exp` are clamped as in `forward`, so that no discarded branch
//! overflows: values and derivatives are finite for any finite input. Tested against autodiff
//! of `forward` and against the f64 `derivative` (`tests` below).

use std::f64::consts::{FRAC_1_SQRT_2, PI};

use burn::tensor::{activation, backend::Backend, Tensor};

use super::scalar::{GELU_TANH_CUBIC, SELU_ALPHA, SELU_SCALE, SOFTPLUS_THRESHOLD, SQRT_2_OVER_PI};
use super::Activation;

impl Activation {
    /// `(f(x), f′(x))` elementwise. See the module documentation.
    pub fn forward_with_derivative<B: Backend, const D: usize>(
        &self,
        x: Tensor<B, D>,
    ) -> (Tensor<B, D>, Tensor<B, D>) {
        match *self {
            Activation::Identity => (x.clone(), x.ones_like()),
            Activation::Custom(f) => (f.forward_tensor(x.clone()), f.derivative_tensor(x)),
            Activation::Relu => {
                let d = x.clone().greater_elem(0.0).float();
                (activation::relu(x), d)
            }
            Activation::LeakyRelu { slope: k } | Activation::Prelu { a: k } => {
                let negative = x.clone().lower_equal_elem(0.0);
                let d = x.ones_like().mask_fill(negative.clone(), k);
                (x.clone().mask_where(negative, x.mul_scalar(k)), d)
            }
            Activation::Elu { alpha } => exp_linear(x, alpha, 1.0),
            Activation::Selu => {
                let (h, d) = exp_linear(x, SELU_ALPHA, 1.0);
                (h.mul_scalar(SELU_SCALE), d.mul_scalar(SELU_SCALE))
            }
            Activation::Celu { alpha } => exp_linear(x, alpha, 1.0 / alpha),
            Activation::Gelu => {
                let cdf = x.clone().mul_scalar(FRAC_1_SQRT_2).erf().add_scalar(1.0);
                // φ(x) = e^(−x²/2)/√(2π): 0 (not NaN) far in both tails.
                let pdf = x.clone().square().mul_scalar(-0.5).exp().mul_scalar(1.0 / (2.0 * PI).sqrt());
                let d = cdf.clone().mul_scalar(0.5) + x.clone().mul(pdf);
                (x.mul(cdf).mul_scalar(0.5), d)
            }
            Activation::GeluTanh => gelu_tanh(x),
            Activation::Silu => {
                swish_like(x.clone(), activation::sigmoid(x.clone()), 1.0, activation::silu(x))
            }
            Activation::Swish { beta } => {
                let s = activation::sigmoid(x.clone().mul_scalar(beta));
                swish_like(x.clone(), s.clone(), beta, x.mul(s))
            }
            Activation::Mish => mish(x),
            Activation::Softplus { beta } => softplus(x, beta),
            Activation::Sigmoid => {
                let s = activation::sigmoid(x);
                let d = s.clone().mul(s.clone().neg().add_scalar(1.0));
                (s, d)
            }
            Activation::Tanh => {
                let t = x.tanh();
                let d = t.clone().square().neg().add_scalar(1.0);
                (t, d)
            }
            Activation::Softsign => {
                let denom = x.clone().abs().add_scalar(1.0);
                let d = denom.square().recip();
                (activation::softsign(x), d)
            }
            Activation::Hardsigmoid => {
                let low = x.clone().lower_equal_elem(-3.0);
                let high = x.clone().greater_equal_elem(3.0);
                let d = x
                    .ones_like()
                    .mul_scalar(1.0 / 6.0)
                    .mask_fill(low.clone(), 0.0)
                    .mask_fill(high.clone(), 0.0);
                (x.div_scalar(6.0).add_scalar(0.5).mask_fill(low, 0.0).mask_fill(high, 1.0), d)
            }
            Activation::Hardswish => {
                let low = x.clone().lower_elem(-3.0);
                let high = x.clone().greater_elem(3.0);
                let d = x
                    .clone()
                    .div_scalar(3.0)
                    .add_scalar(0.5)
                    .mask_fill(low.clone(), 0.0)
                    .mask_fill(high.clone(), 1.0);
                let middle = x.clone().mul(x.clone().add_scalar(3.0)).div_scalar(6.0);
                (middle.mask_fill(low, 0.0).mask_where(high, x), d)
            }
            Activation::Hardtanh => clamp_flat(x, -1.0, 1.0),
            Activation::Relu6 => clamp_flat(x, 0.0, 6.0),
            Activation::LogSigmoid => {
                let d = activation::sigmoid(x.clone().neg());
                (activation::log_sigmoid(x), d)
            }
            Activation::Tanhshrink => {
                let t = x.clone().tanh();
                (x - t.clone(), t.square())
            }
            Activation::Softshrink { lambda } => {
                let inside = x.clone().abs().lower_equal_elem(lambda);
                let below = x.clone().lower_elem(-lambda);
                let d = x.ones_like().mask_fill(inside.clone(), 0.0);
                let shifted = x.clone().sub_scalar(lambda);
                (shifted.mask_where(below, x.add_scalar(lambda)).mask_fill(inside, 0.0), d)
            }
            Activation::Hardshrink { lambda } => {
                let inside = x.clone().abs().lower_equal_elem(lambda);
                let d = x.ones_like().mask_fill(inside.clone(), 0.0);
                (x.mask_fill(inside, 0.0), d)
            }
        }
    }
}

/// The ELU family (see `tensor::exp_linear`): the clamped exponential serves both the value
/// alpha·(e^(scale·x) − 1) and the derivative alpha·scale·e^(scale·x) of the left side.
fn exp_linear<B: Backend, const D: usize>(
    x: Tensor<B, D>,
    alpha: f64,
    scale: f64,
) -> (Tensor<B, D>, Tensor<B, D>) {
    let negative = x.clone().lower_equal_elem(0.0);
    let e = x.clone().clamp_max(0.0).mul_scalar(scale).exp();
    let d = x.ones_like().mask_where(negative.clone(), e.clone().mul_scalar(alpha * scale));
    let curve = e.sub_scalar(1.0).mul_scalar(alpha);
    (x.mask_where(negative, curve), d)
}

/// `(value, derivative)` of x·s with s = σ(βx): s·(1 + βx·(1 − s)).
fn swish_like<B: Backend, const D: usize>(
    x: Tensor<B, D>,
    s: Tensor<B, D>,
    beta: f64,
    value: Tensor<B, D>,
) -> (Tensor<B, D>, Tensor<B, D>) {
    let one_minus = s.clone().neg().add_scalar(1.0);
    let d = s.mul(x.mul_scalar(beta).mul(one_minus).add_scalar(1.0));
    (value, d)
}

/// ½x(1 + tanh u), u = √(2/π)(x + 0.044715x³) (burn's `gelu_approximate` for the value), and
/// its derivative ½(1 + tanh u) + ½x(1 − tanh² u)·u′.
fn gelu_tanh<B: Backend, const D: usize>(x: Tensor<B, D>) -> (Tensor<B, D>, Tensor<B, D>) {
    let x2 = x.clone().square();
    let u = x.clone().mul(x2.clone().mul_scalar(GELU_TANH_CUBIC).add_scalar(1.0)).mul_scalar(SQRT_2_OVER_PI);
    let t = u.tanh();
    let du = x2.mul_scalar(3.0 * GELU_TANH_CUBIC).add_scalar(1.0).mul_scalar(SQRT_2_OVER_PI);
    let sech2 = t.clone().square().neg().add_scalar(1.0);
    let d = t.add_scalar(1.0).mul_scalar(0.5) + x.clone().mul(sech2).mul(du).mul_scalar(0.5);
    (activation::gelu_approximate(x), d)
}

/// x·tanh(softplus x), and tanh(sp) + x·(1 − tanh² sp)·σ(x).
fn mish<B: Backend, const D: usize>(x: Tensor<B, D>) -> (Tensor<B, D>, Tensor<B, D>) {
    let (sp, s) = softplus(x.clone(), 1.0);
    let t = sp.tanh();
    let sech2 = t.clone().square().neg().add_scalar(1.0);
    let d = t.clone() + x.clone().mul(sech2).mul(s);
    (x.mul(t), d)
}

/// As `tensor::softplus`; the derivative σ(βx) = e/(1 + e) reuses the clamped e = e^(βx), and
/// is 1 where the function is linear.
fn softplus<B: Backend, const D: usize>(x: Tensor<B, D>, beta: f64) -> (Tensor<B, D>, Tensor<B, D>) {
    let bx = x.clone().mul_scalar(beta);
    let linear = bx.clone().greater_elem(SOFTPLUS_THRESHOLD);
    let e = bx.clamp_max(SOFTPLUS_THRESHOLD).exp();
    let d = e.clone().div(e.clone().add_scalar(1.0)).mask_fill(linear.clone(), 1.0);
    let curve = e.log1p().div_scalar(beta);
    (curve.mask_where(linear, x), d)
}

/// x clamped to [lo, hi], derivative 1 strictly inside and 0 at and beyond both ends.
fn clamp_flat<B: Backend, const D: usize>(x: Tensor<B, D>, lo: f64, hi: f64) -> (Tensor<B, D>, Tensor<B, D>) {
    let below = x.clone().lower_equal_elem(lo);
    let above = x.clone().greater_equal_elem(hi);
    let d = x.ones_like().mask_fill(below.clone(), 0.0).mask_fill(above.clone(), 0.0);
    (x.mask_fill(below, lo).mask_fill(above, hi), d)
}

#[cfg(test)]
mod tests {
    use burn::backend::{Autodiff, NdArray};
    use burn::tensor::TensorData;

    use super::*;

    type Plain = NdArray<f32>;
    type Auto = Autodiff<Plain>;

    /// Reference points, every kink (and its neighbours in f32) and the far tails.
    fn points(a: &Activation) -> Vec<f32> {
        let mut xs = vec![-1e4f32, -100.0, -30.0, -8.0, -3.5, -2.0, -1.0, -0.5, -0.1, 0.0, 0.1, 0.5, 1.0];
        xs.extend([1.7, 2.5, 3.0, 4.0, 6.0, 7.5, 20.0, 30.0, 89.0, 100.0, 1e4]);
        for k in a.kinks() {
            let k = k.x as f32;
            xs.extend([k, k.next_down(), k.next_up()]);
        }
        xs
    }

    /// Every activation at its default and at a few non-default parameters.
    fn cases() -> Vec<Activation> {
        let mut all = Activation::ALL.to_vec();
        all.extend([
            Activation::LeakyRelu { slope: 0.3 },
            Activation::Prelu { a: -0.5 },
            Activation::Elu { alpha: 0.5 },
            Activation::Celu { alpha: 2.0 },
            Activation::Swish { beta: 2.5 },
            Activation::Softplus { beta: 3.0 },
            Activation::Softshrink { lambda: 1.0 },
            Activation::Hardshrink { lambda: 0.0 },
        ]);
        all
    }

    fn tensor<B: Backend>(xs: &[f32]) -> Tensor<B, 1> {
        Tensor::from_data(TensorData::new(xs.to_vec(), [xs.len()]), &Default::default())
    }

    fn values<B: Backend>(t: Tensor<B, 1>) -> Vec<f32> {
        t.into_data().iter::<f32>().collect()
    }

    #[test]
    fn the_derivative_equals_autodiff_of_forward_and_the_f64_derivative() {
        for a in cases() {
            let xs = points(&a);
            let x = tensor::<Auto>(&xs).require_grad();
            let grads = a.forward(x.clone()).sum().backward();
            let auto = values(x.grad(&grads).expect("x has a gradient"));
            let want_value = values(a.forward(tensor::<Plain>(&xs)));
            let (h, d) = a.forward_with_derivative(tensor::<Plain>(&xs));
            let (h, d) = (values(h), values(d));
            for (i, &x) in xs.iter().enumerate() {
                assert_eq!(
                    h[i].to_bits(),
                    want_value[i].to_bits(),
                    "{a}: value at {x}: {} vs forward {}",
                    h[i],
                    want_value[i]
                );
                assert!(d[i].is_finite(), "{a}: f'({x}) = {}", d[i]);
                let tol = 2e-6 * auto[i].abs().max(1.0);
                assert!(
                    (d[i] - auto[i]).abs() <= tol,
                    "{a}: f'({x}) = {} but autodiff gives {}",
                    d[i],
                    auto[i]
                );
                let exact = a.derivative(f64::from(x));
                let tol = 1e-5 * exact.abs().max(1.0);
                assert!(
                    (f64::from(d[i]) - exact).abs() <= tol,
                    "{a}: f'({x}) = {} but f64 gives {exact}",
                    d[i]
                );
            }
        }
    }

    #[test]
    fn kinks_take_pytorchs_side() {
        for a in cases() {
            for k in a.kinks() {
                let (_, d) = a.forward_with_derivative(tensor::<Plain>(&[k.x as f32]));
                assert_eq!(f64::from(values(d)[0]), k.at as f32 as f64, "{a} at its kink {}", k.x);
            }
        }
    }
}
