//! Reading the Playground's state from a link: every key of [`KEYS`](super::KEYS) through the
//! one [`UrlReader`], plus the checks only the Playground's keys need.

use super::{seed_from_text, PlayState, BIAS_LIMIT, MAX_PLAY_LAYERS, PERC_TRAIN_RANGE, SPEED_RANGE};
use crate::domain::activation::Activation;
use crate::domain::nn::data::{DatasetKind, MAX_NOISE};
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
    /// Reads every key of [`KEYS`](super::KEYS) from the query; a missing key means its
    /// default, an unknown key is ignored, a bad value is clamped or refused with a notice. The
    /// state is always valid.
    pub fn from_query(query: &Query) -> (PlayState, Vec<Notice>) {
        let mut r = UrlReader::new(query);
        let d = PlayState::default();
        let mut settings = settings(&mut r);
        let show_test_data = r.flag("showTestData", d.show_test_data);
        let discretize = r.flag("discretize", d.discretize);
        let (lo, hi) = SPEED_RANGE;
        let speed = r.count("speed", (lo as usize, hi as usize), d.speed as usize) as u32;
        // Every value was checked; this only guards against a combination slipping through.
        if let Err(e) = settings.validate() {
            r.notice(
                "settings",
                format!("The link's settings cannot be used ({e}): using the nearest valid ones."),
            );
            settings = settings.clamped();
        }
        (PlayState { settings, show_test_data, discretize, speed }, r.finish())
    }
}

/// The training settings of the link, read in the order their ranges need (`problem` first,
/// `numPoints` before `batchSize`, `networkShape` before `layerActivations`).
fn settings(r: &mut UrlReader) -> Settings {
    let ds = Settings::default();
    let regression = r.choice(
        "problem",
        |t| ["classification", "regression"].iter().position(|p| *p == t).map(|i| i == 1),
        &["classification", "regression"],
        false,
        "classification",
    );
    let dataset = if regression {
        dataset(r, "regDataset", DatasetKind::RegPlane, true)
    } else {
        dataset(r, "dataset", DatasetKind::Circle, false)
    };
    let num_points = r.count("numPoints", (2, MAX_POINTS), dataset.default_num_points());
    let noise = r.number("noise", (0.0, MAX_NOISE), ds.noise);
    let train_fraction = r.number("percTrainData", PERC_TRAIN_RANGE, ds.train_fraction * 100.0) / 100.0;
    let batch_size = r.count("batchSize", (1, num_points), ds.batch_size.min(num_points));
    let features = features(r);
    let hidden = network_shape(r, &ds.hidden);
    let default_loss = if regression { LossKind::LinearMse } else { LossKind::SigmoidBce };
    // Empty, or missing beside an explicit `init`: the scheme's own bias (TF Playground's 0.1
    // for tf_uniform); missing altogether: the default bias.
    let query = r.query();
    let bias_default = if query.contains("biasInit") || query.contains("init") { None } else { ds.bias_init };
    Settings {
        activation: activation(r, ds.activation),
        layer_activations: layer_activations(r, hidden.len()),
        loss: r.choice(
            "loss",
            LossKind::from_id,
            &LossKind::ALL.map(|k| k.id()),
            default_loss,
            default_loss.id(),
        ),
        init: r.choice("init", Init::from_id, &Init::ALL.map(|k| k.id()), ds.init, ds.init.id()),
        bias_init: match r.value("biasInit") {
            Some(_) => r.optional_number("biasInit", (-BIAS_LIMIT, BIAS_LIMIT)),
            None => bias_default,
        },
        optimizer: r.choice(
            "optimizer",
            OptimizerKind::from_id,
            &OptimizerKind::ALL.map(|k| k.id()),
            ds.optimizer,
            ds.optimizer.id(),
        ),
        learning_rate: r.number("learningRate", LEARNING_RATE_RANGE, ds.learning_rate),
        regularization: r.choice(
            "regularization",
            |t| Regularization::ALL.into_iter().find(|k| k.id().eq_ignore_ascii_case(t)),
            &Regularization::ALL.map(|k| k.id()),
            ds.regularization,
            ds.regularization.id(),
        ),
        reg_rate: r.number("regularizationRate", REG_RATE_RANGE, ds.reg_rate),
        seed: r.value("seed").map_or(ds.seed, seed_from_text),
        schedule: read_schedule(r),
        dataset,
        num_points,
        noise,
        train_fraction,
        batch_size,
        features,
        hidden,
    }
}

/// The scripted changes (`schedule=300:learningRate=3`); a bad entry is left out with a notice.
fn read_schedule(r: &mut UrlReader) -> Vec<Scheduled> {
    let (schedule, errors) = parse_schedule(r.value("schedule").unwrap_or_default());
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

/// The input features, in [`Feature::ALL`] order; X₁ and X₂ if every flag is off.
fn features(r: &mut UrlReader) -> Vec<Feature> {
    let defaults = Settings::default().features;
    let on: Vec<Feature> =
        Feature::ALL.into_iter().filter(|f| r.flag(f.id(), defaults.contains(f))).collect();
    if on.is_empty() {
        r.notice("x", "Every input feature is off in the link, but a network needs an input: using x and y.");
        return defaults;
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
    Activation::parse(text).unwrap_or_else(|e| {
        r.notice("activation", format!("activation={text}: {e}. Keeping {default}."));
        default
    })
}

/// `layerActivations`: one entry per hidden layer, empty = the global activation. A bad entry
/// is dropped with a notice; entries beyond the hidden layers are ignored.
fn layer_activations(r: &mut UrlReader, layers: usize) -> Vec<Option<Activation>> {
    let key = "layerActivations";
    let Some(text) = r.value(key) else {
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
