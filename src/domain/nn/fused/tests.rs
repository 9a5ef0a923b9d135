//! The fused path against the tensor-op path (`Mlp::forward_tape`, `Mlp::backward`): same
//! values, derivatives and gradients for every activation (custom formulas and PReLU's learned
//! slope included), on random inputs. The comparison with autodiff and of the optimizer
//! updates is in `trainer`'s tests (they need its tensor-op rules).

use burn::tensor::{Tensor, TensorData};

use super::kernels;
use crate::domain::activation::Activation;
use crate::domain::nn::model::{to_vec, Backend, Device, Mlp, NetworkWeights};
use crate::domain::nn::rng::Rng;
use crate::domain::nn::settings::{LossKind, Settings};

type Tensor2 = Tensor<Backend, 2>;

/// Every built-in activation, some at other parameters, PReLU slopes, two custom formulas.
fn activations() -> Vec<Activation> {
    let mut all = Activation::ALL.to_vec();
    all.extend([
        Activation::LeakyRelu { slope: 0.3 },
        Activation::Prelu { a: -0.3 },
        Activation::Elu { alpha: 0.5 },
        Activation::Softplus { beta: 3.0 },
        Activation::Softshrink { lambda: 1.0 },
    ]);
    for formula in ["custom(x*tanh(softplus(x)))", "custom(max(x, 0.2*x) + sin(x))"] {
        all.push(Activation::parse(formula).unwrap_or_else(|e| panic!("{formula}: {e}")));
    }
    all
}

fn close(what: &str, got: Tensor2, want: Tensor2) {
    let (got, want) = (to_vec(got), to_vec(want));
    assert_eq!(got.len(), want.len(), "{what}: sizes");
    for (g, w) in got.iter().zip(&want) {
        assert!((g - w).abs() <= 2e-5 * w.abs().max(1.0), "{what}: fused {got:?} vs tensor ops {want:?}");
    }
}

/// A [5, 4, 3] network with the given activations (PReLU layers get their slope) and `n`
/// random inputs spread over [−9, 9] (into every activation's tails and kinks' sides).
fn case(hidden: [Activation; 3], n: usize, rng: &mut Rng) -> (Mlp<Backend>, Tensor2) {
    let device = Device::default();
    let settings = Settings { hidden: vec![5, 4, 3], ..Settings::default() };
    let mut w = NetworkWeights::init(&settings);
    for (l, a) in hidden.iter().enumerate() {
        w.layers[l].prelu_slope = match a {
            Activation::Prelu { a } => Some(*a as f32),
            _ => None,
        };
    }
    let xs: Vec<f32> = (0..n * 2).map(|_| (3.0 * rng.normal()) as f32).collect();
    (Mlp::from_weights(&w, &hidden, &device), Tensor2::from_data(TensorData::new(xs, [n, 2]), &device))
}

#[test]
fn fused_forward_and_backward_equal_the_tensor_path_for_every_activation() {
    let mut rng = Rng::derive(11, "fused");
    let acts = activations();
    let mut slopes = 0;
    for (i, &a) in acts.iter().enumerate() {
        let b = acts[(i + 7) % acts.len()];
        let hidden = [a, b, Activation::Prelu { a: 0.2 }];
        for n in [1, 10, 40] {
            let (model, x) = case(hidden, n, &mut rng);
            let what = format!("{hidden:?} n={n}");
            let fused = model.forward_tape_fused(x.clone());
            let plain = model.forward_tape(x);
            for l in 0..3 {
                close(&format!("{what} z{l}"), fused.pre[l].clone(), plain.pre[l].clone());
                close(&format!("{what} h{l}"), fused.post()[l].clone(), plain.post()[l].clone());
                let (fd, pd) = (fused.derivatives[l].clone(), plain.derivatives[l].clone());
                close(&format!("{what} f'{l}"), fd, pd);
            }
            close(&format!("{what} output"), fused.output.clone(), plain.output.clone());
            let d_out: Vec<f32> = (0..n).map(|_| rng.normal() as f32).collect();
            let d_out = Tensor2::from_data(TensorData::new(d_out, [n, 1]), &Device::default());
            let gf = model.backward_fused(&fused, d_out.clone());
            let gp = model.backward(&plain, d_out);
            assert_eq!(gf.len(), gp.len());
            for (l, (f, p)) in gf.into_iter().zip(gp).enumerate() {
                close(&format!("{what} dW{l}"), f.weight, p.weight);
                close(&format!("{what} db{l}"), f.bias, p.bias);
                assert_eq!(f.slope.is_some(), p.slope.is_some(), "{what}: slope of layer {l}");
                if let (Some(fs), Some(ps)) = (f.slope, p.slope) {
                    close(&format!("{what} da{l}"), fs, ps);
                    slopes += 1;
                }
            }
        }
    }
    assert!(slopes >= 3 * acts.len(), "every case has a PReLU layer: {slopes}");
}

#[test]
fn fused_loss_gradient_is_the_mean_losss_derivative() {
    let zs = [-90.0f32, -30.0, -2.0, 0.0, 0.5, 3.0, 40.0];
    let labels = [1.0, -1.0, 1.0, -1.0, 0.3, 1.0, -1.0];
    for kind in LossKind::ALL {
        let ts: Vec<f32> = labels.iter().map(|&l| target(kind, l)).collect();
        let got = kernels::loss_gradient(kind, &zs, &ts, 4);
        for ((&z, &label), g) in zs.iter().zip(&labels).zip(got) {
            let h = 1e-5 * f64::from(z).abs().max(1.0);
            let z = f64::from(z);
            let want = (kind.loss(z + h, label) - kind.loss(z - h, label)) / (2.0 * h) / 4.0;
            assert!(g.is_finite(), "{kind:?} at {z}: {g}");
            assert!((f64::from(g) - want).abs() < 1e-4, "{kind:?} at {z}: {g} vs {want}");
        }
    }
}

/// The loss target of a label (as `trainer` uploads it).
fn target(kind: LossKind, label: f64) -> f32 {
    match kind {
        LossKind::SigmoidBce => (0.5 * (label + 1.0)) as f32,
        LossKind::LinearMse | LossKind::TanhMse => label as f32,
    }
}
