//! The training engine: one [`Session`] is one network being trained live on one dataset.
//!
//! Everything random comes from the settings' seed through [`Rng`]: the data
//! (`Dataset::generate`), the initial weights (`Rng::derive(seed, "init")`, see
//! [`NetworkWeights::init`]) and the minibatch order (`Rng::derive(seed, "order")`, one
//! shuffle per epoch). Sessions whose settings differ only in activations therefore train in
//! lockstep: same data, same initial weights, same minibatches.
//!
//! Cost model (see `examples/bench.rs`): the training inputs and targets are uploaded to the
//! backend once; an epoch shuffles the rows of their host copy and uploads that once, and its
//! minibatches are row slices; a minibatch step is one fused backend op (forward, closed-form
//! output gradient, backward and every update: [`crate::domain::nn::fused`]'s `step`) when
//! every activation is one the op evaluates and the minibatch is one chunk, else the fused
//! per-layer ops (one per layer forward, one per layer backward, one for the loss gradient,
//! one per parameter update); no autodiff graph, no optimizer records, no per-step read back.
//! The tensor-op forms ([`crate::domain::nn::backprop`], `Rule` below) are their reference in
//! the tests. After each epoch, [`Session::metrics`] are computed from one pass through the
//! network read back (`Mlp::pass`: forward and backward over the training rows, forward over
//! the test rows; its gradient is reused as the next step's when training full batch): that is
//! the only read back.

use burn::module::Param;
#[cfg(test)]
use burn::tensor::activation;
use burn::tensor::{Tensor, TensorData};

use crate::domain::activation::Activation;
use crate::domain::nn::backprop::LayerGrads;
use crate::domain::nn::data::{Dataset, Point, DOMAIN};
use crate::domain::nn::features::{columns, feature_matrix, feature_row};
use crate::domain::nn::fused::kernels::network;
use crate::domain::nn::fused::{self, StepSpec, UpdateRule};
use crate::domain::nn::metrics::{EpochMetrics, History};
use crate::domain::nn::model::{to_vec, Backend, Device, Mlp, NetworkWeights};
use crate::domain::nn::rng::Rng;
use crate::domain::nn::schedule::{self, AppliedChange, LiveChange, Origin};
use crate::domain::nn::settings::{LossKind, Settings};
#[cfg(test)]
use crate::domain::nn::settings::{OptimizerKind, Regularization};
use crate::domain::nn::weight_edit::{link_name, weight_text, LinkId};

mod progress;
use progress::Phase;
pub use progress::{CHUNK_ROWS, STEPS_PER_UNIT};

/// Whether training can go on.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    Running,
    /// The loss or the weights stopped being finite numbers; [`Session::step`] does nothing
    /// until [`Session::reset`] (or [`Session::set_weights`] with finite weights).
    Diverged {
        /// The epoch whose end showed it.
        epoch: usize,
        /// What happened and what to try, for the user.
        message: String,
    },
}

impl Status {
    pub fn is_diverged(&self) -> bool {
        matches!(self, Status::Diverged { .. })
    }
}

/// The output and every hidden neuron's activation over an `n × n` grid of the domain
/// [−6, 6]², from one batched forward pass. Values are row-major with row 0 at the top
/// (largest y): index `row * n + col` is the cell centred at ([`GridProbe::x`]`(col)`,
/// [`GridProbe::y`]`(row)`).
#[derive(Clone, Debug, PartialEq)]
pub struct GridProbe {
    pub n: usize,
    /// The output in the labels' scale ([`LossKind::output`]: −1..1 for classification).
    pub output: Vec<f32>,
    /// `hidden[layer][neuron]`: the neuron's activation at each cell.
    pub hidden: Vec<Vec<Vec<f32>>>,
}

impl GridProbe {
    /// x of column `col`: the centre of the column's cell.
    pub fn x(&self, col: usize) -> f64 {
        grid_coord(self.n, col)
    }

    /// y of row `row` (row 0 is the top).
    pub fn y(&self, row: usize) -> f64 {
        -grid_coord(self.n, row)
    }

    /// The output at a cell.
    pub fn output_at(&self, row: usize, col: usize) -> f32 {
        self.output[row * self.n + col]
    }
}

/// A layer's activations `[rows, width]` (row-major) as one series per neuron.
fn by_neuron(values: &[f32], rows: usize) -> Vec<Vec<f32>> {
    let width = values.len().checked_div(rows).unwrap_or(0);
    // Written in place: `Vec::push` is not inlined at the release build's opt-level "z".
    let mut neurons = vec![vec![0f32; rows]; width];
    for (i, row) in values.chunks_exact(width.max(1)).enumerate() {
        for (neuron, &v) in neurons.iter_mut().zip(row) {
            if let Some(cell) = neuron.get_mut(i) {
                *cell = v;
            }
        }
    }
    neurons
}

fn grid_coord(n: usize, i: usize) -> f64 {
    -DOMAIN + 2.0 * DOMAIN * (i as f64 + 0.5) / n.max(1) as f64
}

#[cfg(test)]
use crate::domain::nn::fused::kernels::{ADAM_BETA1, ADAM_BETA2, ADAM_EPS, MOMENTUM};

type Tensor2 = Tensor<Backend, 2>;

type Slot = fused::Slot<Backend>;

/// The optimizer's state: the step count and, per layer, a slot for weight, bias and slope.
#[derive(Clone)]
struct OptimState {
    steps: u64,
    slots: Vec<[Slot; 3]>,
}

impl OptimState {
    fn new(layers: usize) -> OptimState {
        OptimState { steps: 0, slots: vec![Default::default(); layers] }
    }
}

/// One network trained live on one dataset. See the module documentation.
pub struct Session {
    /// The settings in effect (the base ones with the schedule's changes so far).
    settings: Settings,
    /// The settings as given: at construction, then changed by [`Session::follow`]. A reset
    /// returns to them (the schedule then replays).
    base: Settings,
    data: Dataset,
    device: Device,
    activations: Vec<Activation>,
    model: Mlp<Backend>,
    initial: NetworkWeights,
    /// The current weights as plain numbers, read back once per epoch.
    weights: NetworkWeights,
    optim: OptimState,
    /// Training inputs `[n, k]` and loss targets `[n, 1]`, uploaded once.
    x_train: Tensor2,
    t_train: Tensor2,
    /// The same on the host, row-major, for building each epoch's shuffled copy.
    x_host: Vec<f32>,
    t_host: Vec<f32>,
    x_test: Option<Tensor2>,
    train_labels: Vec<f64>,
    test_labels: Vec<f64>,
    order_rng: Rng,
    /// The full-batch gradient at the current weights, from the last metrics pass.
    pending: Option<Vec<LayerGrads<Backend>>>,
    /// The epoch in progress, if one is ([`Session::advance`]).
    phase: Option<Phase>,
    /// Epochs trained and measured.
    epoch: usize,
    status: Status,
    metrics: EpochMetrics,
    history: History,
}

impl Session {
    /// A session on the dataset generated from the settings (and their seed). Out-of-range
    /// settings are clamped into range first ([`Settings::clamped`]); [`Session::settings`]
    /// returns the settings actually used.
    pub fn new(settings: Settings) -> Session {
        let s = settings.clamped();
        let data = Dataset::generate(s.dataset, s.num_points, s.noise, s.train_fraction, s.seed);
        Session::with_dataset(s, data)
    }

    /// A session on the given points (edited by the user or imported). Whether it is a
    /// regression comes from `data.kind`; `num_points`, `noise` and `train_fraction` of the
    /// settings are not used. Points with a non-finite coordinate or label are dropped.
    pub fn with_dataset(settings: Settings, mut data: Dataset) -> Session {
        let settings = settings.clamped();
        let finite = |p: &Point| p.x.is_finite() && p.y.is_finite() && p.label.is_finite();
        data.train.retain(finite);
        data.test.retain(finite);
        let device = Device::default();
        let activations = settings.activations();
        let initial = NetworkWeights::init(&settings);
        let train = upload(&settings, &data.train, &device);
        let test = upload(&settings, &data.test, &device);
        let x_test = (!data.test.is_empty()).then_some(test.x);
        let layers = initial.layers.len();
        let mut session = Session {
            model: Mlp::from_weights(&initial, &activations, &device),
            weights: initial.clone(),
            order_rng: Rng::derive(settings.seed, "order"),
            optim: OptimState::new(layers),
            base: settings.clone(),
            settings,
            data,
            device,
            activations,
            initial,
            x_train: train.x,
            t_train: train.t,
            x_host: train.x_host,
            t_host: train.t_host,
            x_test,
            train_labels: train.labels,
            test_labels: test.labels,
            pending: None,
            phase: None,
            epoch: 0,
            status: Status::Running,
            metrics: EpochMetrics {
                epoch: 0,
                train_loss: f64::NAN,
                test_loss: f64::NAN,
                train_accuracy: None,
                test_accuracy: None,
                layers: Vec::new(),
                output_grad_norm: f64::NAN,
                weight_norm: f64::NAN,
            },
            history: History::default(),
        };
        session.measure_now(0, None);
        session.run_schedule();
        session
    }

    /// The settings in effect now (with the schedule's changes up to this epoch).
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The settings as given, without the schedule's changes: what a link to this run holds.
    pub fn base_settings(&self) -> &Settings {
        &self.base
    }

    /// Takes over the live settings of `target` (learning rate, optimizer, regularization and
    /// its rate, batch size; see [`schedule`]) from the next step, keeping the weights and the
    /// epoch; a new optimizer starts with fresh state. Each change is recorded in
    /// [`History::changes`]. Returns false, changing nothing, when `target` is another run
    /// (it differs in something else): that needs a new session.
    pub fn follow(&mut self, target: &Settings) -> bool {
        let target = target.clamped();
        if !schedule::same_run(&self.base, &target) {
            return false;
        }
        for change in schedule::diff(&self.base, &target) {
            self.change_now(change);
        }
        true
    }

    /// A live setting changed by hand, from the next step: in the settings in effect and in
    /// the ones a reset returns to (a scheduled change still applies at its epoch).
    pub fn change_now(&mut self, change: LiveChange) {
        change.apply(&mut self.base);
        self.change(change, Origin::Hand);
    }

    fn change(&mut self, change: LiveChange, origin: Origin) {
        let Some(label) = change.apply(&mut self.settings) else {
            return;
        };
        if matches!(change, LiveChange::Optimizer(_)) {
            self.optim = OptimState::new(self.initial.layers.len());
        }
        self.history.changes.push(AppliedChange { epoch: self.epoch, label, origin });
    }

    /// Applies the schedule's changes due at the current epoch (as soon as it is reached, so the
    /// next epoch trains with them and the controls show them).
    fn run_schedule(&mut self) {
        let due: Vec<LiveChange> =
            self.base.schedule.iter().filter(|s| s.epoch == self.epoch).map(|s| s.change).collect();
        for change in due {
            self.change(change, Origin::Schedule);
        }
    }

    pub fn dataset(&self) -> &Dataset {
        &self.data
    }

    /// Back to the same initial weights (the seed's), epoch 0, optimizer state and history
    /// cleared, minibatch order restarted: the run replays bit for bit.
    pub fn reset(&mut self) {
        self.settings = self.base.clone();
        self.model = Mlp::from_weights(&self.initial, &self.activations, &self.device);
        self.optim = OptimState::new(self.initial.layers.len());
        self.order_rng = Rng::derive(self.settings.seed, "order");
        self.epoch = 0;
        self.status = Status::Running;
        self.history.clear();
        self.pending = None;
        self.phase = None;
        self.measure_now(0, None);
        self.run_schedule();
    }

    /// Trains `epochs` epochs (fewer if it diverges; none if it has diverged or there is no
    /// training point), finishing first the epoch in progress if there is one (see
    /// [`Session::advance`]). An epoch is one pass over the training set in minibatches of
    /// `batch_size`, in an order drawn from the seed anew each epoch; the last minibatch is
    /// smaller when the batch size does not divide the set. Metrics are measured after each.
    pub fn step(&mut self, epochs: usize) -> &Status {
        let mut done = 0;
        while done < epochs && !self.status.is_diverged() && self.train_len() > 0 {
            if self.unit() {
                done += 1;
            }
        }
        &self.status
    }

    /// Epochs trained since the start or the last reset.
    pub fn epoch(&self) -> usize {
        self.epoch
    }

    pub fn status(&self) -> &Status {
        &self.status
    }

    /// The latest metrics (after the last epoch; at epoch 0, those of the initial weights).
    pub fn metrics(&self) -> &EpochMetrics {
        &self.metrics
    }

    /// The metrics of every epoch since the start or the last reset, epoch 0 included.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// The hidden layers' activations (a PReLU layer's with its current learned slope).
    pub fn activations(&self) -> Vec<Activation> {
        self.current_activations()
    }

    /// The output and every hidden neuron's activation over an `n × n` grid of [−6, 6]², in
    /// one batched forward pass without autodiff. `n = 0` gives an empty probe.
    pub fn probe(&self, n: usize) -> GridProbe {
        let layers = self.activations.len();
        if n == 0 {
            return GridProbe { n, output: Vec::new(), hidden: vec![Vec::new(); layers] };
        }
        let cols = columns(&self.settings.features);
        let mut data = Vec::with_capacity(n * n * cols.len());
        for row in 0..n {
            let y = -grid_coord(n, row);
            for col in 0..n {
                let x = grid_coord(n, col);
                data.extend(cols.iter().map(|f| f.eval(x, y) as f32));
            }
        }
        let x = Tensor2::from_data(TensorData::new(data, [n * n, cols.len()]), &self.device);
        // One pass read back, as the metrics (burn's per-op cost and its element-by-element
        // read back were most of a probe's time).
        let pass = self.model.pass(&x, 0..n * n, None).forward;
        let loss = self.settings.loss;
        let output = pass.output.into_iter().map(|z| loss.output(f64::from(z)) as f32).collect();
        let hidden = pass.post.iter().map(|values| by_neuron(values, n * n)).collect();
        GridProbe { n, output, hidden }
    }

    /// The current weights as plain numbers (for the network diagram and JSON export).
    pub fn weights(&self) -> NetworkWeights {
        self.weights.clone()
    }

    /// The initial weights (those [`Session::reset`] returns to).
    pub fn initial_weights(&self) -> &NetworkWeights {
        &self.initial
    }

    /// Replaces the current weights (an import). They must fit the network (layer sizes, a
    /// slope for each PReLU layer and only those) and be finite. The optimizer's state is
    /// cleared, the epoch count kept, the metrics measured again (replacing the current
    /// epoch's in the history) and the status recomputed. [`Session::reset`] still returns to
    /// the seed's initial weights.
    pub fn set_weights(&mut self, w: &NetworkWeights) -> Result<(), String> {
        w.check_shape(self.settings.num_inputs(), &self.activations, &self.settings.hidden)?;
        self.model = Mlp::from_weights(w, &self.activations, &self.device);
        self.optim = OptimState::new(w.layers.len());
        self.status = Status::Running;
        self.pending = None;
        self.phase = None;
        self.history.pop();
        // Neurons dead under the imported weights count as dead since this epoch.
        self.measure_now(self.epoch, None);
        Ok(())
    }

    /// Replaces the weights as [`Session::set_weights`] does, as they were after `epoch` epochs
    /// of another run (an opened model file): the epoch count is `epoch` and the history starts
    /// there. The minibatch order starts from the seed's first (the file does not hold where
    /// the other run's order was), so training on is not a replay of that run.
    pub fn set_weights_at(&mut self, w: &NetworkWeights, epoch: usize) -> Result<(), String> {
        w.check_shape(self.settings.num_inputs(), &self.activations, &self.settings.hidden)?;
        self.epoch = epoch;
        self.history.clear();
        self.set_weights(w)
    }

    /// Sets one weight by hand (a click on a link of the diagram): the next step trains from
    /// it. The epoch, the optimizer's state and the minibatch order are kept; the current
    /// epoch's metrics are measured again (a neuron this kills is dead since now, one it brings
    /// back revived now) and the edit is recorded in [`History::changes`] ("w X₁ → L1.2
    /// 0.423 → 1.5"), so the link caveat can say a link does not replay it. Refused, changing
    /// nothing, for a link the network does not have or a value that is not finite.
    pub fn set_link_weight(&mut self, link: LinkId, value: f32) -> Result<(), String> {
        if !value.is_finite() {
            return Err("a weight must be a finite number".into());
        }
        let mut weights = self.weights.clone();
        let slot = weights
            .layers
            .get_mut(link.layer)
            .and_then(|l| l.weights.get_mut(link.to))
            .and_then(|row| row.get_mut(link.from))
            .ok_or("that link is not in the network")?;
        let old = std::mem::replace(slot, value);
        if old.to_bits() == value.to_bits() {
            return Ok(());
        }
        self.model = Mlp::from_weights(&weights, &self.activations, &self.device);
        self.pending = None;
        self.history.pop();
        let current = std::mem::take(&mut self.metrics.layers);
        self.measure_now(self.epoch, Some(current));
        let name = link_name(&self.settings.features, self.settings.hidden.len(), link);
        let label = format!("w {name} {} → {}", weight_text(old), value);
        self.history.changes.push(AppliedChange { epoch: self.epoch, label, origin: Origin::Weight });
        Ok(())
    }

    /// The output at (x, y), in the labels' scale ([`LossKind::output`]).
    pub fn predict(&self, x: f64, y: f64) -> f64 {
        let row = feature_row(&self.settings.features, x, y);
        let k = row.len();
        let input = Tensor2::from_data(TensorData::new(row, [1, k]), &self.device);
        let z = to_vec(self.model.forward(input));
        self.settings.loss.output(z.first().map_or(f64::NAN, |&z| f64::from(z)))
    }

    /// Number of training points.
    pub fn train_len(&self) -> usize {
        self.train_labels.len()
    }

    fn current_activations(&self) -> Vec<Activation> {
        self.activations
            .iter()
            .zip(&self.weights.layers)
            .map(|(a, w)| match (a, w.prelu_slope) {
                (Activation::Prelu { .. }, Some(s)) => Activation::Prelu { a: f64::from(s) },
                _ => *a,
            })
            .collect()
    }

    /// One optimizer step with the given gradients: one fused update per parameter (the
    /// penalty on connection weights only).
    fn apply(&mut self, grads: Vec<LayerGrads<Backend>>) {
        // The spec before the count moves: its step number is this step's (Adam's bias
        // correction), as in `steps_fused`.
        let StepSpec { rule, weight_rule, .. } = self.step_spec();
        self.optim.steps += 1;
        let layers = self.model.hidden.iter_mut().chain(std::iter::once(&mut self.model.output));
        for ((layer, lg), slots) in layers.zip(grads).zip(self.optim.slots.iter_mut()) {
            let [ws, bs, ss] = slots;
            let w = fused::update(layer.weight.val(), lg.weight, &mut ws.first, &mut ws.second, &weight_rule);
            layer.weight = Param::initialized(layer.weight.id, w);
            let b = fused::update(layer.bias.val(), lg.bias, &mut bs.first, &mut bs.second, &rule);
            layer.bias = Param::initialized(layer.bias.id, b);
            if let (Some(slope), Some(g)) = (layer.slope.as_mut(), lg.slope) {
                let a = fused::update(slope.val(), g, &mut ss.first, &mut ss.second, &rule);
                *slope = Param::initialized(slope.id, a);
            }
        }
    }

    /// Gradients read back, as tensors shaped like the parameters (a full-batch gradient kept
    /// for the next step).
    fn upload_grads(&self, grads: Vec<network::Grads>) -> Vec<LayerGrads<Backend>> {
        let layers = self.model.hidden.iter().chain(std::iter::once(&self.model.output));
        let upload =
            |v: Vec<f32>, shape: [usize; 2]| Tensor2::from_data(TensorData::new(v, shape), &self.device);
        layers
            .zip(grads)
            .map(|(layer, g)| LayerGrads {
                weight: upload(g.weight, layer.weight.val().dims()),
                bias: upload(g.bias, layer.bias.val().dims()),
                slope: g.slope.map(|s| upload(vec![s], [1, 1])),
            })
            .collect()
    }

    /// The rules of the next optimizer step (its number is one more than the steps so far).
    fn step_spec(&self) -> StepSpec {
        let s = &self.settings;
        let step = self.optim.steps + 1;
        let rule = UpdateRule { kind: s.optimizer, lr: s.learning_rate, step, penalty: None };
        let weight_rule = UpdateRule { penalty: Some((s.regularization, s.reg_rate)), ..rule };
        StepSpec { loss: s.loss, weight_rule, rule }
    }

    /// Whole minibatch steps on the rows `batches` of `xs`, `ts` in one fused op; false
    /// (nothing done) when an activation is not one the op evaluates.
    fn steps_fused(&mut self, xs: &Tensor2, ts: &Tensor2, batches: &[std::ops::Range<usize>]) -> bool {
        let spec = self.step_spec();
        let done = self.model.train_steps_fused(&mut self.optim.slots, xs, ts, batches, &spec);
        if done {
            self.optim.steps += batches.len() as u64;
        }
        done
    }

    fn check_divergence(&mut self) {
        if self.status.is_diverged() {
            return;
        }
        let loss = self.metrics.train_loss;
        let what = if self.train_len() > 0 && loss.is_nan() {
            "NaN in the loss"
        } else if self.train_len() > 0 && loss.is_infinite() {
            "The loss overflowed to infinity"
        } else if !self.weights.is_finite() {
            "NaN or infinity in the weights"
        } else {
            return;
        };
        let epoch = self.epoch;
        let advice = if epoch == 0 {
            "the weights are too large — import smaller ones, or Reset".to_string()
        } else {
            format!("the learning rate {} is too high — lower it, then Reset", self.settings.learning_rate)
        };
        self.status = Status::Diverged { epoch, message: format!("{what} at epoch {epoch}: {advice}") };
    }
}

/// The tensor-op rules below are the reference the fused ones (`fused::kernels::update`,
/// `fused::loss_gradient`) are tested against.
///
/// A weight's loss gradient `g` plus the penalty's: rate·sign(w) for L1 (rate·Σ|w|), rate·w for
/// L2 (rate/2·Σw²). Biases and slopes are not penalised.
#[cfg(test)]
fn regularized(reg: Regularization, rate: f64, w: &Tensor2, g: Tensor2) -> Tensor2 {
    match reg {
        Regularization::None => g,
        _ if rate == 0.0 => g,
        Regularization::L1 => g + w.clone().sign().mul_scalar(rate),
        Regularization::L2 => g + w.clone().mul_scalar(rate),
    }
}

/// The update rule of one optimizer step.
#[cfg(test)]
struct Rule {
    kind: OptimizerKind,
    lr: f64,
    /// 1-based step number (Adam's bias correction).
    step: u64,
}

#[cfg(test)]
impl Rule {
    fn update(&self, w: Tensor2, g: Tensor2, slot: &mut Slot) -> Tensor2 {
        match self.kind {
            OptimizerKind::Sgd => w - g.mul_scalar(self.lr),
            OptimizerKind::Momentum => {
                let v = match slot.first.take() {
                    Some(v) => v.mul_scalar(MOMENTUM) + g,
                    None => g,
                };
                slot.first = Some(v.clone());
                w - v.mul_scalar(self.lr)
            }
            OptimizerKind::Adam => {
                let m = match slot.first.take() {
                    Some(m) => m.mul_scalar(ADAM_BETA1) + g.clone().mul_scalar(1.0 - ADAM_BETA1),
                    None => g.clone().mul_scalar(1.0 - ADAM_BETA1),
                };
                let g2 = g.clone() * g;
                let v = match slot.second.take() {
                    Some(v) => v.mul_scalar(ADAM_BETA2) + g2.mul_scalar(1.0 - ADAM_BETA2),
                    None => g2.mul_scalar(1.0 - ADAM_BETA2),
                };
                let t = self.step.min(i32::MAX as u64) as i32;
                let bc1 = 1.0 - ADAM_BETA1.powi(t);
                let bc2 = 1.0 - ADAM_BETA2.powi(t);
                let denom = v.clone().sqrt().mul_scalar(1.0 / bc2.sqrt()).add_scalar(ADAM_EPS);
                let delta = m.clone().div(denom).mul_scalar(self.lr / bc1);
                slot.first = Some(m);
                slot.second = Some(v);
                w - delta
            }
        }
    }
}

/// ∂L/∂z of the mean loss L over a batch of `n` rows, for raw outputs `z` and targets `t` of
/// some of its rows (`[rows, 1]`, see [`loss_target`]), in closed form:
/// SigmoidBce (σ(z) − t)/n, LinearMse (z − t)/n, TanhMse (tanh z − t)(1 − tanh² z)/n.
#[cfg(test)]
fn output_gradient(kind: LossKind, z: Tensor2, t: Tensor2, n: usize) -> Tensor2 {
    let n = n.max(1) as f64;
    match kind {
        LossKind::SigmoidBce => (activation::sigmoid(z) - t).mul_scalar(1.0 / n),
        LossKind::LinearMse => (z - t).mul_scalar(1.0 / n),
        LossKind::TanhMse => {
            let th = z.tanh();
            let slope = (th.clone() * th.clone()).neg().add_scalar(1.0);
            ((th - t) * slope).mul_scalar(1.0 / n)
        }
    }
}

/// The mean loss of raw outputs `z` `[n, 1]` against targets `t` `[n, 1]` (see
/// [`loss_target`]), as a one-element tensor. SigmoidBce uses softplus(z) − z·t =
/// −ln σ(−z) − z·t (burn's `log_sigmoid` is stable for any z). Only the tests use it, to check
/// [`output_gradient`] against autodiff.
#[cfg(test)]
fn loss_tensor<B: burn::tensor::backend::Backend>(
    kind: LossKind,
    z: Tensor<B, 2>,
    t: Tensor<B, 2>,
) -> Tensor<B, 1> {
    let n = z.dims()[0].max(1) as f64;
    match kind {
        LossKind::SigmoidBce => {
            let log_sig = activation::log_sigmoid(z.clone().neg());
            (log_sig + z * t).sum().mul_scalar(-1.0 / n)
        }
        LossKind::LinearMse => {
            let d = z - t;
            (d.clone() * d).sum().mul_scalar(0.5 / n)
        }
        LossKind::TanhMse => {
            let d = z.tanh() - t;
            (d.clone() * d).sum().mul_scalar(0.5 / n)
        }
    }
}

/// The loss's target for a label: (label + 1)/2 ∈ [0, 1] for SigmoidBce, the label itself
/// for the squared errors.
fn loss_target(kind: LossKind, label: f64) -> f32 {
    match kind {
        LossKind::SigmoidBce => (0.5 * (label + 1.0)) as f32,
        LossKind::LinearMse | LossKind::TanhMse => label as f32,
    }
}

/// The points' inputs `[n, k]`, loss targets `[n, 1]` (uploaded) and labels (f64).
struct Uploaded {
    x: Tensor2,
    t: Tensor2,
    x_host: Vec<f32>,
    t_host: Vec<f32>,
    labels: Vec<f64>,
}

/// The points' inputs `[n, k]` and loss targets `[n, 1]`, uploaded and kept on the host too,
/// and their labels in f64.
fn upload(settings: &Settings, points: &[Point], device: &Device) -> Uploaded {
    let k = settings.num_inputs();
    let n = points.len();
    let x_host = feature_matrix(&settings.features, points);
    let t_host: Vec<f32> = points.iter().map(|p| loss_target(settings.loss, p.label)).collect();
    Uploaded {
        x: Tensor2::from_data(TensorData::new(x_host.clone(), [n, k]), device),
        t: Tensor2::from_data(TensorData::new(t_host.clone(), [n, 1]), device),
        x_host,
        t_host,
        labels: points.iter().map(|p| p.label).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::nn::data::DatasetKind;

    type TrainBackend = burn::backend::Autodiff<Backend>;

    fn small(activation: Activation) -> Settings {
        Settings { num_points: 100, hidden: vec![3, 2], activation, ..Settings::default() }
    }

    #[test]
    fn new_measures_epoch_zero() {
        let s = Session::new(small(Activation::Relu));
        assert_eq!(s.epoch(), 0);
        assert_eq!(s.history().len(), 1);
        assert_eq!(s.metrics().epoch, 0);
        assert!(s.metrics().train_loss.is_finite());
        assert_eq!(s.metrics().layers.len(), 2);
        assert_eq!(s.dataset().train.len(), 50);
        assert_eq!(s.status(), &Status::Running);
    }

    #[test]
    fn loss_tensor_matches_the_f64_definition() {
        let device = Device::default();
        let zs = [-30.0f32, -2.0, 0.0, 0.5, 40.0];
        let labels = [1.0, -1.0, 1.0, -1.0, 1.0];
        for kind in LossKind::ALL {
            let t: Vec<f32> = labels.iter().map(|&l| loss_target(kind, l)).collect();
            let z = Tensor2::from_data(TensorData::new(zs.to_vec(), [5, 1]), &device);
            let t = Tensor2::from_data(TensorData::new(t, [5, 1]), &device);
            let got = f64::from(to_vec(loss_tensor(kind, z, t))[0]);
            let want = zs.iter().zip(labels).map(|(&z, l)| kind.loss(f64::from(z), l)).sum::<f64>() / 5.0;
            assert!((got - want).abs() < 1e-5 * want.max(1.0), "{kind:?}: {got} vs {want}");
        }
    }

    #[test]
    fn loss_gradient_matches_finite_differences() {
        // d(loss)/dz of the tensor form against the f64 definition, for each loss kind.
        for kind in LossKind::ALL {
            for (z0, label) in [(0.3f64, 1.0), (-1.2, -1.0), (2.0, -1.0)] {
                let z = Tensor::<TrainBackend, 2>::from_data(
                    TensorData::new(vec![z0 as f32], [1, 1]),
                    &Device::default(),
                )
                .require_grad();
                let t = Tensor::<TrainBackend, 2>::from_data(
                    TensorData::new(vec![loss_target(kind, label)], [1, 1]),
                    &Device::default(),
                );
                let grads = loss_tensor(kind, z.clone(), t).backward();
                let g = f64::from(to_vec(z.grad(&grads).expect("z has a gradient"))[0]);
                let h = 1e-6;
                let fd = (kind.loss(z0 + h, label) - kind.loss(z0 - h, label)) / (2.0 * h);
                assert!((g - fd).abs() < 1e-4, "{kind:?} at {z0}: {g} vs {fd}");
            }
        }
    }

    #[test]
    fn closed_form_output_gradient_equals_autodiff_of_the_loss() {
        let device = Device::default();
        let zs = vec![-30.0f32, -2.0, 0.0, 0.5, 3.0, 40.0];
        let labels = [1.0, -1.0, 1.0, -1.0, 0.3, 1.0];
        for kind in LossKind::ALL {
            let t: Vec<f32> = labels.iter().map(|&l| loss_target(kind, l)).collect();
            let t = Tensor2::from_data(TensorData::new(t, [6, 1]), &device);
            let z = Tensor::<TrainBackend, 2>::from_data(TensorData::new(zs.clone(), [6, 1]), &device)
                .require_grad();
            let grads = loss_tensor(kind, z.clone(), Tensor::from_inner(t.clone())).backward();
            let auto = to_vec(z.grad(&grads).expect("z has a gradient"));
            let closed = to_vec(output_gradient(kind, z.inner(), t, 6));
            for (a, c) in auto.iter().zip(&closed) {
                assert!((a - c).abs() <= 1e-6 * a.abs().max(1e-3), "{kind:?}: {auto:?} vs {closed:?}");
            }
        }
    }

    /// The hand-written backward passes (`Mlp::backward` after `output_gradient`, and the fused
    /// `Mlp::backward_fused` after `fused::loss_gradient`; plus `regularized`) against autodiff of the same network's loss and penalty: every weight,
    /// bias and PReLU slope of every layer, for each loss kind, regularization and activation
    /// (mixed per layer), on random inputs, for a small batch and one over
    /// `BIAS_MATMUL_MIN_ROWS` (the other bias path).
    #[test]
    fn hand_written_gradients_equal_autodiff() {
        let device = Device::default();
        let mut rng = Rng::derive(7, "test");
        let mut acts = Activation::ALL.to_vec();
        acts.push(Activation::Prelu { a: -0.3 });
        let mut checked = 0;
        for (case, pair) in acts.chunks(2).enumerate() {
            let kind = LossKind::ALL[case % 3];
            let reg = Regularization::ALL[(case / 3) % 3];
            let n = if case % 2 == 0 { 9 } else { 40 };
            let settings = Settings { hidden: vec![5, 4, 3], learning_rate: 0.1, ..Settings::default() };
            let hidden = [pair[0], pair[pair.len() - 1], Activation::Prelu { a: 0.2 }];
            let mut w = NetworkWeights::init(&settings);
            for (l, a) in hidden.iter().enumerate() {
                w.layers[l].prelu_slope = match a {
                    Activation::Prelu { a } => Some(*a as f32),
                    _ => None,
                };
            }
            let xs: Vec<f32> = (0..n * 2).map(|_| (3.0 * rng.normal()) as f32).collect();
            let ts: Vec<f32> = (0..n).map(|_| loss_target(kind, rng.uniform(-1.0, 1.0).signum())).collect();
            let x = Tensor2::from_data(TensorData::new(xs, [n, 2]), &device);
            let t = Tensor2::from_data(TensorData::new(ts, [n, 1]), &device);
            let rate = 0.01;

            let plain = Mlp::<Backend>::from_weights(&w, &hidden, &device);
            let tape = plain.forward_tape(x.clone());
            let grads = plain.backward(&tape, output_gradient(kind, tape.output.clone(), t.clone(), n));
            let fused_tape = plain.forward_tape_fused(x.clone());
            let fused_dz = fused::loss_gradient(kind, fused_tape.output.clone(), t.clone(), n);
            let fused_grads = plain.backward_fused(&fused_tape, fused_dz);

            let auto = Mlp::<TrainBackend>::from_weights(&w, &hidden, &device);
            let layers: Vec<_> = auto.hidden.iter().chain(std::iter::once(&auto.output)).collect();
            let mut loss = loss_tensor(kind, auto.forward(Tensor::from_inner(x)), Tensor::from_inner(t));
            for layer in &layers {
                let w = layer.weight.val();
                loss = match reg {
                    Regularization::None => loss,
                    Regularization::L1 => loss + w.abs().sum().mul_scalar(rate),
                    Regularization::L2 => loss + w.square().sum().mul_scalar(rate / 2.0),
                };
            }
            let ad = loss.backward();
            let close = |what: &str, got: Tensor2, want: Option<Tensor2>| {
                let (got, want) = (to_vec(got), to_vec(want.expect("autodiff has a gradient")));
                assert_eq!(got.len(), want.len());
                for (g, a) in got.iter().zip(&want) {
                    assert!((g - a).abs() <= 1e-5 * a.abs().max(1.0), "{what}: {got:?} vs autodiff {want:?}");
                }
            };
            let both = grads
                .into_iter()
                .map(|g| ("tensor ops", g))
                .chain(fused_grads.into_iter().map(|g| ("fused", g)));
            for (l, (path, g)) in both.enumerate() {
                let (l, layer) = (l % layers.len(), layers[l % layers.len()]);
                let what = format!("{path}: {hidden:?} {kind:?} {reg:?} n={n} layer {l}");
                let weight = regularized(reg, rate, &layer.weight.val().inner(), g.weight);
                close(&format!("{what} weight"), weight, layer.weight.val().grad(&ad));
                close(&format!("{what} bias"), g.bias, layer.bias.val().grad(&ad));
                let auto_slope = layer.slope.as_ref().and_then(|s| s.val().grad(&ad));
                assert_eq!(g.slope.is_some(), auto_slope.is_some(), "{what}: slope");
                if let Some(slope) = g.slope {
                    close(&format!("{what} slope"), slope, auto_slope);
                    checked += 1;
                }
            }
        }
        assert!(checked >= 26, "every case has a PReLU layer, on both paths: {checked}");
    }

    #[test]
    fn update_rules_follow_their_formulas_over_two_steps() {
        let device = Device::default();
        let one = |v: f32| Tensor2::from_data(TensorData::new(vec![v], [1, 1]), &device);
        let (w0, g1, g2, lr) = (1.0f64, 0.5f64, -0.25f64, 0.1f64);
        let run = |kind| {
            let mut slot = Slot::default();
            let r1 = Rule { kind, lr, step: 1 };
            let w1 = r1.update(one(w0 as f32), one(g1 as f32), &mut slot);
            let r2 = Rule { kind, lr, step: 2 };
            f64::from(to_vec(r2.update(w1, one(g2 as f32), &mut slot))[0])
        };
        let sgd = w0 - lr * g1 - lr * g2;
        let v2 = MOMENTUM * g1 + g2;
        let momentum = w0 - lr * g1 - lr * v2;
        let adam = {
            let (b1, b2) = (ADAM_BETA1, ADAM_BETA2);
            let step = |m: f64, v: f64, t: i32| {
                lr * (m / (1.0 - b1.powi(t))) / ((v / (1.0 - b2.powi(t))).sqrt() + ADAM_EPS)
            };
            let (m1, v1) = ((1.0 - b1) * g1, (1.0 - b2) * g1 * g1);
            let (m2, v2) = (b1 * m1 + (1.0 - b1) * g2, b2 * v1 + (1.0 - b2) * g2 * g2);
            w0 - step(m1, v1, 1) - step(m2, v2, 2)
        };
        for (kind, want) in
            [(OptimizerKind::Sgd, sgd), (OptimizerKind::Momentum, momentum), (OptimizerKind::Adam, adam)]
        {
            let got = run(kind);
            assert!((got - want).abs() < 1e-6, "{kind:?}: {got} vs {want}");
        }
    }

    /// The fused update (one op per parameter, penalty inside) gives the tensor-op rule's bits
    /// (`regularized`, then `Rule::update`) for every optimizer and penalty, over three steps of
    /// random gradients (the moments carried between them).
    #[test]
    fn fused_updates_equal_the_tensor_rule_bit_for_bit() {
        let device = Device::default();
        let mut rng = Rng::derive(5, "update");
        let mut random = |scale: f64| {
            let v: Vec<f32> = (0..12).map(|_| (scale * rng.normal()) as f32).collect();
            Tensor2::from_data(TensorData::new(v, [3, 4]), &device)
        };
        for kind in OptimizerKind::ALL {
            for reg in Regularization::ALL {
                let (mut w_rule, mut slot) = (random(1.0), Slot::default());
                let (mut w_fused, mut first, mut second) = (w_rule.clone(), None, None);
                for step in 1..=3 {
                    let g = random(0.1);
                    let rule = Rule { kind, lr: 0.03, step };
                    let penalised = regularized(reg, 0.003, &w_rule, g.clone());
                    w_rule = rule.update(w_rule, penalised, &mut slot);
                    let fused_rule = UpdateRule { kind, lr: 0.03, step, penalty: Some((reg, 0.003)) };
                    w_fused = fused::update(w_fused, g, &mut first, &mut second, &fused_rule);
                    let bits =
                        |t: &Tensor2| to_vec(t.clone()).iter().map(|v| v.to_bits()).collect::<Vec<_>>();
                    assert_eq!(bits(&w_fused), bits(&w_rule), "{kind:?} {reg:?} step {step}");
                }
            }
        }
    }

    /// A minibatch step through the per-layer ops (`chunk_gradients` + `apply`, the path of
    /// custom formulas and large minibatches) and through the whole-step op give the same bits,
    /// step after step: the same step number (Adam's bias correction), penalty and moments; and
    /// so do several minibatches in one op.
    #[test]
    fn per_layer_and_whole_step_paths_train_the_same_bits() {
        for optimizer in OptimizerKind::ALL {
            let settings = Settings {
                optimizer,
                regularization: Regularization::L2,
                reg_rate: 0.001,
                learning_rate: 0.05,
                ..small(Activation::Relu)
            };
            let (mut layered, mut whole) = (Session::new(settings.clone()), Session::new(settings.clone()));
            let mut at_once = Session::new(settings);
            let (xs, ts) = (layered.x_train.clone(), layered.t_train.clone());
            let bits = |s: &Session| {
                let w = s.model.to_weights();
                w.layers
                    .iter()
                    .flat_map(|l| l.weights.concat().into_iter().chain(l.biases.clone()))
                    .map(f32::to_bits)
                    .collect::<Vec<_>>()
            };
            // The last minibatch is shorter (its loss the mean over its own 7 rows).
            let batches = [0..10, 10..20, 20..30, 30..37];
            for (step, rows) in batches.iter().enumerate() {
                let g = layered.chunk_gradients(&xs, &ts, rows.start, rows.len(), rows.len());
                layered.apply(g);
                assert!(whole.steps_fused(&xs, &ts, std::slice::from_ref(rows)));
                assert_eq!(bits(&layered), bits(&whole), "{optimizer:?} step {step}");
            }
            // All four in one op: the parameters stay on the host, the steps are numbered on.
            assert!(at_once.steps_fused(&xs, &ts, &batches));
            assert_eq!(bits(&at_once), bits(&layered), "{optimizer:?}, four steps in one op");
            assert_eq!(at_once.optim.steps, 4);
        }
    }

    #[test]
    fn full_batch_reuses_the_metrics_gradient_bit_for_bit() {
        let settings = Settings { batch_size: 1000, learning_rate: 0.1, ..small(Activation::Tanh) };
        let mut reused = Session::new(settings.clone());
        let mut fresh = Session::new(settings);
        for _ in 0..5 {
            assert!(reused.pending.is_some());
            reused.step(1);
            fresh.pending = None;
            fresh.step(1);
        }
        assert_eq!(reused.weights(), fresh.weights());
        assert_ne!(reused.weights(), *reused.initial_weights());
    }

    #[test]
    fn probe_grid_is_row_major_from_the_top() {
        let s = Session::new(small(Activation::Tanh));
        let p = s.probe(4);
        assert_eq!(p.output.len(), 16);
        assert_eq!(p.hidden.len(), 2);
        assert_eq!(p.hidden[0].len(), 3);
        assert_eq!(p.hidden[1][1].len(), 16);
        assert_eq!(p.x(0), -4.5);
        assert_eq!(p.y(0), 4.5);
        assert_eq!(p.y(3), -4.5);
        let v = s.predict(p.x(1), p.y(2));
        assert!((f64::from(p.output_at(2, 1)) - v).abs() < 1e-6);
        assert!(s.probe(0).output.is_empty());
    }

    #[test]
    fn regression_has_no_accuracy_and_an_empty_test_set_is_fine() {
        let settings = Settings {
            dataset: DatasetKind::RegPlane,
            num_points: 60,
            loss: LossKind::LinearMse,
            ..Settings::default()
        };
        let mut s = Session::new(settings.clone());
        assert_eq!(s.metrics().train_accuracy, None);
        s.step(2);
        assert!(s.metrics().train_loss.is_finite());
        let mut data = s.dataset().clone();
        data.test.clear();
        let mut s = Session::with_dataset(settings.clone(), data);
        s.step(1);
        assert!(s.metrics().test_loss.is_nan());
        assert_eq!(s.epoch(), 1);
        // No training point: nothing to train, no panic.
        let empty = Dataset { kind: DatasetKind::Circle, train: vec![], test: vec![] };
        let mut s = Session::with_dataset(Settings::default(), empty);
        s.step(3);
        assert_eq!(s.epoch(), 0);
        assert_eq!(s.status(), &Status::Running);
        assert_eq!(s.metrics().dead_count(), 0);
    }

    #[test]
    fn prelu_slope_is_learned() {
        let mut s = Session::new(Settings {
            activation: Activation::Prelu { a: 0.25 },
            learning_rate: 0.1,
            ..small(Activation::Relu)
        });
        assert_eq!(s.weights().layers[0].prelu_slope, Some(0.25));
        assert!(s.weights().layers[2].prelu_slope.is_none());
        s.step(5);
        let a = s.weights().layers[0].prelu_slope.expect("a PReLU layer has a slope");
        assert_ne!(a, 0.25);
        assert_eq!(s.activations()[0], Activation::Prelu { a: f64::from(a) });
    }

    #[test]
    fn fifty_layers_of_sixteen_train_and_are_measured() {
        let mut s = Session::new(Settings {
            num_points: 40,
            batch_size: 20,
            hidden: vec![16; 50],
            activation: Activation::Tanh,
            init: crate::domain::nn::settings::Init::XavierNormal,
            ..Settings::default()
        });
        s.step(1);
        assert_eq!(s.epoch(), 1);
        assert_eq!(s.metrics().layers.len(), 50);
        assert_eq!(s.metrics().grad_norms().len(), 51);
        assert_eq!(s.weights().sizes().len(), 52);
        assert_eq!(s.probe(3).hidden.len(), 50);
        assert!(s.metrics().train_loss.is_finite());
    }

    #[test]
    fn invalid_settings_are_clamped_not_fatal() {
        let s = Session::new(Settings {
            learning_rate: 1e9,
            batch_size: 0,
            hidden: vec![40, 0],
            features: vec![],
            ..Settings::default()
        });
        assert_eq!(s.settings().learning_rate, 10.0);
        assert_eq!(s.settings().hidden, vec![16, 1]);
        assert_eq!(s.settings().batch_size, 1);
        assert_eq!(s.settings().num_inputs(), 2);
    }
}
