//! An epoch as a sequence of small units of work, so that a caller with a time budget (the
//! animation frame) can stop between any two and go on later: [`Session::advance`].
//!
//! A unit is up to [`STEPS_PER_UNIT`] whole minibatch steps of at most [`CHUNK_ROWS`] rows in
//! all (one fused op when the activations allow it: the parameters stay on the host between
//! them), or one chunk of at most [`CHUNK_ROWS`] rows: of a minibatch larger than that (its
//! gradient is summed over the chunks, then applied once), or of the measurement at the end of
//! the epoch (train rows forward + backward, then test rows forward;
//! the metrics are computed with the last chunk). Where the chunks fall depends only on the
//! data and the settings, never on how the units are split between calls, so a run is
//! bit-identical however it is advanced (tested in `tests/training.rs`).

use std::ops::Range;

use super::{Session, Tensor2};
use crate::domain::frame_budget::Units;
use crate::domain::nn::backprop::LayerGrads;
use crate::domain::nn::fused;
use crate::domain::nn::fused::kernels::network;
use crate::domain::nn::metrics::{self, EpochMetrics, LayerMetrics, LayerReadback};
use crate::domain::nn::model::Backend;

/// Most rows one unit of work passes through the network.
pub const CHUNK_ROWS: usize = 256;

/// Most minibatch steps one unit of work does: at minibatch 1 a unit of the per-layer ops
/// (custom formulas, GELU, …) stays a few milliseconds for the biggest network.
pub const STEPS_PER_UNIT: usize = 32;

/// Where the session is within an epoch.
pub(super) enum Phase {
    Train(Box<EpochRun>),
    Measure(Box<MeasureRun>),
}

/// The minibatches of the epoch in progress.
pub(super) struct EpochRun {
    /// The epoch's rows in its order (the training set itself when training full batch).
    xs: Tensor2,
    ts: Tensor2,
    /// The first row of the minibatch in progress, and the first row not yet in its gradient.
    batch_start: usize,
    next: usize,
    /// The gradient of the minibatch in progress so far (when it spans several chunks).
    sum: Option<Vec<LayerGrads<Backend>>>,
}

/// The measurement of the weights after `epoch` epochs, chunk by chunk.
pub(super) struct MeasureRun {
    epoch: usize,
    /// The layers' metrics one epoch earlier, for `dead_since` (`None`: new weights).
    previous: Option<Vec<LayerMetrics>>,
    train_next: usize,
    test_next: usize,
    grads: Option<Vec<network::Grads>>,
    pre: Vec<Vec<f32>>,
    post: Vec<Vec<f32>>,
    z_train: Vec<f32>,
    z_test: Vec<f32>,
}

/// `a + b`, parameter by parameter.
fn add(a: Option<Vec<LayerGrads<Backend>>>, b: Vec<LayerGrads<Backend>>) -> Vec<LayerGrads<Backend>> {
    let Some(a) = a else {
        return b;
    };
    a.into_iter()
        .zip(b)
        .map(|(a, b)| LayerGrads {
            weight: a.weight + b.weight,
            bias: a.bias + b.bias,
            slope: a.slope.zip(b.slope).map(|(x, y)| x + y),
        })
        .collect()
}

/// `a + b`, parameter by parameter, on the host (the same bits as [`add`]).
fn add_host(a: Option<Vec<network::Grads>>, b: Vec<network::Grads>) -> Vec<network::Grads> {
    let Some(a) = a else {
        return b;
    };
    let sum = |a: Vec<f32>, b: Vec<f32>| a.into_iter().zip(b).map(|(x, y)| x + y).collect();
    a.into_iter()
        .zip(b)
        .map(|(a, b)| network::Grads {
            weight: sum(a.weight, b.weight),
            bias: sum(a.bias, b.bias),
            slope: a.slope.zip(b.slope).map(|(x, y)| x + y),
        })
        .collect()
}

/// Rows `start..start + len` of `t`.
fn rows(t: &Tensor2, start: usize, len: usize) -> Tensor2 {
    t.clone().narrow(0, start, len)
}

impl Session {
    /// Trains for up to `units` units of work (see the module documentation), finishing epochs
    /// as it goes; none if it has diverged or there is no training point. Returns how many
    /// epochs it completed (measured, in the history). The same units split over any number of
    /// calls give the same run bit for bit.
    pub fn advance(&mut self, units: usize) -> usize {
        let mut epochs = 0;
        for _ in 0..units {
            if self.stopped() {
                break;
            }
            if self.unit() {
                epochs += 1;
            }
        }
        epochs
    }

    /// Whether no unit can be done: the run diverged, or there is no training point.
    pub fn stopped(&self) -> bool {
        self.status.is_diverged() || self.train_len() == 0
    }

    /// How far the epoch in progress is, 0..1 (its minibatches, then its measurement); `None`
    /// between epochs.
    pub fn epoch_progress(&self) -> Option<f64> {
        let n = self.train_len().max(1) as f64;
        let tests = self.test_labels.len() as f64;
        match &self.phase {
            None => None,
            Some(Phase::Train(run)) => Some(0.5 * run.next as f64 / n),
            Some(Phase::Measure(m)) => Some(0.5 + 0.5 * (m.train_next + m.test_next) as f64 / (n + tests)),
        }
    }

    /// One unit of work; true when it completed an epoch.
    pub(super) fn unit(&mut self) -> bool {
        let phase = match self.phase.take() {
            Some(phase) => phase,
            None => self.start_epoch(),
        };
        match phase {
            Phase::Train(run) => {
                self.phase = Some(self.train_unit(run));
                false
            }
            Phase::Measure(mut m) => {
                if self.measure_unit(&mut m) {
                    self.run_schedule();
                    true
                } else {
                    self.phase = Some(Phase::Measure(m));
                    false
                }
            }
        }
    }

    /// The epoch's order: a fresh shuffle, or the training set as it is when training full
    /// batch (the order does not change a full-batch gradient).
    fn start_epoch(&mut self) -> Phase {
        let n = self.train_len();
        let (xs, ts) = if self.settings.batch_size.clamp(1, n) == n {
            (self.x_train.clone(), self.t_train.clone())
        } else {
            self.pending = None;
            self.shuffled()
        };
        Phase::Train(Box::new(EpochRun { xs, ts, batch_start: 0, next: 0, sum: None }))
    }

    /// The training rows in an order drawn from the seed, uploaded once per epoch: the
    /// permutation is applied on the host copy of the (tiny) training matrix, measured faster
    /// than an ndarray `select`. Minibatches are then row slices (views, no copy).
    fn shuffled(&mut self) -> (Tensor2, Tensor2) {
        let (n, k) = (self.train_len(), self.settings.num_inputs());
        let mut order: Vec<usize> = (0..n).collect();
        self.order_rng.shuffle(&mut order);
        let mut xs = Vec::with_capacity(n * k);
        let mut ts = Vec::with_capacity(n);
        for &i in &order {
            xs.extend_from_slice(&self.x_host[i * k..(i + 1) * k]);
            ts.push(self.t_host[i]);
        }
        let upload =
            |v: Vec<f32>, cols| Tensor2::from_data(burn::tensor::TensorData::new(v, [n, cols]), &self.device);
        (upload(xs, k), upload(ts, 1))
    }

    /// Whole minibatch steps (as many as a unit holds), or one chunk of a large minibatch; then
    /// the measurement once the epoch's minibatches are done. The batch size is read at each
    /// unit's start, so a live change takes effect from the next unit.
    fn train_unit(&mut self, mut run: Box<EpochRun>) -> Phase {
        let n = self.train_len();
        let batch = self.settings.batch_size.clamp(1, n).min(n - run.batch_start);
        if batch == n && run.next == 0 {
            if let Some(g) = self.pending.take() {
                // Full batch: the last measurement computed this gradient at these weights.
                run.sum = Some(g);
                run.next = n;
            }
        }
        let end = run.batch_start + batch;
        if run.next == run.batch_start && batch <= CHUNK_ROWS {
            let batches = self.unit_batches(run.batch_start);
            self.whole_minibatches(&run.xs, &run.ts, &batches);
            run.batch_start = batches.last().map_or(end, |r| r.end);
            run.next = run.batch_start;
        } else {
            if run.next < end {
                let len = CHUNK_ROWS.min(end - run.next);
                let g = self.chunk_gradients(&run.xs, &run.ts, run.next, len, batch);
                run.sum = Some(add(run.sum.take(), g));
                run.next += len;
            }
            if run.next >= end {
                if let Some(g) = run.sum.take() {
                    self.apply(g);
                }
                run.batch_start = end;
            }
        }
        if run.batch_start < n {
            return Phase::Train(run);
        }
        let previous = Some(self.metrics.layers.clone());
        Phase::Measure(Box::new(self.begin_measure(self.epoch + 1, previous)))
    }

    /// The whole minibatches of the unit that starts at row `start`: up to [`STEPS_PER_UNIT`]
    /// of the current batch size (the epoch's last one may be shorter), of at most
    /// [`CHUNK_ROWS`] rows in all (at least one minibatch).
    fn unit_batches(&self, mut start: usize) -> Vec<Range<usize>> {
        let n = self.train_len();
        let size = self.settings.batch_size.clamp(1, n.max(1));
        let (mut batches, mut rows) = (Vec::new(), 0);
        while start < n && batches.len() < STEPS_PER_UNIT {
            let end = (start + size).min(n);
            rows += end - start;
            if !batches.is_empty() && rows > CHUNK_ROWS {
                break;
            }
            batches.push(start..end);
            start = end;
        }
        batches
    }

    /// Steps on the minibatches `batches` of the epoch's rows: one fused op when the
    /// activations allow it, else each through the per-layer ops (the same bits).
    fn whole_minibatches(&mut self, xs: &Tensor2, ts: &Tensor2, batches: &[Range<usize>]) {
        if self.steps_fused(xs, ts, batches) {
            return;
        }
        for rows in batches {
            let g = self.chunk_gradients(xs, ts, rows.start, rows.len(), rows.len());
            self.apply(g);
        }
    }

    /// The gradient of the mean loss over a minibatch of `batch` rows, from its rows
    /// `start..start + len` (all of it when `len == batch`).
    pub(super) fn chunk_gradients(
        &self,
        xs: &Tensor2,
        ts: &Tensor2,
        start: usize,
        len: usize,
        batch: usize,
    ) -> Vec<LayerGrads<Backend>> {
        let tape = self.model.forward_tape_fused(rows(xs, start, len));
        let dz = fused::loss_gradient(self.settings.loss, tape.output.clone(), rows(ts, start, len), batch);
        self.model.backward_fused(&tape, dz)
    }

    pub(super) fn begin_measure(&self, epoch: usize, previous: Option<Vec<LayerMetrics>>) -> MeasureRun {
        let n = self.train_len();
        let widths = &self.settings.hidden;
        MeasureRun {
            epoch,
            previous,
            train_next: 0,
            test_next: 0,
            grads: None,
            pre: widths.iter().map(|w| Vec::with_capacity(n * w)).collect(),
            post: widths.iter().map(|w| Vec::with_capacity(n * w)).collect(),
            z_train: Vec::with_capacity(self.train_len()),
            z_test: Vec::with_capacity(self.test_labels.len()),
        }
    }

    /// Measures the current weights now, all chunks at once (a new run, a reset, an import).
    pub(super) fn measure_now(&mut self, epoch: usize, previous: Option<Vec<LayerMetrics>>) {
        let mut m = self.begin_measure(epoch, previous);
        while !self.measure_unit(&mut m) {}
    }

    /// One chunk of the measurement (train rows, then test rows); true when it is complete and
    /// the metrics are in.
    fn measure_unit(&mut self, m: &mut MeasureRun) -> bool {
        let (n, tests) = (self.train_len(), self.test_labels.len());
        if m.train_next < n {
            let chunk = m.train_next..n.min(m.train_next + CHUNK_ROWS);
            let target = Some((&self.t_train, self.settings.loss, n));
            let pass = self.model.pass(&self.x_train, chunk.clone(), target);
            if let Some(g) = pass.grads {
                m.grads = Some(add_host(m.grads.take(), g));
            }
            let f = pass.forward;
            for (l, (p, a)) in f.pre.into_iter().zip(f.post).enumerate() {
                m.pre[l].extend(p);
                m.post[l].extend(a);
            }
            m.z_train.extend(f.output);
            m.train_next = chunk.end;
        } else if m.test_next < tests {
            let chunk = m.test_next..tests.min(m.test_next + CHUNK_ROWS);
            if let Some(x) = &self.x_test {
                m.z_test.extend(self.model.pass(x, chunk.clone(), None).forward.output);
            }
            m.test_next = chunk.end;
        }
        if m.train_next < n || m.test_next < tests {
            return false;
        }
        self.finish_measure(m);
        true
    }

    /// The metrics from a complete measurement: appended to the history, divergence checked.
    fn finish_measure(&mut self, m: &mut MeasureRun) {
        self.epoch = m.epoch;
        self.weights = self.model.to_weights();
        let activations = self.current_activations();
        let classification = !self.data.kind.is_regression();
        let loss_kind = self.settings.loss;
        let widths = self.settings.hidden.clone();
        let mut grad_norms = vec![f64::NAN; widths.len() + 1];
        if let Some(g) = m.grads.take() {
            for (norm, lg) in grad_norms.iter_mut().zip(&g) {
                let squares = |g: &[f32]| g.iter().map(|&v| f64::from(v).powi(2)).sum::<f64>();
                let slope = lg.slope.map_or(0.0, |s| squares(&[s]));
                *norm = (squares(&lg.weight) + squares(&lg.bias) + slope).sqrt();
            }
            if self.settings.batch_size >= self.train_len() {
                self.pending = Some(self.upload_grads(g));
            }
        }
        let (train_loss, train_accuracy) = if self.train_len() > 0 {
            metrics::loss_and_accuracy(loss_kind, &m.z_train, &self.train_labels, classification)
        } else {
            (f64::NAN, None)
        };
        let (test_loss, test_accuracy) = if self.x_test.is_some() {
            metrics::loss_and_accuracy(loss_kind, &m.z_test, &self.test_labels, classification)
        } else {
            (f64::NAN, None)
        };
        let layers: Vec<LayerMetrics> = (0..widths.len())
            .map(|l| {
                let readback = LayerReadback {
                    activation: activations[l],
                    width: widths[l],
                    pre: &m.pre[l],
                    post: &m.post[l],
                    grad_norm: grad_norms[l],
                };
                metrics::layer_metrics(self.epoch, &readback, m.previous.as_ref().and_then(|p| p.get(l)))
            })
            .collect();
        self.metrics = EpochMetrics {
            epoch: self.epoch,
            train_loss,
            test_loss,
            train_accuracy,
            test_accuracy,
            layers,
            output_grad_norm: grad_norms[widths.len()],
            weight_norm: self.weights.l2_norm(),
        };
        self.history.push(&self.metrics);
        self.check_divergence();
    }
}

/// A frame trains a session unit by unit ([`train_within`](crate::domain::frame_budget::train_within)).
impl Units for Session {
    fn unit(&mut self) -> bool {
        self.advance(1) > 0
    }
    fn stopped(&self) -> bool {
        Session::stopped(self)
    }
}
