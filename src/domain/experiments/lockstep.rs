//! Runs stepped together: the comparison's slots, the depth experiment's activations.

use crate::domain::frame_budget::Units;
use crate::domain::nn::trainer::Session;

/// Sessions built from settings that differ only in the activation, and always stepped
/// together: same data, same initial weights (bar a PReLU's slope), same minibatch order, the
/// same number of epochs and, within an epoch, the same minibatch (they differ by at most one
/// unit of work, and not at all between frames' shares of it: [`Units`]).
pub struct Lockstep {
    sessions: Vec<Session>,
}

impl Lockstep {
    pub fn new(sessions: Vec<Session>) -> Lockstep {
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

/// A unit of every run still training, in turn: the runs share their data and minibatch size,
/// so they complete their epochs in the same call.
impl Units for Lockstep {
    fn unit(&mut self) -> bool {
        let mut round = false;
        for s in &mut self.sessions {
            round |= s.advance(1) > 0;
        }
        round
    }
    fn stopped(&self) -> bool {
        self.sessions.iter().all(Session::stopped)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::activation::Activation;
    use crate::domain::experiments::compare::{classic, Preset, SlotSummary};
    use crate::domain::experiments::compare::{small, two, CompareState};
    use crate::domain::frame_budget::train_within;
    use crate::domain::nn::settings::{LossKind, Settings};

    #[test]
    fn runs_start_from_the_same_weights_bit_for_bit() {
        let state = CompareState { shared: small(), ..CompareState::default() };
        let runs = Lockstep::new(state.sessions());
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
        let mut runs = Lockstep::new(two(Activation::Tanh, Activation::Tanh, small()).sessions());
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
    fn frames_of_units_train_the_runs_as_whole_epochs_do_bit_for_bit() {
        // Minibatch 1 on 300 training points: an epoch is 10 units of at most 32 steps and the
        // measurement's, so a frame of a few units stops mid-epoch. ReLU trains in the fused
        // op, GELU through the per-layer ops: their units still match.
        let settings = Settings { batch_size: 1, num_points: 600, ..small() };
        let state = two(Activation::Relu, Activation::Gelu, settings);
        let mut whole = Lockstep::new(state.sessions());
        whole.step(2);
        let mut framed = Lockstep::new(state.sessions());
        let mut frames = 0;
        while framed.epoch() < 2 {
            // A clock that moves a millisecond a reading: a frame of 3 ms is three units.
            let clock = std::cell::Cell::new(0.0);
            let t = train_within(&mut framed, 25, 3.0, || {
                clock.set(clock.get() + 1.0);
                clock.get()
            });
            assert!(t.rounds <= 1 && !t.stop);
            frames += 1;
            let progress: Vec<_> = framed.sessions().iter().map(Session::epoch_progress).collect();
            assert_eq!(progress[0], progress[1], "frame {frames}: the runs at the same unit");
        }
        assert!(frames > 5, "{frames} frames: the epochs spanned frames");
        for (a, b) in whole.sessions().iter().zip(framed.sessions()) {
            assert_eq!(a.weights(), b.weights());
            assert_eq!(a.history(), b.history());
        }
    }

    #[test]
    fn a_lockstep_run_matches_a_session_trained_alone() {
        // Same minibatch order: the relu run of the comparison equals a relu session alone.
        let state = two(Activation::Relu, Activation::Gelu, small());
        let mut runs = Lockstep::new(state.sessions());
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
        let mut runs = Lockstep::new(two(Activation::Relu, Activation::Tanh, shared).sessions());
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
        let (mut costly, mut fitted) = (0, 0);
        for seed in 1..=8 {
            let state = Preset::DyingRelu.state(seed);
            assert_eq!(state.slots, classic());
            assert_eq!(state.shared.hidden, vec![4, 4]);
            let mut runs = Lockstep::new(state.sessions());
            runs.step(40);
            let dead40 = runs.sessions()[0].metrics().dead_count();
            assert!(dead40 >= 1, "seed {seed}: relu lost no neuron by epoch 40");
            runs.step(360);
            let rows: Vec<SlotSummary> =
                runs.sessions().iter().map(|s| SlotSummary::of_session(s, 0.01)).collect();
            assert!(rows[0].dead >= dead40, "seed {seed}: dead ReLUs came back");
            assert!(rows[0].dead >= 2, "seed {seed}: relu lost only {} neurons by epoch 400", rows[0].dead);
            for (a, r) in state.slots.iter().zip(&rows).skip(1) {
                assert_eq!(r.dead, 0, "seed {seed}: {a} has dead neurons");
            }
            let (relu, leaky) = (rows[0].test_loss, rows[1].test_loss);
            if leaky < 0.01 {
                fitted += 1;
            }
            if relu > 0.15 {
                costly += 1;
            }
        }
        assert!(costly >= 6, "ReLU paid in loss on only {costly} seeds of 8");
        // Adam at rate 0.2 is chaotic: a rounding-level change of the engine moves where a run
        // ends, so one seed of eight may stall (seed 4 did when the training ops were fused, and
        // seed 2's ReLU lost its second neuron after epoch 40 instead of before).
        assert!(fitted >= 7, "leaky relu fitted the moons on only {fitted} seeds of 8");
        // And the healthy baseline keeps every ReLU alive on the same seeds.
        for seed in [1, 5] {
            let mut runs = Lockstep::new(Preset::Healthy.state(seed).sessions());
            runs.step(40);
            assert_eq!(runs.sessions()[0].metrics().dead_count(), 0, "seed {seed}");
        }
    }
}
