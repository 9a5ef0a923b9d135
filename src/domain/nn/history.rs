//! The metric history of a run: one series per quantity (all the same length), for the charts,
//! the CSV export and the Experiments.
//!
//! Its size is bounded however long a run trains. The last [`FULL_DETAIL`] rows hold every
//! epoch. Before them the history is **thinned**: at most [`THINNED_ROWS`] rows, one per
//! stretch of `kept_every` epochs (a power of two that doubles as the run goes on), plus the
//! epochs that matter, which are never dropped: the first row, and every epoch at which a live
//! setting changed (the CSV's `change` column). Within a stretch the kept row is one where a
//! layer's dead or revived count changed or the loss stopped being finite, if there is one,
//! else the epoch that is a multiple of `kept_every`. Thinning starts only once a run has
//! more than `FULL_DETAIL + THINNED_ROWS / 2` rows, so shorter runs are complete; the charts
//! say when it has ([`History::thinned_note`]) and so does the CSV (a `kept_every` column).

use crate::domain::nn::metrics::EpochMetrics;
use crate::domain::nn::schedule::AppliedChange;

/// The most recent epochs, every one of them kept.
pub const FULL_DETAIL: usize = 4096;
/// Rows kept at most before the full-detail window (besides the first row and the change
/// epochs).
pub const THINNED_ROWS: usize = 2048;

/// One hidden layer's series over the epochs.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LayerHistory {
    pub dead: Vec<usize>,
    pub revived: Vec<usize>,
    pub saturated: Vec<usize>,
    pub sparsity: Vec<f64>,
    pub grad_norm: Vec<f64>,
    pub pre_mean: Vec<f64>,
    pub pre_std: Vec<f64>,
}

/// The epochs' metrics as series (one `Vec` per quantity, all the same length), for charts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    pub epoch: Vec<usize>,
    pub train_loss: Vec<f64>,
    pub test_loss: Vec<f64>,
    pub train_accuracy: Vec<Option<f64>>,
    pub test_accuracy: Vec<Option<f64>>,
    pub output_grad_norm: Vec<f64>,
    pub weight_norm: Vec<f64>,
    /// Per hidden layer.
    pub layers: Vec<LayerHistory>,
    /// The live settings' changes during the run, in order (the charts mark them).
    pub changes: Vec<AppliedChange>,
    /// Per row: something happened at this epoch (a dead or revived count changed, the loss
    /// stopped being finite, or it is the first row); thinning prefers these rows.
    event: Vec<bool>,
    /// The leading rows that are thinned (0: every epoch is kept).
    thinned: usize,
    /// One row per this many epochs in the thinned rows (0 while nothing is thinned).
    kept_every: usize,
}

/// Keeps the elements of `v` whose flag in `keep` is true.
fn retain_mask<T>(v: &mut Vec<T>, keep: &[bool]) {
    let mut flags = keep.iter();
    v.retain(|_| flags.next().copied().unwrap_or(true));
}

/// 2nd, 4th, 8th, 16th, 32nd…: the English ordinal of `n`.
fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// 12000 → "12,000".
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl History {
    /// The metric history as CSV: one row per kept epoch; per hidden layer its dead count, its
    /// revived count, sparsity and gradient norm (weights and biases, as the chart); then the
    /// settings changed at that epoch ("lr 0.03 → 3", several joined by "; "). A thinned
    /// history adds a last column `kept_every`: how many epochs each row stands for (1 in the
    /// full-detail window).
    pub fn to_csv(&self) -> String {
        let mut out =
            String::from("epoch,train_loss,test_loss,train_accuracy,test_accuracy,output_grad_norm");
        for l in 1..=self.layers.len() {
            out.push_str(&format!(",dead_{l},revived_{l},sparsity_{l},grad_norm_{l}"));
        }
        out.push_str(if self.is_thinned() { ",change,kept_every\n" } else { ",change\n" });
        let opt = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
        for i in 0..self.len() {
            out.push_str(&format!(
                "{},{},{},{},{},{}",
                self.epoch[i],
                self.train_loss[i],
                self.test_loss[i],
                opt(self.train_accuracy[i]),
                opt(self.test_accuracy[i]),
                self.output_grad_norm[i]
            ));
            for l in &self.layers {
                out.push_str(&format!(
                    ",{},{},{},{}",
                    l.dead[i], l.revived[i], l.sparsity[i], l.grad_norm[i]
                ));
            }
            let changes: Vec<&str> =
                self.changes.iter().filter(|c| c.epoch == self.epoch[i]).map(|c| c.label.as_str()).collect();
            out.push(',');
            out.push_str(&changes.join("; "));
            if self.is_thinned() {
                out.push_str(&format!(",{}", if i < self.thinned { self.kept_every } else { 1 }));
            }
            out.push('\n');
        }
        out
    }

    /// Number of rows recorded (epoch 0 included): every epoch, unless the history is thinned.
    pub fn len(&self) -> usize {
        self.epoch.len()
    }

    pub fn is_empty(&self) -> bool {
        self.epoch.is_empty()
    }

    /// Whether rows before the full-detail window were dropped.
    pub fn is_thinned(&self) -> bool {
        self.thinned > 0
    }

    /// How many epochs a thinned row stands for, and the first epoch kept in full detail
    /// (`None` while every epoch is kept).
    pub fn thinning(&self) -> Option<(usize, usize)> {
        let full_from = *self.epoch.get(self.thinned)?;
        self.is_thinned().then_some((self.kept_every, full_from))
    }

    /// For the charts: "before epoch 12,000: every 8th epoch", when the history is thinned.
    pub fn thinned_note(&self) -> Option<String> {
        self.thinning().map(|(every, from)| {
            format!(
                "Before epoch {}: every {} epoch (and each settings change).",
                grouped(from),
                ordinal(every)
            )
        })
    }

    /// (epoch, value(i)) for a chart: every row while there are at most `max_points`, else
    /// every k-th (k the smallest stride that fits), always ending at the latest row.
    pub fn sampled(&self, max_points: usize, value: impl Fn(usize) -> f64) -> Vec<(f64, f64)> {
        let stride = self.len().div_ceil(max_points.max(1)).max(1);
        let mut out: Vec<(f64, f64)> =
            (0..self.len()).step_by(stride).map(|i| (self.epoch[i] as f64, value(i))).collect();
        if let Some(last) = self.len().checked_sub(1) {
            if last % stride != 0 {
                out.push((self.epoch[last] as f64, value(last)));
            }
        }
        out
    }

    /// Appends one epoch, thinning the rows before the full-detail window when they have grown.
    pub fn push(&mut self, m: &EpochMetrics) {
        let event = self.is_event(m);
        self.event.push(event);
        self.epoch.push(m.epoch);
        self.train_loss.push(m.train_loss);
        self.test_loss.push(m.test_loss);
        self.train_accuracy.push(m.train_accuracy);
        self.test_accuracy.push(m.test_accuracy);
        self.output_grad_norm.push(m.output_grad_norm);
        self.weight_norm.push(m.weight_norm);
        if self.layers.len() < m.layers.len() {
            self.layers.resize_with(m.layers.len(), LayerHistory::default);
        }
        for (h, l) in self.layers.iter_mut().zip(&m.layers) {
            h.dead.push(l.dead);
            h.revived.push(l.revived);
            h.saturated.push(l.saturated);
            h.sparsity.push(l.sparsity);
            h.grad_norm.push(l.grad_norm);
            h.pre_mean.push(l.pre_mean);
            h.pre_std.push(l.pre_std);
        }
        if self.len() - self.thinned > FULL_DETAIL + THINNED_ROWS / 2 {
            self.thin();
        }
    }

    /// Whether `m`, appended now, is an epoch where something happened.
    fn is_event(&self, m: &EpochMetrics) -> bool {
        let Some(last) = self.len().checked_sub(1) else { return true };
        let counts_moved = self.layers.iter().zip(&m.layers).any(|(h, l)| {
            h.dead.get(last).is_some_and(|&d| d != l.dead)
                || h.revived.get(last).is_some_and(|&r| r != l.revived)
        });
        let went_non_finite = self.train_loss[last].is_finite() && !m.train_loss.is_finite();
        counts_moved || went_non_finite
    }

    /// Moves the rows before the last [`FULL_DETAIL`] into the thinned part, doubling
    /// `kept_every` until it holds at most half of [`THINNED_ROWS`] (so that thinning runs
    /// again only after that many more epochs).
    fn thin(&mut self) {
        let end = self.len() - FULL_DETAIL;
        let span = self.epoch[end - 1].saturating_sub(self.epoch[0]);
        let mut stride = self.kept_every.max(2);
        loop {
            let keep = self.keep_mask(end, stride);
            let kept = keep[..end].iter().filter(|&&k| k).count();
            if kept <= THINNED_ROWS / 2 || stride > span {
                self.retain_rows(&keep);
                self.thinned = kept;
                self.kept_every = stride;
                return;
            }
            stride *= 2;
        }
    }

    /// Which rows to keep when the first `end` rows keep one per `stride` epochs (see the
    /// module's description); the rows from `end` on are all kept.
    fn keep_mask(&self, end: usize, stride: usize) -> Vec<bool> {
        let mut changed: Vec<usize> = self.changes.iter().map(|c| c.epoch).collect();
        changed.sort_unstable();
        let mut keep = vec![true; self.len()];
        let mut i = 0;
        while i < end {
            let bucket = self.epoch[i] / stride;
            let j = (i..end).find(|&k| self.epoch[k] / stride != bucket).unwrap_or(end);
            let pick = (i..j)
                .find(|&k| self.event[k])
                .or_else(|| (i..j).find(|&k| self.epoch[k].is_multiple_of(stride)))
                .unwrap_or(i);
            for (k, flag) in keep.iter_mut().enumerate().take(j).skip(i) {
                *flag = k == 0 || k == pick || changed.binary_search(&self.epoch[k]).is_ok();
            }
            i = j;
        }
        keep
    }

    fn retain_rows(&mut self, keep: &[bool]) {
        retain_mask(&mut self.event, keep);
        retain_mask(&mut self.epoch, keep);
        retain_mask(&mut self.train_loss, keep);
        retain_mask(&mut self.test_loss, keep);
        retain_mask(&mut self.train_accuracy, keep);
        retain_mask(&mut self.test_accuracy, keep);
        retain_mask(&mut self.output_grad_norm, keep);
        retain_mask(&mut self.weight_norm, keep);
        for h in &mut self.layers {
            retain_mask(&mut h.dead, keep);
            retain_mask(&mut h.revived, keep);
            retain_mask(&mut h.saturated, keep);
            retain_mask(&mut h.sparsity, keep);
            retain_mask(&mut h.grad_norm, keep);
            retain_mask(&mut h.pre_mean, keep);
            retain_mask(&mut h.pre_std, keep);
        }
    }

    /// Drops the last row (if any).
    pub fn pop(&mut self) {
        if self.is_empty() {
            return;
        }
        self.event.pop();
        self.epoch.pop();
        self.train_loss.pop();
        self.test_loss.pop();
        self.train_accuracy.pop();
        self.test_accuracy.pop();
        self.output_grad_norm.pop();
        self.weight_norm.pop();
        for h in &mut self.layers {
            h.dead.pop();
            h.revived.pop();
            h.saturated.pop();
            h.sparsity.pop();
            h.grad_norm.pop();
            h.pre_mean.pop();
            h.pre_std.pop();
        }
        self.thinned = self.thinned.min(self.len());
    }

    pub fn clear(&mut self) {
        *self = History::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::nn::metrics::LayerMetrics;

    fn layer(dead: usize) -> LayerMetrics {
        LayerMetrics {
            dead,
            died: dead,
            revived: 0,
            saturated: 0,
            sparsity: 0.5,
            grad_norm: 0.25,
            pre_mean: 0.0,
            pre_std: 1.0,
            neurons: Vec::new(),
        }
    }

    fn metrics(epoch: usize, dead: usize) -> EpochMetrics {
        EpochMetrics {
            epoch,
            train_loss: 1.0 / (1.0 + epoch as f64),
            test_loss: 2.0 / (1.0 + epoch as f64),
            train_accuracy: Some(0.5),
            test_accuracy: Some(0.5),
            layers: vec![layer(dead), layer(0)],
            output_grad_norm: 0.125,
            weight_norm: 3.0,
        }
    }

    fn change(epoch: usize, label: &str) -> AppliedChange {
        AppliedChange { epoch, label: label.into(), origin: crate::domain::nn::schedule::Origin::Hand }
    }

    /// A run of `last + 1` epochs (0..=last) where layer 1 has one dead neuron at epoch 77,777
    /// only, and the learning rate changed at epochs 1,000, 50,001 and 123,457.
    fn long_run(last: usize) -> History {
        let mut h = History::default();
        for e in 0..=last {
            h.push(&metrics(e, usize::from(e == 77_777)));
            if [1_000, 50_001, 123_457].contains(&e) {
                h.changes.push(change(e, &format!("lr at {e}")));
            }
        }
        h
    }

    #[test]
    fn a_long_history_is_thinned_for_charts_but_keeps_its_last_epoch() {
        let h = History { epoch: (0..=10).collect(), ..Default::default() };
        let all = h.sampled(20, |i| i as f64 * 2.0);
        assert_eq!(all.len(), 11);
        assert_eq!(all[10], (10.0, 20.0));
        let thin = h.sampled(4, |i| i as f64);
        assert_eq!(thin.iter().map(|p| p.0).collect::<Vec<_>>(), vec![0.0, 3.0, 6.0, 9.0, 10.0]);
        assert!(History::default().sampled(4, |_| 0.0).is_empty());
    }

    #[test]
    fn two_hundred_thousand_epochs_stay_within_the_bound_with_recent_epochs_complete() {
        let h = long_run(200_000);
        let bound = FULL_DETAIL + THINNED_ROWS + 1 + h.changes.len();
        assert!(h.len() <= bound, "{} rows, bound {bound}", h.len());
        assert!(h.layers.iter().all(|l| l.dead.len() == h.len() && l.pre_std.len() == h.len()));
        assert_eq!(h.train_loss.len(), h.len());
        // The last FULL_DETAIL epochs are all there, in order, with their own values.
        let recent = &h.epoch[h.len() - FULL_DETAIL..];
        assert_eq!(recent, (200_001 - FULL_DETAIL..=200_000).collect::<Vec<_>>().as_slice());
        let i = h.len() - 1;
        assert_eq!((h.epoch[i], h.train_loss[i]), (200_000, 1.0 / 200_001.0));
        // Before them: increasing epochs, one per kept_every (a power of two) or a kept event.
        let (every, full_from) = h.thinning().expect("thinned");
        assert!(every.is_power_of_two() && every >= 2, "kept every {every}");
        assert!(full_from <= 200_001 - FULL_DETAIL);
        let full: Vec<usize> = (full_from..=200_000).collect();
        assert_eq!(&h.epoch[h.thinned..], full.as_slice(), "every epoch from {full_from} on");
        assert!(h.epoch.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(h.epoch[0], 0, "the first epoch is kept");
        for e in [1_000, 50_001, 123_457] {
            assert!(h.epoch.contains(&e), "the change at epoch {e} keeps its row");
        }
        let dead_rows: Vec<usize> =
            (0..h.len()).filter(|&i| h.layers[0].dead[i] == 1).map(|i| h.epoch[i]).collect();
        assert_eq!(dead_rows, vec![77_777], "the one epoch a neuron was dead survives");
    }

    #[test]
    fn the_bound_holds_at_every_length_and_thinning_starts_late() {
        let mut h = History::default();
        let mut most = 0;
        for e in 0..60_000 {
            h.push(&metrics(e, 0));
            most = most.max(h.len());
            if e < FULL_DETAIL + THINNED_ROWS / 2 {
                assert!(!h.is_thinned(), "epoch {e}: nothing is thinned yet");
            }
        }
        assert!(most <= FULL_DETAIL + THINNED_ROWS + 1, "at most {most} rows");
        assert!(h.is_thinned());
    }

    #[test]
    fn the_csv_of_a_thinned_history_says_how_many_epochs_a_row_stands_for() {
        let h = long_run(200_000);
        let csv = h.to_csv();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 1 + h.len());
        assert!(lines[0].ends_with(",grad_norm_2,change,kept_every"), "{}", lines[0]);
        let (every, _) = h.thinning().expect("thinned");
        assert!(lines[2].ends_with(&format!(",{every}")), "a thinned row: {}", lines[2]);
        assert!(lines[lines.len() - 1].starts_with("200000,") && lines[lines.len() - 1].ends_with(",1"));
        let change_row = lines.iter().find(|l| l.starts_with("50001,")).expect("the change's row");
        assert!(change_row.ends_with(&format!(",lr at 50001,{every}")), "{change_row}");
        let (_, from) = h.thinning().expect("thinned");
        let note = h.thinned_note().expect("a note");
        assert_eq!(
            note,
            format!(
                "Before epoch {}: every {} epoch (and each settings change).",
                grouped(from),
                ordinal(every)
            )
        );
        assert!(note.starts_with("Before epoch 19") && note.contains(','), "{note}");
    }

    #[test]
    fn a_run_within_the_window_is_complete_and_its_csv_has_no_extra_column() {
        let h = long_run(3_000);
        assert_eq!(h.len(), 3_001);
        assert!(!h.is_thinned() && h.thinned_note().is_none());
        assert!(h.to_csv().lines().next().is_some_and(|l| l.ends_with(",change")));
    }

    #[test]
    fn pop_and_clear_keep_the_series_aligned() {
        let mut h = long_run(10_000);
        h.pop();
        assert_eq!(h.epoch.last(), Some(&9_999));
        assert_eq!(h.event.len(), h.len());
        h.push(&metrics(10_000, 0));
        assert_eq!(h.epoch.last(), Some(&10_000));
        h.clear();
        assert!(h.is_empty() && !h.is_thinned());
    }

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(12_000), "12,000");
        assert_eq!(grouped(1_234_567), "1,234,567");
        let ordinals: Vec<String> = [1, 2, 3, 4, 8, 11, 12, 13, 21, 32, 64, 112].map(ordinal).to_vec();
        assert_eq!(
            ordinals,
            ["1st", "2nd", "3rd", "4th", "8th", "11th", "12th", "13th", "21st", "32nd", "64th", "112th"]
        );
    }
}
