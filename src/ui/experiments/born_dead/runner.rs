//! The Monte-Carlo job of the settings shown, stepped once per animation frame within the
//! frame controller's budget while it runs, so the page stays responsive and the curves fill
//! in live (the chart and the table at most every chart interval). A change of the settings
//! drops the results (the controls are locked while a run goes on, so this drops a finished or
//! cancelled run).

use std::rc::Rc;

use yew::prelude::*;

use super::{RunStatus, Snapshot};
use crate::domain::experiments::born_dead_view::{BornDeadJob, BornDeadView};
use crate::domain::frame_budget::{FrameBudget, BORN_DEAD};
use crate::ui::hooks::use_animation_loop;
use crate::ui::section::Live;
use crate::ui::shell::browser;

/// The job and its frame bookkeeping (not rendered).
struct Runner {
    job: Option<BornDeadJob>,
    budget: FrameBudget,
    started_ms: f64,
}

/// What the page shows of the run, and how to start and cancel it.
pub struct BornDeadJobHandle {
    pub snapshot: Snapshot,
    pub on_start: Callback<()>,
    pub on_cancel: Callback<()>,
}

#[hook]
pub fn use_born_dead_job(view: &BornDeadView) -> BornDeadJobHandle {
    let runner = (*use_memo((), |_| {
        Live::new(Runner { job: None, budget: FrameBudget::new(BORN_DEAD), started_ms: 0.0 })
    }))
    .clone();
    let snapshot = use_state(|| Snapshot::idle(view, 0));
    {
        let (runner, snapshot) = (runner.clone(), snapshot.clone());
        use_effect_with(view.clone(), move |view| {
            runner.update(|r| r.job = None);
            snapshot.set(Snapshot::idle(view, runner.current().version()));
        });
    }
    let on_frame = {
        let (runner, snapshot) = (runner.clone(), snapshot.clone());
        Callback::from(move |t: f64| {
            let Some((done, status, estimates)) = runner.update(|r| run_for_a_frame(r, t)) else { return };
            let (estimates, version) = match estimates {
                Some(e) => (e, runner.current().version()),
                None => (snapshot.estimates.clone(), snapshot.version),
            };
            snapshot.set(Snapshot { status, done, total: snapshot.total, estimates, version });
        })
    };
    use_animation_loop(snapshot.status == RunStatus::Running, on_frame);
    let on_start = {
        let (runner, snapshot, view) = (runner.clone(), snapshot.clone(), view.clone());
        Callback::from(move |_: ()| {
            let estimates = runner.update(|r| {
                let job = BornDeadJob::new(&view);
                let estimates = Rc::new(job.estimates());
                r.job = Some(job);
                r.budget.pause();
                r.budget.charts_now();
                r.started_ms = browser::now_ms();
                estimates
            });
            browser::mark("born-dead-start");
            let version = runner.current().version();
            snapshot.set(Snapshot {
                status: RunStatus::Running,
                done: 0,
                total: view.total_trials(),
                estimates,
                version,
            });
        })
    };
    let on_cancel = {
        let (runner, snapshot) = (runner.clone(), snapshot.clone());
        Callback::from(move |_: ()| {
            // Keep what was estimated so far on the page.
            let estimates = runner.update(|r| r.job.take().map(|j| Rc::new(j.estimates())));
            let mut next = (*snapshot).clone();
            next.status = RunStatus::Cancelled;
            if let Some(e) = estimates {
                next.estimates = e;
                next.version = runner.current().version();
            }
            snapshot.set(next);
        })
    };
    BornDeadJobHandle { snapshot: (*snapshot).clone(), on_start, on_cancel }
}

/// One frame's work: the networks done, the status, and the estimates when the chart and the
/// table are due (always at the end). `None` without a job.
fn run_for_a_frame(r: &mut Runner, t: f64) -> Option<(usize, RunStatus, Option<super::SchemeEstimates>)> {
    let budget_ms = r.budget.on_frame(t).train_ms;
    let job = r.job.as_mut()?;
    job.run_for(budget_ms, &mut browser::now_ms);
    let (done, finished) = (job.trials_done(), job.done());
    let redraw = finished || r.budget.charts_due(t);
    let estimates = redraw.then(|| Rc::new(job.estimates()));
    let status = if finished {
        r.job = None;
        RunStatus::Done { ms: browser::now_ms() - r.started_ms }
    } else {
        RunStatus::Running
    };
    Some((done, status, estimates))
}
