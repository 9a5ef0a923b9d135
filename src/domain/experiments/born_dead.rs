//! The "born dead" experiment: how likely is a randomly initialised deep, narrow ReLU network to
//! be a constant function before training even starts?
//!
//! Reference: Lu Lu, Yeonjong Shin, Yanhui Su, George Em Karniadakis, "Dying ReLU and
//! Initialization: Theory and Numerical Examples", Communications in Computational Physics 28(5)
//! (2020) 1671–1706, arXiv:1903.06733. The paper calls a network *born dead* when at
//! initialisation it is a constant function over the whole input domain, proves that with a
//! symmetric initialisation the born-dead probability (BDP) tends to 1 as the depth grows (faster
//! for narrower nets), and proposes the *randomized asymmetric initialization* (RAI) to lower it.
//!
//! # What one trial is
//!
//! A fully connected ReLU net with input dimension 2, `depth` hidden layers of `width` neurons
//! each, and a linear output of dimension 1, is initialised with an [`InitScheme`] and evaluated
//! on a dense sample of the input box (see [`grid_inputs`]). The net is counted as **dead** when
//! some hidden layer is zero for every input of the sample.
//!
//! Why that check: if a hidden layer is zero on every input, every later layer sees the same
//! (zero) vector, so the output is constant. Conversely, for the output to be constant while no
//! layer is all-zero, some layer would have to send every input to one and the same non-zero
//! vector, i.e. every alive neuron `w·z + b` would have to be constant on a set of `z` that is not
//! a single point, which happens with probability 0 for weights drawn from a continuous law. So
//! "some hidden layer is zero on every input" is the paper's event, up to a null set, and it is
//! exact and cheap to test. The output layer never matters (it is linear, and a zero layer before
//! it already makes the output constant), so it is not drawn at all.
//!
//! The sample is finite, so this estimates the probability of "dead on the sample", which is at
//! least the probability of "dead on the whole box" (dead on the box implies dead on the sample);
//! with the default 32×32 grid the difference is a net whose alive region slips between grid
//! points, which is rare.
//!
//! # Input box
//!
//! Inputs are a cell-centred square grid on `[-√3, √3]²` ([`INPUT_HALF_WIDTH`]): each coordinate
//! has mean 0 and variance ≈ 1, which is the assumption behind the He and RAI variances. The grid
//! is symmetric about the origin, so a zero-bias neuron `w·x` is never zero on every grid point
//! (a line through the origin always leaves a point strictly on its positive side). For the
//! symmetric scheme the box size does not matter at all (zero biases make the net positively
//! homogeneous); for RAI it does (the positive draw may land on a bias).
//!
//! # Cost and reproducibility
//!
//! A forward pass stops at the first all-zero layer (deeper layers cannot revive the net). Inputs
//! that reach the zero vector are merged into one representative row (they stay equal from then
//! on), so the work shrinks as inputs die. Every random draw goes through [`Rng`]: trial `k` of
//! width `w` uses its own stream `Rng::derive(seed ^ mix(w, k), "born-dead")`, so the results do
//! not depend on how the run is chunked, nor on which other cells are in the grid.

use crate::domain::nn::rng::Rng;

/// Inputs live in `[-INPUT_HALF_WIDTH, INPUT_HALF_WIDTH]²` = `[-√3, √3]²` (unit variance per
/// coordinate for uniform inputs).
pub const INPUT_HALF_WIDTH: f64 = 1.732_050_807_568_877_2; // √3

/// Standard deviation of RAI's symmetric draws, times `√fan_in`: `σ_ℓ = RAI_SIGMA / √N_{ℓ-1}`.
/// See [`InitScheme::Rai`].
pub const RAI_SIGMA: f64 = 0.6007;

/// z for a two-sided 95% interval.
pub const Z_95: f64 = 1.959_963_984_540_054;

/// How the weights and biases of each hidden layer are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InitScheme {
    /// He normal (He et al. 2015): every weight `~ N(0, 2 / fan_in)`, every bias `0`. This is the
    /// symmetric initialisation whose born-dead probability the paper analyses.
    HeSymmetric,
    /// Randomized asymmetric initialization (Lu, Shin, Su & Karniadakis, Section 4 "Randomized
    /// asymmetric initialization", with the variance from its second-moment analysis, §4.2).
    ///
    /// Our reading: for each neuron `j` of hidden layer `ℓ`, with fan-in `n = N_{ℓ-1}`, put its
    /// incoming weights and its bias in one vector `V_j = [W_j, b_j]` of length `n + 1`. Pick one
    /// index `k_j` uniformly in `{1, …, n + 1}` (so the bias is as likely as any weight); draw
    /// `V_j[k_j] ~ P = Beta(2, 1)` (a *positive*, asymmetric law on `[0, 1]`, density `2x`,
    /// unscaled), and every other entry of `V_j` (the other weights, and the bias unless it was
    /// picked) from the symmetric `N(0, σ_ℓ²)` with `σ_ℓ = 0.6007 / √n` ([`RAI_SIGMA`]).
    /// 0.6007 is the σ the paper's second-moment analysis gives for `P = Beta(2, 1)`, whose aim
    /// is to keep the second moment of the activations from exploding (the price a plain large
    /// positive bias would pay). `σ_ℓ² ≈ 0.36/n` is far below He's `2/n`: the positive draw
    /// carries a second moment of its own (`E[X²] = 1/2`).
    ///
    /// Sources: we could not read the paper's text itself, only summaries of it (the section
    /// numbers follow one); the constant 0.6007, the unscaled Beta(2, 1) and the `n + 1`-way
    /// choice are as in two independent public re-implementations of RAI, which agree.
    Rai,
}

/// The grid of the experiment. `depths` in `1..=50` and `widths` in `2..=10` in the ui; the
/// estimator accepts any `depth ≥ 1` and `width ≥ 1` (width 1 has a closed-form answer).
#[derive(Clone, Debug, PartialEq)]
pub struct BornDeadConfig {
    /// Numbers of hidden layers.
    pub depths: Vec<usize>,
    /// Neurons per hidden layer.
    pub widths: Vec<usize>,
    /// `K`: networks drawn per width (each gives one trial to every depth cell, see
    /// [`BornDeadRun`]).
    pub trials: usize,
    /// Points of the input sample, rounded down to a square grid (1024 → 32×32), see
    /// [`grid_inputs`].
    pub samples: usize,
    pub scheme: InitScheme,
    pub seed: u64,
}

/// The estimate of one cell (width, depth): `dead` of `trials` networks were born dead.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Estimate {
    pub depth: usize,
    pub width: usize,
    pub dead: usize,
    pub trials: usize,
    /// `dead / trials` (0 when there are no trials yet).
    pub p: f64,
    /// Wilson 95% interval (`(0, 1)` when there are no trials yet).
    pub lo: f64,
    pub hi: f64,
}

/// Wilson score interval for a binomial proportion `successes / trials` at normal quantile `z`
/// (1.96 for 95%). Always inside `[0, 1]` and always contains `successes / trials`; `(0, 1)` for
/// zero trials.
pub fn wilson_interval(successes: usize, trials: usize, z: f64) -> (f64, f64) {
    if trials == 0 {
        return (0.0, 1.0);
    }
    let n = trials as f64;
    let p = successes.min(trials) as f64 / n;
    let z2 = z * z;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = z / denom * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    // At p = 0 or 1 one end is exactly p in exact arithmetic; clamp away rounding.
    let lo = (centre - half).clamp(0.0, 1.0).min(p);
    let hi = (centre + half).clamp(0.0, 1.0).max(p);
    (lo, hi)
}

/// The input sample: a cell-centred `side × side` grid on `[-√3, √3]²` with
/// `side = ⌊√samples⌋` (at least 1), row by row. Symmetric about the origin.
pub fn grid_inputs(samples: usize) -> Vec<[f64; 2]> {
    let mut side = (samples as f64).sqrt() as usize;
    while side * side > samples {
        side -= 1;
    }
    while (side + 1) * (side + 1) <= samples {
        side += 1;
    }
    let side = side.max(1);
    // Cell centres (2i + 1 - side) · (h / side): an exact small integer times one factor, so the grid is
    // exactly symmetric, -x is a grid point whenever x is, bit for bit.
    let half_step = INPUT_HALF_WIDTH / side as f64;
    let coord = |i: usize| ((2 * i + 1) as f64 - side as f64) * half_step;
    let mut out = Vec::with_capacity(side * side);
    for r in 0..side {
        for c in 0..side {
            out.push([coord(c), coord(r)]);
        }
    }
    out
}

/// Draws one hidden layer with `fan_in` inputs and `width` neurons into `w` (row-major,
/// `width × fan_in`) and `b` (`width`). Draw order, per neuron: HeSymmetric draws its `fan_in`
/// weights (no draw for the zero bias); RAI draws `k` (`below(fan_in + 1)`), then the `fan_in`
/// weights and then the bias, the `k`-th of those `fan_in + 1` entries from Beta(2, 1) (as
/// `√U`, the inverse of its CDF `x²`) and the others from `N(0, σ²)`.
fn draw_layer(
    scheme: InitScheme,
    fan_in: usize,
    width: usize,
    w: &mut Vec<f64>,
    b: &mut Vec<f64>,
    rng: &mut Rng,
) {
    w.clear();
    b.clear();
    match scheme {
        InitScheme::HeSymmetric => {
            let std = (2.0 / fan_in as f64).sqrt();
            for _ in 0..width {
                for _ in 0..fan_in {
                    w.push(std * rng.normal());
                }
                b.push(0.0);
            }
        }
        InitScheme::Rai => {
            let sigma = RAI_SIGMA / (fan_in as f64).sqrt();
            for _ in 0..width {
                let k = rng.below(fan_in + 1);
                for i in 0..=fan_in {
                    let v = if i == k { rng.next_f64().sqrt() } else { sigma * rng.normal() };
                    if i < fan_in {
                        w.push(v);
                    } else {
                        b.push(v);
                    }
                }
            }
        }
    }
}

/// Draws a `width`-wide ReLU net layer by layer (input dim 2) and returns the first hidden layer
/// (1-based, `≤ max_depth`) that is zero for every input, or `None` if the first `max_depth`
/// hidden layers are all alive. Stops drawing at the first dead layer.
///
/// Because layers are drawn in order from `rng`, the net of depth `d` is the first `d` layers of
/// the net of depth `max_depth ≥ d`: it is dead iff the returned layer is `≤ d`.
pub fn first_dead_layer(
    width: usize,
    max_depth: usize,
    scheme: InitScheme,
    inputs: &[[f64; 2]],
    rng: &mut Rng,
) -> Option<usize> {
    assert!(width >= 1, "born-dead: width must be at least 1");
    // Live rows (activation vectors with some positive entry), `dim` values each; inputs that
    // reached the zero vector are represented once by `has_zero`.
    let mut dim = 2;
    let mut rows: Vec<f64> = Vec::with_capacity(inputs.len() * width.max(2));
    let mut has_zero = false;
    for x in inputs {
        if x[0] != 0.0 || x[1] != 0.0 {
            rows.extend_from_slice(x);
        } else {
            has_zero = true;
        }
    }
    let mut next: Vec<f64> = Vec::with_capacity(rows.len() / 2 * width);
    let mut out = vec![0.0; width];
    let (mut w, mut b) = (Vec::new(), Vec::new());
    for layer in 1..=max_depth {
        draw_layer(scheme, dim, width, &mut w, &mut b, rng);
        next.clear();
        let mut next_zero = false;
        for z in rows.chunks_exact(dim) {
            let mut alive = false;
            for (j, o) in out.iter_mut().enumerate() {
                let wj = &w[j * dim..(j + 1) * dim];
                let h = b[j] + wj.iter().zip(z).map(|(a, c)| a * c).sum::<f64>();
                *o = if h > 0.0 { h } else { 0.0 };
                alive |= h > 0.0;
            }
            if alive {
                next.extend_from_slice(&out);
            } else {
                next_zero = true;
            }
        }
        if has_zero {
            // The zero vector maps to ReLU(b).
            if b.iter().any(|&v| v > 0.0) {
                next.extend(b.iter().map(|&v| v.max(0.0)));
            } else {
                next_zero = true;
            }
        }
        if next.is_empty() {
            return Some(layer);
        }
        std::mem::swap(&mut rows, &mut next);
        has_zero = next_zero;
        dim = width;
    }
    None
}

/// Is one randomly initialised `width × depth` ReLU net (input dim 2, output 1) born dead on the
/// sample, i.e. is some hidden layer zero for every input? Draws from `rng` layer by layer (see
/// [`first_dead_layer`]).
pub fn is_born_dead(
    width: usize,
    depth: usize,
    scheme: InitScheme,
    inputs: &[[f64; 2]],
    rng: &mut Rng,
) -> bool {
    first_dead_layer(width, depth, scheme, inputs, rng).is_some()
}

/// The generator of trial `k` for width `width`: its own stream, whatever the chunking.
pub fn trial_rng(seed: u64, width: usize, k: usize) -> Rng {
    Rng::derive(seed ^ mix64(((width as u64) << 40) ^ k as u64), "born-dead")
}

/// A bijective 64-bit mixer (the splitmix64 finaliser), so nearby keys and nearby seeds give
/// unrelated streams (seed 0 trial 1 is not seed 1 trial 0).
fn mix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Runs the experiment in small chunks so the page stays responsive: the ui calls
/// `step(budget_trials)` once per animation frame until `done()`; cancelling is dropping it.
///
/// One *trial* is one network: trial `k` of width `w` draws a net of the deepest configured depth
/// from [`trial_rng`]`(seed, w, k)`, and the cell (w, d) counts it dead iff its first `d` hidden
/// layers contain an all-zero one. So each cell is an ordinary `K`-trial binomial estimate, the
/// whole grid costs `|widths| × K` forward passes (not `× |depths|`), the curves are monotone in
/// depth trial by trial (common random numbers), and a cell's result does not depend on which
/// other depths or widths are in the grid. Trials go round-robin over the widths (trial 0 of
/// every width, then trial 1, …) so partial results cover every cell evenly.
pub struct BornDeadRun {
    config: BornDeadConfig,
    inputs: Vec<[f64; 2]>,
    max_depth: usize,
    /// Trials run so far, over all widths.
    done: usize,
    /// `dead[wi * depths.len() + di]`.
    dead: Vec<usize>,
    /// Trials run per width.
    trials: Vec<usize>,
}

impl BornDeadRun {
    /// Panics if a width or a depth is 0, a width is ≥ 2^24 or `trials` ≥ 2^40.
    pub fn new(config: BornDeadConfig) -> BornDeadRun {
        assert!(
            config.widths.iter().all(|&w| (1..1 << 24).contains(&w)),
            "born-dead: widths must be in 1..2^24"
        );
        assert!(config.depths.iter().all(|&d| d >= 1), "born-dead: depths must be at least 1");
        assert!((config.trials as u64) < 1 << 40, "born-dead: too many trials");
        let inputs = grid_inputs(config.samples);
        let max_depth = config.depths.iter().copied().max().unwrap_or(0);
        let dead = vec![0; config.widths.len() * config.depths.len()];
        let trials = vec![0; config.widths.len()];
        BornDeadRun { config, inputs, max_depth, done: 0, dead, trials }
    }

    pub fn config(&self) -> &BornDeadConfig {
        &self.config
    }

    fn total(&self) -> usize {
        if self.config.depths.is_empty() {
            0
        } else {
            self.config.widths.len() * self.config.trials
        }
    }

    /// Runs up to `max_trials` more single-network trials; returns how many it ran.
    pub fn step(&mut self, max_trials: usize) -> usize {
        let n_widths = self.config.widths.len();
        let n_depths = self.config.depths.len();
        let mut ran = 0;
        while ran < max_trials && self.done < self.total() {
            let wi = self.done % n_widths;
            let k = self.done / n_widths;
            let width = self.config.widths[wi];
            let mut rng = trial_rng(self.config.seed, width, k);
            let first = first_dead_layer(width, self.max_depth, self.config.scheme, &self.inputs, &mut rng);
            if let Some(layer) = first {
                for (di, &d) in self.config.depths.iter().enumerate() {
                    if layer <= d {
                        self.dead[wi * n_depths + di] += 1;
                    }
                }
            }
            self.trials[wi] += 1;
            self.done += 1;
            ran += 1;
        }
        ran
    }

    pub fn done(&self) -> bool {
        self.done >= self.total()
    }

    /// Fraction of trials run, in `0..=1` (1 for an empty grid).
    pub fn progress(&self) -> f64 {
        let total = self.total();
        if total == 0 {
            1.0
        } else {
            self.done as f64 / total as f64
        }
    }

    /// One estimate per cell, widths outer and depths inner in the config's order, with the trials
    /// run so far (partial results are fine to plot).
    pub fn estimates(&self) -> Vec<Estimate> {
        let n_depths = self.config.depths.len();
        let mut out = Vec::with_capacity(self.dead.len());
        for (wi, &width) in self.config.widths.iter().enumerate() {
            let trials = self.trials[wi];
            for (di, &depth) in self.config.depths.iter().enumerate() {
                let dead = self.dead[wi * n_depths + di];
                let p = if trials == 0 { 0.0 } else { dead as f64 / trials as f64 };
                let (lo, hi) = wilson_interval(dead, trials, Z_95);
                out.push(Estimate { depth, width, dead, trials, p, lo, hi });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(scheme: InitScheme, widths: &[usize], depths: &[usize], trials: usize) -> BornDeadConfig {
        BornDeadConfig {
            depths: depths.to_vec(),
            widths: widths.to_vec(),
            trials,
            samples: 256,
            scheme,
            seed: 42,
        }
    }

    #[test]
    fn wilson_matches_hand_computed_values() {
        // z = 1.96, n = 10: denominator 1 + 0.38416 = 1.38416.
        let close = |(a, b): (f64, f64), (c, d): (f64, f64)| {
            assert!((a - c).abs() < 1e-4 && (b - d).abs() < 1e-4, "{a} {b} vs {c} {d}");
        };
        // 0/10: centre = half = 0.19208 / 1.38416.
        close(wilson_interval(0, 10, 1.96), (0.0, 0.27754));
        // 5/10: 0.5 ± 1.96·√(0.025 + 0.009604) / 1.38416.
        close(wilson_interval(5, 10, 1.96), (0.23659, 0.76341));
        close(wilson_interval(10, 10, 1.96), (0.72246, 1.0));
        close(wilson_interval(1, 4, 1.96), (0.04559, 0.69936));
        assert_eq!(wilson_interval(0, 0, 1.96), (0.0, 1.0));
    }

    #[test]
    fn wilson_contains_p_and_stays_in_the_unit_interval() {
        for n in 1..=60 {
            for s in 0..=n {
                for z in [0.5, 1.0, 1.96, 3.29] {
                    let (lo, hi) = wilson_interval(s, n, z);
                    let p = s as f64 / n as f64;
                    assert!(0.0 <= lo && lo <= p && p <= hi && hi <= 1.0, "{s}/{n} z={z}");
                    if s > 0 && s < n {
                        assert!(lo < p && p < hi, "{s}/{n} z={z}");
                    }
                }
            }
        }
        // Wider with z, narrower with n.
        let (a, b) = wilson_interval(30, 100, 1.96);
        let (c, d) = wilson_interval(30, 100, 2.58);
        assert!(c < a && b < d);
        let (e, f) = wilson_interval(300, 1000, 1.96);
        assert!(a < e && f < b);
    }

    #[test]
    fn grid_is_a_symmetric_square_inside_the_box() {
        let g = grid_inputs(1024);
        assert_eq!(g.len(), 1024);
        assert_eq!(grid_inputs(1000).len(), 31 * 31);
        assert_eq!(grid_inputs(0).len(), 1);
        for p in &g {
            assert!(p[0].abs() < INPUT_HALF_WIDTH && p[1].abs() < INPUT_HALF_WIDTH);
            assert!(g.iter().any(|q| q[0] == -p[0] && q[1] == -p[1]), "{p:?}");
        }
        let mean_sq = g.iter().map(|p| p[0] * p[0]).sum::<f64>() / g.len() as f64;
        assert!((mean_sq - 1.0).abs() < 0.01, "{mean_sq}");
    }

    #[test]
    fn he_layers_have_he_moments_and_zero_bias() {
        let mut rng = Rng::new(1);
        let (mut w, mut b) = (Vec::new(), Vec::new());
        let (mut s, mut s2, mut n) = (0.0, 0.0, 0.0);
        for _ in 0..4000 {
            draw_layer(InitScheme::HeSymmetric, 4, 5, &mut w, &mut b, &mut rng);
            assert_eq!((w.len(), b.len()), (20, 5));
            assert!(b.iter().all(|&v| v == 0.0));
            s += w.iter().sum::<f64>();
            s2 += w.iter().map(|v| v * v).sum::<f64>();
            n += w.len() as f64;
        }
        assert!((s / n).abs() < 0.01);
        assert!((s2 / n - 0.5).abs() < 0.01, "{}", s2 / n); // 2 / fan_in
    }

    #[test]
    fn rai_draws_one_beta_entry_per_neuron_and_symmetric_others() {
        // Entries of V_j = [W_j, b_j] (fan_in + 1 of them): on average one in fan_in + 1 is
        // Beta(2,1) (mean 2/3, second moment 1/2), the rest N(0, 0.6007² / fan_in).
        let fan_in = 4;
        let sigma2 = RAI_SIGMA * RAI_SIGMA / fan_in as f64;
        let mut rng = Rng::new(2);
        let (mut w, mut b) = (Vec::new(), Vec::new());
        let (mut s, mut s2, mut n, mut bias_sum) = (0.0, 0.0, 0.0, 0.0);
        let layers = 20_000;
        for _ in 0..layers {
            draw_layer(InitScheme::Rai, fan_in, 3, &mut w, &mut b, &mut rng);
            assert_eq!((w.len(), b.len()), (12, 3));
            for j in 0..3 {
                let row = w[j * fan_in..(j + 1) * fan_in].iter().chain([&b[j]]);
                for v in row {
                    s += v;
                    s2 += v * v;
                    n += 1.0;
                }
            }
            bias_sum += b.iter().sum::<f64>();
        }
        let m = fan_in as f64 + 1.0;
        let mean = (2.0 / 3.0) / m;
        let second = (0.5 + fan_in as f64 * sigma2) / m;
        assert!((s / n - mean).abs() < 0.005, "{} vs {mean}", s / n);
        assert!((s2 / n - second).abs() < 0.005, "{} vs {second}", s2 / n);
        // The bias is picked as often as any weight.
        let bias_mean = bias_sum / (layers as f64 * 3.0);
        assert!((bias_mean - mean).abs() < 0.01, "{bias_mean} vs {mean}");
    }

    #[test]
    fn width_one_he_net_dies_exactly_when_a_later_weight_is_negative() {
        // Width 1, zero bias: layer 1 is ReLU(w·x), alive on the symmetric grid; layer ℓ ≥ 2 is
        // ReLU(v_ℓ z) with z ≥ 0 not all zero, dead iff v_ℓ < 0. Replay the draws.
        let inputs = grid_inputs(64);
        for t in 0..500 {
            let mut rng = Rng::new(1000 + t);
            let mut replay = rng.clone();
            let got = first_dead_layer(1, 12, InitScheme::HeSymmetric, &inputs, &mut rng);
            replay.normal();
            replay.normal();
            let want = (2..=12).find(|_| replay.normal() < 0.0);
            assert_eq!(got, want, "trial {t}");
        }
    }

    /// The plain forward pass: every input kept, every layer drawn, no merging of zero rows.
    fn naive_first_dead_layer(
        width: usize,
        max_depth: usize,
        scheme: InitScheme,
        inputs: &[[f64; 2]],
        rng: &mut Rng,
    ) -> Option<usize> {
        let mut rows: Vec<Vec<f64>> = inputs.iter().map(|x| x.to_vec()).collect();
        let (mut w, mut b) = (Vec::new(), Vec::new());
        let mut first = None;
        for layer in 1..=max_depth {
            let fan_in = rows[0].len();
            draw_layer(scheme, fan_in, width, &mut w, &mut b, rng);
            rows = rows
                .iter()
                .map(|z| {
                    (0..width)
                        .map(|j| {
                            let h: f64 = b[j] + (0..fan_in).map(|i| w[j * fan_in + i] * z[i]).sum::<f64>();
                            h.max(0.0)
                        })
                        .collect()
                })
                .collect();
            if first.is_none() && rows.iter().all(|z| z.iter().all(|&v| v == 0.0)) {
                first = Some(layer);
            }
        }
        first
    }

    #[test]
    fn the_fast_pass_agrees_with_the_plain_forward_pass() {
        // 15×15 grid: odd side, so the origin is an input (a zero row from the start).
        let inputs = grid_inputs(225);
        assert!(inputs.contains(&[0.0, 0.0]));
        let mut dead = [0usize; 2];
        for (s, scheme) in [InitScheme::HeSymmetric, InitScheme::Rai].into_iter().enumerate() {
            for width in 1..=4 {
                // Width 1 is where the merged zero row most often decides the outcome: more trials.
                let trials = if width == 1 { 1000 } else { 150 };
                for k in 0..trials {
                    let rng = trial_rng(9, width, k);
                    let fast = first_dead_layer(width, 30, scheme, &inputs, &mut rng.clone());
                    let slow = naive_first_dead_layer(width, 30, scheme, &inputs, &mut rng.clone());
                    assert_eq!(fast, slow, "{scheme:?} width {width} trial {k}");
                    dead[s] += usize::from(fast.is_some());
                }
            }
        }
        // Both outcomes occur, so the comparison is not vacuous.
        assert!(dead.iter().all(|&d| d > 100 && d < 1430), "{dead:?}");
    }

    #[test]
    fn chunking_does_not_change_the_estimates() {
        let cfg = config(InitScheme::Rai, &[2, 3], &[3, 8, 15], 40);
        let mut one = BornDeadRun::new(cfg.clone());
        let mut steps = 0;
        while !one.done() {
            assert!(one.progress() < 1.0);
            assert_eq!(one.step(1), 1);
            steps += 1;
        }
        assert_eq!(steps, 80);
        let mut all = BornDeadRun::new(cfg.clone());
        assert_eq!(all.step(usize::MAX), 80);
        assert_eq!(all.step(5), 0);
        let mut odd = BornDeadRun::new(cfg);
        while odd.step(7) > 0 {}
        assert_eq!(one.estimates(), all.estimates());
        assert_eq!(odd.estimates(), all.estimates());
        assert_eq!(all.progress(), 1.0);
    }

    #[test]
    fn estimates_recount_is_born_dead_with_the_trial_streams() {
        let cfg = config(InitScheme::HeSymmetric, &[2, 4], &[1, 4, 12], 60);
        let mut run = BornDeadRun::new(cfg.clone());
        run.step(usize::MAX);
        let inputs = grid_inputs(cfg.samples);
        for e in run.estimates() {
            let dead = (0..cfg.trials)
                .filter(|&k| {
                    let mut rng = trial_rng(cfg.seed, e.width, k);
                    is_born_dead(e.width, e.depth, cfg.scheme, &inputs, &mut rng)
                })
                .count();
            assert_eq!((e.dead, e.trials), (dead, cfg.trials), "{e:?}");
            assert_eq!(e.p, dead as f64 / cfg.trials as f64);
        }
    }

    #[test]
    fn partial_results_cover_every_cell_and_empty_grids_are_done() {
        let mut run = BornDeadRun::new(config(InitScheme::HeSymmetric, &[2, 5], &[2, 6], 10));
        assert_eq!(run.estimates().len(), 4);
        assert!(run.estimates().iter().all(|e| e.trials == 0 && e.lo == 0.0 && e.hi == 1.0));
        run.step(3);
        let trials: Vec<usize> = run.estimates().iter().map(|e| e.trials).collect();
        assert_eq!(trials, vec![2, 2, 1, 1]);
        assert!((run.progress() - 0.15).abs() < 1e-12);
        for empty in [
            config(InitScheme::Rai, &[], &[3], 10),
            config(InitScheme::Rai, &[3], &[], 10),
            config(InitScheme::Rai, &[3], &[3], 0),
        ] {
            let mut run = BornDeadRun::new(empty);
            assert!(run.done());
            assert_eq!(run.step(10), 0);
            assert_eq!(run.progress(), 1.0);
        }
    }

    #[test]
    fn nearby_seeds_do_not_share_trials() {
        let a = trial_rng(0, 2, 1);
        let b = trial_rng(1, 2, 0);
        assert_ne!(a, b);
        assert_ne!(trial_rng(5, 2, 0), trial_rng(5, 3, 0));
    }
}
