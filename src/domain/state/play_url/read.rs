//! Reading the Playground's state from a link: every key of [`KEYS`](super::KEYS) through the
//! one [`UrlReader`], plus the checks only the Playground's keys need.

use std::rc::Rc;

use super::{
    data_link, seed_from_text, PlayState, BIAS_LIMIT, KEYS, MAX_PLAY_LAYERS, PERC_TRAIN_RANGE, SPEED_RANGE,
};
use crate::domain::activation::{split_list, Activation};
use crate::domain::nn::data::{train_count, Dataset, DatasetKind, MAX_NOISE};
use crate::domain::nn::features::Feature;
use crate::domain::nn::schedule::{parse_schedule, Scheduled};
use crate::domain::nn::settings::{
    Init, LossKind, OptimizerKind, Regularization, Settings, LEARNING_RATE_RANGE, MAX_LAYER_WIDTH,
    MAX_POINTS, REG_RATE_RANGE,
};
use crate::domain::state::page::Notice;
use crate::domain::state::query::Query;
use crate::domain::state::url_reader::UrlReader;

impl PlayState {
    /// Reads every key of [`KEYS`] from the query; a missing key means its default (TF
    /// Playground's own when the link is in TF's hash form, [`PlayState::tensorflow`]), an
    /// unknown key is ignored, a bad value is clamped or refused with a notice. The state is
    /// always valid.
    pub fn from_query(query: &Query) -> (PlayState, Vec<Notice>) {
        let base = if query.is_hash_form() { PlayState::tensorflow() } else { PlayState::default() };
        let (state, mut notices) = read_over(UrlReader::new(query), &base);
        notices.extend(tensorflow_only_keys(query));
        (state, notices)
    }

    /// This state with the keys `query` holds changed (a course page's `set` message): a
    /// missing key keeps this state's value, a refused value keeps it too (its notice says
    /// which), a clamped one is used with a notice, and a key that is no Playground setting
    /// is ignored with a notice. An empty value is a bad value here (in a link it counts as
    /// absent, as in TF Playground), except where it means something: `networkShape=` (no hidden
    /// layer), `biasInit=` (the scheme's own), `layerActivations=` and `schedule=` (none).
    pub fn updated(&self, query: &Query) -> (PlayState, Vec<Notice>) {
        let (state, mut notices) = read_over(UrlReader::with_empty_values(query), self);
        let mut seen: Vec<&str> = Vec::new();
        for key in query.keys() {
            if KEYS.iter().any(|k| k.key == key) || seen.contains(&key) {
                continue;
            }
            seen.push(key);
            notices.push(Notice::new(
                key,
                format!("{key} is not a Playground setting (README.md lists them): ignored."),
            ));
        }
        (state, notices)
    }
}

/// The state of `query` over `base`: every key the query does not hold is `base`'s (see
/// [`Base`] for the few that follow another key), and a refused value keeps `base`'s.
fn read_over(mut r: UrlReader, base: &PlayState) -> (PlayState, Vec<Notice>) {
    let mut settings = settings(&mut r, &base.settings);
    let show_test_data = r.flag("showTestData", base.show_test_data);
    let discretize = r.flag("discretize", base.discretize);
    let (lo, hi) = SPEED_RANGE;
    let speed = r.count("speed", (lo as usize, hi as usize), base.speed as usize) as u32;
    // Every value was checked; this only guards against a combination slipping through.
    if let Err(e) = settings.validate() {
        r.notice(
            "settings",
            format!("The link's settings cannot be used ({e}): using the nearest valid ones."),
        );
        settings = settings.clamped();
    }
    let custom = custom_data(&mut r, base, &settings);
    if custom.is_none() {
        no_training_point(&mut r, &settings);
    }
    (PlayState { settings, show_test_data, discretize, speed, custom }, r.finish())
}

/// `data=`: the custom points (see [`data_link`]); absent: `base`'s, unless the settings ask
/// for new data (another data set, noise, number of points or training share); empty: none. A
/// refused value keeps none, with a notice.
fn custom_data(r: &mut UrlReader, base: &PlayState, settings: &Settings) -> Option<Rc<Dataset>> {
    let Some(text) = r.query().get("data").map(str::trim) else {
        let (a, b) = (&base.settings, settings);
        let same_data = a.dataset == b.dataset
            && a.noise == b.noise
            && a.num_points == b.num_points
            && a.train_fraction == b.train_fraction;
        return base.custom.clone().filter(|_| same_data);
    };
    if text.is_empty() {
        return None;
    }
    match data_link::decode(text, settings.dataset) {
        Ok(data) => Some(Rc::new(data)),
        Err(e) => {
            let generated = if settings.is_regression() { "regDataset" } else { "dataset" };
            r.notice(
                "data",
                format!(
                    "data= cannot be read ({e}): using the generated points ({generated}={}). A link \
                     carries at most {} points; share more as a CSV file.",
                    settings.dataset.id(),
                    data_link::MAX_LINK_POINTS
                ),
            );
            None
        }
    }
}

/// A notice when the points and the training share leave no training point (2 points at
/// 10 %): the Playground then has nothing to learn from and keeps Play off.
fn no_training_point(r: &mut UrlReader, s: &Settings) {
    if train_count(s.num_points, s.train_fraction) > 0 {
        return;
    }
    let percent = super::write::percent_text(s.train_fraction);
    r.notice(
        "percTrainData",
        format!(
            "numPoints={} with percTrainData={percent} leaves no training point ({percent} % of {} \
             rounds to 0): Play stays off until there is one; raise numPoints or percTrainData.",
            s.num_points, s.num_points
        ),
    );
}

/// TF Playground keys the lab has no use for but which changed what TF showed: a notice when
/// they ask for something (TF's own links always hold them, set to false).
fn tensorflow_only_keys(query: &Query) -> Vec<Notice> {
    let asks = |key: &str| query.get(key).map(str::trim).is_some_and(|v| !v.is_empty() && v != "false");
    let mut out = Vec::new();
    for (key, name) in [("cosX", "cos(X₁)"), ("cosY", "cos(X₂)")] {
        if asks(key) {
            out.push(Notice::new(
                key,
                format!(
                    "{key}={}: TensorFlow Playground keeps this key but offers no {name} input, and \
                     neither does the lab: ignored (the inputs are x, y, xTimesY, xSquared, ySquared, \
                     sinX, sinY).",
                    query.get(key).unwrap_or_default().trim()
                ),
            ));
        }
    }
    if asks("initZero") {
        out.push(Notice::new(
            "initZero",
            "initZero=true (TensorFlow Playground's all-zero weights) is not offered: the weights are \
             drawn as init says (TF Playground's own: init=tf_uniform).",
        ));
    }
    out
}

/// The training settings of the link over `base`, read in the order their ranges need
/// (`problem` first, `numPoints` before `batchSize`, `networkShape` before `layerActivations`).
/// A key that follows another takes its own default when that other one changed: the data
/// set and loss follow `problem` (the problem's own), the number of points follows the data
/// set (the set's own).
fn settings(r: &mut UrlReader, base: &Settings) -> Settings {
    let was_regression = base.is_regression();
    let problem = if was_regression { "regression" } else { "classification" };
    let regression = r.choice(
        "problem",
        |t| ["classification", "regression"].iter().position(|p| *p == t).map(|i| i == 1),
        &["classification", "regression"],
        was_regression,
        problem,
    );
    let dataset = match (regression, regression == was_regression) {
        (true, same) => {
            dataset(r, "regDataset", if same { base.dataset } else { DatasetKind::RegPlane }, true)
        }
        (false, same) => dataset(r, "dataset", if same { base.dataset } else { DatasetKind::Circle }, false),
    };
    let points_default = if dataset == base.dataset { base.num_points } else { dataset.default_num_points() };
    let num_points = r.count("numPoints", (2, MAX_POINTS), points_default);
    let noise = r.number("noise", (0.0, MAX_NOISE), base.noise);
    let train_fraction = r.number("percTrainData", PERC_TRAIN_RANGE, base.train_fraction * 100.0) / 100.0;
    let batch_size = r.count("batchSize", (1, num_points), base.batch_size.clamp(1, num_points));
    let features = features(r, &base.features);
    let hidden = network_shape(r, &base.hidden);
    let default_loss = match (regression == was_regression, regression) {
        (true, _) => base.loss,
        (false, true) => LossKind::LinearMse,
        (false, false) => LossKind::SigmoidBce,
    };
    // Empty, or missing beside an explicit `init`: the scheme's own bias (TF Playground's 0.1
    // for tf_uniform); missing altogether: the base's bias.
    let query = r.query();
    let bias_default =
        if query.contains("biasInit") || query.contains("init") { None } else { base.bias_init };
    Settings {
        activation: activation(r, base.activation),
        layer_activations: layer_activations(r, hidden.len(), &base.layer_activations),
        loss: r.choice(
            "loss",
            LossKind::from_id,
            &LossKind::ALL.map(|k| k.id()),
            default_loss,
            default_loss.id(),
        ),
        init: r.choice("init", Init::from_id, &Init::ALL.map(|k| k.id()), base.init, base.init.id()),
        bias_init: match r.query().get("biasInit").map(str::trim) {
            Some("") => None,
            Some(_) => {
                let kept = base.bias_init.map_or("the scheme's own".to_string(), |b| b.to_string());
                r.number_keeping("biasInit", (-BIAS_LIMIT, BIAS_LIMIT), &kept).or(base.bias_init)
            }
            None => bias_default,
        },
        optimizer: r.choice(
            "optimizer",
            OptimizerKind::from_id,
            &OptimizerKind::ALL.map(|k| k.id()),
            base.optimizer,
            base.optimizer.id(),
        ),
        learning_rate: r.number("learningRate", LEARNING_RATE_RANGE, base.learning_rate),
        regularization: r.choice(
            "regularization",
            |t| Regularization::ALL.into_iter().find(|k| k.id().eq_ignore_ascii_case(t)),
            &Regularization::ALL.map(|k| k.id()),
            base.regularization,
            base.regularization.id(),
        ),
        reg_rate: r.number("regularizationRate", REG_RATE_RANGE, base.reg_rate),
        seed: r.value("seed").filter(|t| !t.is_empty()).map_or(base.seed, seed_from_text),
        schedule: read_schedule(r, &base.schedule),
        dataset,
        num_points,
        noise,
        train_fraction,
        batch_size,
        features,
        hidden,
    }
}

/// The scripted changes (`schedule=300:learningRate=3`; absent: `base`'s); a bad entry is
/// left out with a notice.
fn read_schedule(r: &mut UrlReader, base: &[Scheduled]) -> Vec<Scheduled> {
    // Present but empty: no scripted change (a link writes `schedule=` for none).
    let Some(text) = r.query().get("schedule").map(str::trim) else {
        return base.to_vec();
    };
    let (schedule, errors) = parse_schedule(text);
    for e in errors {
        r.notice("schedule", format!("schedule: {e}; this change is left out."));
    }
    schedule
}

/// The data set of `key`, which must be a regression set iff `regression`.
fn dataset(r: &mut UrlReader, key: &str, default: DatasetKind, regression: bool) -> DatasetKind {
    let Some(text) = r.value(key) else {
        return default;
    };
    match DatasetKind::from_id(text) {
        Some(kind) if kind.is_regression() == regression => kind,
        Some(_) => {
            let hint = if regression {
                "is a classification data set: use it as dataset= with problem=classification"
            } else {
                "is a regression data set: use it as regDataset= with problem=regression"
            };
            r.notice(key, format!("{key}={text} {hint}; keeping {}.", default.id()));
            default
        }
        None => {
            let offered: Vec<&str> =
                DatasetKind::ALL.iter().filter(|k| k.is_regression() == regression).map(|k| k.id()).collect();
            r.unknown(key, text, &offered, default.id());
            default
        }
    }
}

/// The input features, in [`Feature::ALL`] order (a missing flag: as in `base`); `base`'s
/// if every flag is off.
fn features(r: &mut UrlReader, base: &[Feature]) -> Vec<Feature> {
    let on: Vec<Feature> = Feature::ALL.into_iter().filter(|f| r.flag(f.id(), base.contains(f))).collect();
    if on.is_empty() {
        let kept: Vec<&str> = base.iter().map(|f| f.id()).collect();
        r.notice(
            "x",
            format!(
                "Every input feature is off in the link, but a network needs an input: using {}.",
                kept.join(" and ")
            ),
        );
        return base.to_vec();
    }
    on
}

/// `networkShape`: a comma list of widths (empty: no hidden layer). A part that is not a
/// number refuses the whole list; widths are clamped to 1..=16 and at most 8 layers kept.
fn network_shape(r: &mut UrlReader, default: &[usize]) -> Vec<usize> {
    let key = "networkShape";
    let Some(text) = r.query().get(key).map(str::trim) else {
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
                r.notice(
                    key,
                    format!(
                        "networkShape={text}: '{part}' is not a number of neurons; write widths such as \
                         4,2. Keeping {keep}."
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
        r.notice(key, format!("networkShape={text}: {}; using {shown}.", problems.join(" and ")));
    }
    used
}

fn activation(r: &mut UrlReader, default: Activation) -> Activation {
    let Some(text) = r.value("activation") else {
        return default;
    };
    Activation::parse_for_training(text).unwrap_or_else(|e| {
        r.notice("activation", format!("activation={text}: {e}. Keeping {default}."));
        default
    })
}

/// `layerActivations`: one entry per hidden layer, empty = the global activation (absent:
/// `base`'s for the layers there are). A bad entry is dropped with a notice; entries beyond the
/// hidden layers are ignored.
fn layer_activations(
    r: &mut UrlReader,
    layers: usize,
    base: &[Option<Activation>],
) -> Vec<Option<Activation>> {
    let key = "layerActivations";
    // Present but empty: no override (a link writes `layerActivations=` for none).
    let Some(text) = r.query().get(key).map(str::trim) else {
        let mut kept: Vec<Option<Activation>> = base.iter().take(layers).copied().collect();
        while kept.last().is_some_and(Option::is_none) {
            kept.pop();
        }
        return kept;
    };
    let mut out: Vec<Option<Activation>> = Vec::new();
    for (i, part) in split_list(text).into_iter().enumerate() {
        if part.is_empty() {
            out.push(None);
            continue;
        }
        match Activation::parse_for_training(part) {
            Ok(a) => out.push(Some(a)),
            Err(e) => {
                r.notice(key, format!("layerActivations, layer {}: {e}. Using activation there.", i + 1));
                out.push(None);
            }
        }
    }
    if out.iter().skip(layers).any(Option::is_some) {
        r.notice(
            key,
            format!(
                "layerActivations has {} entries but the network has {layers} hidden layers: the extra \
                 ones are ignored.",
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
