//! Training-engine benchmark: `cargo run --release --example bench`.
//!
//! Prints one line per case, `name: X ms/epoch` or `name: X ms/probe` (median over several
//! runs), then the floor: the same [8,8] ReLU batch-10 epoch as a hand-written plain-f32 loop
//! (forward, backward, SGD; no burn, no metrics) and the ratio burn / hand-written.
//!
//! An epoch of a [`Session`] is what the Playground pays per epoch: the minibatch steps plus
//! the metrics (one full-batch forward + backward and a test forward, read back and reduced).
//! The `…_metrics` line is that measurement alone (timed through `set_weights`, which
//! re-measures), so `train ≈ epoch − metrics`.
//!
//! Honesty checks: every case starts from the seed's weights and trains the same way the app
//! does; after the runs it prints how many subnormal numbers the weights hold (subnormals make
//! float ops ~10x slower, and a benchmark that drifts into them measures the wrong thing).

use std::hint::black_box;
use std::time::Instant;

use activation_lab::domain::activation::Activation;
use activation_lab::domain::nn::data::{Dataset, DatasetKind};
use activation_lab::domain::nn::features::feature_matrix;
use activation_lab::domain::nn::model::NetworkWeights;
use activation_lab::domain::nn::rng::Rng;
use activation_lab::domain::nn::settings::Settings;
use activation_lab::domain::nn::trainer::Session;

const RUNS: usize = 9;

/// Median and minimum over the runs, in ms per call.
#[derive(Clone, Copy)]
struct Timing {
    median: f64,
    min: f64,
}

impl std::fmt::Display for Timing {
    /// The median; the minimum in parentheses shows how much a loaded machine inflated it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:.4}", self.median)
    }
}

/// Median (and min) over RUNS of the mean time of `per_run` calls of `f`, in ms.
fn time_ms(per_run: usize, mut f: impl FnMut()) -> Timing {
    f(); // warm up
    let mut runs: Vec<f64> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..per_run {
                f();
            }
            t.elapsed().as_secs_f64() * 1e3 / per_run as f64
        })
        .collect();
    runs.sort_by(|a, b| a.total_cmp(b));
    Timing { median: runs[runs.len() / 2], min: runs[0] }
}

fn subnormals(w: &NetworkWeights) -> usize {
    w.layers
        .iter()
        .flat_map(|l| l.weights.iter().flatten().chain(&l.biases))
        .filter(|v| v.is_subnormal())
        .count()
}

fn relu8x8() -> Settings {
    Settings {
        dataset: DatasetKind::Circle,
        num_points: 500,
        train_fraction: 0.5,
        batch_size: 10,
        hidden: vec![8, 8],
        activation: Activation::Relu,
        learning_rate: 0.03,
        ..Settings::default()
    }
}

/// Trains a fresh session and reports ms/epoch.
fn bench_epochs(name: &str, settings: Settings, per_run: usize) -> Timing {
    let mut s = Session::new(settings);
    let ms = time_ms(per_run, || {
        s.step(1);
    });
    println!("{name}: {ms} ms/epoch (min {:.4})", ms.min);
    if !s.status().is_diverged() {
        let sub = subnormals(&s.weights());
        if sub > 0 {
            println!("  warning: {sub} subnormal weights after {} epochs", s.epoch());
        }
    } else {
        println!("  warning: diverged: {:?}", s.status());
    }
    ms
}

/// The [8,8] ReLU network of `relu8x8()` trained by hand in plain f32: same data, same
/// initial weights, same minibatch order, sigmoid + cross-entropy, SGD. The floor: written with
/// slices and iterators (no bounds check per multiply-add), one example at a time.
struct HandNet {
    /// Per weight layer: `w[out * fan_in + in]`, biases, and their gradient accumulators.
    layers: Vec<HandLayer>,
    /// Per layer (input included): the current example's activations and backpropagated deltas.
    acts: Vec<Vec<f32>>,
    deltas: Vec<Vec<f32>>,
    x: Vec<f32>,
    t: Vec<f32>,
    order: Vec<usize>,
    rng: Rng,
    lr: f32,
    batch: usize,
}

struct HandLayer {
    fan_in: usize,
    w: Vec<f32>,
    b: Vec<f32>,
    gw: Vec<f32>,
    gb: Vec<f32>,
}

impl HandNet {
    fn new(settings: &Settings) -> HandNet {
        let data = Dataset::generate(
            settings.dataset,
            settings.num_points,
            settings.noise,
            settings.train_fraction,
            settings.seed,
        );
        let init = NetworkWeights::init(settings);
        let sizes = init.sizes();
        let layers = init
            .layers
            .iter()
            .map(|l| {
                let w: Vec<f32> = l.weights.iter().flatten().copied().collect();
                HandLayer {
                    fan_in: l.inputs(),
                    gw: vec![0.0; w.len()],
                    gb: vec![0.0; l.biases.len()],
                    b: l.biases.clone(),
                    w,
                }
            })
            .collect();
        HandNet {
            layers,
            acts: sizes.iter().map(|&n| vec![0.0; n]).collect(),
            deltas: sizes.iter().map(|&n| vec![0.0; n]).collect(),
            x: feature_matrix(&settings.features, &data.train),
            t: data.train.iter().map(|p| (0.5 * (p.label + 1.0)) as f32).collect(),
            order: (0..data.train.len()).collect(),
            rng: Rng::derive(settings.seed, "order"),
            lr: settings.learning_rate as f32,
            batch: settings.batch_size,
        }
    }

    /// Forward pass of example `i` into `acts` (ReLU on hidden layers, linear output); the
    /// output logit.
    fn forward(&mut self, i: usize) -> f32 {
        let k = self.acts[0].len();
        self.acts[0].copy_from_slice(&self.x[i * k..(i + 1) * k]);
        let last = self.layers.len() - 1;
        for (l, layer) in self.layers.iter().enumerate() {
            let (before, after) = self.acts.split_at_mut(l + 1);
            let (input, output) = (&before[l], &mut after[0]);
            for ((out, row), b) in output.iter_mut().zip(layer.w.chunks_exact(layer.fan_in)).zip(&layer.b) {
                let z = b + row.iter().zip(input).map(|(w, x)| w * x).sum::<f32>();
                *out = if l < last { z.max(0.0) } else { z };
            }
        }
        self.acts[self.layers.len()][0]
    }

    fn epoch(&mut self) {
        let n = self.t.len();
        for (i, o) in self.order.iter_mut().enumerate() {
            *o = i;
        }
        self.rng.shuffle(&mut self.order);
        let mut start = 0;
        while start < n {
            let end = (start + self.batch).min(n);
            let scale = 1.0 / (end - start) as f32;
            for layer in &mut self.layers {
                layer.gw.fill(0.0);
                layer.gb.fill(0.0);
            }
            for e in start..end {
                let i = self.order[e];
                let z = self.forward(i);
                // d(BCE)/dz = sigmoid(z) − t.
                let top = self.layers.len();
                self.deltas[top][0] = (1.0 / (1.0 + (-z).exp()) - self.t[i]) * scale;
                for l in (0..top).rev() {
                    let layer = &mut self.layers[l];
                    let (lower, upper) = self.deltas.split_at_mut(l + 1);
                    let (delta_in, delta_out) = (&mut lower[l], &upper[0]);
                    let input = &self.acts[l];
                    for ((gw_row, gb), d) in
                        layer.gw.chunks_exact_mut(layer.fan_in).zip(&mut layer.gb).zip(delta_out)
                    {
                        *gb += d;
                        gw_row.iter_mut().zip(input).for_each(|(g, x)| *g += d * x);
                    }
                    if l > 0 {
                        delta_in.fill(0.0);
                        for (row, d) in layer.w.chunks_exact(layer.fan_in).zip(delta_out) {
                            delta_in.iter_mut().zip(row).for_each(|(s, w)| *s += w * d);
                        }
                        // ReLU': the activation is positive exactly where the pre-activation is.
                        delta_in.iter_mut().zip(input).for_each(|(s, a)| {
                            if *a <= 0.0 {
                                *s = 0.0
                            }
                        });
                    }
                }
            }
            let lr = self.lr;
            for layer in &mut self.layers {
                layer.w.iter_mut().zip(&layer.gw).for_each(|(w, g)| *w -= lr * g);
                layer.b.iter_mut().zip(&layer.gb).for_each(|(b, g)| *b -= lr * g);
            }
            start = end;
        }
    }

    /// Training accuracy (keeps the optimiser from discarding the work, shows it learns).
    fn accuracy(&mut self) -> f64 {
        let n = self.t.len();
        let correct = (0..n).filter(|&i| (self.forward(i) > 0.0) == (self.t[i] > 0.5)).count();
        correct as f64 / n as f64
    }

    fn subnormal_weights(&self) -> usize {
        self.layers.iter().flat_map(|l| l.w.iter().chain(&l.b)).filter(|v| v.is_subnormal()).count()
    }
}

fn main() {
    // `bench NAME` repeats only the case NAME for a while (for `perf record`).
    if let Some(name) = std::env::args().nth(1) {
        return profile(&name);
    }
    println!("# activation_lab training benchmark (native, {RUNS} runs, median)");
    let b10 = bench_epochs("relu8x8_b10", relu8x8(), 20);
    {
        let mut s = Session::new(relu8x8());
        s.step(3);
        let w = s.weights();
        let ms = time_ms(20, || {
            s.set_weights(&w).expect("same network");
        });
        println!("relu8x8_b10_metrics: {ms} ms/epoch (min {:.4}; part of relu8x8_b10)", ms.min);
    }
    {
        // Far into training the logits grow and sigmoid(z) - t can underflow into subnormals,
        // which would slow every op touching them: the same case after 2000 epochs.
        let mut s = Session::new(relu8x8());
        s.step(2000);
        let ms = time_ms(20, || {
            s.step(1);
        });
        println!("  relu8x8_b10 after 2000 epochs: {ms} ms/epoch (min {:.4})", ms.min);
    }
    let full = bench_epochs("relu8x8_full", Settings { batch_size: 250, ..relu8x8() }, 50);
    bench_epochs(
        "tanh4x2_b10",
        Settings { hidden: vec![4, 2], activation: Activation::Tanh, ..relu8x8() },
        20,
    );
    bench_epochs("relu16x6_1000pts_b10", Settings { hidden: vec![16; 6], num_points: 2000, ..relu8x8() }, 3);
    {
        let mut s = Session::new(relu8x8());
        s.step(5);
        // 50×50 is what the Playground probes (its output is drawn from it at 100×100).
        for n in [50, 100] {
            let ms = time_ms(10, || {
                black_box(s.probe(n));
            });
            println!("relu8x8_probe{n}: {ms} ms/probe (min {:.4})", ms.min);
        }
    }
    // The same number of epochs as the burn case, so both train through the same regime.
    let mut hand = HandNet::new(&relu8x8());
    let floor = time_ms(20, || hand.epoch());
    println!("hand_relu8x8_b10: {floor} ms/epoch (min {:.4}; plain f32, no metrics)", floor.min);
    {
        // Diagnostic: the same loop far into training, where sigmoid(z) - t underflows.
        let mut late = HandNet::new(&relu8x8());
        for _ in 0..2000 {
            late.epoch();
        }
        let ms = time_ms(20, || late.epoch());
        println!("  hand-written after 2000 epochs: {ms} ms/epoch (min {:.4})", ms.min);
    }
    println!(
        "ratio burn/hand-written: {:.0}x median, {:.0}x min (b10 epoch incl. metrics); full batch {full} ms/epoch",
        b10.median / floor.median,
        b10.min / floor.min,
    );
    println!(
        "  (hand-written run trained {} points to {:.1} % train accuracy; {} subnormal weights)",
        hand.t.len(),
        100.0 * hand.accuracy(),
        hand.subnormal_weights()
    );
}

/// Runs one case for about 5 s, for a profiler.
fn profile(name: &str) {
    let settings = match name {
        "relu8x8_b10" => relu8x8(),
        "relu8x8_full" => Settings { batch_size: 250, ..relu8x8() },
        "probe" => {
            let s = Session::new(relu8x8());
            let t = Instant::now();
            while t.elapsed().as_secs() < 5 {
                black_box(s.probe(100));
            }
            return;
        }
        "hand" => {
            let mut h = HandNet::new(&relu8x8());
            let t = Instant::now();
            while t.elapsed().as_secs() < 5 {
                h.epoch();
            }
            return;
        }
        other => {
            eprintln!("unknown case {other}: relu8x8_b10, relu8x8_full, probe, hand");
            return;
        }
    };
    let mut s = Session::new(settings);
    let t = Instant::now();
    while t.elapsed().as_secs() < 5 {
        s.step(1);
    }
    println!("{} epochs", s.epoch());
}
