//! The Playground's settings in the URL: every training setting and view option as a query
//! key, read on load and written back as it changes, so that a link reproduces a run exactly.
//!
//! The keys and values TensorFlow Playground has (its `State.PROPS` in tensorflow/playground
//! `src/state.ts`) keep TF's names and values, so a teacher's existing TF Playground link
//! (`#activation=tanh&batchSize=10&dataset=circle&…`, merged from the hash by
//! [`Query::from_location`]) opens the same setup. TF keys we have no use for (`cosX`, `cosY`,
//! `collectStats`, `tutorial`, `initZero`, `hideText`, `*_hide`) and unknown keys are ignored
//! silently. Our own settings get new camelCase keys ([`KEYS`] lists them all).
//!
//! A bad value never breaks the page: it is clamped into its range, or refused (the default is
//! kept), and either way a [`Notice`] says what was used instead.

use crate::domain::activation::Activation;
use crate::domain::nn::data::{DatasetKind, MAX_NOISE};
use crate::domain::nn::features::Feature;
use crate::domain::nn::settings::{
    Init, LossKind, OptimizerKind, Regularization, Settings, LEARNING_RATE_RANGE, MAX_LAYER_WIDTH,
    MAX_POINTS, REG_RATE_RANGE,
};
use crate::domain::state::page::Notice;
use crate::domain::state::query::Query;

/// Most hidden layers the Playground offers (the model itself accepts more).
pub const MAX_PLAY_LAYERS: usize = 8;
/// The accepted range of `percTrainData` (percent; [`Settings::train_fraction`] is a fraction).
pub const PERC_TRAIN_RANGE: (f64, f64) = (10.0, 90.0);
/// The accepted range of `speed` (epochs per animation frame).
pub const SPEED_RANGE: (u32, u32) = (1, 50);
/// The speed a link without `speed` runs at.
pub const DEFAULT_SPEED: u32 = 5;
/// `biasInit` is accepted in −BIAS_LIMIT..=BIAS_LIMIT (as [`Settings::validate`] requires).
pub const BIAS_LIMIT: f64 = 100.0;

/// Everything the Playground keeps in the URL: the training settings and the view options.
#[derive(Clone, Debug, PartialEq)]
pub struct PlayState {
    pub settings: Settings,
    /// Show the test points on the plot (TF's `showTestData`).
    pub show_test_data: bool,
    /// Show the output as two colours rather than a gradient (TF's `discretize`).
    pub discretize: bool,
    /// Epochs trained per animation frame, 1..=50.
    pub speed: u32,
}

impl Default for PlayState {
    fn default() -> Self {
        PlayState {
            settings: Settings::default(),
            show_test_data: false,
            discretize: false,
            speed: DEFAULT_SPEED,
        }
    }
}

/// One row of the URL documentation: a key, its values, its default, what it does, and
/// whether TensorFlow Playground has the same key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyDoc {
    pub key: &'static str,
    pub values: &'static str,
    pub default: &'static str,
    pub meaning: &'static str,
    pub tf: bool,
}

const fn doc(
    key: &'static str,
    values: &'static str,
    default: &'static str,
    meaning: &'static str,
    tf: bool,
) -> KeyDoc {
    KeyDoc { key, values, default, meaning, tf }
}

/// Every key [`PlayState::write_query`] writes, in the order it writes them (TF Playground's
/// keys in TF's order, then ours).
pub const KEYS: &[KeyDoc] = &[
    doc(
        "activation",
        "`relu`, `tanh`, `sigmoid`, `linear` (TF's) or any of the 24 text forms, e.g. `leaky_relu(0.2)`",
        "relu (TF Playground: tanh)",
        "Activation of every hidden layer (unless `layerActivations` overrides it)",
        true,
    ),
    doc("regularization", "`none`, `L1`, `L2`", "none", "Penalty on the connection weights", true),
    doc("batchSize", "1 to `numPoints`", "10", "Minibatch size", true),
    doc(
        "dataset",
        "`circle`, `xor`, `gauss`, `spiral`, `moons`, `checkerboard`",
        "circle",
        "Classification data set (used when `problem=classification`)",
        true,
    ),
    doc(
        "regDataset",
        "`reg-plane`, `reg-gauss`",
        "reg-plane",
        "Regression data set (used when `problem=regression`)",
        true,
    ),
    doc("learningRate", "0.00001 to 10", "0.03", "Learning rate", true),
    doc("regularizationRate", "0 to 10", "0", "Regularization rate", true),
    doc("noise", "0 to 50 (percent)", "0", "Noise added to the data", true),
    doc(
        "networkShape",
        "comma list of 0 to 8 widths, each 1 to 16; empty = no hidden layer",
        "4,2",
        "Neurons of each hidden layer, input side first",
        true,
    ),
    doc(
        "seed",
        "a whole number 0 to 18446744073709551615, or any text (hashed with FNV-1a)",
        "1",
        "Seed of the data, the initial weights and the minibatch order",
        true,
    ),
    doc("showTestData", "`true`, `false`", "false", "Show the test points on the plot", true),
    doc("discretize", "`true`, `false`", "false", "Show the output as two colours, not a gradient", true),
    doc("percTrainData", "10 to 90", "50", "Percent of the points used for training", true),
    doc("x", "`true`, `false`", "true", "Input feature X₁", true),
    doc("y", "`true`, `false`", "true", "Input feature X₂", true),
    doc("xTimesY", "`true`, `false`", "false", "Input feature X₁X₂", true),
    doc("xSquared", "`true`, `false`", "false", "Input feature X₁²", true),
    doc("ySquared", "`true`, `false`", "false", "Input feature X₂²", true),
    doc("sinX", "`true`, `false`", "false", "Input feature sin(X₁)", true),
    doc("sinY", "`true`, `false`", "false", "Input feature sin(X₂)", true),
    doc(
        "problem",
        "`classification`, `regression`",
        "classification",
        "Which data set is used: `dataset` or `regDataset`",
        true,
    ),
    doc(
        "layerActivations",
        "comma list, one entry per hidden layer: a text form, or empty for `activation`",
        "empty",
        "Per-layer activation overrides",
        false,
    ),
    doc(
        "loss",
        "`sigmoid_bce`, `linear_mse`, `tanh_mse`",
        "sigmoid_bce (classification), linear_mse (regression)",
        "Output unit and loss",
        false,
    ),
    doc(
        "init",
        "`he_normal`, `he_uniform`, `xavier_normal`, `xavier_uniform`, `lecun_normal`, `lecun_uniform`, `tf_uniform`",
        "he_normal",
        "How the initial weights are drawn",
        false,
    ),
    doc(
        "biasInit",
        "-100 to 100, or empty",
        "1 (empty, or absent with `init`: the scheme's own, 0.1 for `tf_uniform`, else 0)",
        "Initial bias of every neuron",
        false,
    ),
    doc("optimizer", "`sgd`, `momentum`, `adam`", "sgd", "Update rule", false),
    doc(
        "numPoints",
        "2 to 10000",
        "500 (classification), 1200 (regression)",
        "Points generated (train + test)",
        false,
    ),
    doc("speed", "1 to 50", "5", "Epochs trained per animation frame", false),
];

/// [`KEYS`] as a Markdown table (for the README).
pub fn keys_markdown_table() -> String {
    let cell = |text: &str| text.replace('|', "\\|");
    let mut out =
        String::from("| Key | Values | Default | Meaning | TF Playground |\n|---|---|---|---|---|\n");
    for k in KEYS {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            k.key,
            cell(k.values),
            cell(k.default),
            cell(k.meaning),
            if k.tf { "yes" } else { "no" }
        ));
    }
    out
}

/// The seed a `seed=` value stands for: a whole number is used as it is; any other text (TF
/// Playground's seeds are texts such as `0.54335`) is hashed with 64-bit FNV-1a, so the same
/// text always gives the same run.
pub fn seed_from_text(text: &str) -> u64 {
    let text = text.trim();
    if let Ok(n) = text.parse::<u64>() {
        return n;
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

impl PlayState {
    /// Reads every key of [`KEYS`] from the query; a missing key means its default, an unknown
    /// key is ignored, a bad value is clamped or refused with a notice. The state is always valid.
    pub fn from_query(query: &Query) -> (PlayState, Vec<Notice>) {
        let mut r = Reader { query, notices: Vec::new() };
        let d = PlayState::default();
        let ds = &d.settings;

        let regression = match r.value("problem") {
            None | Some("classification") => false,
            Some("regression") => true,
            Some(other) => {
                r.notice(
                    "problem",
                    format!(
                        "problem={other} is unknown: try classification or regression; using classification."
                    ),
                );
                false
            }
        };
        let dataset = if regression {
            r.dataset("regDataset", DatasetKind::RegPlane, true)
        } else {
            r.dataset("dataset", DatasetKind::Circle, false)
        };
        let num_points = r.count("numPoints", 2, MAX_POINTS, dataset.default_num_points());
        let noise = r.number("noise", 0.0, MAX_NOISE, ds.noise);
        let (lo, hi) = PERC_TRAIN_RANGE;
        let train_fraction = r.number("percTrainData", lo, hi, ds.train_fraction * 100.0) / 100.0;
        let batch_size = r.count("batchSize", 1, num_points, ds.batch_size.min(num_points));
        let features = r.features();
        let hidden = r.network_shape(&ds.hidden);
        let activation = r.activation(ds.activation);
        let layer_activations = r.layer_activations(hidden.len());
        let loss = match r.value("loss") {
            Some(text) => r.choice("loss", text, LossKind::from_id, &ids(&LossKind::ALL.map(|k| k.id()))),
            None => None,
        }
        .unwrap_or(if regression { LossKind::LinearMse } else { LossKind::SigmoidBce });
        let init = match r.value("init") {
            Some(text) => r.choice("init", text, Init::from_id, &ids(&Init::ALL.map(|k| k.id()))),
            None => None,
        }
        .unwrap_or(ds.init);
        // Empty, or missing beside an explicit `init`: the scheme's own bias (TF Playground's 0.1
        // for tf_uniform); missing altogether: the default bias.
        let bias_init = match r.value("biasInit") {
            Some(_) => Some(r.number("biasInit", -BIAS_LIMIT, BIAS_LIMIT, f64::NAN)).filter(|b| !b.is_nan()),
            None if query.contains("biasInit") || query.contains("init") => None,
            None => ds.bias_init,
        };
        let optimizer = match r.value("optimizer") {
            Some(text) => {
                r.choice("optimizer", text, OptimizerKind::from_id, &ids(&OptimizerKind::ALL.map(|k| k.id())))
            }
            None => None,
        }
        .unwrap_or(ds.optimizer);
        let (lo, hi) = LEARNING_RATE_RANGE;
        let learning_rate = r.number("learningRate", lo, hi, ds.learning_rate);
        let regularization = match r.value("regularization") {
            Some(text) => r.choice(
                "regularization",
                text,
                |t| Regularization::ALL.into_iter().find(|k| k.id().eq_ignore_ascii_case(t)),
                &ids(&Regularization::ALL.map(|k| k.id())),
            ),
            None => None,
        }
        .unwrap_or(ds.regularization);
        let (lo, hi) = REG_RATE_RANGE;
        let reg_rate = r.number("regularizationRate", lo, hi, ds.reg_rate);
        let seed = r.value("seed").map_or(ds.seed, seed_from_text);
        let show_test_data = r.flag("showTestData", d.show_test_data);
        let discretize = r.flag("discretize", d.discretize);
        let (lo, hi) = SPEED_RANGE;
        let speed = r.count("speed", lo as usize, hi as usize, d.speed as usize) as u32;

        let mut settings = Settings {
            dataset,
            num_points,
            noise,
            train_fraction,
            batch_size,
            features,
            hidden,
            activation,
            layer_activations,
            loss,
            init,
            bias_init,
            optimizer,
            learning_rate,
            regularization,
            reg_rate,
            seed,
        };
        // Every value was checked above; this only guards against a combination slipping through.
        if let Err(e) = settings.validate() {
            r.notice(
                "settings",
                format!("The link's settings cannot be used ({e}): using the nearest valid ones."),
            );
            settings = settings.clamped();
        }
        (PlayState { settings, show_test_data, discretize, speed }, r.notices)
    }

    /// Writes every key of [`KEYS`], in that order, replacing any earlier value: the link then
    /// reproduces the run exactly (`from_query` gives this state back, without notices).
    pub fn write_query(&self, query: &mut Query) {
        let s = &self.settings;
        // TF Playground's keys, in TF's order, with TF's values where TF has them.
        query.set("activation", activation_text(&s.activation));
        query.set("regularization", s.regularization.id());
        query.set("batchSize", s.batch_size.to_string());
        let (dataset, reg_dataset) = if s.dataset.is_regression() {
            (DatasetKind::Circle, s.dataset)
        } else {
            (s.dataset, DatasetKind::RegPlane)
        };
        query.set("dataset", dataset.id());
        query.set("regDataset", reg_dataset.id());
        query.set("learningRate", number_text(s.learning_rate));
        query.set("regularizationRate", number_text(s.reg_rate));
        query.set("noise", number_text(s.noise));
        let shape: Vec<String> = s.hidden.iter().map(usize::to_string).collect();
        query.set("networkShape", shape.join(","));
        query.set("seed", s.seed.to_string());
        query.set("showTestData", self.show_test_data.to_string());
        query.set("discretize", self.discretize.to_string());
        query.set("percTrainData", percent_text(s.train_fraction));
        for f in TF_FEATURE_ORDER {
            query.set(f.id(), s.features.contains(&f).to_string());
        }
        query.set("problem", if s.dataset.is_regression() { "regression" } else { "classification" });
        // Ours.
        query.set("layerActivations", layer_activations_text(s));
        query.set("loss", s.loss.id());
        query.set("init", s.init.id());
        query.set("biasInit", s.bias_init.map(number_text).unwrap_or_default());
        query.set("optimizer", s.optimizer.id());
        query.set("numPoints", s.num_points.to_string());
        query.set("speed", self.speed.to_string());
    }
}

/// The features in the order of TF Playground's `State.PROPS` (and of [`KEYS`]).
const TF_FEATURE_ORDER: [Feature; 7] = [
    Feature::X1,
    Feature::X2,
    Feature::X1X2,
    Feature::X1Squared,
    Feature::X2Squared,
    Feature::SinX1,
    Feature::SinX2,
];

/// The global activation's text form, with TF Playground's `linear` for the identity so that
/// the link also opens in TF Playground.
fn activation_text(a: &Activation) -> String {
    match a {
        Activation::Identity => "linear".to_string(),
        a => a.to_string(),
    }
}

/// The per-layer overrides of the existing layers, trailing empty entries dropped.
fn layer_activations_text(s: &Settings) -> String {
    let mut entries: Vec<String> = s
        .layer_activations
        .iter()
        .take(s.hidden.len())
        .map(|a| a.map(|a| a.to_string()).unwrap_or_default())
        .collect();
    while entries.last().is_some_and(String::is_empty) {
        entries.pop();
    }
    entries.join(",")
}

/// Shortest round-trip form.
fn number_text(x: f64) -> String {
    format!("{x}")
}

/// The shortest percentage p such that p / 100 gives `fraction` back exactly (what
/// `from_query` computes), e.g. 0.57 → "57" although 0.57 · 100 = 56.99999999999999.
fn percent_text(fraction: f64) -> String {
    let p = fraction * 100.0;
    let back = |v: f64| v / 100.0 == fraction;
    for digits in 0..=17 {
        if let Ok(v) = format!("{p:.digits$}").parse::<f64>() {
            if back(v) {
                return number_text(v);
            }
        }
    }
    [p.next_up(), p.next_down()].into_iter().find(|&v| back(v)).map_or_else(|| number_text(p), number_text)
}

fn ids(ids: &[&str]) -> String {
    ids.join(", ")
}

/// Reads values from the query and collects the notices.
struct Reader<'a> {
    query: &'a Query,
    notices: Vec<Notice>,
}

impl<'a> Reader<'a> {
    fn notice(&mut self, key: &str, message: String) {
        self.notices.push(Notice::new(key, message));
    }

    /// The trimmed value; an empty value counts as absent (as in TF Playground).
    fn value(&self, key: &str) -> Option<&'a str> {
        self.query.get(key).map(str::trim).filter(|v| !v.is_empty())
    }

    /// A number clamped into lo..=hi (notice if clamped); not a number: notice, `default`.
    fn number(&mut self, key: &str, lo: f64, hi: f64, default: f64) -> f64 {
        let Some(text) = self.value(key) else {
            return default;
        };
        match text.parse::<f64>() {
            Ok(v) if v.is_finite() => {
                let used = v.clamp(lo, hi);
                if used != v {
                    self.notice(key, format!("{key}={text} is out of range ({lo} to {hi}): using {used}."));
                }
                used
            }
            _ => {
                let keep = if default.is_nan() { "the default".to_string() } else { number_text(default) };
                self.notice(key, format!("{key}={text} is not a number ({lo} to {hi}): keeping {keep}."));
                default
            }
        }
    }

    /// A whole number rounded and clamped into lo..=hi (notice if changed); not a number:
    /// notice, `default`.
    fn count(&mut self, key: &str, lo: usize, hi: usize, default: usize) -> usize {
        let Some(text) = self.value(key) else {
            return default;
        };
        match text.parse::<f64>() {
            Ok(v) if v.is_finite() => {
                let used = v.round().clamp(lo as f64, hi as f64);
                if used != v {
                    let why = if v.fract() != 0.0 && (lo as f64..=hi as f64).contains(&v.round()) {
                        "is not a whole number".to_string()
                    } else {
                        format!("is out of range ({lo} to {hi})")
                    };
                    self.notice(key, format!("{key}={text} {why}: using {used}."));
                }
                used as usize
            }
            _ => {
                self.notice(key, format!("{key}={text} is not a number ({lo} to {hi}): keeping {default}."));
                default
            }
        }
    }

    /// `true` or `false` (any case); anything else: notice, `default`.
    fn flag(&mut self, key: &str, default: bool) -> bool {
        match self.value(key) {
            None => default,
            Some(t) if t.eq_ignore_ascii_case("true") => true,
            Some(t) if t.eq_ignore_ascii_case("false") => false,
            Some(t) => {
                self.notice(key, format!("{key}={t} is neither true nor false: keeping {default}."));
                default
            }
        }
    }

    /// One of a fixed set of ids; an unknown one: notice, `None` (the caller's default).
    fn choice<T>(
        &mut self,
        key: &str,
        text: &str,
        parse: impl Fn(&str) -> Option<T>,
        options: &str,
    ) -> Option<T> {
        let found = parse(text);
        if found.is_none() {
            self.notice(key, format!("{key}={text} is unknown: try {options}; keeping the default."));
        }
        found
    }

    /// The data set of `key`, which must be a regression set iff `regression`.
    fn dataset(&mut self, key: &str, default: DatasetKind, regression: bool) -> DatasetKind {
        let Some(text) = self.value(key) else {
            return default;
        };
        let offered: Vec<&str> =
            DatasetKind::ALL.iter().filter(|k| k.is_regression() == regression).map(|k| k.id()).collect();
        match DatasetKind::from_id(text) {
            Some(kind) if kind.is_regression() == regression => kind,
            Some(_) => {
                let hint = if regression {
                    "is a classification data set: use it as dataset= with problem=classification"
                } else {
                    "is a regression data set: use it as regDataset= with problem=regression"
                };
                self.notice(key, format!("{key}={text} {hint}; using {}.", default.id()));
                default
            }
            None => {
                self.notice(
                    key,
                    format!("{key}={text} is unknown: try {}; using {}.", offered.join(", "), default.id()),
                );
                default
            }
        }
    }

    /// The input features, in [`Feature::ALL`] order; X₁ and X₂ if every flag is off.
    fn features(&mut self) -> Vec<Feature> {
        let defaults = Settings::default().features;
        let on: Vec<Feature> =
            Feature::ALL.into_iter().filter(|f| self.flag(f.id(), defaults.contains(f))).collect();
        if on.is_empty() {
            self.notice(
                "x",
                "Every input feature is off in the link, but a network needs an input: using x and y."
                    .to_string(),
            );
            return defaults;
        }
        on
    }

    /// `networkShape`: a comma list of widths (empty: no hidden layer). A part that is not a
    /// number refuses the whole list; widths are clamped to 1..=16 and at most 8 layers kept.
    fn network_shape(&mut self, default: &[usize]) -> Vec<usize> {
        let key = "networkShape";
        let Some(text) = self.query.get(key).map(str::trim) else {
            return default.to_vec();
        };
        if text.is_empty() {
            return Vec::new();
        }
        let keep = default.iter().map(usize::to_string).collect::<Vec<_>>().join(",");
        let mut widths = Vec::new();
        for part in text.split(',').map(str::trim) {
            match part.parse::<f64>() {
                Ok(v) if v.is_finite() => widths.push(v),
                _ => {
                    self.notice(
                        key,
                        format!(
                            "networkShape={text}: '{part}' is not a number of neurons; write widths such \
                             as 4,2. Keeping {keep}."
                        ),
                    );
                    return default.to_vec();
                }
            }
        }
        let mut used: Vec<usize> =
            widths.iter().map(|w| w.round().clamp(1.0, MAX_LAYER_WIDTH as f64) as usize).collect();
        let mut problems = Vec::new();
        if widths.iter().zip(&used).any(|(&w, &u)| w != u as f64) {
            problems.push(format!("a layer has 1 to {MAX_LAYER_WIDTH} neurons"));
        }
        if used.len() > MAX_PLAY_LAYERS {
            used.truncate(MAX_PLAY_LAYERS);
            problems.push(format!("at most {MAX_PLAY_LAYERS} hidden layers"));
        }
        if !problems.is_empty() {
            let shown = used.iter().map(usize::to_string).collect::<Vec<_>>().join(",");
            self.notice(key, format!("networkShape={text}: {}; using {shown}.", problems.join(" and ")));
        }
        used
    }

    fn activation(&mut self, default: Activation) -> Activation {
        let Some(text) = self.value("activation") else {
            return default;
        };
        match Activation::parse(text) {
            Ok(a) => a,
            Err(e) => {
                self.notice("activation", format!("activation={text}: {e}. Keeping {default}."));
                default
            }
        }
    }

    /// `layerActivations`: one entry per hidden layer, empty = the global activation. A bad
    /// entry is dropped with a notice; entries beyond the hidden layers are ignored.
    fn layer_activations(&mut self, layers: usize) -> Vec<Option<Activation>> {
        let key = "layerActivations";
        let Some(text) = self.value(key) else {
            return Vec::new();
        };
        let mut out: Vec<Option<Activation>> = Vec::new();
        for (i, part) in text.split(',').map(str::trim).enumerate() {
            if part.is_empty() {
                out.push(None);
                continue;
            }
            match Activation::parse(part) {
                Ok(a) => out.push(Some(a)),
                Err(e) => {
                    self.notice(
                        key,
                        format!("layerActivations, layer {}: {e}. Using activation there.", i + 1),
                    );
                    out.push(None);
                }
            }
        }
        if out.iter().skip(layers).any(Option::is_some) {
            self.notice(
                key,
                format!(
                    "layerActivations has {} entries but the network has {layers} hidden layers: the \
                     extra ones are ignored.",
                    out.len()
                ),
            );
        }
        out.truncate(layers);
        while out.last().is_some_and(Option::is_none) {
            out.pop();
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (PlayState, Vec<Notice>) {
        PlayState::from_query(&Query::parse(text))
    }

    fn written(state: &PlayState) -> Query {
        let mut q = Query::default();
        state.write_query(&mut q);
        q
    }

    #[test]
    fn an_empty_link_is_the_default_and_the_default_round_trips() {
        assert_eq!(read(""), (PlayState::default(), vec![]));
        let q = written(&PlayState::default());
        assert_eq!(PlayState::from_query(&q), (PlayState::default(), vec![]));
        assert_eq!(q.get("activation"), Some("relu"));
        assert_eq!(q.get("networkShape"), Some("4,2"));
        assert_eq!(q.get("percTrainData"), Some("50"));
        assert_eq!(q.get("biasInit"), Some("1"));
    }

    #[test]
    fn write_query_writes_every_documented_key_in_order() {
        let q = written(&PlayState::default());
        let keys: Vec<&str> = q.keys().collect();
        let documented: Vec<&str> = KEYS.iter().map(|k| k.key).collect();
        assert_eq!(keys, documented);
        // Writing again replaces, never duplicates, and keeps other keys.
        let mut q = Query::parse("tab=play&learningRate=5");
        PlayState::default().write_query(&mut q);
        PlayState::default().write_query(&mut q);
        assert_eq!(q.keys().count(), KEYS.len() + 1);
        assert_eq!(q.get("learningRate"), Some("0.03"));
        assert_eq!(q.get("tab"), Some("play"));
    }

    #[test]
    fn documented_defaults_and_values_match_the_code() {
        let q = written(&PlayState::default());
        for k in KEYS {
            let v = q.get(k.key).unwrap();
            assert!(v.is_empty() || k.default.contains(v), "{}: default doc '{}' vs '{v}'", k.key, k.default);
        }
        let values = |key: &str| KEYS.iter().find(|k| k.key == key).unwrap().values;
        for id in Init::ALL.map(|k| k.id()) {
            assert!(values("init").contains(&format!("`{id}`")), "{id}");
        }
        for id in LossKind::ALL.map(|k| k.id()) {
            assert!(values("loss").contains(&format!("`{id}`")), "{id}");
        }
        for id in OptimizerKind::ALL.map(|k| k.id()) {
            assert!(values("optimizer").contains(&format!("`{id}`")), "{id}");
        }
        for id in Regularization::ALL.map(|k| k.id()) {
            assert!(values("regularization").contains(&format!("`{id}`")), "{id}");
        }
        for kind in DatasetKind::ALL {
            let key = if kind.is_regression() { "regDataset" } else { "dataset" };
            assert!(values(key).contains(&format!("`{}`", kind.id())), "{kind:?}");
        }
        for f in Feature::ALL {
            assert!(KEYS.iter().any(|k| k.key == f.id()), "{f:?}");
        }
        let table = keys_markdown_table();
        assert_eq!(table.lines().count(), KEYS.len() + 2);
        assert!(table.contains("| `learningRate` | 0.00001 to 10 | 0.03 |"), "{table}");
    }

    #[test]
    fn seeds_are_numbers_or_stably_hashed_texts() {
        assert_eq!(seed_from_text("42"), 42);
        assert_eq!(seed_from_text(" 18446744073709551615 "), u64::MAX);
        // FNV-1a's published test vectors.
        assert_eq!(seed_from_text(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(seed_from_text("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(seed_from_text("0.54335"), seed_from_text("0.54335"));
        assert_ne!(seed_from_text("0.54335"), seed_from_text("0.54336"));
        assert_eq!(read("seed=abc").0.settings.seed, seed_from_text("abc"));
        assert!(read("seed=abc").1.is_empty());
    }

    #[test]
    fn percentages_are_written_shortest_and_read_back_exactly() {
        for p in 10..=90 {
            let f = p as f64 / 100.0;
            assert_eq!(percent_text(f), p.to_string(), "{f}");
        }
        assert_eq!(0.57 * 100.0, 56.99999999999999);
        assert_eq!(percent_text(0.57), "57");
        assert_eq!(percent_text(12.5 / 100.0), "12.5");
    }

    #[test]
    fn regression_reads_reg_dataset_and_defaults_its_loss() {
        let (s, n) = read("problem=regression&dataset=xor");
        assert!(n.is_empty(), "{n:?}");
        assert_eq!(s.settings.dataset, DatasetKind::RegPlane);
        assert_eq!(s.settings.loss, LossKind::LinearMse);
        assert_eq!(s.settings.num_points, 1200);
        let (s, _) = read("problem=regression&regDataset=reg-gauss&loss=tanh_mse");
        assert_eq!((s.settings.dataset, s.settings.loss), (DatasetKind::RegGauss, LossKind::TanhMse));
        let (s, n) = read("dataset=reg-gauss");
        assert_eq!(s.settings.dataset, DatasetKind::Circle);
        assert!(n[0].message.contains("problem=regression"), "{n:?}");
        let (s, n) = read("problem=regression&regDataset=reg-maximum");
        assert_eq!(s.settings.dataset, DatasetKind::RegPlane);
        assert_eq!(n.len(), 1);
    }

    #[test]
    fn counts_are_rounded_and_clamped_with_notices() {
        let (s, n) = read("numPoints=100&batchSize=500&speed=0");
        assert_eq!((s.settings.num_points, s.settings.batch_size, s.speed), (100, 100, 1));
        assert_eq!(n.len(), 2, "{n:?}");
        let (s, n) = read("batchSize=2.6");
        assert_eq!(s.settings.batch_size, 3);
        assert!(n[0].message.contains("whole number"), "{n:?}");
        let (s, n) = read("speed=lots");
        assert_eq!(s.speed, DEFAULT_SPEED);
        assert!(n[0].message.contains("keeping 5"), "{n:?}");
    }

    #[test]
    fn extra_layer_activations_are_ignored_and_trailing_empties_dropped() {
        let (s, n) = read("networkShape=3&layerActivations=tanh,relu");
        assert_eq!(s.settings.layer_activations, vec![Some(Activation::Tanh)]);
        assert_eq!(n.len(), 1);
        let (s, n) = read("networkShape=3,3&layerActivations=,,");
        assert!(s.settings.layer_activations.is_empty());
        assert!(n.is_empty());
    }
}
