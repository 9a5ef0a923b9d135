//! Frame pacing of the lockstep training and its drawing.

/// The frame the page aims at (60 Hz).
pub const FRAME_MS: f64 = 1000.0 / 60.0;
/// Training time per frame: starts here, then adapts between the two bounds.
const START_TRAIN_MS: f64 = 6.0;
const TRAIN_MS_RANGE: (f64, f64) = (1.0, 10.0);
/// Most rounds (one epoch of every run) in one frame.
pub const MAX_ROUNDS: usize = 25;
/// A boundary refresh (the probes and the canvases) cheaper than this is done every frame;
/// a dearer one every other frame.
pub const DRAW_EVERY_FRAME_MS: f64 = 4.0;
/// The charts and the table redraw at most this often (~8 Hz): they need no 60 Hz.
pub const CHART_INTERVAL_MS: f64 = 120.0;

/// What a frame may do: train for up to `train_ms` (at most `max_rounds` rounds; 0 means
/// this frame only waits), and whether the boundaries are due.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FramePlan {
    pub train_ms: f64,
    pub max_rounds: usize,
    pub boundaries: bool,
}

/// Paces the lockstep training and the drawing from measured times, so that four networks
/// train as fast as the frame allows and the page stays smooth: the training budget grows
/// while frames arrive on time and shrinks when they are late (as the Playground's); the
/// boundaries are redrawn every frame when that is cheap, else every other frame, and their
/// cost is taken out of that frame's training time; when even one round does not fit, rounds
/// are spread over frames (credit accumulates until a whole round fits). Pure: the ui passes
/// the times in.
#[derive(Clone, Debug, PartialEq)]
pub struct Pacer {
    train_ms: f64,
    /// Measured time of one round (EWMA), 0 until measured.
    round_ms: f64,
    /// Measured time of one boundary refresh (EWMA), 0 until measured.
    draw_ms: f64,
    pending_draw: f64,
    credit: f64,
    last_frame: Option<f64>,
    last_charts: f64,
    frame: u64,
}

impl Default for Pacer {
    fn default() -> Self {
        Pacer {
            train_ms: START_TRAIN_MS,
            round_ms: 0.0,
            draw_ms: 0.0,
            pending_draw: 0.0,
            credit: 0.0,
            last_frame: None,
            last_charts: f64::NEG_INFINITY,
            frame: 0,
        }
    }
}

fn ewma(old: f64, new: f64) -> f64 {
    if old == 0.0 {
        new
    } else {
        0.8 * old + 0.2 * new
    }
}

impl Pacer {
    /// Called at the start of a frame with its timestamp (ms).
    pub fn on_frame(&mut self, t: f64) -> FramePlan {
        if let Some(last) = self.last_frame {
            let interval = t - last;
            if interval > 20.0 {
                self.train_ms = (self.train_ms * 0.8).max(TRAIN_MS_RANGE.0);
            } else if interval < 17.5 {
                self.train_ms = (self.train_ms + 0.25).min(TRAIN_MS_RANGE.1);
            }
        }
        self.last_frame = Some(t);
        if self.pending_draw > 0.0 {
            self.draw_ms = ewma(self.draw_ms, self.pending_draw);
            self.pending_draw = 0.0;
        }
        self.frame += 1;
        let boundaries = self.draw_ms <= DRAW_EVERY_FRAME_MS || self.frame.is_multiple_of(2);
        let allowed = (self.train_ms - if boundaries { self.draw_ms } else { 0.0 }).max(0.5);
        let max_rounds = if self.round_ms <= allowed {
            self.credit = 0.0;
            MAX_ROUNDS
        } else {
            self.credit += allowed / self.round_ms;
            if self.credit >= 1.0 {
                self.credit -= 1.0;
                1
            } else {
                0
            }
        };
        FramePlan { train_ms: allowed, max_rounds, boundaries }
    }

    /// `rounds` rounds took `ms`.
    pub fn trained(&mut self, rounds: usize, ms: f64) {
        if rounds > 0 && ms.is_finite() && ms >= 0.0 {
            self.round_ms = ewma(self.round_ms, (ms / rounds as f64).max(1e-3));
        }
    }

    /// Part of a boundary refresh (a probe, a canvas) took `ms`.
    pub fn drawn(&mut self, ms: f64) {
        if ms.is_finite() && ms >= 0.0 {
            self.pending_draw += ms;
        }
    }

    /// Whether the charts and the table are due (at most every [`CHART_INTERVAL_MS`]).
    pub fn charts_due(&mut self, t: f64) -> bool {
        let due = t - self.last_charts >= CHART_INTERVAL_MS;
        if due {
            self.last_charts = t;
        }
        due
    }

    /// Paused: the next frame's interval says nothing about lateness.
    pub fn pause(&mut self) {
        self.last_frame = None;
        self.credit = 0.0;
    }

    /// The training time allowed per frame now (before a boundary refresh is taken out).
    pub fn train_ms(&self) -> f64 {
        self.train_ms
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pacer_grows_and_shrinks_the_training_budget_with_frame_timing() {
        let mut p = Pacer::default();
        let first = p.on_frame(0.0);
        assert_eq!((first.train_ms, first.max_rounds, first.boundaries), (6.0, MAX_ROUNDS, true));
        let mut t = 0.0;
        for _ in 0..40 {
            t += 16.7;
            p.on_frame(t);
        }
        assert_eq!(p.train_ms(), 10.0, "on-time frames grow it to the cap");
        for _ in 0..10 {
            t += 33.0;
            p.on_frame(t);
        }
        assert!(p.train_ms() < 1.2, "late frames shrink it: {}", p.train_ms());
        // A pause forgets the last frame: the first interval after it is not "late".
        p.pause();
        let before = p.train_ms();
        p.on_frame(t + 5000.0);
        assert_eq!(p.train_ms(), before);
    }

    #[test]
    fn the_pacer_draws_boundaries_every_frame_only_when_cheap_and_pays_for_them() {
        let mut p = Pacer::default();
        p.on_frame(0.0);
        p.drawn(1.0);
        p.drawn(1.5);
        let plan = p.on_frame(16.7);
        assert!(plan.boundaries);
        assert!((plan.train_ms - (6.25 - 2.5)).abs() < 1e-9, "{plan:?}");
        // Dear boundaries: every other frame, and only those frames pay for them.
        let mut p = Pacer::default();
        p.on_frame(0.0);
        p.drawn(7.0);
        let plans: Vec<FramePlan> = (1..=4).map(|i| p.on_frame(16.7 * i as f64)).collect();
        assert_eq!(plans.iter().filter(|f| f.boundaries).count(), 2);
        for f in &plans {
            let want = if f.boundaries { 0.5 } else { 6.0 };
            assert!(f.train_ms >= want, "{f:?}");
        }
    }

    #[test]
    fn the_pacer_spreads_a_round_too_dear_for_one_frame_over_several() {
        let mut p = Pacer::default();
        p.on_frame(0.0);
        p.trained(1, 15.0);
        // 6.25..9 ms allowed of a 15 ms round: a round every second frame or so, never two.
        let rounds: Vec<usize> = (1..=12).map(|i| p.on_frame(16.7 * i as f64).max_rounds).collect();
        let total: usize = rounds.iter().sum();
        assert!((5..=7).contains(&total), "{rounds:?}");
        assert!(rounds.iter().all(|&r| r <= 1), "{rounds:?}");
        // A cheap round: as many as the time allows.
        let mut p = Pacer::default();
        p.trained(4, 4.0);
        assert_eq!(p.on_frame(0.0).max_rounds, MAX_ROUNDS);
        p.trained(0, 100.0);
        p.trained(1, f64::NAN);
        assert_eq!(p.on_frame(16.0).max_rounds, MAX_ROUNDS);
    }

    #[test]
    fn the_charts_are_due_at_about_8_hz() {
        let mut p = Pacer::default();
        let due: Vec<bool> = (0..30).map(|i| p.charts_due(16.7 * i as f64)).collect();
        let n = due.iter().filter(|&&d| d).count();
        assert!(due[0]);
        assert_eq!(n, 4, "every 8th frame at 60 Hz: {due:?}");
    }
}
