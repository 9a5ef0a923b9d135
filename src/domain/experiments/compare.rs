//! The "Side by side" experiment: 2–4 activations trained in lockstep on the same data, from
//! the same initial weights, with the same minibatch order, optimiser and learning rate, so
//! that the only difference between the runs is the activation.
//!
//! Here: the state ([`CompareState`]: the slots and the shared settings), its pure actions
//! ([`CompareState::apply`]), its URL form (`cmp=relu,leaky_relu,elu,gelu&cmpShape=8,8&…`, see
//! [`KEYS`]), the runs themselves ([`Lockstep`]: one [`Session`] per slot, stepped together)
//! and the summary table's numbers ([`SlotSummary`], [`epochs_to_target`]).

use crate::domain::activation::Activation;
use crate::domain::nn::data::{DatasetKind, MAX_NOISE};
use crate::domain::nn::metrics::{EpochMetrics, History};
use crate::domain::nn::settings::{
    Init, LossKind, OptimizerKind, Settings, LEARNING_RATE_RANGE, MAX_LAYER_WIDTH,
};
use crate::domain::nn::trainer::{Session, Status};
use crate::domain::state::key_doc::KeyDoc;
use crate::domain::state::page::Notice;
use crate::domain::state::play_url::{seed_from_text, BIAS_LIMIT, MAX_PLAY_LAYERS};
use crate::domain::state::query::Query;
use crate::domain::state::url_reader::UrlReader;

/// Fewest activations compared.
pub const MIN_SLOTS: usize = 2;
/// Most activations compared (four [8,8] networks still train smoothly in the page).
pub const MAX_SLOTS: usize = 4;
/// The test loss whose first crossing the summary table reports, unless the link says other.
pub const DEFAULT_TARGET: f64 = 0.1;
/// `cmpTarget`'s accepted range.
pub const TARGET_RANGE: (f64, f64) = (1e-4, 10.0);
/// `cmpBias` is accepted in −BIAS_LIMIT..=BIAS_LIMIT, the controls offer this much.
pub const BIAS_CONTROL_LIMIT: f64 = 10.0;

/// The classic comparison: ReLU and three of its fixes.
pub fn classic() -> Vec<Activation> {
    vec![
        Activation::Relu,
        Activation::LeakyRelu { slope: 0.01 },
        Activation::Elu { alpha: 1.0 },
        Activation::Gelu,
    ]
}

/// The state of the experiment: which activations are compared and the settings they share.
#[derive(Clone, Debug, PartialEq)]
pub struct CompareState {
    /// 2..=4 activations, one per run; duplicates are allowed (a run against its twin).
    pub slots: Vec<Activation>,
    /// The shared settings. Their `activation` and `layer_activations` are not used: each run
    /// takes its slot's activation in every hidden layer ([`CompareState::settings_for`]).
    pub shared: Settings,
    /// The test loss whose first crossing is reported (`epochs to target`).
    pub target: f64,
}

impl Default for CompareState {
    /// The classic four on the Playground's defaults with an [8,8] network.
    fn default() -> Self {
        CompareState { slots: classic(), shared: default_shared(), target: DEFAULT_TARGET }
    }
}

fn default_shared() -> Settings {
    Settings { hidden: vec![8, 8], ..Settings::default() }
}

/// Presets: one click sets a whole comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    /// relu, leaky_relu, elu and gelu where ReLUs die: a negative initial bias (−0.5) and a
    /// high learning rate for Adam (0.2) on circle with an [8,8] network. Measured over seeds
    /// 1..=12 (the test `the_dying_preset_kills_relus_and_only_relus`): ReLU starts with 0–2
    /// dead neurons of 16 and has lost 3–8 after 40 epochs; the other three lose none and all
    /// four still fit circle (test loss < 0.03). Adam at 0.3 kills more ReLUs but makes GELU
    /// unstable on some seeds; SGD needs a learning rate near divergence (1.5) to kill as many.
    /// All four pass test loss 0.1 within a few epochs here, so the target is 0.01.
    DyingRelu,
    /// The classic four on the Playground's defaults (nothing dies): the baseline.
    Healthy,
}

impl Preset {
    pub fn label(self) -> &'static str {
        match self {
            Preset::DyingRelu => "Dying ReLUs",
            Preset::Healthy => "Healthy baseline",
        }
    }

    /// The state the preset sets (target included); the seed is kept, so that "Next seed"
    /// shows the same effect on other data and weights.
    pub fn state(self, seed: u64) -> CompareState {
        let target = match self {
            Preset::DyingRelu => 0.01,
            Preset::Healthy => DEFAULT_TARGET,
        };
        let base = CompareState { slots: classic(), shared: default_shared(), target };
        let shared = match self {
            Preset::DyingRelu => Settings {
                dataset: DatasetKind::Circle,
                optimizer: OptimizerKind::Adam,
                learning_rate: 0.2,
                bias_init: Some(-0.5),
                seed,
                ..base.shared
            },
            Preset::Healthy => Settings { seed, ..base.shared },
        };
        CompareState { shared, ..base }
    }
}

/// What the experiment's controls do. [`CompareState::apply`] is pure (the ui's reducer).
#[derive(Clone, Debug, PartialEq)]
pub enum CompareAction {
    /// Slot `i` takes another function (its default parameter).
    SetSlot(usize, Activation),
    /// Slot `i`'s parameter (clamped into its range; ignored for functions without one).
    SetParam(usize, f64),
    /// Another slot (a copy of the last one), up to [`MAX_SLOTS`].
    AddSlot,
    /// Slot `i` goes, down to [`MIN_SLOTS`].
    RemoveSlot(usize),
    /// Slot `to` takes slot `from`'s activation and parameter.
    Copy {
        from: usize,
        to: usize,
    },
    /// Two slots trade places.
    Swap(usize, usize),
    Preset(Preset),
    /// A data set (its default number of points; a regression set gets a squared-error loss).
    SetDataset(DatasetKind),
    /// The hidden layers' widths; refused (state unchanged) if not 1..=8 layers of 1..=16.
    SetShape(Vec<usize>),
    SetLearningRate(f64),
    SetOptimizer(OptimizerKind),
    SetInit(Init),
    /// `None`: the init scheme's default bias.
    SetBiasInit(Option<f64>),
    SetSeed(u64),
    SetBatchSize(usize),
    SetNoise(f64),
    SetTarget(f64),
}

impl CompareState {
    /// The settings of slot `i`'s run: the shared ones with that activation in every layer.
    /// `None` if there is no such slot.
    pub fn settings_for(&self, i: usize) -> Option<Settings> {
        let activation = *self.slots.get(i)?;
        Some(Settings { activation, layer_activations: Vec::new(), ..self.shared.clone() })
    }

    /// The next state. Pure: same state and action, same result. Out-of-range indices and
    /// values are ignored or clamped, never a panic.
    pub fn apply(&self, action: CompareAction) -> CompareState {
        let mut next = self.clone();
        let n = next.slots.len();
        let s = &mut next.shared;
        match action {
            CompareAction::SetSlot(i, a) => {
                if let Some(slot) = next.slots.get_mut(i) {
                    *slot = a;
                }
            }
            CompareAction::SetParam(i, v) => {
                if let Some(slot) = next.slots.get_mut(i) {
                    if let Some(p) = slot.param() {
                        let v = if v.is_finite() { v.clamp(p.min, p.max) } else { p.value };
                        *slot = slot.with_param(v).unwrap_or(*slot);
                    }
                }
            }
            CompareAction::AddSlot => {
                if n < MAX_SLOTS {
                    let last = next.slots.last().copied().unwrap_or(Activation::Relu);
                    next.slots.push(last);
                }
            }
            CompareAction::RemoveSlot(i) => {
                if n > MIN_SLOTS && i < n {
                    next.slots.remove(i);
                }
            }
            CompareAction::Copy { from, to } => {
                if from < n && to < n {
                    next.slots[to] = next.slots[from];
                }
            }
            CompareAction::Swap(a, b) => {
                if a < n && b < n {
                    next.slots.swap(a, b);
                }
            }
            CompareAction::Preset(p) => next = p.state(self.shared.seed),
            CompareAction::SetDataset(kind) => {
                s.dataset = kind;
                s.num_points = kind.default_num_points();
                s.loss = loss_for(kind);
                s.batch_size = s.batch_size.min(s.num_points);
            }
            CompareAction::SetShape(shape) => {
                if check_shape(&shape).is_ok() {
                    s.hidden = shape;
                }
            }
            CompareAction::SetLearningRate(lr) => {
                let (lo, hi) = LEARNING_RATE_RANGE;
                if lr.is_finite() {
                    s.learning_rate = lr.clamp(lo, hi);
                }
            }
            CompareAction::SetOptimizer(o) => s.optimizer = o,
            CompareAction::SetInit(i) => s.init = i,
            CompareAction::SetBiasInit(b) => {
                s.bias_init =
                    b.filter(|b| b.is_finite()).map(|b| b.clamp(-BIAS_CONTROL_LIMIT, BIAS_CONTROL_LIMIT))
            }
            CompareAction::SetSeed(seed) => s.seed = seed,
            CompareAction::SetBatchSize(b) => s.batch_size = b.clamp(1, s.num_points.max(1)),
            CompareAction::SetNoise(v) => {
                if v.is_finite() {
                    s.noise = v.clamp(0.0, MAX_NOISE);
                }
            }
            CompareAction::SetTarget(t) => {
                if t.is_finite() {
                    next.target = t.clamp(TARGET_RANGE.0, TARGET_RANGE.1);
                }
            }
        }
        next
    }
}

/// The loss a data set is trained with: cross-entropy for classes, squared error for values.
fn loss_for(kind: DatasetKind) -> LossKind {
    if kind.is_regression() {
        LossKind::LinearMse
    } else {
        LossKind::SigmoidBce
    }
}

/// Whether a network shape can be compared: 1..=8 hidden layers of 1..=16 neurons (without a
/// hidden layer there is no activation to compare).
pub fn check_shape(shape: &[usize]) -> Result<(), String> {
    if shape.is_empty() {
        return Err("the network needs at least one hidden layer (there is no activation without one)".into());
    }
    if shape.len() > MAX_PLAY_LAYERS {
        return Err(format!("{} hidden layers is too many: at most {MAX_PLAY_LAYERS}", shape.len()));
    }
    if let Some((i, w)) = shape.iter().enumerate().find(|(_, w)| !(1..=MAX_LAYER_WIDTH).contains(*w)) {
        return Err(format!("layer {} has {w} neurons: allowed 1 to {MAX_LAYER_WIDTH}", i + 1));
    }
    Ok(())
}

/// Reads a shape typed by a user or found in a link: widths separated by commas (spaces
/// allowed), e.g. `8, 8`. The message says what is wrong.
pub fn parse_shape(text: &str) -> Result<Vec<usize>, String> {
    let text = text.trim();
    if text.is_empty() {
        return check_shape(&[]).map(|_| Vec::new());
    }
    let widths = text
        .split(',')
        .map(|part| {
            let part = part.trim();
            part.parse::<usize>()
                .map_err(|_| format!("'{part}' is not a whole number of neurons; write widths such as 8,8"))
        })
        .collect::<Result<Vec<usize>, String>>()?;
    check_shape(&widths)?;
    Ok(widths)
}

/// The text form of a shape: `8,8`.
pub fn shape_text(shape: &[usize]) -> String {
    shape.iter().map(usize::to_string).collect::<Vec<_>>().join(",")
}

// ---------------------------------------------------------------------------------------------
// URL form

/// Every key [`CompareState::write_query`] writes, in that order.
pub const KEYS: &[KeyDoc] = &[
    KeyDoc::new("cmp", "2 to 4 comma-separated text forms of the 24 activations, e.g. `relu,leaky_relu(0.2),elu,gelu`", "relu,leaky_relu,elu,gelu", "The activations compared, one run each"),
    KeyDoc::new("cmpDataset", "`circle`, `xor`, `gauss`, `spiral`, `moons`, `checkerboard`, `reg-plane`, `reg-gauss`", "circle", "Data set shared by the runs"),
    KeyDoc::new("cmpShape", "comma list of 1 to 8 widths, each 1 to 16", "8,8", "Neurons of each hidden layer, input side first"),
    KeyDoc::new("cmpLr", "0.00001 to 10", "0.03", "Learning rate"),
    KeyDoc::new("cmpOpt", "`sgd`, `momentum`, `adam`", "sgd", "Optimiser"),
    KeyDoc::new("cmpInit", "`he_normal`, `he_uniform`, `xavier_normal`, `xavier_uniform`, `lecun_normal`, `lecun_uniform`, `tf_uniform`", "he_normal", "How the (shared) initial weights are drawn"),
    KeyDoc::new("cmpBias", "-100 to 100, or empty for the init scheme's default", "1", "Initial bias of every neuron (negative values kill ReLUs)"),
    KeyDoc::new("cmpSeed", "a whole number 0 to 18446744073709551615, or any text (hashed)", "1", "Seed of the data, the initial weights and the minibatch order"),
    KeyDoc::new("cmpBatch", "1 to the number of points", "10", "Minibatch size"),
    KeyDoc::new("cmpNoise", "0 to 50 (percent)", "0", "Noise added to the data"),
    KeyDoc::new("cmpTarget", "0.0001 to 10", "0.1", "Test loss whose first crossing the table reports (epochs to target)"),
];

impl CompareState {
    /// Reads every `cmp*` key; a missing key means its default, a bad value is clamped or
    /// refused with a notice. The state is always valid.
    pub fn from_query(query: &Query) -> (CompareState, Vec<Notice>) {
        let mut r = UrlReader::new(query);
        let d = CompareState::default();
        let slots = match r.value("cmp") {
            Some(list) => read_slots(list, &mut r),
            None => d.slots.clone(),
        };
        let mut s = d.shared.clone();
        let dataset_ids = DatasetKind::ALL.map(|k| k.id());
        if let Some(kind) =
            r.choice("cmpDataset", |t| DatasetKind::from_id(t).map(Some), &dataset_ids, None, s.dataset.id())
        {
            s.dataset = kind;
            s.num_points = kind.default_num_points();
            s.loss = loss_for(kind);
        }
        if let Some(text) = r.value("cmpShape") {
            match parse_shape(text) {
                Ok(shape) => s.hidden = shape,
                Err(e) => {
                    r.notice("cmpShape", format!("cmpShape={text}: {e}. Keeping {}.", shape_text(&s.hidden)))
                }
            }
        }
        s.learning_rate = r.number("cmpLr", LEARNING_RATE_RANGE, s.learning_rate);
        s.optimizer = r.choice(
            "cmpOpt",
            OptimizerKind::from_id,
            &OptimizerKind::ALL.map(|k| k.id()),
            s.optimizer,
            s.optimizer.id(),
        );
        s.init = r.choice("cmpInit", Init::from_id, &Init::ALL.map(|k| k.id()), s.init, s.init.id());
        // Present but empty: the init scheme's default bias.
        if query.get("cmpBias").map(str::trim) == Some("") {
            s.bias_init = None;
        } else if let Some(b) = r.optional_number("cmpBias", (-BIAS_LIMIT, BIAS_LIMIT)) {
            s.bias_init = Some(b);
        }
        if let Some(text) = r.value("cmpSeed") {
            s.seed = seed_from_text(text);
        }
        s.batch_size = r.count("cmpBatch", (1, s.num_points), s.batch_size);
        s.noise = r.number("cmpNoise", (0.0, MAX_NOISE), s.noise);
        let target = r.number("cmpTarget", TARGET_RANGE, d.target);

        let mut state = CompareState { slots, shared: s, target };
        // Every value was checked above; this only guards against a combination slipping through.
        if let Err(e) = state.shared.validate() {
            r.notice(
                "cmp",
                format!("The link's comparison settings cannot be used ({e}): using the nearest valid ones."),
            );
            state.shared = state.shared.clamped();
        }
        (state, r.finish())
    }

    /// Writes every key of [`KEYS`] (replacing earlier values, keeping every other key):
    /// `from_query` gives this state back, without notices.
    pub fn write_query(&self, query: &mut Query) {
        let s = &self.shared;
        let slots: Vec<String> = self.slots.iter().map(Activation::to_string).collect();
        query.set("cmp", slots.join(","));
        query.set("cmpDataset", s.dataset.id());
        query.set("cmpShape", shape_text(&s.hidden));
        query.set("cmpLr", format!("{}", s.learning_rate));
        query.set("cmpOpt", s.optimizer.id());
        query.set("cmpInit", s.init.id());
        query.set("cmpBias", s.bias_init.map(|b| format!("{b}")).unwrap_or_default());
        query.set("cmpSeed", s.seed.to_string());
        query.set("cmpBatch", s.batch_size.to_string());
        query.set("cmpNoise", format!("{}", s.noise));
        query.set("cmpTarget", format!("{}", self.target));
    }
}

/// `cmp`: 2..=4 activations. A bad entry is dropped, entries beyond 4 are dropped, fewer than
/// 2 are completed from the classic four; each with a notice.
fn read_slots(list: &str, r: &mut UrlReader) -> Vec<Activation> {
    let mut slots = Vec::new();
    for text in list.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        match Activation::parse(text) {
            Ok(_) if slots.len() >= MAX_SLOTS => r.notice(
                "cmp",
                format!("At most {MAX_SLOTS} activations can be compared: '{text}' was left out."),
            ),
            Ok(a) => slots.push(a),
            Err(e) => r.notice("cmp", format!("In the link's cmp=: {e}; left out.")),
        }
    }
    if slots.len() < MIN_SLOTS {
        let added: Vec<Activation> =
            classic().into_iter().filter(|a| !slots.contains(a)).take(MIN_SLOTS - slots.len()).collect();
        let names: Vec<String> = added.iter().map(Activation::to_string).collect();
        r.notice(
            "cmp",
            format!("A comparison needs at least {MIN_SLOTS} activations: added {}.", names.join(", ")),
        );
        slots.extend(added);
    }
    slots
}

// ---------------------------------------------------------------------------------------------
// The runs

/// One [`Session`] per slot, built from settings that differ only in the activation, and
/// always stepped together: same data, same initial weights (bar a PReLU's slope), same
/// minibatch order, same number of epochs.
pub struct Lockstep {
    sessions: Vec<Session>,
}

impl Lockstep {
    pub fn new(state: &CompareState) -> Lockstep {
        let sessions =
            (0..state.slots.len()).filter_map(|i| state.settings_for(i)).map(Session::new).collect();
        Lockstep { sessions }
    }

    pub fn sessions(&self) -> &[Session] {
        &self.sessions
    }

    /// `epochs` epochs for every run that has not diverged (a diverged run stays where it
    /// stopped; the others go on). Returns whether any run can still train.
    pub fn step(&mut self, epochs: usize) -> bool {
        for s in &mut self.sessions {
            s.step(epochs);
        }
        self.any_running()
    }

    /// Every run back to epoch 0 and the same initial weights.
    pub fn reset(&mut self) {
        for s in &mut self.sessions {
            s.reset();
        }
    }

    /// The epoch of the runs (the furthest one, when some diverged and stopped).
    pub fn epoch(&self) -> usize {
        self.sessions.iter().map(Session::epoch).max().unwrap_or(0)
    }

    /// Whether at least one run has not diverged.
    pub fn any_running(&self) -> bool {
        self.sessions.iter().any(|s| !s.status().is_diverged())
    }
}

// ---------------------------------------------------------------------------------------------
// Frame pacing

/// The frame the page aims at (60 Hz).
pub const FRAME_MS: f64 = 1000.0 / 60.0;
/// Training time per frame: starts here, then adapts between the two bounds.
const START_TRAIN_MS: f64 = 6.0;
const TRAIN_MS_RANGE: (f64, f64) = (1.0, 10.0);
/// Most rounds (one epoch of every run) in one frame.
pub const MAX_ROUNDS: usize = 25;
/// A boundary refresh (the probes and the canvases) cheaper than this is done every frame;
/// a dearer one every other frame.
pub const DRAW_EVERY_FRAME_MS: f64 = 4.0;
/// The charts and the table redraw at most this often (~8 Hz): they need no 60 Hz.
pub const CHART_INTERVAL_MS: f64 = 120.0;

/// What a frame may do: train for up to `train_ms` (at most `max_rounds` rounds; 0 means
/// this frame only waits), and whether the boundaries are due.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FramePlan {
    pub train_ms: f64,
    pub max_rounds: usize,
    pub boundaries: bool,
}

/// Paces the lockstep training and the drawing from measured times, so that four networks
/// train as fast as the frame allows and the page stays smooth: the training budget grows
/// while frames arrive on time and shrinks when they are late (as the Playground's); the
/// boundaries are redrawn every frame when that is cheap, else every other frame, and their
/// cost is taken out of that frame's training time; when even one round does not fit, rounds
/// are spread over frames (credit accumulates until a whole round fits). Pure: the ui passes
/// the times in.
#[derive(Clone, Debug, PartialEq)]
pub struct Pacer {
    train_ms: f64,
    /// Measured time of one round (EWMA), 0 until measured.
    round_ms: f64,
    /// Measured time of one boundary refresh (EWMA), 0 until measured.
    draw_ms: f64,
    pending_draw: f64,
    credit: f64,
    last_frame: Option<f64>,
    last_charts: f64,
    frame: u64,
}

impl Default for Pacer {
    fn default() -> Self {
        Pacer {
            train_ms: START_TRAIN_MS,
            round_ms: 0.0,
            draw_ms: 0.0,
            pending_draw: 0.0,
            credit: 0.0,
            last_frame: None,
            last_charts: f64::NEG_INFINITY,
            frame: 0,
        }
    }
}

fn ewma(old: f64, new: f64) -> f64 {
    if old == 0.0 {
        new
    } else {
        0.8 * old + 0.2 * new
    }
}

impl Pacer {
    /// Called at the start of a frame with its timestamp (ms).
    pub fn on_frame(&mut self, t: f64) -> FramePlan {
        if let Some(last) = self.last_frame {
            let interval = t - last;
            if interval > 20.0 {
                self.train_ms = (self.train_ms * 0.8).max(TRAIN_MS_RANGE.0);
            } else if interval < 17.5 {
                self.train_ms = (self.train_ms + 0.25).min(TRAIN_MS_RANGE.1);
            }
        }
        self.last_frame = Some(t);
        if self.pending_draw > 0.0 {
            self.draw_ms = ewma(self.draw_ms, self.pending_draw);
            self.pending_draw = 0.0;
        }
        self.frame += 1;
        let boundaries = self.draw_ms <= DRAW_EVERY_FRAME_MS || self.frame.is_multiple_of(2);
        let allowed = (self.train_ms - if boundaries { self.draw_ms } else { 0.0 }).max(0.5);
        let max_rounds = if self.round_ms <= allowed {
            self.credit = 0.0;
            MAX_ROUNDS
        } else {
            self.credit += allowed / self.round_ms;
            if self.credit >= 1.0 {
                self.credit -= 1.0;
                1
            } else {
                0
            }
        };
        FramePlan { train_ms: allowed, max_rounds, boundaries }
    }

    /// `rounds` rounds took `ms`.
    pub fn trained(&mut self, rounds: usize, ms: f64) {
        if rounds > 0 && ms.is_finite() && ms >= 0.0 {
            self.round_ms = ewma(self.round_ms, (ms / rounds as f64).max(1e-3));
        }
    }

    /// Part of a boundary refresh (a probe, a canvas) took `ms`.
    pub fn drawn(&mut self, ms: f64) {
        if ms.is_finite() && ms >= 0.0 {
            self.pending_draw += ms;
        }
    }

    /// Whether the charts and the table are due (at most every [`CHART_INTERVAL_MS`]).
    pub fn charts_due(&mut self, t: f64) -> bool {
        let due = t - self.last_charts >= CHART_INTERVAL_MS;
        if due {
            self.last_charts = t;
        }
        due
    }

    /// Paused: the next frame's interval says nothing about lateness.
    pub fn pause(&mut self) {
        self.last_frame = None;
        self.credit = 0.0;
    }

    /// The training time allowed per frame now (before a boundary refresh is taken out).
    pub fn train_ms(&self) -> f64 {
        self.train_ms
    }
}

// ---------------------------------------------------------------------------------------------
// The summary table

/// The first epoch whose test loss is at or below `target` (`None` until then, and for a run
/// without a test set).
pub fn epochs_to_target(history: &History, target: f64) -> Option<usize> {
    history.test_loss.iter().position(|&l| l <= target).map(|i| history.epoch[i])
}

/// One row of the summary table.
#[derive(Clone, Debug, PartialEq)]
pub struct SlotSummary {
    pub epochs_to_target: Option<usize>,
    pub train_loss: f64,
    pub test_loss: f64,
    /// Test accuracy (`None` for regression).
    pub accuracy: Option<f64>,
    pub dead: usize,
    pub saturated: usize,
    pub neurons: usize,
    /// Share of exactly-zero activations over every hidden neuron and training input.
    pub sparsity: f64,
    /// The run diverged (its numbers are those of the epoch it stopped at).
    pub diverged: bool,
}

impl SlotSummary {
    pub fn of(metrics: &EpochMetrics, history: &History, status: &Status, target: f64) -> SlotSummary {
        let neurons = metrics.neuron_count();
        let weighted: f64 = metrics.layers.iter().map(|l| l.sparsity * l.neurons.len() as f64).sum();
        SlotSummary {
            epochs_to_target: epochs_to_target(history, target),
            train_loss: metrics.train_loss,
            test_loss: metrics.test_loss,
            accuracy: metrics.test_accuracy,
            dead: metrics.dead_count(),
            saturated: metrics.saturated_count(),
            neurons,
            sparsity: if neurons == 0 { 0.0 } else { weighted / neurons as f64 },
            diverged: status.is_diverged(),
        }
    }

    pub fn of_session(session: &Session, target: f64) -> SlotSummary {
        SlotSummary::of(session.metrics(), session.history(), session.status(), target)
    }
}

/// The slot that reached the target first (ties: the lowest test loss), if any did.
pub fn fastest(rows: &[SlotSummary]) -> Option<usize> {
    rows.iter()
        .enumerate()
        .filter_map(|(i, r)| r.epochs_to_target.map(|e| (i, e, r.test_loss)))
        .min_by(|a, b| a.1.cmp(&b.1).then(a.2.total_cmp(&b.2)))
        .map(|(i, _, _)| i)
}

/// A loss for the table: 3 decimals (2 significant digits below 0.001, so that a loss still
/// falling does not read 0.000), or "—" when there is none.
pub fn loss_text(v: f64) -> String {
    if v.is_finite() && v != 0.0 && v.abs() < 1e-3 {
        format!("{v:.1e}")
    } else if v.is_finite() {
        format!("{v:.3}")
    } else if v.is_nan() {
        "—".into()
    } else {
        "∞".into()
    }
}

/// Epochs to target for the table: the epoch, or "—" until it is reached.
pub fn epochs_text(e: Option<usize>) -> String {
    e.map_or_else(|| "—".to_string(), |e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::state::key_doc::markdown_table;

    fn read(text: &str) -> (CompareState, Vec<Notice>) {
        CompareState::from_query(&Query::parse(text))
    }

    fn written(state: &CompareState) -> Query {
        let mut q = Query::default();
        state.write_query(&mut q);
        q
    }

    fn two(a: Activation, b: Activation, shared: Settings) -> CompareState {
        CompareState { slots: vec![a, b], shared, target: DEFAULT_TARGET }
    }

    fn small() -> Settings {
        Settings { num_points: 120, hidden: vec![5, 4], ..Settings::default() }
    }

    #[test]
    fn runs_start_from_the_same_weights_bit_for_bit() {
        let state = CompareState { shared: small(), ..CompareState::default() };
        let runs = Lockstep::new(&state);
        assert_eq!(runs.sessions().len(), 4);
        let first = runs.sessions()[0].initial_weights();
        for s in runs.sessions() {
            assert_eq!(s.initial_weights(), first, "{}", s.settings().activation);
            assert_eq!(s.weights(), *first);
            assert_eq!(s.dataset(), runs.sessions()[0].dataset());
        }
        // The activations differ (that is the point), so do the epoch-0 losses.
        let losses: Vec<f64> = runs.sessions().iter().map(|s| s.metrics().train_loss).collect();
        assert_ne!(losses[0], losses[3]);
    }

    #[test]
    fn identical_activations_run_identically_in_lockstep() {
        let mut runs = Lockstep::new(&two(Activation::Tanh, Activation::Tanh, small()));
        let [a, b] = runs.sessions() else { panic!("two runs") };
        assert_eq!(a.metrics(), b.metrics());
        assert_eq!(a.metrics().epoch, 0);
        runs.step(3);
        let [a, b] = runs.sessions() else { panic!("two runs") };
        assert_eq!((a.epoch(), b.epoch()), (3, 3));
        assert_eq!(runs.epoch(), 3);
        assert_eq!(a.history(), b.history());
        assert_eq!(a.weights(), b.weights());
        runs.reset();
        assert_eq!(runs.epoch(), 0);
        assert_eq!(runs.sessions()[0].weights(), *runs.sessions()[0].initial_weights());
    }

    #[test]
    fn a_lockstep_run_matches_a_session_trained_alone() {
        // Same minibatch order: the relu run of the comparison equals a relu session alone.
        let state = two(Activation::Relu, Activation::Gelu, small());
        let mut runs = Lockstep::new(&state);
        runs.step(4);
        let mut alone = Session::new(Settings { activation: Activation::Relu, ..small() });
        alone.step(4);
        assert_eq!(runs.sessions()[0].weights(), alone.weights());
        assert_eq!(runs.sessions()[0].metrics(), alone.metrics());
    }

    #[test]
    fn a_diverged_run_stops_and_the_others_go_on() {
        // Squared error at learning rate 1: tanh blows up within 10 epochs, relu does not.
        let shared = Settings {
            learning_rate: 1.0,
            loss: LossKind::LinearMse,
            hidden: vec![8, 8],
            num_points: 120,
            seed: 2,
            ..Settings::default()
        };
        let mut runs = Lockstep::new(&two(Activation::Relu, Activation::Tanh, shared));
        for _ in 0..30 {
            runs.step(1);
        }
        let [relu, tanh] = runs.sessions() else { panic!("two runs") };
        assert!(tanh.status().is_diverged(), "tanh diverges");
        assert!(!relu.status().is_diverged(), "relu goes on");
        assert_eq!(runs.epoch(), 30);
        assert_eq!(relu.epoch(), 30);
        assert!(tanh.epoch() < 10);
        assert!(runs.any_running());
        assert!(SlotSummary::of_session(tanh, 0.1).diverged);
        assert!(!SlotSummary::of_session(relu, 0.1).diverged);
    }

    #[test]
    fn the_dying_preset_kills_relus_and_only_relus() {
        let mut killed = Vec::new();
        for seed in 1..=12 {
            let state = Preset::DyingRelu.state(seed);
            assert_eq!(state.slots, classic());
            assert_eq!(state.shared.hidden, vec![8, 8]);
            let mut runs = Lockstep::new(&state);
            runs.step(40);
            let rows: Vec<SlotSummary> =
                runs.sessions().iter().map(|s| SlotSummary::of_session(s, 0.1)).collect();
            assert!(rows[0].dead >= 3, "seed {seed}: relu lost only {} neurons", rows[0].dead);
            for (a, r) in state.slots.iter().zip(&rows).skip(1) {
                assert_eq!(r.dead, 0, "seed {seed}: {a} has dead neurons");
                assert!(!r.diverged && r.test_loss < 0.1, "seed {seed}: {a} did not learn: {r:?}");
            }
            killed.push(rows[0].dead);
        }
        // And the healthy baseline keeps every ReLU alive on the same seeds.
        for seed in [1, 5] {
            let mut runs = Lockstep::new(&Preset::Healthy.state(seed));
            runs.step(40);
            assert_eq!(runs.sessions()[0].metrics().dead_count(), 0, "seed {seed}");
        }
        assert!(killed.iter().sum::<usize>() >= 12 * 5, "on average at least 5 of 16: {killed:?}");
    }

    #[test]
    fn epochs_to_target_is_the_first_crossing() {
        let mut h = History::default();
        for (e, l) in [0.7, 0.3, 0.09, 0.12, 0.05].into_iter().enumerate() {
            h.epoch.push(e);
            h.test_loss.push(l);
        }
        assert_eq!(epochs_to_target(&h, 0.1), Some(2));
        assert_eq!(epochs_to_target(&h, 0.3), Some(1));
        assert_eq!(epochs_to_target(&h, 0.7), Some(0));
        assert_eq!(epochs_to_target(&h, 0.01), None);
        assert_eq!(epochs_to_target(&History::default(), 0.1), None);
        h.test_loss = vec![f64::NAN; 5];
        assert_eq!(epochs_to_target(&h, 0.1), None);
        assert_eq!(epochs_text(None), "—");
        assert_eq!(epochs_text(Some(42)), "42");
        assert_eq!(loss_text(f64::NAN), "—");
        assert_eq!(loss_text(0.12345), "0.123");
        assert_eq!(loss_text(0.000_163), "1.6e-4");
        assert_eq!(loss_text(0.0), "0.000");
        assert_eq!(loss_text(f64::INFINITY), "∞");
    }

    #[test]
    fn summary_rows_come_from_the_run_and_the_fastest_is_found() {
        let shared = Settings { learning_rate: 0.3, ..small() };
        let mut runs = Lockstep::new(&two(Activation::Tanh, Activation::Identity, shared));
        runs.step(60);
        let rows: Vec<SlotSummary> =
            runs.sessions().iter().map(|s| SlotSummary::of_session(s, 0.3)).collect();
        let tanh = &rows[0];
        assert_eq!(tanh.neurons, 9);
        assert_eq!(tanh.test_loss, runs.sessions()[0].metrics().test_loss);
        assert!(tanh.accuracy.is_some());
        assert!((0.0..=1.0).contains(&tanh.sparsity));
        // A linear network cannot separate a circle: tanh gets there, identity does not.
        assert!(tanh.epochs_to_target.is_some(), "{tanh:?}");
        assert_eq!(rows[1].epochs_to_target, None, "{:?}", rows[1]);
        assert_eq!(fastest(&rows), Some(0));
        let none = SlotSummary { epochs_to_target: None, ..tanh.clone() };
        assert_eq!(fastest(&[none.clone(), none]), None);
        let a = SlotSummary { epochs_to_target: Some(9), test_loss: 0.05, ..tanh.clone() };
        let b = SlotSummary { epochs_to_target: Some(9), test_loss: 0.04, ..tanh.clone() };
        assert_eq!(fastest(&[a, b]), Some(1));
    }

    #[test]
    fn sparsity_weights_layers_by_their_width() {
        let mut runs = Lockstep::new(&two(Activation::Relu, Activation::Tanh, small()));
        runs.step(1);
        let m = runs.sessions()[0].metrics();
        let want = (m.layers[0].sparsity * 5.0 + m.layers[1].sparsity * 4.0) / 9.0;
        let got = SlotSummary::of_session(&runs.sessions()[0], 0.1).sparsity;
        assert!((got - want).abs() < 1e-12);
        assert!(got > 0.0, "relu zeroes some activations");
        assert_eq!(SlotSummary::of_session(&runs.sessions()[1], 0.1).sparsity, 0.0);
    }

    #[test]
    fn copy_swap_add_remove_and_params() {
        let s = CompareState::default();
        let copied = s.apply(CompareAction::Copy { from: 2, to: 0 });
        assert_eq!(copied.slots[0], Activation::Elu { alpha: 1.0 });
        assert_eq!(copied.slots[1..], s.slots[1..]);
        // The parameter travels with the function.
        let tuned = s.apply(CompareAction::SetParam(1, 0.3));
        assert_eq!(tuned.slots[1], Activation::LeakyRelu { slope: 0.3 });
        assert_eq!(
            tuned.apply(CompareAction::Copy { from: 1, to: 3 }).slots[3],
            Activation::LeakyRelu { slope: 0.3 }
        );
        let swapped = s.apply(CompareAction::Swap(0, 3));
        assert_eq!(swapped.slots, vec![Activation::Gelu, s.slots[1], s.slots[2], Activation::Relu]);
        assert_eq!(swapped.apply(CompareAction::Swap(3, 0)), s);
        // Out of range: nothing happens.
        assert_eq!(s.apply(CompareAction::Copy { from: 9, to: 0 }), s);
        assert_eq!(s.apply(CompareAction::Swap(0, 4)), s);
        assert_eq!(s.apply(CompareAction::SetSlot(7, Activation::Tanh)), s);
        // Parameters are clamped; functions without one ignore it.
        assert_eq!(s.apply(CompareAction::SetParam(1, 5.0)).slots[1], Activation::LeakyRelu { slope: 1.0 });
        assert_eq!(s.apply(CompareAction::SetParam(1, f64::NAN)), s);
        assert_eq!(s.apply(CompareAction::SetParam(0, 0.5)), s);
        // 2..=4 slots.
        assert_eq!(s.apply(CompareAction::AddSlot), s);
        let three = s.apply(CompareAction::RemoveSlot(1));
        assert_eq!(three.slots, vec![Activation::Relu, s.slots[2], Activation::Gelu]);
        let two = three.apply(CompareAction::RemoveSlot(0));
        assert_eq!(two.slots.len(), 2);
        assert_eq!(two.apply(CompareAction::RemoveSlot(0)), two);
        assert_eq!(two.apply(CompareAction::AddSlot).slots, vec![two.slots[0], two.slots[1], two.slots[1]]);
    }

    #[test]
    fn shared_settings_actions_clamp_or_refuse() {
        let s = CompareState::default();
        assert_eq!(s.apply(CompareAction::SetShape(vec![4, 4, 4])).shared.hidden, vec![4, 4, 4]);
        for bad in [vec![], vec![17], vec![0, 3], vec![2; 9]] {
            assert_eq!(s.apply(CompareAction::SetShape(bad.clone())), s, "{bad:?}");
        }
        assert_eq!(s.apply(CompareAction::SetLearningRate(50.0)).shared.learning_rate, 10.0);
        assert_eq!(s.apply(CompareAction::SetLearningRate(f64::NAN)), s);
        assert_eq!(s.apply(CompareAction::SetBiasInit(Some(-40.0))).shared.bias_init, Some(-10.0));
        assert_eq!(s.apply(CompareAction::SetBiasInit(None)).shared.bias_init, None);
        assert_eq!(s.apply(CompareAction::SetBatchSize(0)).shared.batch_size, 1);
        assert_eq!(s.apply(CompareAction::SetBatchSize(100_000)).shared.batch_size, s.shared.num_points);
        assert_eq!(s.apply(CompareAction::SetNoise(80.0)).shared.noise, 50.0);
        assert_eq!(s.apply(CompareAction::SetTarget(0.0)).target, TARGET_RANGE.0);
        let reg = s.apply(CompareAction::SetDataset(DatasetKind::RegPlane));
        assert_eq!((reg.shared.loss, reg.shared.num_points), (LossKind::LinearMse, 1200));
        let back = reg.apply(CompareAction::SetDataset(DatasetKind::Xor));
        assert_eq!(back.shared.loss, LossKind::SigmoidBce);
        // A preset keeps the seed, replaces the rest (target included).
        let mine = s.apply(CompareAction::SetSeed(77)).apply(CompareAction::SetTarget(0.2));
        let dying = mine.apply(CompareAction::Preset(Preset::DyingRelu));
        assert_eq!((dying.shared.seed, dying.target), (77, 0.01));
        assert_eq!(dying.apply(CompareAction::Preset(Preset::Healthy)).target, DEFAULT_TARGET);
        assert_eq!(dying.shared.bias_init, Some(-0.5));
        assert_eq!(dying.shared.optimizer, OptimizerKind::Adam);
        assert_eq!(
            dying.apply(CompareAction::Preset(Preset::Healthy)).shared,
            Settings { seed: 77, ..default_shared() }
        );
        // Each run: the shared settings with its own activation in every layer.
        let per = s.settings_for(3).unwrap();
        assert_eq!(per.activations(), vec![Activation::Gelu; 2]);
        assert_eq!(Settings { activation: s.shared.activation, ..per }, s.shared);
        assert_eq!(s.settings_for(4), None);
    }

    #[test]
    fn the_default_and_a_changed_state_round_trip_through_the_link() {
        assert_eq!(read(""), (CompareState::default(), vec![]));
        let q = written(&CompareState::default());
        assert_eq!(q.get("cmp"), Some("relu,leaky_relu,elu,gelu"));
        assert_eq!(q.get("cmpShape"), Some("8,8"));
        assert_eq!(CompareState::from_query(&q), (CompareState::default(), vec![]));
        let keys: Vec<&str> = q.keys().collect();
        assert_eq!(keys, KEYS.iter().map(|k| k.key).collect::<Vec<_>>());

        let changed = CompareState::default()
            .apply(CompareAction::SetSlot(1, Activation::Swish { beta: 1.0 }))
            .apply(CompareAction::SetParam(1, 2.5))
            .apply(CompareAction::RemoveSlot(3))
            .apply(CompareAction::SetDataset(DatasetKind::Spiral))
            .apply(CompareAction::SetShape(vec![6, 5, 4]))
            .apply(CompareAction::SetLearningRate(0.003))
            .apply(CompareAction::SetOptimizer(OptimizerKind::Momentum))
            .apply(CompareAction::SetInit(Init::XavierUniform))
            .apply(CompareAction::SetBiasInit(Some(-1.5)))
            .apply(CompareAction::SetSeed(u64::MAX))
            .apply(CompareAction::SetBatchSize(25))
            .apply(CompareAction::SetNoise(15.0))
            .apply(CompareAction::SetTarget(0.25));
        let q = written(&changed);
        assert_eq!(q.get("cmp"), Some("relu,swish(2.5),elu"));
        assert_eq!(CompareState::from_query(&q), (changed.clone(), vec![]));
        // The init's default bias (empty value) round-trips too.
        let default_bias = changed.apply(CompareAction::SetBiasInit(None));
        let q = written(&default_bias);
        assert_eq!(q.get("cmpBias"), Some(""));
        assert_eq!(CompareState::from_query(&q).0, default_bias);
    }

    #[test]
    fn writing_keeps_every_other_key() {
        let mut q = Query::parse("tab=experiments&exp=compare&depthLayers=6&cmpLr=5");
        CompareState::default().write_query(&mut q);
        CompareState::default().write_query(&mut q);
        assert_eq!(q.get("tab"), Some("experiments"));
        assert_eq!(q.get("exp"), Some("compare"));
        assert_eq!(q.get("depthLayers"), Some("6"));
        assert_eq!(q.get("cmpLr"), Some("0.03"));
        assert_eq!(q.keys().count(), KEYS.len() + 3);
    }

    #[test]
    fn bad_slots_are_dropped_or_completed_with_notices() {
        let (s, n) = read("cmp=relu,wiggle,elu(0.5)");
        assert_eq!(s.slots, vec![Activation::Relu, Activation::Elu { alpha: 0.5 }]);
        assert_eq!(n.len(), 1);
        assert!(n[0].message.contains("wiggle"), "{n:?}");
        let (s, n) = read("cmp=tanh,sigmoid,relu,elu,gelu,silu");
        assert_eq!(s.slots.len(), 4);
        assert_eq!(n.len(), 2, "{n:?}");
        assert!(n[0].message.contains("gelu"));
        let (s, n) = read("cmp=tanh");
        assert_eq!(s.slots, vec![Activation::Tanh, Activation::Relu]);
        assert!(n[0].message.contains("at least 2"), "{n:?}");
        let (s, n) = read("cmp=leaky_relu(7)");
        assert_eq!(s.slots, vec![Activation::Relu, Activation::LeakyRelu { slope: 0.01 }]);
        assert_eq!(n.len(), 2, "{n:?}");
        // Duplicates are a comparison too (a run against its twin).
        let (s, n) = read("cmp=relu,relu");
        assert_eq!((s.slots, n), (vec![Activation::Relu, Activation::Relu], vec![]));
    }

    #[test]
    fn bad_shared_values_are_clamped_or_refused_with_notices() {
        let (s, n) = read(
            "cmpDataset=donut&cmpShape=8,x&cmpLr=99&cmpOpt=rmsprop&cmpInit=zeros&cmpBias=-500\
             &cmpBatch=7.5&cmpNoise=-3&cmpTarget=abc",
        );
        let d = CompareState::default();
        assert_eq!(s.shared.dataset, DatasetKind::Circle);
        assert_eq!(s.shared.hidden, vec![8, 8]);
        assert_eq!(s.shared.learning_rate, 10.0);
        assert_eq!(s.shared.optimizer, OptimizerKind::Sgd);
        assert_eq!(s.shared.init, d.shared.init);
        assert_eq!(s.shared.bias_init, Some(-100.0));
        assert_eq!(s.shared.batch_size, 8);
        assert_eq!(s.shared.noise, 0.0);
        assert_eq!(s.target, DEFAULT_TARGET);
        let keys: Vec<&str> = n.iter().map(|n| n.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "cmpDataset",
                "cmpShape",
                "cmpLr",
                "cmpOpt",
                "cmpInit",
                "cmpBias",
                "cmpBatch",
                "cmpNoise",
                "cmpTarget"
            ]
        );
        assert!(n[1].message.contains("'x'"), "{n:?}");
        assert_eq!(s.shared.validate(), Ok(()));
        // Shapes: too many layers, too wide, none.
        for (text, word) in [
            ("cmpShape=2,2,2,2,2,2,2,2,2", "too many"),
            ("cmpShape=17", "allowed"),
            ("cmpShape=,", "not a whole"),
        ] {
            let (s, n) = read(text);
            assert_eq!(s.shared.hidden, vec![8, 8], "{text}");
            assert!(n[0].message.contains(word), "{text}: {n:?}");
        }
        // The batch is clamped to the data set's size; text seeds are hashed.
        let (s, n) = read("cmpDataset=xor&cmpBatch=100000&cmpSeed=hello");
        assert_eq!(s.shared.batch_size, DatasetKind::Xor.default_num_points());
        assert_eq!(n.len(), 1);
        assert_eq!(s.shared.seed, seed_from_text("hello"));
    }

    #[test]
    fn shapes_parse_with_spaces_and_explain_mistakes() {
        assert_eq!(parse_shape(" 8, 4 ,2"), Ok(vec![8, 4, 2]));
        assert!(parse_shape("").unwrap_err().contains("at least one"));
        assert!(parse_shape("8,,8").unwrap_err().contains("''"));
        assert!(parse_shape("3.5").unwrap_err().contains("'3.5'"));
        assert!(parse_shape("0").unwrap_err().contains("layer 1 has 0"));
        assert_eq!(shape_text(&[8, 8]), "8,8");
    }

    #[test]
    fn the_key_table_documents_every_written_key_and_its_default() {
        let q = written(&CompareState::default());
        for k in KEYS {
            let v = q.get(k.key).unwrap();
            assert_eq!(v, k.default, "{}", k.key);
        }
        let table = markdown_table(KEYS);
        assert_eq!(table.lines().count(), KEYS.len() + 2);
        assert!(
            table.contains("| `cmpShape` | comma list of 1 to 8 widths, each 1 to 16 | 8,8 |"),
            "{table}"
        );
    }
    #[test]
    fn the_pacer_grows_and_shrinks_the_training_budget_with_frame_timing() {
        let mut p = Pacer::default();
        let first = p.on_frame(0.0);
        assert_eq!((first.train_ms, first.max_rounds, first.boundaries), (6.0, MAX_ROUNDS, true));
        let mut t = 0.0;
        for _ in 0..40 {
            t += 16.7;
            p.on_frame(t);
        }
        assert_eq!(p.train_ms(), 10.0, "on-time frames grow it to the cap");
        for _ in 0..10 {
            t += 33.0;
            p.on_frame(t);
        }
        assert!(p.train_ms() < 1.2, "late frames shrink it: {}", p.train_ms());
        // A pause forgets the last frame: the first interval after it is not "late".
        p.pause();
        let before = p.train_ms();
        p.on_frame(t + 5000.0);
        assert_eq!(p.train_ms(), before);
    }

    #[test]
    fn the_pacer_draws_boundaries_every_frame_only_when_cheap_and_pays_for_them() {
        let mut p = Pacer::default();
        p.on_frame(0.0);
        p.drawn(1.0);
        p.drawn(1.5);
        let plan = p.on_frame(16.7);
        assert!(plan.boundaries);
        assert!((plan.train_ms - (6.25 - 2.5)).abs() < 1e-9, "{plan:?}");
        // Dear boundaries: every other frame, and only those frames pay for them.
        let mut p = Pacer::default();
        p.on_frame(0.0);
        p.drawn(7.0);
        let plans: Vec<FramePlan> = (1..=4).map(|i| p.on_frame(16.7 * i as f64)).collect();
        assert_eq!(plans.iter().filter(|f| f.boundaries).count(), 2);
        for f in &plans {
            let want = if f.boundaries { 0.5 } else { 6.0 };
            assert!(f.train_ms >= want, "{f:?}");
        }
    }

    #[test]
    fn the_pacer_spreads_a_round_too_dear_for_one_frame_over_several() {
        let mut p = Pacer::default();
        p.on_frame(0.0);
        p.trained(1, 15.0);
        // 6.25..9 ms allowed of a 15 ms round: a round every second frame or so, never two.
        let rounds: Vec<usize> = (1..=12).map(|i| p.on_frame(16.7 * i as f64).max_rounds).collect();
        let total: usize = rounds.iter().sum();
        assert!((5..=7).contains(&total), "{rounds:?}");
        assert!(rounds.iter().all(|&r| r <= 1), "{rounds:?}");
        // A cheap round: as many as the time allows.
        let mut p = Pacer::default();
        p.trained(4, 4.0);
        assert_eq!(p.on_frame(0.0).max_rounds, MAX_ROUNDS);
        p.trained(0, 100.0);
        p.trained(1, f64::NAN);
        assert_eq!(p.on_frame(16.0).max_rounds, MAX_ROUNDS);
    }

    #[test]
    fn the_charts_are_due_at_about_8_hz() {
        let mut p = Pacer::default();
        let due: Vec<bool> = (0..30).map(|i| p.charts_due(16.7 * i as f64)).collect();
        let n = due.iter().filter(|&&d| d).count();
        assert!(due[0]);
        assert_eq!(n, 4, "every 8th frame at 60 Hz: {due:?}");
    }
}
