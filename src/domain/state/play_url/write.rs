//! Writing the Playground's state into the link: every key of [`KEYS`](super::KEYS), in that order.

use super::{data_link, PlayState};
use crate::domain::activation::Activation;
use crate::domain::nn::data::DatasetKind;
use crate::domain::nn::features::Feature;
use crate::domain::nn::schedule::schedule_text;
use crate::domain::nn::settings::Settings;
use crate::domain::state::query::Query;

impl PlayState {
    /// Writes every key of [`KEYS`](super::KEYS), in that order, replacing any earlier value: the link then
    /// reproduces the run exactly (`from_query` gives this state back, without notices), its
    /// custom points rounded to the link's grid, or without them when they are more than
    /// [`data_link::MAX_LINK_POINTS`] (`data=` is then empty).
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
        query.set("schedule", schedule_text(&s.schedule));
        let data = self.custom.as_deref().and_then(data_link::encode);
        query.set("data", data.unwrap_or_default());
    }
}

/// The features in the order of TF Playground's `State.PROPS` (and of [`KEYS`](super::KEYS)).
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
pub(super) fn percent_text(fraction: f64) -> String {
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
