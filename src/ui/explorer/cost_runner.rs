//! The cost measurement of the activations shown, run in slices of the frame controller's
//! budget on animation frames (the page stays responsive; a sample is never cut), only when
//! the user presses "Measure cost", cancellable. The figures are measurements of this
//! machine, not settings: they are not in the link, and they are dropped when the activations
//! shown change.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::activation::Activation;
use crate::domain::cost::{CostConfig, CostJob, CostReport};
use crate::domain::frame_budget::{FrameBudget, COST};
use crate::ui::hooks::use_animation_loop;
use crate::ui::section::Live;
use crate::ui::shell::browser;

/// Where the measurement is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CostStatus {
    Idle,
    Running,
    /// Finished in `ms` milliseconds.
    Done {
        ms: f64,
    },
    Cancelled,
}

/// What the panel shows: the status, the steps done of all, and the figures so far.
#[derive(Clone, Debug, PartialEq)]
pub struct CostSnapshot {
    pub status: CostStatus,
    pub done: usize,
    pub total: usize,
    pub report: Rc<CostReport>,
}

impl CostSnapshot {
    fn idle() -> CostSnapshot {
        CostSnapshot { status: CostStatus::Idle, done: 0, total: 0, report: Rc::new(CostReport::default()) }
    }
}

/// The job and its frame bookkeeping (not rendered).
struct Runner {
    job: Option<CostJob>,
    budget: FrameBudget,
    started_ms: f64,
}

pub struct CostHandle {
    pub snapshot: CostSnapshot,
    pub on_start: Callback<()>,
    pub on_cancel: Callback<()>,
}

#[hook]
pub fn use_cost_job(activations: &[Activation]) -> CostHandle {
    let runner =
        (*use_memo((), |_| Live::new(Runner { job: None, budget: FrameBudget::new(COST), started_ms: 0.0 })))
            .clone();
    let snapshot = use_state(CostSnapshot::idle);
    {
        let (runner, snapshot) = (runner.clone(), snapshot.clone());
        use_effect_with(activations.to_vec(), move |_| {
            runner.update(|r| r.job = None);
            snapshot.set(CostSnapshot::idle());
        });
    }
    let on_frame = {
        let (runner, snapshot) = (runner.clone(), snapshot.clone());
        Callback::from(move |t: f64| {
            if let Some(next) = runner.update(|r| run_for_a_frame(r, t, &snapshot)) {
                snapshot.set(next);
            }
        })
    };
    use_animation_loop(snapshot.status == CostStatus::Running, on_frame);
    let on_start = {
        let (runner, snapshot, shown) = (runner.clone(), snapshot.clone(), activations.to_vec());
        Callback::from(move |_: ()| {
            let total = runner.update(|r| {
                let job = CostJob::new(&shown, CostConfig::default());
                let total = job.progress().1;
                r.job = Some(job);
                r.budget.pause();
                r.budget.charts_now();
                r.started_ms = browser::now_ms();
                total
            });
            browser::mark("cost-start");
            snapshot.set(CostSnapshot {
                status: CostStatus::Running,
                done: 0,
                total,
                report: Rc::new(CostReport::default()),
            });
        })
    };
    let on_cancel = {
        let (runner, snapshot) = (runner.clone(), snapshot.clone());
        Callback::from(move |_: ()| {
            // Keep what was measured so far on the page.
            let report = runner.update(|r| r.job.take().map(|j| Rc::new(j.report())));
            let mut next = (*snapshot).clone();
            next.status = CostStatus::Cancelled;
            if let Some(report) = report {
                next.report = report;
            }
            snapshot.set(next);
        })
    };
    CostHandle { snapshot: (*snapshot).clone(), on_start, on_cancel }
}

/// One frame's work; the next snapshot, or `None` without a job (cancelled, or the shown
/// activations changed). The figures are copied out when the slow views are due and at the end.
fn run_for_a_frame(r: &mut Runner, t: f64, last: &CostSnapshot) -> Option<CostSnapshot> {
    let budget_ms = r.budget.on_frame(t).train_ms;
    let job = r.job.as_mut()?;
    job.run_for(budget_ms, &mut browser::now_ms);
    let (done, total) = job.progress();
    let finished = job.done();
    let report = if finished || r.budget.charts_due(t) { Rc::new(job.report()) } else { last.report.clone() };
    let status = if finished {
        r.job = None;
        browser::mark("cost-done");
        CostStatus::Done { ms: browser::now_ms() - r.started_ms }
    } else {
        CostStatus::Running
    };
    Some(CostSnapshot { status, done, total, report })
}
