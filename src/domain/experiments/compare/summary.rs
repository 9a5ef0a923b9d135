//! The summary table's numbers.

use crate::domain::nn::metrics::{EpochMetrics, History};
use crate::domain::nn::trainer::{Session, Status};

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

/// A loss for the table: the one loss formatter every view uses.
pub use crate::domain::nn::metrics::format_loss as loss_text;

/// Epochs to target for the table: the epoch, or "—" until it is reached.
pub fn epochs_text(e: Option<usize>) -> String {
    e.map_or_else(|| "—".to_string(), |e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::super::{small, two};
    use super::*;
    use crate::domain::activation::Activation;
    use crate::domain::experiments::lockstep::Lockstep;
    use crate::domain::nn::settings::Settings;

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
        assert_eq!(loss_text(f64::NAN), "NaN");
        assert_eq!(loss_text(0.12345), "0.123");
        assert_eq!(loss_text(0.000_163), "1.6e-4");
        assert_eq!(loss_text(0.0), "0.000");
        assert_eq!(loss_text(f64::INFINITY), "∞");
    }

    #[test]
    fn summary_rows_come_from_the_run_and_the_fastest_is_found() {
        let shared = Settings { learning_rate: 0.3, ..small() };
        let mut runs = Lockstep::new(two(Activation::Tanh, Activation::Identity, shared).sessions());
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
        let mut runs = Lockstep::new(two(Activation::Relu, Activation::Tanh, small()).sessions());
        runs.step(1);
        let m = runs.sessions()[0].metrics();
        let want = (m.layers[0].sparsity * 5.0 + m.layers[1].sparsity * 4.0) / 9.0;
        let got = SlotSummary::of_session(&runs.sessions()[0], 0.1).sparsity;
        assert!((got - want).abs() < 1e-12);
        assert!(got > 0.0, "relu zeroes some activations");
        assert_eq!(SlotSummary::of_session(&runs.sessions()[1], 0.1).sparsity, 0.0);
    }
}
