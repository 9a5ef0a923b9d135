//! The fused path against the tensor-op path (`Mlp::forward_tape`, `Mlp::backward`): same
//! values, derivatives and gradients for every activation (custom formulas and PReLU's learned
//! slope included), on random inputs. The comparison with autodiff and of the optimizer
//! updates is in `trainer`'s tests (they need its tensor-op rules).

use burn::module::Param;
use burn::tensor::{Tensor, TensorData};

use super::{kernels, Slot, StepSpec, UpdateRule};
use crate::domain::activation::Activation;
use crate::domain::nn::model::{to_vec, Backend, Device, Mlp, NetworkWeights};
use crate::domain::nn::rng::Rng;
use crate::domain::nn::settings::{LossKind, OptimizerKind, Regularization, Settings};

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

/// The per-layer fused ops of one minibatch step (`Session`'s path for a large minibatch or a
/// custom activation), the reference of the whole-step op.
fn per_layer_step(
    model: &mut Mlp<Backend>,
    slots: &mut [[Slot<Backend>; 3]],
    x: &Tensor2,
    t: &Tensor2,
    spec: &StepSpec,
) {
    let n = x.dims()[0];
    let tape = model.forward_tape_fused(x.clone());
    let dz = super::loss_gradient(spec.loss, tape.output.clone(), t.clone(), n);
    let grads = model.backward_fused(&tape, dz);
    let layers = model.hidden.iter_mut().chain(std::iter::once(&mut model.output));
    for ((layer, g), [ws, bs, ss]) in layers.zip(grads).zip(slots.iter_mut()) {
        let w = super::update(layer.weight.val(), g.weight, &mut ws.first, &mut ws.second, &spec.weight_rule);
        layer.weight = Param::initialized(layer.weight.id, w);
        let b = super::update(layer.bias.val(), g.bias, &mut bs.first, &mut bs.second, &spec.rule);
        layer.bias = Param::initialized(layer.bias.id, b);
        if let (Some(slope), Some(g)) = (layer.slope.as_mut(), g.slope) {
            let a = super::update(slope.val(), g, &mut ss.first, &mut ss.second, &spec.rule);
            *slope = Param::initialized(slope.id, a);
        }
    }
}

fn bits(w: &NetworkWeights) -> Vec<u32> {
    let layers = w.layers.iter();
    layers
        .flat_map(|l| l.weights.iter().flatten().chain(&l.biases).chain(&l.prelu_slope))
        .map(|v| v.to_bits())
        .collect()
}

/// The whole-step op gives the per-layer ops' bits: every activation it evaluates (PReLU's
/// learned slope included), every optimizer, penalty and loss, over three steps (so the
/// moments carried between steps too), on a minibatch that is a slice of the epoch's rows.
#[test]
fn whole_step_op_equals_the_per_layer_ops_bit_for_bit() {
    let fusable = [
        Activation::Identity,
        Activation::Relu,
        Activation::LeakyRelu { slope: 0.3 },
        Activation::Prelu { a: 0.2 },
        Activation::Tanh,
        Activation::Sigmoid,
    ];
    let mut rng = Rng::derive(12, "step");
    let device = Device::default();
    let mut cases = 0;
    for (i, &a) in fusable.iter().enumerate() {
        let hidden = [a, fusable[(i + 1) % 6], fusable[(i + 3) % 6]];
        for kind in OptimizerKind::ALL {
            for reg in [Regularization::None, Regularization::L1, Regularization::L2] {
                let loss = LossKind::ALL[cases % 3];
                let (mut fused, x) = case(hidden, 30, &mut rng);
                let mut layered = fused.clone();
                let ts: Vec<f32> = (0..30).map(|_| target(loss, rng.normal().signum())).collect();
                let t = Tensor2::from_data(TensorData::new(ts, [30, 1]), &device);
                let (mut fs, mut ls) =
                    (vec![<[Slot<Backend>; 3]>::default(); 4], vec![<[Slot<Backend>; 3]>::default(); 4]);
                for step in 1..=3 {
                    let rule = UpdateRule { kind, lr: 0.05, step, penalty: None };
                    let spec = StepSpec {
                        loss,
                        weight_rule: UpdateRule { penalty: Some((reg, 0.01)), ..rule },
                        rule,
                    };
                    let rows = (step as usize * 6)..(step as usize * 6 + 10);
                    assert!(fused.train_steps_fused(&mut fs, &x, &t, std::slice::from_ref(&rows), &spec));
                    let (xr, tr) = (x.clone().narrow(0, rows.start, 10), t.clone().narrow(0, rows.start, 10));
                    per_layer_step(&mut layered, &mut ls, &xr, &tr, &spec);
                    let what = format!("{hidden:?} {kind:?} {reg:?} {loss:?} step {step}");
                    assert_eq!(bits(&fused.to_weights()), bits(&layered.to_weights()), "{what}");
                }
                cases += 1;
            }
        }
    }
    assert_eq!(cases, 6 * 3 * 3);
}

/// A network with an activation the op does not evaluate is left to the per-layer ops.
#[test]
fn whole_step_op_declines_other_activations() {
    let mut rng = Rng::derive(13, "step");
    let (mut model, x) =
        case([Activation::Relu, Activation::Elu { alpha: 1.0 }, Activation::Tanh], 10, &mut rng);
    let before = bits(&model.to_weights());
    let t = Tensor2::from_data(TensorData::new(vec![1.0f32; 10], [10, 1]), &Device::default());
    let rule = UpdateRule { kind: OptimizerKind::Sgd, lr: 0.1, step: 1, penalty: None };
    let spec = StepSpec { loss: LossKind::SigmoidBce, weight_rule: rule, rule };
    let mut slots = vec![<[Slot<Backend>; 3]>::default(); 4];
    assert!(!model.train_steps_fused(&mut slots, &x, &t, std::slice::from_ref(&(0..10)), &spec));
    assert_eq!(bits(&model.to_weights()), before);
}

/// The pass op (the metrics' and the probe's) gives the per-layer ops' bits: forward values,
/// derivatives and output, and the gradients of every loss, on a slice of the rows.
#[test]
fn pass_op_equals_the_per_layer_ops_bit_for_bit() {
    let mut rng = Rng::derive(14, "pass");
    let device = Device::default();
    let fusable = [
        Activation::Identity,
        Activation::Relu,
        Activation::LeakyRelu { slope: 0.3 },
        Activation::Prelu { a: -0.4 },
        Activation::Tanh,
        Activation::Sigmoid,
    ];
    let as_bits =
        |v: &[Vec<f32>]| v.iter().map(|l| l.iter().map(|x| x.to_bits()).collect()).collect::<Vec<Vec<u32>>>();
    for (i, &a) in fusable.iter().enumerate() {
        let hidden = [a, fusable[(i + 2) % 6], fusable[(i + 3) % 6]];
        let loss = LossKind::ALL[i % 3];
        let (model, x) = case(hidden, 40, &mut rng);
        let ts: Vec<f32> = (0..40).map(|_| target(loss, rng.normal().signum())).collect();
        let t = Tensor2::from_data(TensorData::new(ts, [40, 1]), &device);
        for target in [None, Some((&t, loss, 40))] {
            let got = model.pass(&x, 5..37, target);
            let want = model.pass_layered(&x, 5..37, target);
            let what = format!("{hidden:?} {loss:?} with target {}", target.is_some());
            let (g, w) = (&got.forward, &want.forward);
            assert_eq!(as_bits(&g.pre), as_bits(&w.pre), "{what}: z");
            assert_eq!(as_bits(&g.derivatives), as_bits(&w.derivatives), "{what}: f'");
            assert_eq!(as_bits(&g.post), as_bits(&w.post), "{what}: f");
            assert_eq!(
                as_bits(std::slice::from_ref(&g.output)),
                as_bits(std::slice::from_ref(&w.output)),
                "{what}: output"
            );
            assert_eq!(got.grads.is_some(), target.is_some(), "{what}");
            let grads = |p: &super::HostPass| {
                let gs = p.grads.iter().flatten();
                gs.map(|g| [g.weight.clone(), g.bias.clone(), g.slope.into_iter().collect()])
                    .collect::<Vec<_>>()
            };
            assert_eq!(grads(&got).len(), if target.is_some() { 4 } else { 0 }, "{what}: layers");
            for (l, (g, w)) in grads(&got).iter().zip(grads(&want)).enumerate() {
                assert_eq!(as_bits(g), as_bits(&w), "{what}: gradients of layer {l}");
            }
            assert_eq!(got.forward.post[0].len(), 32 * 5, "{what}: the rows asked for");
        }
    }
}
