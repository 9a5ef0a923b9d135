//! How much work each animation frame may do, for every live section (the Playground, compare,
//! depth, born dead): the budget grows while frames arrive on time and shrinks when they are
//! late, so drawing keeps its share of the frame on fast and slow machines alike; slow-moving
//! views (charts, tables) are told when to redraw. Each use keeps its own tuning ([`Tuning`]).
//! A section reports what its boundary refreshes cost: a dear refresh is done every other
//! frame and paid for out of that frame's training time. Training itself goes a unit (a
//! minibatch, or a chunk of an epoch's measurement) at a time ([`train_within`]), so a round
//! too dear for one frame (an epoch of four big networks at minibatch 1) spans several and no
//! frame overruns its budget by more than one unit. Pure: time comes in as the frame's
//! timestamp, and as a clock to [`train_within`].

use crate::domain::nn::model::layer_sizes;

/// The slow views (charts, tables) redraw at most this often while work goes on (~8 Hz: they
/// need no 60 Hz).
pub const CHART_INTERVAL_MS: f64 = 120.0;
/// Where a redraw of the slow views makes the next frame late (a phone: at 4× CPU throttling
/// the four Playground charts, their canvases' hand-over to the compositor and the page's
/// repaint delay the next frame by some 40 ms, three frames lost), they redraw at most every
/// `CHART_SHARE` times that delay, so they cost at most about an eighth of the time and the
/// frames in between keep their rate. On a desktop the delay is under a millisecond and the
/// interval stays [`CHART_INTERVAL_MS`].
pub const CHART_SHARE: f64 = 8.0;
/// However dear the slow views are, they redraw at least this often while work goes on.
pub const CHART_INTERVAL_MAX_MS: f64 = 600.0;
/// A boundary refresh cheaper than this is done every [`Tuning::picture_every`] frames; a
/// dearer one every other frame at most.
pub const DRAW_EVERY_FRAME_MS: f64 = 4.0;

/// One use's tuning of the budget, in ms of a ~16.7 ms frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tuning {
    /// The budget of the first frame.
    pub start_ms: f64,
    /// Bounds of the budget.
    pub min_ms: f64,
    pub max_ms: f64,
    /// A frame interval above this is late (the budget shrinks by `shrink`) ...
    pub late_ms: f64,
    pub shrink: f64,
    /// ... and below this on time (the budget grows by `grow_ms`).
    pub on_time_ms: f64,
    pub grow_ms: f64,
    /// Most rounds (epochs; for several runs, an epoch of every run) in one frame.
    pub max_rounds: usize,
    /// While training, the boundaries (a probe and the pictures drawn from it) are due every
    /// this many frames at most (1: every frame while they are cheap).
    pub picture_every: u64,
}

/// The Playground: one session, up to its speed in epochs per frame.
pub const PLAYGROUND: Tuning = Tuning {
    start_ms: 6.0,
    // A machine busy with other work makes every frame late whatever the lab does: the floor
    // keeps a few ms of training in each frame (TFP trains one epoch, ~0.4 ms, whatever the
    // load), so a busy laptop still trains at a useful speed instead of a unit per frame.
    min_ms: 4.0,
    max_ms: 12.0,
    late_ms: 20.0,
    shrink: 0.8,
    on_time_ms: 17.5,
    grow_ms: 0.25,
    max_rounds: usize::MAX,
    // The picture (the probe, the output's heatmap, the node maps) at 30 Hz while training:
    // a boundary that moves a little with each epoch looks the same at 30 and 60 Hz, and the
    // frames between only train (at one epoch per frame: a third less main-thread work per
    // frame; at more, their time goes to training). A pause, a step or an edit draws at once.
    picture_every: 2,
};
/// Gradients through depth: the runs in lockstep, at most 6 epochs of every run per frame (so
/// small networks do not race through the run).
pub const DEPTH: Tuning = Tuning { max_rounds: 6, ..PLAYGROUND };
/// Side by side: the runs in lockstep, up to 25 epochs of every run per frame.
pub const COMPARE: Tuning = Tuning { max_ms: 10.0, max_rounds: 25, picture_every: 1, ..PLAYGROUND };
/// Born dead: chunks of the Monte-Carlo estimate.
pub const BORN_DEAD: Tuning = Tuning {
    start_ms: 8.0,
    min_ms: 1.0,
    max_ms: 13.0,
    late_ms: 22.0,
    shrink: 0.75,
    on_time_ms: 18.0,
    grow_ms: 0.5,
    max_rounds: usize::MAX,
    picture_every: 1,
};

/// The Explorer's cost measurement: chunks of timed samples. A sample is never cut, so a frame
/// does up to its budget plus one sample (at least 4 ms, see `cost::CostConfig`).
pub const COST: Tuning = Tuning { max_ms: 10.0, ..BORN_DEAD };

/// What a frame may do: work for up to `train_ms` (at most `max_rounds` rounds), and whether
/// the boundaries are due.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FramePlan {
    pub train_ms: f64,
    pub max_rounds: usize,
    pub boundaries: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FrameBudget {
    tuning: Tuning,
    train_ms: f64,
    /// Measured time of one boundary refresh (EWMA), 0 until measured.
    draw_ms: f64,
    pending_draw: f64,
    last_frame: Option<f64>,
    last_charts: f64,
    frame: u64,
    /// The interval after a frame that did not redraw them (EWMA), 0 until measured.
    frame_ms: f64,
    /// How much longer the interval after a frame that redrew them is (EWMA, ≥ 0).
    chart_delay_ms: f64,
}

fn ewma(old: f64, new: f64) -> f64 {
    if old == 0.0 {
        new
    } else {
        0.8 * old + 0.2 * new
    }
}

impl FrameBudget {
    pub fn new(tuning: Tuning) -> FrameBudget {
        FrameBudget {
            tuning,
            train_ms: tuning.start_ms,
            draw_ms: 0.0,
            pending_draw: 0.0,
            last_frame: None,
            last_charts: f64::NEG_INFINITY,
            frame: 0,
            frame_ms: 0.0,
            chart_delay_ms: 0.0,
        }
    }

    /// Called at the start of a frame with its timestamp (ms): what this frame may do.
    pub fn on_frame(&mut self, t: f64) -> FramePlan {
        let tune = self.tuning;
        if let Some(last) = self.last_frame {
            let interval = t - last;
            // The slow views redrew in the last frame iff they were last due at its time.
            self.time_charts(interval, last == self.last_charts);
            if interval > tune.late_ms {
                self.train_ms = (self.train_ms * tune.shrink).max(tune.min_ms);
            } else if interval < tune.on_time_ms {
                self.train_ms = (self.train_ms + tune.grow_ms).min(tune.max_ms);
            }
        }
        self.last_frame = Some(t);
        if self.pending_draw > 0.0 {
            self.draw_ms = ewma(self.draw_ms, self.pending_draw);
            self.pending_draw = 0.0;
        }
        self.frame += 1;
        let dear = self.draw_ms > DRAW_EVERY_FRAME_MS;
        let boundaries = self.frame.is_multiple_of(tune.picture_every.max(if dear { 2 } else { 1 }));
        let allowed = (self.train_ms - if boundaries { self.draw_ms } else { 0.0 }).max(0.5 * tune.min_ms);
        FramePlan { train_ms: allowed, max_rounds: tune.max_rounds, boundaries }
    }

    /// Measures what the slow views' redraw costs the frame rate: the interval after the frame
    /// that redrew them, beyond the usual one.
    fn time_charts(&mut self, interval: f64, after_charts: bool) {
        if !interval.is_finite() || interval < 0.0 {
            return;
        }
        if !after_charts {
            self.frame_ms = ewma(self.frame_ms, interval);
        } else if self.frame_ms > 0.0 {
            self.chart_delay_ms = ewma(self.chart_delay_ms, (interval - self.frame_ms).max(0.0));
        }
    }

    /// How often the slow views redraw now: every [`CHART_INTERVAL_MS`], or less often where
    /// their redraw delays the next frame ([`CHART_SHARE`]).
    pub fn chart_interval_ms(&self) -> f64 {
        (CHART_SHARE * self.chart_delay_ms).clamp(CHART_INTERVAL_MS, CHART_INTERVAL_MAX_MS)
    }

    /// Part of a boundary refresh (a probe, a canvas) took `ms`.
    pub fn drawn(&mut self, ms: f64) {
        if ms.is_finite() && ms >= 0.0 {
            self.pending_draw += ms;
        }
    }

    /// Forget the last frame (after a pause, the gap says nothing about the machine).
    pub fn pause(&mut self) {
        self.last_frame = None;
    }

    /// Whether the slow views should redraw at time `t` (at most every
    /// [`chart_interval_ms`](Self::chart_interval_ms); if so, counts this as their redraw).
    pub fn charts_due(&mut self, t: f64) -> bool {
        let due = t - self.last_charts >= self.chart_interval_ms();
        if due {
            self.last_charts = t;
        }
        due
    }

    /// The next [`charts_due`](Self::charts_due) is true (a new run starts).
    pub fn charts_now(&mut self) {
        self.last_charts = f64::NEG_INFINITY;
    }

    /// The budget per frame now (before a boundary refresh is taken out).
    pub fn train_ms(&self) -> f64 {
        self.train_ms
    }
}

/// A slow view dearer than the chart rate affords (the diagram of a big network: thousands of
/// links to lay out again) redraws at most every `DEAR_VIEW_SHARE` times its own cost, so it
/// takes at most about a twentieth of the time while training.
pub const DEAR_VIEW_SHARE: f64 = 20.0;

/// When a slow view takes a new version: what it shows lags the chart version while training
/// when its last redraw was dear, and while training it takes a version a frame after the
/// charts did (the frame that redraws the charts does not redraw it too); a settled page
/// (paused, stepped) shows the latest at once.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DearView {
    shown: Option<u64>,
    /// The latest version at the last call (one frame before, while training).
    seen: Option<u64>,
    at: f64,
    cost_ms: f64,
}

impl DearView {
    /// The version to show at time `t` (ms) when `latest` is the chart version.
    pub fn version(&mut self, latest: u64, t: f64, training: bool) -> u64 {
        let settled = self.seen == Some(latest);
        self.seen = Some(latest);
        let due = match self.shown {
            None => true,
            Some(shown) => {
                shown == latest || !training || (settled && t - self.at >= DEAR_VIEW_SHARE * self.cost_ms)
            }
        };
        if due && self.shown != Some(latest) {
            self.shown = Some(latest);
            self.at = t;
        }
        self.shown.unwrap_or(latest)
    }

    /// The last redraw took `ms`.
    pub fn drawn(&mut self, ms: f64) {
        if ms.is_finite() && ms >= 0.0 {
            self.cost_ms = ms;
        }
    }
}

/// What one frame's training did: how many rounds it completed and whether training must stop
/// (diverged, or finished).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Trained {
    pub rounds: usize,
    pub stop: bool,
}

/// Training that goes a unit at a time: a minibatch, or a chunk of an epoch's measurement (of
/// one run, or of every run in lockstep), so that a frame may stop it after any unit.
pub trait Units {
    /// One unit; true when it completed a round (an epoch; of every run, in lockstep).
    fn unit(&mut self) -> bool;
    /// Whether no unit can be done (every run diverged, or there is no training point).
    fn stopped(&self) -> bool;
}

/// A frame's training: unit after unit until `budget_ms` has passed on `now` (ms), `most`
/// rounds are complete (at least one) or the work stopped. At least one unit, and never more
/// than one unit past the budget: a round dearer than a frame (an epoch of a big network at
/// minibatch 1, or of four such in lockstep) spans frames instead of freezing one.
pub fn train_within(work: &mut impl Units, most: usize, budget_ms: f64, now: impl Fn() -> f64) -> Trained {
    let start = now();
    let mut rounds = 0;
    while !work.stopped() {
        if work.unit() {
            rounds += 1;
        }
        if rounds >= most.max(1) || now() - start > budget_ms {
            break;
        }
    }
    Trained { rounds, stop: work.stopped() }
}

/// Most multiply-adds of one probe taken while training (cells × weights): a bigger network is
/// probed at half the side (a quarter of the work) until it pauses.
pub const PROBE_WORK: usize = 1_500_000;

/// The side of the grid to probe a network of `weights` weights at: `full` when paused (or
/// stepped: the picture a pause leaves is always the sharpest), and while training as long as
/// `full² × weights` stays within [`PROBE_WORK`]; else half of it (8 layers of 16 neurons:
/// some 1900 weights, probed at 25 instead of 50 while training, the output plot still
/// interpolated to its full resolution).
pub fn probe_side(full: usize, weights: usize, training: bool) -> usize {
    if !training || full.saturating_mul(full).saturating_mul(weights) <= PROBE_WORK {
        full
    } else {
        (full / 2).max(1)
    }
}

/// How many of `total` node maps a picture of training repaints (taking turns; all when
/// paused): all of them up to 24, else a third, so every map is repainted at least every third
/// picture. A map costs the frame more for the canvas it copies to (and hands the compositor)
/// than for its pixels: with the Playground's picture at 30 Hz ([`Tuning::picture_every`]),
/// the default network (7 maps) and [8,8] (17) repaint each at 30 Hz, which no eye tells from
/// 60 on a 40-pixel square, and 8 layers of 16 (129 maps) 43 a picture (each at 10 Hz).
pub fn maps_per_picture(total: usize) -> usize {
    total.min(total.div_ceil(3).max(24))
}

/// The weights of a network of `inputs` inputs, `hidden` hidden widths and one output.
pub fn weight_count(inputs: usize, hidden: &[usize]) -> usize {
    layer_sizes(inputs, hidden).windows(2).map(|io| io[0] * io[1]).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_maps_take_turns_so_each_is_repainted_every_few_frames() {
        assert_eq!(maps_per_picture(7), 7, "the default network: every map with every picture");
        assert_eq!(maps_per_picture(1), 1, "no hidden layer: the output's map");
        assert_eq!(maps_per_picture(17), 17, "[8,8]: every map with every picture");
        assert_eq!(maps_per_picture(30), 24, "each map at least every other picture");
        assert_eq!(maps_per_picture(129), 43, "8 layers of 16: each map every third picture");
        assert_eq!(maps_per_picture(0), 0);
    }

    #[test]
    fn weights_are_counted_layer_by_layer() {
        assert_eq!(weight_count(2, &[8, 8]), 2 * 8 + 8 * 8 + 8);
        assert_eq!(weight_count(7, &[16; 8]), 7 * 16 + 7 * 256 + 16);
        assert_eq!(weight_count(3, &[]), 3, "no hidden layer: the inputs to the output");
    }

    #[test]
    fn a_big_network_is_probed_coarser_only_while_training() {
        // [8,8] on two inputs: 2·8 + 8·8 + 8 = 88 weights, at full side.
        assert_eq!(probe_side(50, 88, true), 50);
        assert_eq!(probe_side(50, 600, true), 50, "2500 × 600 = the most at full side");
        assert_eq!(probe_side(50, 601, true), 25);
        // 8 layers of 16 on seven inputs: 7·16 + 7·256 + 16 weights.
        assert_eq!(probe_side(50, 1920, true), 25);
        assert_eq!(probe_side(50, 1920, false), 50, "paused: the sharpest picture");
        assert_eq!(probe_side(1, usize::MAX, true), 1, "never an empty grid");
    }

    #[test]
    fn the_budget_shrinks_on_late_frames_and_grows_on_time() {
        let mut b = FrameBudget::new(PLAYGROUND);
        assert_eq!(b.on_frame(0.0).train_ms, PLAYGROUND.start_ms);
        let late = b.on_frame(40.0).train_ms;
        assert!(late < PLAYGROUND.start_ms);
        let mut t = 40.0;
        for _ in 0..100 {
            t += 16.7;
            b.on_frame(t);
        }
        assert_eq!(b.on_frame(t + 16.7).train_ms, 12.0, "capped while frames stay on time");
        for _ in 0..100 {
            t += 50.0;
            b.on_frame(t);
        }
        // Never below the floor: on a machine busy with other work every frame is late, and
        // training must still move at a useful speed.
        assert_eq!(b.on_frame(t + 50.0).train_ms, PLAYGROUND.min_ms, "never below the floor");
        b.pause();
        assert_eq!(b.on_frame(t + 10_000.0).train_ms, PLAYGROUND.min_ms, "a pause is not a late frame");
    }

    /// Work of `per_round` units of `unit_ms` each on a clock it moves, stopping after
    /// `rounds_left` rounds.
    struct Fake {
        clock: std::rc::Rc<std::cell::Cell<f64>>,
        unit_ms: f64,
        per_round: usize,
        units: usize,
        rounds_left: usize,
    }

    impl Units for Fake {
        fn unit(&mut self) -> bool {
            self.clock.set(self.clock.get() + self.unit_ms);
            self.units += 1;
            let round = self.units.is_multiple_of(self.per_round);
            if round {
                self.rounds_left -= 1;
            }
            round
        }
        fn stopped(&self) -> bool {
            self.rounds_left == 0
        }
    }

    fn fake(unit_ms: f64, per_round: usize, rounds_left: usize) -> Fake {
        Fake { clock: Default::default(), unit_ms, per_round, units: 0, rounds_left }
    }

    fn run(work: &mut Fake, most: usize, budget_ms: f64) -> Trained {
        let clock = work.clock.clone();
        train_within(work, most, budget_ms, move || clock.get())
    }

    #[test]
    fn a_round_dearer_than_the_budget_spans_frames_one_unit_past_it_at_most() {
        // A 25 ms round (four big runs in lockstep at minibatch 1: a unit is a minibatch of
        // every run) in frames of 6 ms: each frame stops at its first unit past 6 ms.
        let mut work = fake(0.25, 100, usize::MAX);
        let mut rounds = Vec::new();
        for _ in 0..12 {
            let before = work.clock.get();
            rounds.push(run(&mut work, COMPARE.max_rounds, 6.0).rounds);
            assert_eq!(work.clock.get() - before, 6.25, "one unit past the budget, no more");
        }
        assert_eq!(rounds, [0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1], "the round spans four frames");
    }

    #[test]
    fn cheap_rounds_stop_at_the_most_a_frame_may_do_and_at_the_end() {
        let mut work = fake(0.01, 10, usize::MAX);
        assert_eq!(run(&mut work, DEPTH.max_rounds, 10.0), Trained { rounds: 6, stop: false });
        assert_eq!(run(&mut work, 1, 10.0).rounds, 1, "speed 1: one epoch a frame");
        assert_eq!(run(&mut work, 0, 10.0).rounds, 1, "at least one");
        let mut ending = fake(0.01, 10, 2);
        assert_eq!(run(&mut ending, 25, 10.0), Trained { rounds: 2, stop: true }, "stops when done");
        assert_eq!(run(&mut ending, 25, 10.0), Trained { rounds: 0, stop: true }, "and does nothing after");
        assert_eq!(ending.units, 20);
    }

    #[test]
    fn charts_redraw_at_most_every_interval() {
        let mut b = FrameBudget::new(PLAYGROUND);
        assert!(b.charts_due(0.0));
        assert!(!b.charts_due(CHART_INTERVAL_MS - 1.0));
        assert!(b.charts_due(CHART_INTERVAL_MS));
        b.charts_now();
        assert!(b.charts_due(CHART_INTERVAL_MS + 1.0));
    }

    /// Runs `frames` frames of 60 Hz from `t` where a frame that redraws the charts delays the
    /// next by `delay` ms; returns the times the charts were redrawn and the time reached.
    fn run_with_chart_delay(b: &mut FrameBudget, mut t: f64, frames: usize, delay: f64) -> (Vec<f64>, f64) {
        let mut drawn = Vec::new();
        for _ in 0..frames {
            b.on_frame(t);
            let due = b.charts_due(t);
            if due {
                drawn.push(t);
            }
            t += 16.7 + if due { delay } else { 0.0 };
        }
        (drawn, t)
    }

    #[test]
    fn charts_that_delay_the_next_frame_redraw_less_often() {
        let mut b = FrameBudget::new(PLAYGROUND);
        // A desktop: the redraw fits in its frame; the charts stay at ~8 Hz.
        let (drawn, t) = run_with_chart_delay(&mut b, 0.0, 300, 0.5);
        assert_eq!(b.chart_interval_ms(), CHART_INTERVAL_MS);
        let gaps: Vec<f64> = drawn.windows(2).map(|w| w[1] - w[0]).collect();
        assert!(gaps.iter().all(|&g| (CHART_INTERVAL_MS..CHART_INTERVAL_MS + 17.5).contains(&g)), "{gaps:?}");
        // A phone: each redraw costs the next frame 40 ms (two to three frames); the charts
        // then redraw about every 8 × 40 ms, so they take an eighth of the time.
        let (drawn, t) = run_with_chart_delay(&mut b, t, 600, 40.0);
        assert!((CHART_SHARE * 40.0 - b.chart_interval_ms()).abs() < 2.0, "{}", b.chart_interval_ms());
        let late: Vec<f64> = drawn.windows(2).map(|w| w[1] - w[0]).skip(drawn.len() / 2).collect();
        assert!(late.iter().all(|g| (300.0..=360.0).contains(g)), "{late:?}");
        // However dear, at least every CHART_INTERVAL_MAX_MS; and cheap again, back to ~8 Hz.
        let (drawn, t) = run_with_chart_delay(&mut b, t, 2000, 500.0);
        assert_eq!(b.chart_interval_ms(), CHART_INTERVAL_MAX_MS);
        assert!(drawn.windows(2).all(|w| w[1] - w[0] <= CHART_INTERVAL_MAX_MS + 500.0 + 17.0));
        run_with_chart_delay(&mut b, t, 2000, 0.0);
        assert_eq!(b.chart_interval_ms(), CHART_INTERVAL_MS);
    }

    #[test]
    fn a_pause_after_a_chart_redraw_is_not_counted_as_its_delay() {
        let mut b = FrameBudget::new(PLAYGROUND);
        let (_, t) = run_with_chart_delay(&mut b, 0.0, 100, 0.0);
        b.on_frame(t);
        assert!(b.charts_due(t + CHART_INTERVAL_MS));
        b.pause();
        b.on_frame(t + 60_000.0);
        b.on_frame(t + 60_016.7);
        assert_eq!(b.chart_interval_ms(), CHART_INTERVAL_MS);
    }

    #[test]
    fn the_charts_are_due_at_about_8_hz() {
        let mut p = FrameBudget::new(COMPARE);
        let due: Vec<bool> = (0..30).map(|i| p.charts_due(16.7 * i as f64)).collect();
        let n = due.iter().filter(|&&d| d).count();
        assert!(due[0]);
        assert_eq!(n, 4, "every 8th frame at 60 Hz: {due:?}");
    }

    // Compare's tuning (moved from its former `Pacer`).

    #[test]
    fn the_compare_budget_grows_and_shrinks_with_frame_timing() {
        let mut p = FrameBudget::new(COMPARE);
        let first = p.on_frame(0.0);
        assert_eq!((first.train_ms, first.max_rounds, first.boundaries), (6.0, COMPARE.max_rounds, true));
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
        assert_eq!(p.train_ms(), COMPARE.min_ms, "late frames shrink it to its floor");
        // A pause forgets the last frame: the first interval after it is not "late".
        p.pause();
        let before = p.train_ms();
        p.on_frame(t + 5000.0);
        assert_eq!(p.train_ms(), before);
    }

    #[test]
    fn boundaries_are_drawn_every_frame_only_when_cheap_and_paid_for() {
        let mut p = FrameBudget::new(COMPARE);
        p.on_frame(0.0);
        p.drawn(1.0);
        p.drawn(1.5);
        let plan = p.on_frame(16.7);
        assert!(plan.boundaries);
        assert!((plan.train_ms - (6.25 - 2.5)).abs() < 1e-9, "{plan:?}");
        // Dear boundaries: every other frame, and only those frames pay for them.
        let mut p = FrameBudget::new(COMPARE);
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
    fn the_playground_draws_its_picture_every_other_frame_and_trains_in_between() {
        let mut p = FrameBudget::new(PLAYGROUND);
        p.on_frame(0.0);
        p.drawn(0.5);
        let plans: Vec<FramePlan> = (1..=6).map(|i| p.on_frame(16.7 * i as f64)).collect();
        let drawn: Vec<bool> = plans.iter().map(|f| f.boundaries).collect();
        assert_eq!(drawn, [true, false, true, false, true, false], "cheap, yet at 30 Hz");
        // The frames between give the picture's time to training.
        assert!((plans[1].train_ms - plans[0].train_ms - 0.5).abs() < 0.3, "{plans:?}");
        // Compare's cheap boundaries stay at every frame.
        let mut c = FrameBudget::new(COMPARE);
        c.on_frame(0.0);
        c.drawn(0.5);
        assert!((1..=4).all(|i| c.on_frame(16.7 * i as f64).boundaries));
    }

    // Born dead's tuning (moved from its former `WorkBudget`).

    #[test]
    fn the_born_dead_budget_adapts_to_frame_timing() {
        let mut b = FrameBudget::new(BORN_DEAD);
        assert_eq!(b.on_frame(0.0).train_ms, BORN_DEAD.start_ms);
        // On-time frames grow it up to the cap.
        let mut t = 0.0;
        for _ in 0..100 {
            t += 16.7;
            b.on_frame(t);
        }
        assert_eq!(b.train_ms(), BORN_DEAD.max_ms);
        // Late frames shrink it, down to the floor.
        for _ in 0..100 {
            t += 40.0;
            b.on_frame(t);
        }
        assert_eq!(b.train_ms(), BORN_DEAD.min_ms);
        // After a pause the first interval is not counted.
        b.pause();
        assert_eq!(b.on_frame(t + 10_000.0).train_ms, BORN_DEAD.min_ms);
    }

    #[test]
    fn a_dear_view_lags_while_training_and_catches_up_when_settled() {
        let mut view = DearView::default();
        assert_eq!(view.version(1, 0.0, true), 1, "the first version is shown at once");
        view.drawn(10.0); // a 10 ms redraw: at most every 200 ms while training
        assert_eq!(view.version(2, 120.0, true), 1, "too soon after a dear redraw");
        assert_eq!(view.version(3, 199.0, true), 1);
        assert_eq!(view.version(3, 200.0, true), 3, "due after 20 times its cost");
        view.drawn(1.0); // a cheap view follows the chart rate, a frame after the charts
        assert_eq!(view.version(4, 220.0, true), 3, "not in the frame the charts redraw");
        assert_eq!(view.version(4, 237.0, true), 4, "the next frame");
        view.drawn(10.0);
        assert_eq!(view.version(5, 230.0, false), 5, "paused or stepped: the latest at once");
        assert_eq!(view.version(5, 231.0, true), 5, "the version shown stays");
    }
}
