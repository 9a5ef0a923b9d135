//! How long each animation frame may train: the budget grows while frames arrive on time and
//! shrinks when they are late, so drawing keeps its share of the frame on fast and slow
//! machines alike; slow-moving views (charts) are told when to redraw. Pure: time comes in as
//! the frame's timestamp.

/// Training time allowed in the first frame, in ms.
pub const START_BUDGET_MS: f64 = 6.0;
/// The live charts redraw at most this often while training (they need no 60 Hz).
pub const CHART_INTERVAL_MS: f64 = 120.0;

#[derive(Clone, Debug, PartialEq)]
pub struct FrameBudget {
    train_ms: f64,
    last_frame: Option<f64>,
    last_charts: f64,
}

impl Default for FrameBudget {
    fn default() -> Self {
        FrameBudget::new()
    }
}

impl FrameBudget {
    pub fn new() -> FrameBudget {
        FrameBudget { train_ms: START_BUDGET_MS, last_frame: None, last_charts: f64::NEG_INFINITY }
    }

    /// Called at the start of a frame with its timestamp; returns the training budget in ms.
    pub fn on_frame(&mut self, t: f64) -> f64 {
        if let Some(last) = self.last_frame {
            let interval = t - last;
            if interval > 20.0 {
                self.train_ms = (self.train_ms * 0.8).max(1.0);
            } else if interval < 17.5 {
                self.train_ms = (self.train_ms + 0.25).min(12.0);
            }
        }
        self.last_frame = Some(t);
        self.train_ms
    }

    /// Forget the last frame (after a pause, the gap says nothing about the machine).
    pub fn pause(&mut self) {
        self.last_frame = None;
    }

    /// Whether the charts should redraw at time `t` (and if so, counts this as their redraw).
    pub fn charts_due(&mut self, t: f64) -> bool {
        let due = t - self.last_charts >= CHART_INTERVAL_MS;
        if due {
            self.last_charts = t;
        }
        due
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_shrinks_on_late_frames_and_grows_on_time() {
        let mut b = FrameBudget::new();
        assert_eq!(b.on_frame(0.0), START_BUDGET_MS);
        let late = b.on_frame(40.0);
        assert!(late < START_BUDGET_MS);
        let mut t = 40.0;
        for _ in 0..100 {
            t += 16.7;
            b.on_frame(t);
        }
        assert_eq!(b.on_frame(t + 16.7), 12.0, "capped while frames stay on time");
        for _ in 0..100 {
            t += 50.0;
            b.on_frame(t);
        }
        assert_eq!(b.on_frame(t + 50.0), 1.0, "never below 1 ms: training always moves");
        b.pause();
        assert_eq!(b.on_frame(t + 10_000.0), 1.0, "a pause is not a late frame");
    }

    #[test]
    fn charts_redraw_at_most_every_interval() {
        let mut b = FrameBudget::new();
        assert!(b.charts_due(0.0));
        assert!(!b.charts_due(CHART_INTERVAL_MS - 1.0));
        assert!(b.charts_due(CHART_INTERVAL_MS));
    }
}
