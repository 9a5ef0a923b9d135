//! What the Playground measures after every epoch, and its history.
//!
//! Definitions (all over the **training set**, with the weights as they are at the end of the
//! epoch; epoch 0 is the initialisation):
//! - **loss**: the mean over the points of the per-example loss [`LossKind::loss`], computed in
//!   f64 from the network's f32 outputs. The data loss only: the regularization penalty is
//!   not included (as TF Playground). NaN when the set is empty.
//! - **accuracy** (classification only): fraction of points whose output is on the label's
//!   side (logit > 0 ⇔ label > 0).
//! - **dead neuron**: `f′(z) == 0` (the activation's [`Activation::derivative`], in f64, with
//!   a PReLU layer's learned slope) at the neuron's pre-activation z for EVERY training input:
//!   no gradient can reach it or its incoming weights, so plain gradient descent cannot revive
//!   it. For ReLU: z ≤ 0 on the whole training set. `dead_since` is the epoch since which it has
//!   been dead without interruption.
//! - **saturated neuron**: not dead, but `|f′(z)| < 1e-3` ([`SATURATION_THRESHOLD`]) for every
//!   training input (sigmoid, tanh… pushed far into their flat tails). Dead and saturated are
//!   disjoint.
//! - **sparsity** of a layer: the fraction of exactly-zero activations (f32, as the network
//!   computed them) over all its neurons and training inputs.
//! - **gradient norm** of a layer: the L2 norm of ∂L/∂θ over all of the layer's parameters θ
//!   (its weight matrix, its biases and a PReLU slope), L the mean data loss over the whole
//!   training set, at the end of the epoch (one extra full-batch forward and backward pass, no
//!   update). Exactly 0 when no gradient reaches the layer (every neuron below a dead layer).
//! - **died / revived**: a neuron has died if it has been dead at some epoch of the run; it is
//!   revived if it is alive now after that. A dead first-layer neuron cannot revive (its inputs
//!   are the fixed data and no gradient reaches its weights); a deeper one can, when the layers
//!   below it move its inputs.
//! - **pre-activation mean and std** of a layer: over all its neurons and training inputs
//!   (population std).

use crate::domain::activation::Activation;
pub use crate::domain::nn::history::{History, LayerHistory};
use crate::domain::nn::settings::LossKind;

/// Below this |f′| on every training input a live neuron counts as saturated.
pub const SATURATION_THRESHOLD: f64 = 1e-3;

/// One hidden neuron after an epoch.
#[derive(Clone, Debug, PartialEq)]
pub struct NeuronMetrics {
    /// f′ = 0 on every training input.
    pub dead: bool,
    /// The epoch since which the neuron has been dead (`Some(0)`: dead from the start), `None`
    /// while it is alive.
    pub dead_since: Option<usize>,
    /// The epoch it first died, kept if it comes back: `Some` for every neuron that has been
    /// dead at some point of the run.
    pub first_dead: Option<usize>,
    /// The epoch it last came back to life after being dead (`None` if it never did).
    pub revived_at: Option<usize>,
    /// For a dead neuron, the smallest and largest pre-activation over the training inputs
    /// (the tooltip's "largest −0.42"); `None` while alive.
    pub pre_range: Option<(f64, f64)>,
    /// Not dead, and |f′| < [`SATURATION_THRESHOLD`] on every training input.
    pub saturated: bool,
}

impl NeuronMetrics {
    /// Alive now after having been dead.
    pub fn revived(&self) -> bool {
        !self.dead && self.first_dead.is_some()
    }
}

/// One hidden layer after an epoch.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerMetrics {
    pub dead: usize,
    /// Neurons that have died at some point of the run (dead now or revived).
    pub died: usize,
    /// Neurons alive now that had died.
    pub revived: usize,
    pub saturated: usize,
    /// Fraction of exactly-zero activations over the training set.
    pub sparsity: f64,
    /// ‖∂L/∂θ‖₂ of the layer's parameters (weights, biases and a PReLU slope) on the full
    /// training set.
    pub grad_norm: f64,
    pub pre_mean: f64,
    pub pre_std: f64,
    pub neurons: Vec<NeuronMetrics>,
}

/// Everything measured after one epoch.
#[derive(Clone, Debug, PartialEq)]
pub struct EpochMetrics {
    /// Epochs trained so far (0 = at initialisation).
    pub epoch: usize,
    pub train_loss: f64,
    pub test_loss: f64,
    /// `None` for regression.
    pub train_accuracy: Option<f64>,
    pub test_accuracy: Option<f64>,
    /// The hidden layers, input side first.
    pub layers: Vec<LayerMetrics>,
    /// ‖∂L/∂θ‖₂ of the output layer's weights and bias.
    pub output_grad_norm: f64,
    /// √(Σw²) over all connection weights (not biases): what L2 regularization shrinks.
    pub weight_norm: f64,
}

impl EpochMetrics {
    /// Dead neurons in the whole network.
    pub fn dead_count(&self) -> usize {
        self.layers.iter().map(|l| l.dead).sum()
    }

    /// Neurons that came back to life in the whole network.
    pub fn revived_count(&self) -> usize {
        self.layers.iter().map(|l| l.revived).sum()
    }

    /// Saturated neurons in the whole network.
    pub fn saturated_count(&self) -> usize {
        self.layers.iter().map(|l| l.saturated).sum()
    }

    /// Hidden neurons in the whole network.
    pub fn neuron_count(&self) -> usize {
        self.layers.iter().map(|l| l.neurons.len()).sum()
    }

    /// The gradient norms of every weight layer: the hidden layers, then the output layer.
    pub fn grad_norms(&self) -> Vec<f64> {
        let mut v: Vec<f64> = self.layers.iter().map(|l| l.grad_norm).collect();
        v.push(self.output_grad_norm);
        v
    }
}

/// A loss as every view shows it: 3 decimals (2 significant digits below 0.001, so that a loss
/// still falling does not read 0.000), "NaN" when it is not a number (a diverged run), "∞" when
/// it is infinite.
pub fn format_loss(v: f64) -> String {
    if v.is_nan() {
        "NaN".into()
    } else if v.is_infinite() {
        if v > 0.0 { "∞" } else { "−∞" }.into()
    } else if v != 0.0 && v.abs() < 1e-3 {
        format!("{v:.1e}")
    } else {
        format!("{v:.3}")
    }
}

/// The loss over a set of `points` points (`set`: "training", "test") as the views show it:
/// "—" for an empty set, with why (its loss is NaN by definition: nothing went wrong, there
/// is nothing to measure), else [`format_loss`].
pub fn set_loss(v: f64, points: usize, set: &str) -> (String, Option<String>) {
    if points == 0 {
        ("—".into(), Some(format!("No {set} points, so there is no {set} loss to measure.")))
    } else {
        (format_loss(v), None)
    }
}

/// Mean loss and (for classification) accuracy of raw outputs `z` against `labels`, in f64.
/// NaN loss and `None` accuracy for an empty set.
pub fn loss_and_accuracy(
    loss: LossKind,
    z: &[f32],
    labels: &[f64],
    classification: bool,
) -> (f64, Option<f64>) {
    let n = z.len().min(labels.len());
    if n == 0 {
        return (f64::NAN, None);
    }
    let mut total = 0.0;
    let mut correct = 0usize;
    for (&z, &label) in z.iter().zip(labels) {
        let z = f64::from(z);
        total += loss.loss(z, label);
        if (z > 0.0) == (label > 0.0) {
            correct += 1;
        }
    }
    let accuracy = classification.then(|| correct as f64 / n as f64);
    (total / n as f64, accuracy)
}

/// What one hidden layer computed on the training set, as plain numbers.
pub struct LayerReadback<'a> {
    /// The activation with its current parameter (a PReLU layer's learned slope).
    pub activation: Activation,
    pub width: usize,
    /// Pre-activations, row-major `[n, width]`.
    pub pre: &'a [f32],
    /// Activations, row-major `[n, width]`.
    pub post: &'a [f32],
    pub grad_norm: f64,
}

/// The metrics of one hidden layer. `previous` is the same layer's metrics one epoch earlier
/// (for `dead_since`).
pub fn layer_metrics(epoch: usize, r: &LayerReadback<'_>, previous: Option<&LayerMetrics>) -> LayerMetrics {
    let width = r.width.max(1);
    let n = r.pre.len() / width;
    let neurons: Vec<NeuronMetrics> = (0..r.width)
        .map(|j| {
            // Scan until an input shows the neuron is neither dead nor saturated: for a live
            // neuron that is usually the first few inputs, so this costs almost nothing.
            let (mut dead, mut saturated) = (n > 0, n > 0);
            let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
            for i in 0..n {
                let z = f64::from(r.pre[i * r.width + j]);
                // A non-finite pre-activation (a diverged run) proves nothing: neither dead nor
                // saturated (relu′(NaN) would read as 0 and call every neuron dead).
                if !z.is_finite() {
                    (dead, saturated) = (false, false);
                    break;
                }
                (lo, hi) = (lo.min(z), hi.max(z));
                let d = r.activation.derivative(z).abs();
                // A NaN derivative counts as alive (not provably dead nor saturated).
                if d != 0.0 {
                    dead = false;
                }
                if d.is_nan() || d >= SATURATION_THRESHOLD {
                    saturated = false;
                    break;
                }
            }
            let saturated = saturated && !dead;
            let before = previous.and_then(|p| p.neurons.get(j));
            let dead_since = dead.then(|| before.and_then(|p| p.dead_since).unwrap_or(epoch));
            let first_dead = before.and_then(|p| p.first_dead).or(dead_since);
            let came_back = !dead && before.is_some_and(|p| p.dead);
            let revived_at = if came_back { Some(epoch) } else { before.and_then(|p| p.revived_at) };
            let pre_range = dead.then_some((lo, hi));
            NeuronMetrics { dead, dead_since, first_dead, revived_at, pre_range, saturated }
        })
        .collect();
    let count = r.pre.len();
    let (mean, std) = if count == 0 {
        (f64::NAN, f64::NAN)
    } else {
        let mean = r.pre.iter().map(|&v| f64::from(v)).sum::<f64>() / count as f64;
        let var = r.pre.iter().map(|&v| (f64::from(v) - mean).powi(2)).sum::<f64>() / count as f64;
        (mean, var.sqrt())
    };
    let sparsity = if r.post.is_empty() {
        f64::NAN
    } else {
        r.post.iter().filter(|&&v| v == 0.0).count() as f64 / r.post.len() as f64
    };
    LayerMetrics {
        dead: neurons.iter().filter(|m| m.dead).count(),
        died: neurons.iter().filter(|m| m.first_dead.is_some()).count(),
        revived: neurons.iter().filter(|m| m.revived()).count(),
        saturated: neurons.iter().filter(|m| m.saturated).count(),
        sparsity,
        grad_norm: r.grad_norm,
        pre_mean: mean,
        pre_std: std,
        neurons,
    }
}

#[cfg(test)]
mod csv_tests {
    use crate::domain::nn::settings::{LossKind, Settings};
    use crate::domain::nn::trainer::Session;

    #[test]
    fn a_diverged_run_does_not_report_every_neuron_dead() {
        let settings = Settings {
            learning_rate: 10.0,
            loss: LossKind::LinearMse,
            hidden: vec![8, 8, 8],
            seed: 2,
            ..Settings::default()
        };
        let mut s = Session::new(settings);
        s.step(50);
        assert!(s.status().is_diverged(), "this run is set up to diverge");
        assert_eq!(s.metrics().dead_count(), 0, "NaN pre-activations prove no neuron dead");
    }

    #[test]
    fn history_csv_has_a_row_per_epoch_and_columns_per_layer() {
        let mut s = Session::new(Settings::default());
        s.step(3);
        let csv = s.history().to_csv();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 1 + 4, "header + epochs 0..=3");
        assert!(lines[0].ends_with("dead_2,revived_2,sparsity_2,grad_norm_2,change"));
        assert_eq!(lines[0].split(',').count(), lines[4].split(',').count());
        assert!(lines[4].starts_with("3,"));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_empty_set_has_no_loss_to_show_not_a_nan() {
        let (text, why) = super::set_loss(f64::NAN, 0, "training");
        assert_eq!(text, "—");
        assert!(why.is_some_and(|w| w.contains("No training points")));
        assert_eq!(
            super::set_loss(f64::NAN, 40, "training"),
            ("NaN".into(), None),
            "a diverged run reads NaN"
        );
        assert_eq!(super::set_loss(0.25, 40, "test"), ("0.250".into(), None));
    }

    use super::*;

    fn layer(activation: Activation, pre: &[f32], width: usize) -> LayerMetrics {
        let post: Vec<f32> = pre.iter().map(|&z| activation.value(f64::from(z)) as f32).collect();
        layer_metrics(3, &LayerReadback { activation, width, pre, post: &post, grad_norm: 0.5 }, None)
    }

    #[test]
    fn relu_neuron_never_positive_is_dead_and_leaky_is_not() {
        // Two neurons, three inputs: neuron 0 is never positive, neuron 1 is once.
        let pre = [-1.0, -2.0, 0.0, 3.0, -0.5, -1.0];
        let m = layer(Activation::Relu, &pre, 2);
        assert!(m.neurons[0].dead);
        assert_eq!(m.neurons[0].dead_since, Some(3));
        assert!(!m.neurons[1].dead);
        assert_eq!(m.dead, 1);
        assert_eq!(m.saturated, 0);
        assert!((m.sparsity - 5.0 / 6.0).abs() < 1e-12);
        let leaky = layer(Activation::LeakyRelu { slope: 0.01 }, &pre, 2);
        assert_eq!(leaky.dead, 0);
        assert_eq!(leaky.saturated, 0);
        assert_eq!(leaky.sparsity, 1.0 / 6.0);
        let mean = pre.iter().map(|&v| f64::from(v)).sum::<f64>() / 6.0;
        assert!((m.pre_mean - mean).abs() < 1e-12);
        assert_eq!(m.grad_norm, 0.5);
    }

    #[test]
    fn sigmoid_far_in_its_tails_is_saturated_not_dead() {
        let m = layer(Activation::Sigmoid, &[-20.0, 25.0, 30.0, -0.1], 2);
        assert!(m.neurons[0].saturated && !m.neurons[0].dead);
        assert!(!m.neurons[1].saturated);
        assert_eq!((m.dead, m.saturated), (0, 1));
    }

    #[test]
    fn dead_since_is_kept_while_the_neuron_stays_dead() {
        let pre = [-1.0f32, -2.0];
        let post = [0.0f32, 0.0];
        let r =
            LayerReadback { activation: Activation::Relu, width: 1, pre: &pre, post: &post, grad_norm: 0.0 };
        let first = layer_metrics(4, &r, None);
        let later = layer_metrics(9, &r, Some(&first));
        assert_eq!(later.neurons[0].dead_since, Some(4));
        let alive = layer_metrics(10, &LayerReadback { pre: &[1.0, -1.0], ..r }, Some(&later));
        assert_eq!(alive.neurons[0].dead_since, None);
        assert!(alive.neurons[0].revived());
        assert_eq!((alive.neurons[0].first_dead, alive.neurons[0].revived_at), (Some(4), Some(10)));
        assert_eq!((alive.died, alive.revived, alive.dead), (1, 1, 0));
        let again = layer_metrics(11, &r, Some(&alive));
        assert_eq!(again.neurons[0].dead_since, Some(11));
        assert_eq!(again.neurons[0].first_dead, Some(4), "it first died at 4");
        assert_eq!((again.died, again.revived, again.dead), (1, 0, 1));
        assert_eq!(again.neurons[0].pre_range, Some((-2.0, -1.0)));
    }

    #[test]
    fn no_training_input_means_nothing_is_dead() {
        let m = layer(Activation::Relu, &[], 3);
        assert_eq!(m.dead, 0);
        assert!(m.sparsity.is_nan());
    }

    #[test]
    fn loss_and_accuracy_follow_their_definitions() {
        let (l, a) = loss_and_accuracy(LossKind::LinearMse, &[1.0, -1.0, 3.0], &[1.0, 1.0, 1.0], true);
        assert!((l - (0.0 + 2.0 + 2.0) / 3.0).abs() < 1e-12);
        assert_eq!(a, Some(2.0 / 3.0));
        let (l, a) = loss_and_accuracy(LossKind::SigmoidBce, &[0.0], &[1.0], false);
        assert!((l - 2f64.ln()).abs() < 1e-12);
        assert_eq!(a, None);
        let (l, a) = loss_and_accuracy(LossKind::TanhMse, &[], &[], true);
        assert!(l.is_nan() && a.is_none());
    }

    #[test]
    fn history_keeps_aligned_series() {
        let lm = layer(Activation::Relu, &[1.0, -1.0], 1);
        let mut m = EpochMetrics {
            epoch: 0,
            train_loss: 1.0,
            test_loss: 2.0,
            train_accuracy: Some(0.5),
            test_accuracy: None,
            layers: vec![lm.clone(), lm],
            output_grad_norm: 0.1,
            weight_norm: 3.0,
        };
        let mut h = History::default();
        h.push(&m);
        m.epoch = 1;
        m.train_loss = 0.5;
        h.push(&m);
        assert_eq!(h.len(), 2);
        assert_eq!(h.epoch, vec![0, 1]);
        assert_eq!(h.train_loss, vec![1.0, 0.5]);
        assert_eq!(h.layers.len(), 2);
        assert_eq!(h.layers[1].grad_norm, vec![0.5, 0.5]);
        h.pop();
        assert_eq!(h.len(), 1);
        assert_eq!(h.layers[0].dead.len(), 1);
        assert_eq!(m.grad_norms(), vec![0.5, 0.5, 0.1]);
        h.clear();
        assert!(h.is_empty());
    }
}
