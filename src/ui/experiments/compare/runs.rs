//! The compared runs, derived from the slots and the shared settings (a change of either starts
//! new runs, all of them: they must stay in lockstep), trained together within each frame's
//! budget while playing; their boundaries are probed when due, the charts and the table follow
//! at most every chart interval.

use std::rc::Rc;

use yew::prelude::*;

use super::GRID;
use crate::domain::experiments::compare::CompareState;
use crate::domain::experiments::lockstep::Lockstep;
use crate::domain::frame_budget::{probe_side, train_within, weight_count, FramePlan, Trained, COMPARE};
use crate::domain::nn::data::Dataset;
use crate::domain::nn::trainer::GridProbe;
use crate::ui::running::{use_budgeted_training, Due, RunMsg, Running};
use crate::ui::section::{use_derived, Held};
use crate::ui::shell::browser;
use crate::ui::spans;

/// The runs and what was last measured on them.
pub struct Runs {
    pub lockstep: Lockstep,
    /// The state the runs were built from (only its slots and shared settings matter).
    pub built: Rc<CompareState>,
    /// The training points (the same for every run).
    pub data: Rc<Dataset>,
    pub probes: Rc<Vec<Rc<GridProbe>>>,
    /// Dead neurons of each run when the probes were taken.
    pub dead: Rc<Vec<usize>>,
    pub boundary_epoch: usize,
    /// Counts the probes taken (the boundaries' version).
    pub probes_taken: u64,
    pub chart_epoch: usize,
}

impl Runs {
    fn new(state: &CompareState) -> Runs {
        let lockstep = Lockstep::new(state.sessions());
        let data = lockstep.sessions().first().map(|s| s.dataset().clone()).unwrap_or(Dataset {
            kind: state.shared.dataset,
            train: Vec::new(),
            test: Vec::new(),
        });
        let mut runs = Runs {
            lockstep,
            built: Rc::new(state.clone()),
            data: Rc::new(data),
            probes: Rc::new(Vec::new()),
            dead: Rc::new(Vec::new()),
            boundary_epoch: 0,
            probes_taken: 0,
            chart_epoch: 0,
        };
        runs.probe(false);
        runs
    }

    /// Whether these runs were built for `state` (the target does not matter to them).
    fn fits(&self, state: &CompareState) -> bool {
        self.built.slots == state.slots && self.built.shared == state.shared
    }

    pub fn epoch(&self) -> usize {
        self.lockstep.epoch()
    }

    /// New probes of every run, coarser for a big network while `training` (as the
    /// Playground's: [`probe_side`]); returns the time it took (ms).
    fn probe(&mut self, training: bool) -> f64 {
        let _span = spans::span("lab:probe");
        let start = browser::now_ms();
        let shared = &self.built.shared;
        let side = probe_side(GRID, weight_count(shared.num_inputs(), &shared.hidden), training);
        let sessions = self.lockstep.sessions();
        self.probes = Rc::new(sessions.iter().map(|s| Rc::new(s.probe(side))).collect());
        self.dead = Rc::new(sessions.iter().map(|s| s.metrics().dead_count()).collect());
        self.boundary_epoch = self.lockstep.epoch();
        self.probes_taken += 1;
        browser::now_ms() - start
    }

    /// Whether the boundaries or the charts show an older epoch, or the boundaries a coarser
    /// probe than a paused page shows.
    fn behind(&self) -> bool {
        let epoch = self.epoch();
        let coarse = self.probes.iter().any(|p| p.n < GRID);
        self.boundary_epoch != epoch || self.chart_epoch != epoch || coarse
    }

    /// A unit of every run at a time (a round: an epoch of every run), until the plan's time
    /// or rounds are spent; an epoch too dear for one frame spans several.
    fn train(&mut self, plan: FramePlan) -> Trained {
        train_within(&mut self.lockstep, plan.max_rounds, plan.train_ms, browser::now_ms)
    }
}

/// The runs shown and what changes them.
pub struct CompareRuns {
    pub shown: Held<Runs>,
    pub on_run: Callback<bool>,
    pub on_step: Callback<()>,
    pub on_reset: Callback<()>,
    /// Gets the time each boundary drawing took (ms).
    pub on_drawn: Callback<f64>,
}

/// Publishes the runs after they changed: new probes when `due.boundaries` and the charts when
/// `due.charts`, each only if the epoch moved since, unless `always` (a step, a reset or a
/// pause, whose probes are at full side; a frame's may be coarser). Returns the probes' time.
fn catch_up(held: &UseStateHandle<Held<Runs>>, shown: &Held<Runs>, due: Due, always: bool) -> f64 {
    let live = &shown.live;
    let (epoch, boundary_epoch, chart_epoch) = {
        let r = live.borrow();
        (r.epoch(), r.boundary_epoch, r.chart_epoch)
    };
    let boundaries = due.boundaries && (always || epoch != boundary_epoch);
    let charts = due.charts && (always || epoch != chart_epoch);
    if !boundaries && !charts && live.current() == *live {
        return 0.0;
    }
    let probe_ms = live.update(|r| {
        if charts {
            r.chart_epoch = epoch;
        }
        if boundaries {
            r.probe(!always)
        } else {
            0.0
        }
    });
    held.set(shown.refreshed(charts));
    probe_ms
}

/// Boundaries, charts and table: after a step, a reset or a pause everything shows the epoch.
const EVERYTHING: Due = Due { boundaries: true, charts: true };

#[hook]
pub fn use_compare_runs(model: &UseReducerHandle<Running<CompareState>>) -> CompareRuns {
    let (held, shown) = use_derived(model.state.clone(), Runs::fits, Runs::new);
    let train = {
        let live = shown.live.clone();
        Callback::from(move |plan: FramePlan| live.update(|r| r.train(plan)))
    };
    let refresh = {
        let (held, shown) = (held.clone(), shown.clone());
        Callback::from(move |due: Due| catch_up(&held, &shown, due, false))
    };
    let on_drawn = use_budgeted_training(model, COMPARE, train, refresh);
    // Pausing shows everything at the epoch it stopped at (the table and the charts may lag
    // the boundaries by up to one chart interval while training).
    let on_run = {
        let (model, held, shown) = (model.clone(), held.clone(), shown.clone());
        Callback::from(move |run: bool| {
            if !run && shown.live.borrow().behind() {
                catch_up(&held, &shown, EVERYTHING, true);
            }
            model.dispatch(RunMsg::Run(run));
        })
    };
    let changed = |change: fn(&mut Lockstep)| {
        let (held, shown) = (held.clone(), shown.clone());
        Callback::from(move |_: ()| {
            shown.live.update(|r| change(&mut r.lockstep));
            catch_up(&held, &shown, EVERYTHING, true);
        })
    };
    let on_step = changed(|l| {
        l.step(1);
    });
    let on_reset = changed(Lockstep::reset);
    CompareRuns { shown, on_run, on_step, on_reset, on_drawn }
}
