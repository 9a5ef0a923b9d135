//! Gradients through depth: a deep, narrow network trained with up to four activations side by
//! side (same data, same initial weights, same minibatch order), to watch gradients vanish on
//! the way back to the first layers, or not.
//!
//! This module holds the experiment's state, its pure actions, its URL form (`depth`,
//! `depthWidth`, `depthAct`, `depthInit`, `depthLr`, `depthSeed`, `depthDataset`, `depthHist`;
//! [`KEYS`] documents them) and the small computations behind its views: the per-layer
//! gradient norms of a run over the epochs ([`strip_columns`]), at the current epoch, the
//! first-to-last ratio, and a shared colour range.
//!
//! The textbook result this experiment exists to show (checked by the tests below): with the
//! defaults (10 hidden layers of 8, He-normal weights, zero biases, circle), the sigmoid
//! network's layer-1 gradient norm is about 10⁻⁶ of its last hidden layer's at
//! initialisation, and stays orders of magnitude below while training; the ReLU network's is
//! about 10⁻¹ of it.

use crate::domain::activation::{split_list, Activation};
use crate::domain::nn::data::DatasetKind;
use crate::domain::nn::metrics::History;
use crate::domain::nn::settings::{Init, Settings, LEARNING_RATE_RANGE, MAX_LAYER_WIDTH};
use crate::domain::state::key_doc::KeyDoc;
use crate::domain::state::page::Notice;
use crate::domain::state::play_url::seed_from_text;
use crate::domain::state::query::Query;
use crate::domain::state::url_reader::UrlReader;

/// The fewest hidden layers offered (a first and a last to compare).
pub const MIN_DEPTH: usize = 2;
/// The most hidden layers offered.
pub const MAX_DEPTH: usize = 20;
/// The widest hidden layer offered (the model's own limit).
pub const MAX_WIDTH: usize = MAX_LAYER_WIDTH;
/// The fewest and most activations trained side by side.
pub const MIN_SLOTS: usize = 2;
pub const MAX_SLOTS: usize = 4;
/// Minibatch size of every run: 20 steps per epoch on the 500-point sets keeps an epoch cheap
/// enough to train several deep networks live.
pub const BATCH_SIZE: usize = 25;
/// The activations added by "Add activation", in order of preference (the first not shown).
const ADD_ORDER: [Activation; 6] = [
    Activation::Tanh,
    Activation::LeakyRelu { slope: 0.01 },
    Activation::Elu { alpha: 1.0 },
    Activation::Gelu,
    Activation::Selu,
    Activation::Silu,
];

/// Everything the experiment keeps in the URL.
#[derive(Clone, Debug, PartialEq)]
pub struct DepthState {
    /// Hidden layers, MIN_DEPTH..=MAX_DEPTH.
    pub depth: usize,
    /// Neurons per hidden layer, 1..=MAX_WIDTH.
    pub width: usize,
    /// The activations trained side by side, MIN_SLOTS..=MAX_SLOTS of them.
    pub activations: Vec<Activation>,
    pub init: Init,
    pub learning_rate: f64,
    pub seed: u64,
    /// A classification data set.
    pub dataset: DatasetKind,
    /// Which activation's histograms at initialisation are shown (an index into `activations`).
    pub hist: usize,
}

impl Default for DepthState {
    fn default() -> Self {
        DepthState {
            depth: 10,
            width: 8,
            activations: vec![Activation::Sigmoid, Activation::Relu],
            init: Init::HeNormal,
            learning_rate: 0.1,
            seed: 1,
            dataset: DatasetKind::Circle,
            hist: 0,
        }
    }
}

impl DepthState {
    /// The training settings of activation `slot`: every slot's differ only in the
    /// activation, so the runs share data, initial weights and minibatch order.
    pub fn settings(&self, slot: usize) -> Settings {
        let activation = self.activations.get(slot).copied().unwrap_or(Activation::Relu);
        Settings {
            dataset: self.dataset,
            num_points: self.dataset.default_num_points(),
            batch_size: BATCH_SIZE,
            hidden: vec![self.width; self.depth],
            activation,
            layer_activations: Vec::new(),
            init: self.init,
            // The init scheme's own bias: 0 (0.1 for tf_uniform), the textbook setting.
            bias_init: None,
            learning_rate: self.learning_rate,
            seed: self.seed,
            ..Settings::default()
        }
    }

    /// The settings of every slot, in order.
    pub fn all_settings(&self) -> Vec<Settings> {
        (0..self.activations.len()).map(|i| self.settings(i)).collect()
    }
}

/// What the controls can do; [`DepthState::apply`] is pure (the ui's reducer).
#[derive(Clone, Debug, PartialEq)]
pub enum DepthAction {
    SetDepth(usize),
    SetWidth(usize),
    /// Replace slot i's activation.
    SetActivation(usize, Activation),
    /// Set slot i's parameter (clamped into its range).
    SetParam(usize, f64),
    /// Train one more activation (the first of a preferred list not already shown).
    AddActivation,
    /// Stop training slot i (at least MIN_SLOTS stay).
    RemoveActivation(usize),
    SetInit(Init),
    SetLearningRate(f64),
    SetSeed(u64),
    SetDataset(DatasetKind),
    /// Show slot i's histograms.
    ShowHistograms(usize),
}

impl DepthState {
    pub fn apply(&self, action: DepthAction) -> DepthState {
        let mut next = self.clone();
        match action {
            DepthAction::SetDepth(d) => next.depth = d.clamp(MIN_DEPTH, MAX_DEPTH),
            DepthAction::SetWidth(w) => next.width = w.clamp(1, MAX_WIDTH),
            DepthAction::SetActivation(i, a) => {
                if let Some(slot) = next.activations.get_mut(i) {
                    *slot = a;
                }
            }
            DepthAction::SetParam(i, v) => {
                if let Some(slot) = next.activations.get_mut(i) {
                    if let (Some(p), true) = (slot.param(), v.is_finite()) {
                        if let Ok(a) = slot.with_param(v.clamp(p.min, p.max)) {
                            *slot = a;
                        }
                    }
                }
            }
            DepthAction::AddActivation => {
                if next.activations.len() < MAX_SLOTS {
                    let candidate = ADD_ORDER
                        .iter()
                        .chain(Activation::ALL.iter())
                        .find(|a| !next.activations.iter().any(|b| b.id() == a.id()));
                    if let Some(a) = candidate {
                        next.activations.push(*a);
                    }
                }
            }
            DepthAction::RemoveActivation(i) => {
                if next.activations.len() > MIN_SLOTS && i < next.activations.len() {
                    next.activations.remove(i);
                    if next.hist > i {
                        next.hist -= 1;
                    }
                }
            }
            DepthAction::SetInit(init) => next.init = init,
            DepthAction::SetLearningRate(lr) => {
                let (lo, hi) = LEARNING_RATE_RANGE;
                if lr.is_finite() {
                    next.learning_rate = lr.clamp(lo, hi);
                }
            }
            DepthAction::SetSeed(seed) => next.seed = seed,
            DepthAction::SetDataset(d) => {
                if !d.is_regression() {
                    next.dataset = d;
                }
            }
            DepthAction::ShowHistograms(i) => next.hist = i,
        }
        next.hist = next.hist.min(next.activations.len().saturating_sub(1));
        next
    }
}

/// Every key [`DepthState::write_query`] writes, in the order it writes them.
pub const KEYS: &[KeyDoc] = &[
    KeyDoc::new("depth", "2 to 20", "10", "Hidden layers"),
    KeyDoc::new("depthWidth", "1 to 16", "8", "Neurons per hidden layer"),
    KeyDoc::new("depthAct", "comma list of 2 to 4 text forms, e.g. `sigmoid,relu,leaky_relu(0.2)`", "sigmoid,relu", "The activations trained side by side (same data, initial weights and minibatch order)"),
    KeyDoc::new("depthInit", "`he_normal`, `he_uniform`, `xavier_normal`, `xavier_uniform`, `lecun_normal`, `lecun_uniform`, `tf_uniform`", "he_normal", "How the initial weights are drawn (biases: 0, or 0.1 for `tf_uniform`)"),
    KeyDoc::new("depthLr", "0.00001 to 10", "0.1", "Learning rate (plain SGD, minibatch 25)"),
    KeyDoc::new("depthSeed", "a whole number, or any text (hashed)", "1", "Seed of the data, the initial weights and the minibatch order"),
    KeyDoc::new("depthDataset", "`circle`, `xor`, `gauss`, `spiral`, `moons`, `checkerboard`", "circle", "Classification data set (500 points, half for training)"),
    KeyDoc::new("depthHist", "1 to the number of activations", "1", "Whose activation histograms at initialisation are shown"),
];

impl DepthState {
    /// Reads every key of [`KEYS`]; a missing key means its default, a bad value is clamped or
    /// refused with a notice. The state is always valid.
    pub fn from_query(query: &Query) -> (DepthState, Vec<Notice>) {
        let d = DepthState::default();
        let mut r = UrlReader::new(query);
        let depth = r.count("depth", (MIN_DEPTH, MAX_DEPTH), d.depth);
        let width = r.count("depthWidth", (1, MAX_WIDTH), d.width);
        let activations = match r.value("depthAct") {
            Some(text) => read_activations(text, &d.activations, &mut r),
            None => d.activations.clone(),
        };
        let init = r.choice("depthInit", Init::from_id, &Init::ALL.map(|i| i.id()), d.init, d.init.id());
        let learning_rate = r.number("depthLr", LEARNING_RATE_RANGE, d.learning_rate);
        let seed = r.value("depthSeed").map_or(d.seed, seed_from_text);
        let dataset = match r.value("depthDataset") {
            Some(text) => match DatasetKind::from_id(text) {
                Some(kind) if !kind.is_regression() => kind,
                found => {
                    let ids = DatasetKind::CLASSIFICATION.map(|k| k.id());
                    match found {
                        Some(_) => r.notice(
                            "depthDataset",
                            format!(
                                "depthDataset={text} is a regression set: try {}; keeping {}.",
                                ids.join(", "),
                                d.dataset.id()
                            ),
                        ),
                        None => r.unknown("depthDataset", text, &ids, d.dataset.id()),
                    }
                    d.dataset
                }
            },
            None => d.dataset,
        };
        let hist = r.count("depthHist", (1, activations.len()), 1) - 1;
        let state = DepthState { depth, width, activations, init, learning_rate, seed, dataset, hist };
        (state, r.finish())
    }

    /// Writes every key of [`KEYS`], replacing earlier values and keeping every other key.
    pub fn write_query(&self, query: &mut Query) {
        query.set("depth", self.depth.to_string());
        query.set("depthWidth", self.width.to_string());
        let acts: Vec<String> = self.activations.iter().map(Activation::to_string).collect();
        query.set("depthAct", acts.join(","));
        query.set("depthInit", self.init.id());
        query.set("depthLr", format!("{}", self.learning_rate));
        query.set("depthSeed", self.seed.to_string());
        query.set("depthDataset", self.dataset.id());
        query.set("depthHist", (self.hist + 1).to_string());
    }
}

/// The list of `depthAct`: unusable entries are refused, entries beyond MAX_SLOTS dropped,
/// and a list left with fewer than MIN_SLOTS is completed from the defaults; each with a notice.
fn read_activations(text: &str, defaults: &[Activation], r: &mut UrlReader) -> Vec<Activation> {
    let mut chosen: Vec<Activation> = Vec::new();
    for part in split_list(text).into_iter().filter(|p| !p.is_empty()) {
        match Activation::parse_for_training(part) {
            Ok(a) if chosen.len() < MAX_SLOTS => chosen.push(a),
            Ok(_) => r.notice(
                "depthAct",
                format!("At most {MAX_SLOTS} activations train side by side: '{part}' was left out."),
            ),
            Err(e) => r.notice("depthAct", format!("In the link's depthAct=, '{part}' was refused: {e}.")),
        }
    }
    if chosen.len() < MIN_SLOTS {
        let added: Vec<Activation> = defaults
            .iter()
            .chain(ADD_ORDER.iter())
            .filter(|a| !chosen.contains(a))
            .take(MIN_SLOTS - chosen.len())
            .copied()
            .collect();
        let names: Vec<String> = added.iter().map(Activation::to_string).collect();
        r.notice(
            "depthAct",
            format!("depthAct needs {MIN_SLOTS} to {MAX_SLOTS} activations: added {}.", names.join(", ")),
        );
        chosen.extend(added);
    }
    chosen
}

/// The gradient-norm rows of a run for the heat strip: one row per weight layer (the hidden
/// layers, then the output layer), at most `max_cols` columns. A long history is cut into
/// `max_cols` runs of consecutive epochs; a column shows the geometric mean of its run's
/// positive finite norms (NaN if none) and is labelled with the run's last epoch.
pub fn strip_columns(h: &History, max_cols: usize) -> (Vec<usize>, Vec<Vec<f64>>) {
    let n = h.len();
    let series: Vec<&[f64]> = h
        .layers
        .iter()
        .map(|l| l.grad_norm.as_slice())
        .chain(std::iter::once(h.output_grad_norm.as_slice()))
        .collect();
    let cols = n.min(max_cols.max(1));
    let bounds: Vec<usize> = (0..=cols).map(|c| c * n / cols.max(1)).collect();
    let epochs = bounds.windows(2).map(|b| h.epoch[b[1] - 1]).collect();
    let rows = series
        .iter()
        .map(|s| bounds.windows(2).map(|b| geometric_mean(s.get(b[0]..b[1]).unwrap_or(&[]))).collect())
        .collect();
    (epochs, rows)
}

/// The geometric mean of the positive finite values (a single one exactly); NaN if there is
/// none.
fn geometric_mean(values: &[f64]) -> f64 {
    if let [v] = values {
        return if v.is_finite() && *v > 0.0 { *v } else { f64::NAN };
    }
    let (sum, count) = values
        .iter()
        .filter(|v| v.is_finite() && **v > 0.0)
        .fold((0.0, 0usize), |(s, c), v| (s + v.log10(), c + 1));
    if count == 0 {
        f64::NAN
    } else {
        10f64.powf(sum / count as f64)
    }
}

/// Layer 1's gradient norm over the last hidden layer's, from the norms of every weight layer
/// (hidden layers then output, as `EpochMetrics::grad_norms`). `None` without two hidden layers
/// or when a norm is not a positive finite number.
pub fn first_to_last(norms: &[f64]) -> Option<f64> {
    if norms.len() < 3 {
        return None;
    }
    let (first, last) = (norms[0], norms[norms.len() - 2]);
    let ok = |v: f64| v.is_finite() && v > 0.0;
    (ok(first) && ok(last)).then(|| first / last)
}

/// A log10 colour range in whole decades covering every positive finite value (at least one
/// decade); 1e-3..1 when there is none. One range for every strip makes colours comparable.
pub fn shared_log_range(values: impl IntoIterator<Item = f64>) -> (f64, f64) {
    decade_range(values.into_iter().filter(|v| v.is_finite() && *v > 0.0).map(f64::log10))
}

/// Whole decades around the given log10 values, at least one wide; -3..0 when there are none.
pub fn decade_range(logs: impl IntoIterator<Item = f64>) -> (f64, f64) {
    let (lo, hi) =
        logs.into_iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), l| (lo.min(l), hi.max(l)));
    if lo > hi {
        return (-3.0, 0.0);
    }
    let (lo, hi) = (lo.floor(), hi.ceil());
    if hi - lo < 1.0 {
        (lo, lo + 1.0)
    } else {
        (lo, hi)
    }
}

/// A gradient norm as text: three significant digits in scientific form (`2.46e-7`), which a
/// reader and `Number()` both understand; "–" when it is not finite.
pub fn format_norm(v: f64) -> String {
    if v.is_finite() {
        format!("{v:.2e}")
    } else {
        "–".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::nn::trainer::Session;
    use crate::domain::state::key_doc::markdown_table;

    fn read(text: &str) -> (DepthState, Vec<Notice>) {
        DepthState::from_query(&Query::parse(text))
    }

    fn written(state: &DepthState) -> Query {
        let mut q = Query::default();
        state.write_query(&mut q);
        q
    }

    /// Layer 1 over the last hidden layer, now.
    fn ratio(s: &Session) -> f64 {
        first_to_last(&s.metrics().grad_norms()).unwrap_or(f64::NAN)
    }

    #[test]
    fn the_default_link_round_trips_and_keeps_other_keys() {
        assert_eq!(read(""), (DepthState::default(), vec![]));
        let q = written(&DepthState::default());
        assert_eq!(DepthState::from_query(&q), (DepthState::default(), vec![]));
        assert_eq!(q.get("depthAct"), Some("sigmoid,relu"));
        let keys: Vec<&str> = q.keys().collect();
        assert_eq!(keys, KEYS.iter().map(|k| k.key).collect::<Vec<_>>());
        for k in KEYS {
            assert!(k.default.contains(q.get(k.key).unwrap_or("?")), "{}: doc says {}", k.key, k.default);
        }

        let state = DepthState {
            depth: 17,
            width: 3,
            activations: vec![Activation::Tanh, Activation::LeakyRelu { slope: 0.2 }, Activation::Selu],
            init: Init::XavierUniform,
            learning_rate: 0.003,
            seed: 42,
            dataset: DatasetKind::Spiral,
            hist: 2,
        };
        let mut q = Query::parse("tab=experiments&exp=depth&act=elu&depth=3");
        state.write_query(&mut q);
        state.write_query(&mut q);
        assert_eq!(q.get("tab"), Some("experiments"));
        assert_eq!(q.get("act"), Some("elu"), "another section's key is kept");
        assert_eq!(q.keys().count(), KEYS.len() + 3);
        assert_eq!(q.get("depthAct"), Some("tanh,leaky_relu(0.2),selu"));
        let back = DepthState::from_query(&Query::parse(&q.to_query_string()));
        assert_eq!(back, (state, vec![]));
        let table = markdown_table(KEYS);
        assert_eq!(table.lines().count(), KEYS.len() + 2);
        assert!(table.contains("| `depth` | 2 to 20 | 10 | Hidden layers |"), "{table}");
    }

    #[test]
    fn bad_values_are_clamped_or_refused_with_notices() {
        for (text, depth) in [("depth=0", MIN_DEPTH), ("depth=99", MAX_DEPTH), ("depth=4.4", 4)] {
            let (s, n) = read(text);
            assert_eq!(s.depth, depth, "{text}");
            assert_eq!(n.len(), 1, "{text}: {n:?}");
            assert_eq!(n[0].key, "depth");
        }
        let (s, n) = read("depth=deep");
        assert_eq!(s.depth, 10);
        assert!(n[0].message.contains("not a number"), "{n:?}");
        for (text, width) in [("depthWidth=0", 1), ("depthWidth=40", MAX_WIDTH)] {
            let (s, n) = read(text);
            assert_eq!((s.width, n.len()), (width, 1), "{text}: {n:?}");
            assert!(n[0].message.contains("1 to 16"), "{n:?}");
        }
        // A bad activation is refused; the list is completed to two.
        let (s, n) = read("depthAct=sigmoid,bogus");
        assert_eq!(s.activations, vec![Activation::Sigmoid, Activation::Relu]);
        assert_eq!(n.len(), 2, "{n:?}");
        assert!(n[0].message.contains("bogus") && n[1].message.contains("added relu"), "{n:?}");
        let (s, n) = read("depthAct=elu(9),tanh,relu");
        assert_eq!(s.activations, vec![Activation::Tanh, Activation::Relu]);
        assert!(n[0].message.contains("out of range"), "{n:?}");
        let (s, n) = read("depthAct=relu,tanh,elu,gelu,selu");
        assert_eq!(s.activations.len(), MAX_SLOTS);
        assert!(n[0].message.contains("'selu' was left out"), "{n:?}");
        let (s, n) = read("depthAct=,,");
        assert_eq!(s.activations, DepthState::default().activations);
        assert_eq!(n.len(), 1);

        let (s, n) = read("depthInit=zeros&depthLr=50&depthDataset=reg-plane&depthHist=7");
        assert_eq!(
            (s.init, s.learning_rate, s.dataset, s.hist),
            (Init::HeNormal, 10.0, DatasetKind::Circle, 1)
        );
        let keys: Vec<&str> = n.iter().map(|n| n.key.as_str()).collect();
        assert_eq!(keys, ["depthInit", "depthLr", "depthDataset", "depthHist"]);
        assert!(n[2].message.contains("regression"), "{n:?}");
        let (s, n) = read("depthLr=fast&depthDataset=nope&depthSeed=hello");
        assert_eq!(s.learning_rate, 0.1);
        assert_eq!(s.seed, seed_from_text("hello"));
        assert_eq!(n.len(), 2, "{n:?}");
        // Whatever the link, the settings are valid.
        for text in
            ["depth=-5&depthWidth=1e9&depthLr=-1", "depth=NaN&depthWidth=inf&depthAct=linear,hardshrink(3)"]
        {
            let (s, _) = read(text);
            for settings in s.all_settings() {
                assert_eq!(settings.validate(), Ok(()), "{text}");
            }
        }
    }

    #[test]
    fn actions_change_only_what_they_name_and_stay_in_range() {
        let d = DepthState::default();
        assert_eq!(d.apply(DepthAction::SetDepth(0)).depth, MIN_DEPTH);
        assert_eq!(d.apply(DepthAction::SetDepth(50)).depth, MAX_DEPTH);
        assert_eq!(d.apply(DepthAction::SetWidth(0)).width, 1);
        assert_eq!(d.apply(DepthAction::SetWidth(17)).width, MAX_WIDTH);
        let s = d.apply(DepthAction::SetActivation(1, Activation::Elu { alpha: 1.0 }));
        assert_eq!(s.activations, vec![Activation::Sigmoid, Activation::Elu { alpha: 1.0 }]);
        assert_eq!(s.apply(DepthAction::SetParam(1, 0.5)).activations[1], Activation::Elu { alpha: 0.5 });
        let max = Activation::Elu { alpha: 1.0 }.param().map_or(f64::NAN, |p| p.max);
        assert_eq!(s.apply(DepthAction::SetParam(1, 1e9)).activations[1], Activation::Elu { alpha: max });
        assert_eq!(s.apply(DepthAction::SetParam(0, 0.5)), s, "sigmoid has no parameter");
        assert_eq!(d.apply(DepthAction::SetActivation(7, Activation::Tanh)), d);

        // Add up to four, no duplicate; remove down to two.
        let mut s = d.clone();
        for _ in 0..6 {
            s = s.apply(DepthAction::AddActivation);
        }
        assert_eq!(
            s.activations,
            vec![
                Activation::Sigmoid,
                Activation::Relu,
                Activation::Tanh,
                Activation::LeakyRelu { slope: 0.01 }
            ]
        );
        let s = s.apply(DepthAction::ShowHistograms(3)).apply(DepthAction::RemoveActivation(0));
        assert_eq!(s.activations.len(), 3);
        assert_eq!(s.hist, 2, "the shown histograms follow their activation");
        let s = s.apply(DepthAction::RemoveActivation(2));
        assert_eq!(s.hist, 1, "the removed slot's histograms fall back to the last");
        assert_eq!(s.apply(DepthAction::RemoveActivation(0)).activations.len(), MIN_SLOTS);

        assert_eq!(d.apply(DepthAction::SetLearningRate(f64::NAN)).learning_rate, 0.1);
        assert_eq!(d.apply(DepthAction::SetLearningRate(100.0)).learning_rate, 10.0);
        assert_eq!(d.apply(DepthAction::SetDataset(DatasetKind::RegGauss)).dataset, DatasetKind::Circle);
        assert_eq!(d.apply(DepthAction::SetDataset(DatasetKind::Xor)).dataset, DatasetKind::Xor);
        assert_eq!(d.apply(DepthAction::SetSeed(9)).seed, 9);
        assert_eq!(d.apply(DepthAction::SetInit(Init::LecunNormal)).init, Init::LecunNormal);
        assert_eq!(d.apply(DepthAction::ShowHistograms(9)).hist, 1);
    }

    #[test]
    fn slots_differ_only_in_their_activation() {
        let d = DepthState::default();
        let all = d.all_settings();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].hidden, vec![8; 10]);
        assert_eq!((all[0].batch_size, all[0].initial_bias()), (BATCH_SIZE, 0.0));
        assert_eq!(Settings { activation: Activation::Relu, ..all[0].clone() }, all[1]);
        let a = Session::new(all[0].clone());
        let b = Session::new(all[1].clone());
        assert_eq!(a.initial_weights(), b.initial_weights());
        assert_eq!(a.dataset(), b.dataset());
    }

    /// The textbook result with the defaults, printed so the figures can be quoted:
    /// sigmoid's first layer gets ~1e-6 of its last layer's gradient, ReLU's ~1e-1.
    #[test]
    fn sigmoid_gradients_vanish_through_depth_and_relu_gradients_do_not() {
        let d = DepthState::default();
        let mut sigmoid = Session::new(d.settings(0));
        let mut relu = Session::new(d.settings(1));
        for epochs in [0, 5, 20] {
            sigmoid.step(epochs - sigmoid.epoch());
            relu.step(epochs - relu.epoch());
            let (rs, rr) = (ratio(&sigmoid), ratio(&relu));
            println!(
                "epoch {epochs}: layer 1 / layer 10 gradient norm: sigmoid {rs:.1e} (layer 1 {:.1e}), relu {rr:.1e} (layer 1 {:.1e})",
                sigmoid.metrics().layers[0].grad_norm,
                relu.metrics().layers[0].grad_norm
            );
            assert!(rs < 1e-2, "epoch {epochs}: sigmoid ratio {rs:e}");
            assert!(rr > 1e-1, "epoch {epochs}: relu ratio {rr:e}");
        }
        // Training: the ReLU net learns the circle, the sigmoid net cannot move its first layers.
        relu.step(40);
        sigmoid.step(40);
        let acc = |s: &Session| s.metrics().test_accuracy.unwrap_or(0.0);
        println!("epoch 60: test accuracy sigmoid {:.2}, relu {:.2}", acc(&sigmoid), acc(&relu));
        assert!(acc(&relu) > 0.9 && acc(&sigmoid) < 0.6, "{} {}", acc(&relu), acc(&sigmoid));
    }

    /// Not a lucky seed: at initialisation, over seeds 1..=8, the sigmoid ratio is always at
    /// least an order of magnitude below the ReLU one and two orders below on seven seeds of
    /// eight, and the medians are ≤ 1e-4 and ≥ 1e-1. (The norms include the biases' gradient:
    /// on seed 6 the ReLU net's last hidden layer gets a large bias gradient, and its ratio is
    /// 7e-3 against sigmoid's 1e-4.)
    #[test]
    fn the_gap_holds_across_seeds() {
        let mut sig = Vec::new();
        let mut rel = Vec::new();
        let mut wide = 0;
        for seed in 1..=8 {
            let d = DepthState { seed, ..DepthState::default() };
            let (rs, rr) = (ratio(&Session::new(d.settings(0))), ratio(&Session::new(d.settings(1))));
            println!("seed {seed}: sigmoid {rs:.1e}, relu {rr:.1e}");
            assert!(rr / rs > 10.0, "seed {seed}: sigmoid {rs:e}, relu {rr:e}");
            wide += usize::from(rr / rs > 100.0);
            sig.push(rs);
            rel.push(rr);
        }
        assert!(wide >= 7, "two orders of magnitude on only {wide} seeds of 8");
        sig.sort_by(f64::total_cmp);
        rel.sort_by(f64::total_cmp);
        assert!(sig[4] < 1e-4 && rel[3] > 1e-1, "{sig:?} {rel:?}");
    }

    #[test]
    fn strip_columns_keep_every_layer_and_merge_long_histories() {
        let d = DepthState { depth: 3, width: 4, ..DepthState::default() };
        let mut s = Session::new(d.settings(1));
        s.step(9);
        let h = s.history();
        let (epochs, rows) = strip_columns(h, 100);
        assert_eq!(epochs, (0..=9).collect::<Vec<_>>());
        assert_eq!(rows.len(), 4, "3 hidden layers and the output");
        assert_eq!(rows[0], h.layers[0].grad_norm);
        assert_eq!(rows[3], h.output_grad_norm);
        let (epochs, rows) = strip_columns(h, 3);
        assert_eq!(epochs, vec![2, 5, 9]);
        let g = &h.layers[1].grad_norm;
        let expect = 10f64.powf((g[0].log10() + g[1].log10() + g[2].log10()) / 3.0);
        assert!((rows[1][0] - expect).abs() < 1e-12 * expect);
        assert!(geometric_mean(&[0.0, f64::NAN]).is_nan());
        assert_eq!(geometric_mean(&[1e-4, 0.0, 1e-2]), 1e-3);
        let empty = History::default();
        assert_eq!(strip_columns(&empty, 10), (vec![], vec![vec![]]));
    }

    #[test]
    fn ratio_range_and_text() {
        assert_eq!(first_to_last(&[1e-6, 1e-3, 1.0, 0.5]), Some(1e-6));
        assert_eq!(first_to_last(&[1e-6, 1.0]), None, "one hidden layer");
        assert_eq!(first_to_last(&[0.0, 1.0, 1.0]), None);
        assert_eq!(shared_log_range([2e-7, 0.3, f64::NAN, 0.0]), (-7.0, 0.0));
        assert_eq!(shared_log_range([0.5, 0.5]), (-1.0, 0.0));
        assert_eq!(shared_log_range([]), (-3.0, 0.0));
        assert_eq!(format_norm(2.456e-7), "2.46e-7");
        assert_eq!(format_norm(f64::NAN), "–");
        assert_eq!("2.46e-7".parse::<f64>(), Ok(2.46e-7));
    }
}
