//! What the Playground's controls do to its state, as a pure function (the ui's reducer calls
//! `PlayState::apply`). Training itself (step, reset, points drawn by hand) acts on a
//! `Session` and lives in the ui's callbacks; this module only decides the next settings.

use std::rc::Rc;

use crate::domain::activation::Activation;
use crate::domain::nn::data::{Dataset, DatasetKind};
use crate::domain::nn::features::Feature;
use crate::domain::nn::rng::Rng;
use crate::domain::nn::schedule::{diff, same_run, LiveChange};
use crate::domain::nn::settings::{Init, LossKind, OptimizerKind, Regularization, Settings};
use crate::domain::state::play_url::PlayState;

/// The Playground's limits for the network (the engine itself allows deeper nets).
pub const MAX_LAYERS: usize = 8;
pub const MAX_WIDTH: usize = 16;
pub const MAX_SPEED: u32 = 50;

#[derive(Clone, Debug, PartialEq)]
pub enum PlayAction {
    SetDataset(DatasetKind),
    SetNoise(f64),
    /// Training share in percent (10..=90), as TF Playground's slider.
    SetPercTrain(f64),
    SetBatchSize(usize),
    ToggleFeature(Feature),
    AddLayer,
    RemoveLayer,
    AddNeuron(usize),
    RemoveNeuron(usize),
    SetActivation(Activation),
    /// Hidden layer `l` takes its own activation (the global one: no override).
    SetLayerActivation(usize, Activation),
    SetLearningRate(f64),
    SetOptimizer(OptimizerKind),
    SetLoss(LossKind),
    SetRegularization(Regularization),
    SetRegRate(f64),
    SetInit(Init),
    SetBiasInit(Option<f64>),
    /// Classification (false) or regression (true): switches dataset and loss to match.
    SetRegression(bool),
    SetSeed(u64),
    /// "Regenerate": the next seed of a seeded sequence (never hidden randomness).
    NextSeed,
    SetSpeed(u32),
    ToggleTestData,
    ToggleDiscretize,
    /// Replace everything (a preset or an imported file).
    Load(Box<PlayState>),
    /// Train on these points (drawn by hand or imported) until a change asks for new data.
    SetData(Rc<Dataset>),
}

impl PlayState {
    /// The next state. Pure: same state and action, same result.
    /// The custom points are kept, except by the actions that ask for new data: another data
    /// set, noise, training share or problem, and Regenerate.
    pub fn apply(&self, action: PlayAction) -> PlayState {
        let mut next = self.clone();
        let new_problem =
            matches!(action, PlayAction::SetRegression(r) if r != self.settings.is_regression());
        if new_problem
            || matches!(
                action,
                PlayAction::SetDataset(_)
                    | PlayAction::SetNoise(_)
                    | PlayAction::SetPercTrain(_)
                    | PlayAction::NextSeed
            )
        {
            next.custom = None;
        }
        let s = &mut next.settings;
        match action {
            PlayAction::SetDataset(kind) => {
                if kind.is_regression() != s.dataset.is_regression() {
                    set_problem(s, kind.is_regression());
                }
                s.dataset = kind;
                s.num_points = kind.default_num_points();
            }
            PlayAction::SetNoise(n) => s.noise = finite_or(n, s.noise).clamp(0.0, 50.0),
            PlayAction::SetPercTrain(p) => s.train_fraction = (finite_or(p, 50.0) / 100.0).clamp(0.1, 0.9),
            PlayAction::SetBatchSize(b) => s.batch_size = b.clamp(1, s.num_points.max(1)),
            PlayAction::ToggleFeature(f) => {
                if s.features.contains(&f) {
                    if s.features.len() > 1 {
                        s.features.retain(|x| *x != f);
                    }
                } else {
                    s.features.push(f);
                    s.features.sort_by_key(|f| Feature::ALL.iter().position(|x| x == f));
                }
            }
            PlayAction::AddLayer => {
                if s.hidden.len() < MAX_LAYERS {
                    s.hidden.push(s.hidden.last().copied().unwrap_or(4).min(MAX_WIDTH));
                }
            }
            PlayAction::RemoveLayer => {
                s.hidden.pop();
                s.layer_activations.truncate(s.hidden.len());
            }
            PlayAction::AddNeuron(l) => {
                if let Some(w) = s.hidden.get_mut(l) {
                    *w = (*w + 1).min(MAX_WIDTH);
                }
            }
            PlayAction::RemoveNeuron(l) => {
                if let Some(w) = s.hidden.get_mut(l) {
                    *w = (*w - 1).max(1);
                }
            }
            PlayAction::SetActivation(a) => {
                s.activation = a;
                s.layer_activations.clear();
            }
            PlayAction::SetLayerActivation(l, a) => {
                if l < s.hidden.len() {
                    s.layer_activations.resize(s.hidden.len(), None);
                    s.layer_activations[l] = (a != s.activation).then_some(a);
                    while s.layer_activations.last().is_some_and(Option::is_none) {
                        s.layer_activations.pop();
                    }
                }
            }
            PlayAction::SetLearningRate(lr) => {
                s.learning_rate = finite_or(lr, s.learning_rate).clamp(1e-5, 10.0)
            }
            PlayAction::SetOptimizer(o) => s.optimizer = o,
            PlayAction::SetLoss(l) => s.loss = l,
            PlayAction::SetRegularization(r) => s.regularization = r,
            PlayAction::SetRegRate(r) => s.reg_rate = finite_or(r, s.reg_rate).clamp(0.0, 10.0),
            PlayAction::SetInit(i) => s.init = i,
            PlayAction::SetBiasInit(b) => {
                s.bias_init = b.filter(|b| b.is_finite()).map(|b| b.clamp(-10.0, 10.0))
            }
            PlayAction::SetRegression(r) => set_problem(s, r),
            PlayAction::SetSeed(seed) => s.seed = seed,
            PlayAction::NextSeed => s.seed = next_seed(s.seed),
            PlayAction::SetSpeed(v) => next.speed = v.clamp(1, MAX_SPEED),
            PlayAction::ToggleTestData => next.show_test_data = !next.show_test_data,
            PlayAction::ToggleDiscretize => next.discretize = !next.discretize,
            PlayAction::Load(state) => next = *state,
            PlayAction::SetData(data) => next.custom = Some(data),
        }
        next
    }
}

impl PlayState {
    /// The live setting `action` sets, as [`PlayState::apply`] would set it (clamped), if it
    /// sets one: the running session takes it over at once, even when the state already
    /// holds that value (a scheduled change may have moved the session away from it).
    pub fn live_change(&self, action: &PlayAction) -> Option<LiveChange> {
        let next = self.apply(action.clone());
        let s = &next.settings;
        match action {
            PlayAction::SetLearningRate(_) => Some(LiveChange::LearningRate(s.learning_rate)),
            PlayAction::SetOptimizer(_) => Some(LiveChange::Optimizer(s.optimizer)),
            PlayAction::SetRegularization(_) => Some(LiveChange::Regularization(s.regularization)),
            PlayAction::SetRegRate(_) => Some(LiveChange::RegRate(s.reg_rate)),
            PlayAction::SetBatchSize(_) => Some(LiveChange::BatchSize(s.batch_size)),
            _ => None,
        }
    }

    /// This state as the controls show it while `running` (the settings in effect) trains:
    /// its live settings taken from `running` when it is the same run.
    pub fn shown_with(&self, running: &Settings) -> PlayState {
        let mut shown = self.clone();
        if same_run(&self.settings, running) {
            for change in diff(&self.settings, running) {
                change.apply(&mut shown.settings);
            }
        }
        shown
    }
}

fn finite_or(v: f64, fallback: f64) -> f64 {
    if v.is_finite() {
        v
    } else {
        fallback
    }
}

fn set_problem(s: &mut Settings, regression: bool) {
    if regression == s.dataset.is_regression() {
        return;
    }
    s.dataset = if regression { DatasetKind::RegPlane } else { DatasetKind::Circle };
    s.num_points = s.dataset.default_num_points();
    s.loss = if regression { LossKind::LinearMse } else { LossKind::SigmoidBce };
    s.batch_size = s.batch_size.min(s.num_points);
}

/// The seed after `seed` in a fixed sequence, kept to six digits so it reads well in a link.
pub fn next_seed(seed: u64) -> u64 {
    Rng::derive(seed, "next-seed").next_u64() % 1_000_000
}

/// Why the Playground cannot train, if it cannot: it has no training point (a link's
/// `numPoints` × `percTrainData` rounding to 0, a CSV of test rows only, every training point
/// removed). `train` and `test` count the session's points. While this holds, Play and Step
/// stay off and the output says this.
pub fn cannot_train(train: usize, test: usize) -> Option<String> {
    match (train, test) {
        (0, 0) => Some(
            "No points: there is nothing to learn from, so Play and Step are off. Click the plot to add a \
             point (shift-click for the other class), or open a CSV."
                .into(),
        ),
        (0, test) => {
            let all = if test == 1 {
                "the one point is a test point".to_string()
            } else {
                format!("all {test} points are test points")
            };
            Some(format!(
                "No training points: {all}, so there is nothing to learn from and Play and Step are off. \
                 Raise the training share or the number of points, click the plot to add a training \
                 point, or open a CSV with train rows."
            ))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_points_survive_every_change_but_those_asking_for_new_data() {
        let mut data = PlayState::default().dataset();
        data.add_point(crate::domain::nn::data::Point { x: 1.0, y: 2.0, label: 1.0 });
        assert_eq!(data.len(), 501);
        let data = Rc::new(data);
        let custom = PlayState::default().apply(PlayAction::SetData(data.clone()));
        assert_eq!(custom.dataset(), *data);
        for keeps in [
            PlayAction::SetLearningRate(0.3),
            PlayAction::SetActivation(Activation::Tanh),
            PlayAction::ToggleFeature(Feature::X1X2),
            PlayAction::SetSeed(77),
            PlayAction::AddLayer,
            PlayAction::RemoveNeuron(0),
            PlayAction::SetInit(Init::XavierNormal),
            PlayAction::SetLoss(LossKind::TanhMse),
            PlayAction::SetBatchSize(3),
            PlayAction::SetRegression(false),
            PlayAction::ToggleTestData,
        ] {
            let next = custom.apply(keeps.clone());
            assert_eq!(next.custom.as_deref(), Some(&*data), "{keeps:?}");
            assert_eq!(next.dataset().len(), 501, "{keeps:?}");
        }
        for asks in [
            PlayAction::SetDataset(DatasetKind::Circle),
            PlayAction::SetDataset(DatasetKind::Xor),
            PlayAction::SetNoise(10.0),
            PlayAction::SetPercTrain(70.0),
            PlayAction::SetRegression(true),
            PlayAction::NextSeed,
        ] {
            let next = custom.apply(asks.clone());
            assert_eq!(next.custom, None, "{asks:?}");
            assert_ne!(next.dataset().len(), 501, "{asks:?}");
        }
    }

    #[test]
    fn network_edits_stay_within_the_limits() {
        let mut s = PlayState::default();
        for _ in 0..12 {
            s = s.apply(PlayAction::AddLayer);
        }
        assert_eq!(s.settings.hidden.len(), MAX_LAYERS);
        for _ in 0..20 {
            s = s.apply(PlayAction::AddNeuron(0));
        }
        assert_eq!(s.settings.hidden[0], MAX_WIDTH);
        for _ in 0..20 {
            s = s.apply(PlayAction::RemoveNeuron(1));
        }
        assert_eq!(s.settings.hidden[1], 1);
        for _ in 0..12 {
            s = s.apply(PlayAction::RemoveLayer);
        }
        assert!(s.settings.hidden.is_empty());
        // Out-of-range layer indices are ignored.
        assert_eq!(s.apply(PlayAction::AddNeuron(5)), s);
    }

    #[test]
    fn switching_problem_switches_dataset_and_loss() {
        let s = PlayState::default().apply(PlayAction::SetRegression(true));
        assert!(s.settings.dataset.is_regression());
        assert_eq!(s.settings.loss, LossKind::LinearMse);
        let s = s.apply(PlayAction::SetDataset(DatasetKind::Xor));
        assert_eq!(s.settings.loss, LossKind::SigmoidBce);
        assert!(s.settings.validate().is_ok());
    }

    #[test]
    fn numbers_are_clamped_and_the_last_feature_stays() {
        let s = PlayState::default()
            .apply(PlayAction::SetLearningRate(1e9))
            .apply(PlayAction::SetNoise(f64::NAN))
            .apply(PlayAction::SetPercTrain(99.0))
            .apply(PlayAction::SetSpeed(0));
        assert_eq!(s.settings.learning_rate, 10.0);
        assert_eq!(s.settings.noise, 0.0);
        assert_eq!(s.settings.train_fraction, 0.9);
        assert_eq!(s.speed, 1);
        let one = s.apply(PlayAction::ToggleFeature(Feature::X1));
        assert_eq!(one.settings.features, vec![Feature::X2]);
        assert_eq!(one.apply(PlayAction::ToggleFeature(Feature::X2)).settings.features, vec![Feature::X2]);
        let back = one.apply(PlayAction::ToggleFeature(Feature::X1));
        assert_eq!(back.settings.features, vec![Feature::X1, Feature::X2]);
    }

    #[test]
    fn a_layer_takes_its_own_activation_and_the_global_one_clears_it() {
        let s = PlayState::default().apply(PlayAction::SetLayerActivation(1, Activation::Tanh));
        assert_eq!(s.settings.activations(), vec![Activation::Relu, Activation::Tanh]);
        assert!(s.settings.has_layer_overrides());
        let back = s.apply(PlayAction::SetLayerActivation(1, Activation::Relu));
        assert_eq!(back, PlayState::default(), "no override left: the same settings as before");
        assert_eq!(s.apply(PlayAction::SetLayerActivation(7, Activation::Tanh)), s, "no layer 8");
        let all = s.apply(PlayAction::SetActivation(Activation::Elu { alpha: 1.0 }));
        assert!(!all.settings.has_layer_overrides(), "the top bar's choice sets every layer");
    }

    #[test]
    fn live_actions_name_their_change_clamped_and_others_none() {
        let s = PlayState::default();
        assert_eq!(s.live_change(&PlayAction::SetLearningRate(1e9)), Some(LiveChange::LearningRate(10.0)));
        assert_eq!(s.live_change(&PlayAction::SetBatchSize(0)), Some(LiveChange::BatchSize(1)));
        assert_eq!(s.live_change(&PlayAction::SetSeed(4)), None);
        // The controls show the running session's rate after a scheduled jump to 3.
        let running = Settings { learning_rate: 3.0, ..s.settings.clone() };
        assert_eq!(s.shown_with(&running).settings.learning_rate, 3.0);
        let other_run = Settings { seed: 9, ..running };
        assert_eq!(s.shown_with(&other_run), s, "another run shows the state as it is");
    }

    #[test]
    fn regenerate_walks_a_seeded_sequence() {
        let s = PlayState::default();
        let a = s.apply(PlayAction::NextSeed);
        let b = s.apply(PlayAction::NextSeed);
        assert_eq!(a, b, "the same state regenerates to the same seed");
        assert_ne!(a.settings.seed, s.settings.seed);
        assert!(a.settings.seed < 1_000_000);
    }

    #[test]
    fn without_a_training_point_the_playground_says_why_it_cannot_train() {
        assert_eq!(cannot_train(1, 0), None);
        assert_eq!(cannot_train(250, 250), None);
        let m = cannot_train(0, 2).expect("a reason");
        assert!(m.starts_with("No training points: all 2 points are test points"), "{m}");
        assert!(m.contains("Play and Step are off"), "{m}");
        assert!(cannot_train(0, 1).expect("a reason").contains("the one point is a test point"));
        assert!(cannot_train(0, 0).expect("a reason").starts_with("No points"));
    }
}
