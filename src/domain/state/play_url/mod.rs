//! The Playground's settings in the URL: every training setting and view option as a query
//! key, read on load and written back as it changes, so that a link reproduces a run exactly.
//!
//! The keys and values TensorFlow Playground has (its `State.PROPS` in tensorflow/playground
//! `src/state.ts`) keep TF's names and values, so a teacher's existing TF Playground link
//! (`#activation=tanh&batchSize=10&dataset=circle&…`, merged from the hash by
//! [`Query::from_location`](crate::domain::state::query::Query::from_location)) opens the same
//! setup: a link in TF's hash form takes TF's own defaults for every key it does not hold
//! ([`PlayState::tensorflow`]: tanh, weights uniform in ±0.5, bias 0.1, a tanh output with
//! squared error), so it shows what TF Playground showed. TF keys that would change what TF
//! showed but that we do not offer (`cosX`, `cosY`, `initZero` when true) get a notice; the
//! others (`collectStats`, `tutorial`, `hideText`, `*_hide`) and unknown keys are ignored
//! silently. Our own settings get new camelCase keys ([`KEYS`] lists them all).
//!
//! A bad value never breaks the page: it is clamped into its range, or refused (the default is
//! kept), and either way a notice says what was used instead (the wording is
//! [`UrlReader`](crate::domain::state::url_reader::UrlReader)'s).

pub mod data_link;
mod keys;
mod read;
mod write;

pub use keys::KEYS;

use std::rc::Rc;

use crate::domain::activation::Activation;
use crate::domain::nn::data::Dataset;
use crate::domain::nn::settings::{Init, LossKind, Settings};

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
    /// Points drawn by hand or imported, used instead of the generated data set until a
    /// change asks for new data (data set, noise, training share, problem, Regenerate); in the
    /// link (`data=`) when there are at most [`data_link::MAX_LINK_POINTS`].
    pub custom: Option<Rc<Dataset>>,
}

impl Default for PlayState {
    fn default() -> Self {
        PlayState {
            settings: Settings::default(),
            show_test_data: false,
            discretize: false,
            speed: DEFAULT_SPEED,
            custom: None,
        }
    }
}

impl PlayState {
    /// The points the run trains on: the custom ones, else those its settings generate.
    pub fn dataset(&self) -> Dataset {
        match &self.custom {
            Some(data) => (**data).clone(),
            None => {
                let s = self.settings.clamped();
                Dataset::generate(s.dataset, s.num_points, s.noise, s.train_fraction, s.seed)
            }
        }
    }

    /// TensorFlow Playground's own defaults (its `State` in `src/state.ts` and the network it
    /// builds): tanh hidden layers, weights uniform in ±0.5 and biases 0.1 (`tf_uniform`), a
    /// tanh output with squared error for classification (a linear one for regression), the
    /// rest as ours. What a key missing from a TF hash link means.
    pub fn tensorflow() -> PlayState {
        let settings = Settings {
            activation: Activation::Tanh,
            init: Init::TfUniform,
            bias_init: None,
            loss: LossKind::TanhMse,
            ..Settings::default()
        };
        PlayState { settings, ..PlayState::default() }
    }
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

#[cfg(test)]
mod tests {
    use super::write::percent_text;
    use super::*;
    use crate::domain::nn::data::DatasetKind;
    use crate::domain::nn::features::Feature;
    use crate::domain::nn::settings::{OptimizerKind, Regularization};
    use crate::domain::state::key_doc::markdown_table;
    use crate::domain::state::page::Notice;
    use crate::domain::state::query::Query;

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
        let table = markdown_table(KEYS);
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
