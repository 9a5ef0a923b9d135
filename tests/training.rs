//! The training engine end to end: determinism, learning, dying ReLUs, vanishing gradients,
//! the grid probe, divergence, losses and optimisers, regularization and lockstep runs.
//!
//! Every assertion compares against a fixed expectation (never against itself), so each test
//! fails if the behaviour it names breaks.

use activation_lab::domain::activation::Activation;
use activation_lab::domain::nn::data::DatasetKind;
use activation_lab::domain::nn::features::Feature;
use activation_lab::domain::nn::model::NetworkWeights;
use activation_lab::domain::nn::settings::{Init, LossKind, OptimizerKind, Regularization, Settings};
use activation_lab::domain::nn::trainer::{Session, Status, STEPS_PER_UNIT};

fn bits(w: &NetworkWeights) -> Vec<u32> {
    w.layers
        .iter()
        .flat_map(|l| {
            l.weights.iter().flatten().chain(&l.biases).chain(l.prelu_slope.as_ref()).map(|v| v.to_bits())
        })
        .collect()
}

fn loss_bits(s: &Session) -> Vec<u64> {
    s.history().train_loss.iter().map(|v| v.to_bits()).collect()
}

fn small() -> Settings {
    Settings { num_points: 200, hidden: vec![6, 4], ..Settings::default() }
}

#[test]
fn same_settings_and_seed_replay_bit_for_bit_and_reset_replays_again() {
    let settings = Settings { features: vec![Feature::X1, Feature::X2, Feature::X1X2], ..small() };
    let mut a = Session::new(settings.clone());
    let mut b = Session::new(settings.clone());
    assert_eq!(a.dataset(), b.dataset());
    let initial = bits(&a.weights());
    assert_eq!(initial, bits(&b.weights()));
    a.step(20);
    b.step(20);
    assert_eq!(a.epoch(), 20);
    assert_eq!(a.history().len(), 21);
    assert_eq!(bits(&a.weights()), bits(&b.weights()));
    assert_eq!(loss_bits(&a), loss_bits(&b));
    assert_ne!(bits(&a.weights()), initial, "training changed nothing");
    let curve = loss_bits(&a);
    let trained = bits(&a.weights());
    assert!(a.history().train_loss[20] < a.history().train_loss[0]);

    a.reset();
    assert_eq!(a.epoch(), 0);
    assert_eq!(a.history().len(), 1);
    assert_eq!(bits(&a.weights()), initial);
    a.step(20);
    assert_eq!(loss_bits(&a), curve);
    assert_eq!(bits(&a.weights()), trained);

    // Stepping 20 at once or 1 at a time is the same run.
    let mut c = Session::new(settings.clone());
    for _ in 0..20 {
        c.step(1);
    }
    assert_eq!(loss_bits(&c), curve);

    let mut other = Session::new(Settings { seed: 2, ..settings });
    assert_ne!(other.dataset(), a.dataset());
    assert_ne!(bits(&other.weights()), initial);
    other.step(20);
    assert_ne!(loss_bits(&other), curve);
}

/// The defaults (TF Playground's with ReLU, He-normal weights, bias 1) learn circle and xor:
/// ≥ 95 % test accuracy within 200 epochs with the default seed.
#[test]
fn default_settings_learn_circle_and_xor_within_200_epochs() {
    for dataset in [DatasetKind::Circle, DatasetKind::Xor] {
        let mut s = Session::new(Settings { dataset, ..Settings::default() });
        assert!(s.metrics().test_accuracy.expect("classification") < 0.9);
        let mut reached = None;
        for _ in 0..200 {
            s.step(1);
            if s.metrics().test_accuracy.expect("classification") >= 0.95 {
                reached = Some(s.epoch());
                break;
            }
        }
        assert!(
            reached.is_some(),
            "{dataset:?}: test accuracy {:?} after 200 epochs",
            s.metrics().test_accuracy
        );
        assert_eq!(s.status(), &Status::Running);
    }
}

/// A negative initial bias kills ReLUs (never positive on any training point, so no gradient
/// ever reaches them); the same run with leaky ReLU has no dead neuron at all.
#[test]
fn a_run_set_up_to_die_shows_dead_relus_and_leaky_relu_shows_none() {
    let doomed = Settings { hidden: vec![8, 8], bias_init: Some(-3.0), ..Settings::default() };
    let mut relu = Session::new(doomed.clone());
    relu.step(20);
    let m = relu.metrics();
    assert!(m.dead_count() >= 3, "only {} dead ReLUs", m.dead_count());
    // Every dead neuron is dead on the whole training set, and has a death epoch.
    let weights = relu.weights();
    for (l, layer) in m.layers.iter().enumerate() {
        assert_eq!(layer.dead, layer.neurons.iter().filter(|n| n.dead).count());
        for n in &layer.neurons {
            assert_eq!(n.dead, n.dead_since.is_some());
            if let Some(e) = n.dead_since {
                assert!(e <= relu.epoch());
            }
        }
        assert!(layer.sparsity > 0.0);
        assert_eq!(weights.layers[l].biases.len(), layer.neurons.len());
    }
    // A dead first-layer neuron's pre-activation is ≤ 0 on every training point (checked
    // independently from the weights).
    let data = relu.dataset().clone();
    for (j, n) in m.layers[0].neurons.iter().enumerate() {
        let w = &weights.layers[0].weights[j];
        let b = f64::from(weights.layers[0].biases[j]);
        let max_pre = data
            .train
            .iter()
            .map(|p| f64::from(w[0]) * p.x + f64::from(w[1]) * p.y + b)
            .fold(f64::NEG_INFINITY, f64::max);
        assert_eq!(n.dead, max_pre <= 1e-6, "neuron {j}: max pre-activation {max_pre}");
    }
    // Dead neurons stay dead: their incoming weights do not move any more.
    let before = relu.weights();
    let dead: Vec<(usize, usize)> = m
        .layers
        .iter()
        .enumerate()
        .flat_map(|(l, layer)| {
            layer.neurons.iter().enumerate().filter(|(_, n)| n.dead).map(move |(j, _)| (l, j))
        })
        .collect();
    relu.step(5);
    let after = relu.weights();
    for &(l, j) in &dead {
        assert_eq!(before.layers[l].weights[j], after.layers[l].weights[j], "dead neuron ({l},{j}) moved");
    }

    let mut leaky = Session::new(Settings { activation: Activation::LeakyRelu { slope: 0.01 }, ..doomed });
    leaky.step(20);
    assert_eq!(leaky.metrics().dead_count(), 0);
    assert!(leaky.history().layers.iter().all(|l| l.dead.iter().all(|&d| d == 0)));
}

#[test]
fn a_too_high_learning_rate_kills_relus_too() {
    let mut s = Session::new(Settings { hidden: vec![8, 8], learning_rate: 3.0, ..Settings::default() });
    s.step(10);
    assert!(s.metrics().dead_count() >= 2, "{} dead", s.metrics().dead_count());
    let dead_series = &s.history().layers;
    assert_eq!(dead_series[0].dead.len(), 11);
}

/// Vanishing gradients: in an 8-layer sigmoid net the first layer's gradient is orders of
/// magnitude below the output layer's; in the same ReLU net (He init) it is not.
#[test]
fn sigmoid_gradients_vanish_with_depth_and_relu_gradients_do_not() {
    let deep = |activation| Settings {
        hidden: vec![8; 8],
        activation,
        init: Init::HeNormal,
        bias_init: Some(0.0),
        ..Settings::default()
    };
    let ratio = |s: &Session| {
        let g = s.metrics().grad_norms();
        assert_eq!(g.len(), 9);
        assert!(g.iter().all(|v| v.is_finite() && *v > 0.0), "{g:?}");
        g[0] / g[8]
    };
    let sigmoid = Session::new(deep(Activation::Sigmoid));
    let relu = Session::new(deep(Activation::Relu));
    let (rs, rr) = (ratio(&sigmoid), ratio(&relu));
    assert!(rs < 1e-3, "sigmoid first/last gradient ratio {rs}");
    assert!(rr > 100.0 * rs, "relu ratio {rr} vs sigmoid {rs}");
    // The norms shrink layer after layer (going backwards) in the sigmoid net.
    let g = sigmoid.metrics().grad_norms();
    assert!(g[0] < g[4] && g[4] < g[8], "{g:?}");
    // And it stays so while training: the history keeps the per-layer series.
    let mut sigmoid = sigmoid;
    sigmoid.step(3);
    let h = &sigmoid.history().layers;
    assert_eq!(h.len(), 8);
    assert!(h[0].grad_norm[3] < 1e-2 * sigmoid.history().output_grad_norm[3]);
}

/// The grid probe is one batched forward pass; it must equal the network applied point by
/// point, output and hidden activations alike.
#[test]
fn the_grid_probe_equals_the_per_point_forward_pass() {
    let mut s = Session::new(Settings {
        features: vec![Feature::X1, Feature::X2, Feature::X1Squared, Feature::SinX2],
        hidden: vec![5, 3],
        activation: Activation::Tanh,
        layer_activations: vec![None, Some(Activation::Prelu { a: 0.2 })],
        loss: LossKind::TanhMse,
        ..small()
    });
    s.step(5);
    let n = 13;
    let p = s.probe(n);
    assert_eq!(p.output.len(), n * n);
    let w = s.weights();
    let acts = s.activations();
    for row in 0..n {
        for col in 0..n {
            let (x, y) = (p.x(col), p.y(row));
            let want = s.predict(x, y);
            let got = f64::from(p.output_at(row, col));
            assert!((got - want).abs() < 1e-5, "({x},{y}): probe {got}, predict {want}");
            // Hidden activations, recomputed in f64 from the plain weights.
            let mut h = vec![x, y, x * x, y.sin()];
            for (l, layer) in w.layers[..2].iter().enumerate() {
                h = layer
                    .weights
                    .iter()
                    .zip(&layer.biases)
                    .map(|(row_w, b)| {
                        let z: f64 =
                            row_w.iter().zip(&h).map(|(w, v)| f64::from(*w) * v).sum::<f64>() + f64::from(*b);
                        acts[l].value(z)
                    })
                    .collect();
                for (j, v) in h.iter().enumerate() {
                    let got = f64::from(p.hidden[l][j][row * n + col]);
                    assert!((got - v).abs() < 1e-4, "layer {l} neuron {j} at ({x},{y}): {got} vs {v}");
                }
            }
        }
    }
    // Larger grids (the batched path for ≥ 32 rows) agree with small ones at shared points.
    let big = s.probe(39);
    let centre = s.predict(big.x(19), big.y(19));
    assert!((f64::from(big.output_at(19, 19)) - centre).abs() < 1e-5);
}

#[test]
fn a_too_high_learning_rate_diverges_is_reported_and_reset_recovers() {
    let settings = Settings { loss: LossKind::LinearMse, learning_rate: 10.0, ..small() };
    let mut s = Session::new(settings);
    let initial = bits(&s.weights());
    let status = s.step(50).clone();
    let Status::Diverged { epoch, message } = status else {
        panic!("lr 10 with MSE did not diverge: {:?}", s.metrics().train_loss);
    };
    assert!((1..=50).contains(&epoch));
    assert_eq!(s.epoch(), epoch);
    assert!(message.contains(&format!("at epoch {epoch}")), "{message}");
    assert!(message.contains("learning rate 10"), "{message}");
    assert!(message.contains("Reset"), "{message}");
    // Further steps do nothing.
    s.step(5);
    assert_eq!(s.epoch(), epoch);
    assert!(s.status().is_diverged());
    // Reset recovers.
    s.reset();
    assert_eq!(s.status(), &Status::Running);
    assert_eq!(s.epoch(), 0);
    assert_eq!(bits(&s.weights()), initial);
    assert!(s.metrics().train_loss.is_finite());
    s.step(1);
    assert_eq!(s.epoch(), 1);
}

#[test]
fn a_poisoned_weight_is_detected_and_nan_cannot_be_imported() {
    let mut s = Session::new(small());
    let good = s.weights();
    let mut poisoned = good.clone();
    poisoned.layers[0].weights[0][0] = 3e38;
    poisoned.layers[0].weights[1][0] = -3e38;
    s.set_weights(&poisoned).expect("finite weights of the right shape import");
    assert!(s.status().is_diverged(), "{:?}", s.metrics().train_loss);
    if let Status::Diverged { message, .. } = s.status() {
        assert!(message.contains("epoch 0"), "{message}");
    }
    s.step(3);
    assert_eq!(s.epoch(), 0);

    let mut nan = good.clone();
    nan.layers[1].biases[0] = f32::NAN;
    assert!(s.set_weights(&nan).is_err());
    let mut wrong = good.clone();
    wrong.layers.pop();
    assert!(s.set_weights(&wrong).is_err());

    s.reset();
    assert_eq!(s.status(), &Status::Running);
    assert_eq!(bits(&s.weights()), bits(&good));
    s.set_weights(&good).expect("the session's own weights import");
    assert_eq!(s.history().len(), 1, "set_weights replaces the current epoch's metrics");
    s.step(2);
    assert_eq!(s.status(), &Status::Running);
}

#[test]
fn every_loss_and_every_optimizer_trains() {
    for loss in LossKind::ALL {
        for optimizer in OptimizerKind::ALL {
            let lr = if optimizer == OptimizerKind::Adam { 0.01 } else { 0.03 };
            let mut s = Session::new(Settings { loss, optimizer, learning_rate: lr, ..small() });
            let first = s.metrics().train_loss;
            s.step(15);
            let last = s.metrics().train_loss;
            assert_eq!(s.status(), &Status::Running, "{loss:?} {optimizer:?}");
            assert!(last < 0.7 * first, "{loss:?} {optimizer:?}: loss {first} -> {last}");
        }
    }
    // Regression: a linear output learns the plane.
    let mut s = Session::new(Settings {
        dataset: DatasetKind::RegPlane,
        num_points: 300,
        loss: LossKind::LinearMse,
        learning_rate: 0.01,
        ..small()
    });
    assert_eq!(s.metrics().test_accuracy, None);
    let first = s.metrics().test_loss;
    s.step(15);
    assert!(s.metrics().test_loss < 0.2 * first, "{first} -> {}", s.metrics().test_loss);
}

#[test]
fn l2_shrinks_the_weights_and_l1_pushes_them_to_zero() {
    let run = |regularization, reg_rate| {
        let mut s = Session::new(Settings { regularization, reg_rate, hidden: vec![8, 8], ..small() });
        s.step(40);
        assert_eq!(s.status(), &Status::Running);
        s
    };
    let none = run(Regularization::None, 0.0);
    let l2 = run(Regularization::L2, 0.05);
    let l1 = run(Regularization::L1, 0.05);
    let (n, w2, w1) = (none.weights(), l2.weights(), l1.weights());
    assert!(w2.l2_norm() < 0.8 * n.l2_norm(), "L2: {} vs {}", w2.l2_norm(), n.l2_norm());
    assert!(w1.l1_norm() < 0.8 * n.l1_norm(), "L1: {} vs {}", w1.l1_norm(), n.l1_norm());
    // L1 drives many weights to (nearly) zero; L2 only shrinks them.
    let small_count = |w: &NetworkWeights| {
        w.layers.iter().flat_map(|l| l.weights.iter().flatten()).filter(|v| v.abs() < 0.01).count()
    };
    assert!(small_count(&w1) > small_count(&n) + 5, "{} vs {}", small_count(&w1), small_count(&n));
    assert!(small_count(&w1) > small_count(&w2));
    // The metric series shows it too.
    assert!(l2.metrics().weight_norm < none.metrics().weight_norm);
    // A zero rate is no regularization at all, bit for bit.
    let zero = run(Regularization::L2, 0.0);
    assert_eq!(bits(&zero.weights()), bits(&n));
}

/// Sessions that differ only in activation run in lockstep: the same data, the same initial
/// weights bit for bit, the same minibatch order.
#[test]
fn sessions_differing_only_in_activation_run_in_lockstep() {
    let base = Settings { hidden: vec![5, 4, 3], ..small() };
    let reference = Session::new(base.clone());
    let strip = |w: &NetworkWeights| {
        let mut w = w.clone();
        w.layers.iter_mut().for_each(|l| l.prelu_slope = None);
        bits(&w)
    };
    for activation in Activation::ALL {
        let s = Session::new(Settings { activation, ..base.clone() });
        assert_eq!(s.dataset(), reference.dataset(), "{activation}");
        assert_eq!(strip(&s.weights()), strip(&reference.weights()), "{activation}");
    }
    // The same minibatch order: ReLU and leaky ReLU with slope 0 are the same function, so
    // with the same order they train to the same weights (a different order would not).
    let mut relu = Session::new(base.clone());
    let mut flat_leaky =
        Session::new(Settings { activation: Activation::LeakyRelu { slope: 0.0 }, ..base.clone() });
    relu.step(10);
    flat_leaky.step(10);
    assert_eq!(relu.weights(), flat_leaky.weights());
    assert_eq!(relu.history().train_loss, flat_leaky.history().train_loss);
    assert_ne!(bits(&relu.weights()), strip(&reference.weights()), "training moved nothing");
}

#[test]
fn metrics_history_has_one_entry_per_epoch_and_test_metrics_are_held_out() {
    let mut s = Session::new(small());
    s.step(7);
    let h = s.history();
    assert_eq!(h.epoch, (0..=7).collect::<Vec<_>>());
    for series in [&h.train_loss, &h.test_loss, &h.output_grad_norm, &h.weight_norm] {
        assert_eq!(series.len(), 8);
    }
    assert_eq!(h.layers.len(), 2);
    assert!(h.layers.iter().all(|l| l.sparsity.len() == 8 && l.pre_std.len() == 8));
    assert_eq!(s.metrics().epoch, 7);
    assert_eq!(h.train_loss[7], s.metrics().train_loss);
    assert_ne!(s.metrics().train_loss, s.metrics().test_loss);
    let acc = s.metrics().train_accuracy.expect("classification");
    assert!((0.0..=1.0).contains(&acc));
}

/// `Session::advance` lets an epoch span calls (the Playground advances within each frame's
/// budget): one epoch at a time, one unit at a time and random splits of the units give the
/// same run bit for bit (weights and every epoch's loss), for minibatches, batch 1 (units of
/// `STEPS_PER_UNIT` steps), the per-layer ops' minibatches, a minibatch and a full batch larger
/// than a chunk (`CHUNK_ROWS`), with PReLU and Adam.
#[test]
fn a_run_is_the_same_however_its_units_are_split() {
    use activation_lab::domain::nn::rng::Rng;
    use activation_lab::domain::nn::trainer::CHUNK_ROWS;
    let cases = [
        small(),
        Settings { num_points: 200, batch_size: 1, ..small() },
        // Through the per-layer ops (GELU), 34 minibatches of 3 rows (the last of 1).
        Settings { num_points: 200, batch_size: 3, activation: Activation::Gelu, ..small() },
        Settings { num_points: 1200, batch_size: 300, activation: Activation::Prelu { a: 0.2 }, ..small() },
        Settings {
            num_points: 700,
            batch_size: 700,
            optimizer: OptimizerKind::Adam,
            regularization: Regularization::L2,
            reg_rate: 0.01,
            ..small()
        },
    ];
    for settings in cases {
        let mut whole = Session::new(settings.clone());
        whole.step(4);
        let mut units = Session::new(settings.clone());
        let mut calls = 0;
        while units.epoch() < 4 {
            units.advance(1);
            calls += 1;
        }
        assert!(units.epoch_progress().is_none(), "the epoch count moves when an epoch is complete");
        let mut random = Session::new(settings.clone());
        let mut rng = Rng::new(3);
        while random.epoch() < 4 || random.epoch_progress().is_some() {
            random.advance(1 + rng.below(5));
        }
        let mut reference = Session::new(settings.clone());
        reference.step(random.epoch());
        let what = format!("{} points, batch {}", settings.num_points, settings.batch_size);
        assert!(calls > 4, "{what}: an epoch takes several units ({calls} for 4 epochs)");
        assert_eq!(bits(&units.weights()), bits(&whole.weights()), "{what}: unit by unit");
        assert_eq!(loss_bits(&units), loss_bits(&whole), "{what}: unit by unit");
        assert_eq!(bits(&random.weights()), bits(&reference.weights()), "{what}: random splits");
        assert_eq!(loss_bits(&random), loss_bits(&reference), "{what}: random splits");
        assert_eq!(units.history().len(), 5, "{what}: epochs 0..=4 measured once each");
    }
    const { assert!(CHUNK_ROWS < 300, "the last two cases span chunks") };
}

/// While an epoch is in progress the epoch count, the metrics and the history stay those of
/// the last complete epoch; the progress shows how far it is.
#[test]
fn an_epoch_in_progress_shows_the_last_complete_one() {
    // Minibatch 1 on 100 training rows: four units of at most STEPS_PER_UNIT steps.
    const { assert!(STEPS_PER_UNIT == 32) };
    let mut s = Session::new(Settings { num_points: 200, batch_size: 1, ..small() });
    let before = s.metrics().clone();
    assert_eq!(s.advance(2), 0);
    assert_eq!(s.epoch(), 0);
    assert_eq!(s.metrics(), &before);
    assert_eq!(s.history().len(), 1);
    let p = s.epoch_progress().expect("an epoch is in progress");
    assert!(p > 0.0 && p < 0.5, "64 of 100 minibatches: {p}");
    // 36 more minibatches (two units) and one chunk of measurement (100 train rows, then
    // 100 test rows).
    assert_eq!(s.advance(3), 0);
    assert_eq!(s.advance(1), 1);
    assert_eq!((s.epoch(), s.history().len()), (1, 2));
    assert_ne!(s.metrics(), &before);
}
