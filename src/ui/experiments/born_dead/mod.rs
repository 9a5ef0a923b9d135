//! The "Born dead" experiment (Lu, Shin, Su & Karniadakis, "Dying ReLU and Initialization",
//! 2019): how likely a randomly initialised ReLU network is a constant function before training,
//! against depth, per width, for He's symmetric initialisation and the paper's randomized
//! asymmetric one (RAI). The settings live in a reducer (pure, the core's `BornDeadView::apply`)
//! and in the URL; the Monte-Carlo job lives beside it and is stepped once per animation frame
//! within an adaptive time budget, so the page stays responsive and the curves fill in live.

mod chart;
mod controls;
mod progress;
mod table;

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::experiments::born_dead::{Estimate, InitScheme};
use crate::domain::experiments::born_dead_view::{BornDeadAction, BornDeadJob, BornDeadView, WorkBudget};
use crate::domain::state::page::Notice;
use crate::ui::browser;
use crate::ui::hooks::use_animation_loop;
use crate::ui::panel_png_button::PanelPngButton;

use chart::BdChart;
use controls::BdControls;
use progress::BdProgress;
use table::BdTable;

/// The chart and the table redraw at most this often while a run goes on.
const REDRAW_INTERVAL_MS: f64 = 125.0;

/// The reducer's state: the settings (pure `apply`).
#[derive(Clone, PartialEq)]
struct Model(BornDeadView);

impl Reducible for Model {
    type Action = BornDeadAction;
    fn reduce(self: Rc<Self>, action: BornDeadAction) -> Rc<Self> {
        Rc::new(Model(self.0.apply(action)))
    }
}

/// Where the run is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RunStatus {
    Idle,
    Running,
    /// Finished in `ms` milliseconds.
    Done {
        ms: f64,
    },
    Cancelled,
}

/// The estimates of every scheme run, as last copied out of the job.
pub type SchemeEstimates = Rc<Vec<(InitScheme, Vec<Estimate>)>>;

/// What the page shows of the run. `version` changes whenever `estimates` does, so the chart
/// and the table re-render only then (not on every frame's progress).
#[derive(Clone, PartialEq)]
pub struct Snapshot {
    pub status: RunStatus,
    pub done: usize,
    pub total: usize,
    pub estimates: SchemeEstimates,
    pub version: u64,
}

impl Snapshot {
    fn idle(view: &BornDeadView, version: u64) -> Snapshot {
        Snapshot {
            status: RunStatus::Idle,
            done: 0,
            total: view.total_trials(),
            estimates: Rc::new(Vec::new()),
            version,
        }
    }
}

/// The job and its frame bookkeeping (not rendered).
struct Runner {
    job: Option<BornDeadJob>,
    budget: WorkBudget,
    started_ms: f64,
    last_redraw: f64,
    version: u64,
}

#[derive(Properties, PartialEq)]
pub struct BornDeadProps {
    pub on_notice: Callback<Vec<Notice>>,
}

#[component]
pub fn BornDead(props: &BornDeadProps) -> Html {
    let initial = use_memo((), |_| BornDeadView::from_query(&browser::read_query()));
    let model = use_reducer(|| Model(initial.0.clone()));
    let runner = use_mut_ref(|| Runner {
        job: None,
        budget: WorkBudget::default(),
        started_ms: 0.0,
        last_redraw: f64::NEG_INFINITY,
        version: 0,
    });
    let snapshot = use_state(|| Snapshot::idle(&initial.0, 0));

    {
        let (notices, on_notice) = (initial.1.clone(), props.on_notice.clone());
        use_effect_with((), move |_| {
            if !notices.is_empty() {
                on_notice.emit(notices);
            }
        });
    }
    // The link follows the settings; results of other settings are dropped.
    {
        let (runner, snapshot) = (runner.clone(), snapshot.clone());
        use_effect_with(model.0.clone(), move |view| {
            let mut query = browser::read_query();
            query.set("tab", "experiments");
            query.set("exp", "born-dead");
            view.write_query(&mut query);
            browser::write_query(&query);
            // The page shows results of the settings shown, or none (the controls are locked
            // while a run goes on, so this drops a finished or cancelled run).
            let mut r = runner.borrow_mut();
            r.job = None;
            r.version += 1;
            snapshot.set(Snapshot::idle(view, r.version));
        });
    }

    let on_frame = {
        let (runner, snapshot) = (runner.clone(), snapshot.clone());
        Callback::from(move |t: f64| {
            let mut guard = runner.borrow_mut();
            let r = &mut *guard;
            let budget_ms = r.budget.on_frame(t);
            let Some(job) = r.job.as_mut() else { return };
            job.run_for(budget_ms, &mut browser::now_ms);
            let (done, finished) = (job.trials_done(), job.done());
            let redraw = finished || t - r.last_redraw >= REDRAW_INTERVAL_MS;
            let estimates = if redraw { Some(Rc::new(job.estimates())) } else { None };
            let status = if finished {
                r.job = None;
                RunStatus::Done { ms: browser::now_ms() - r.started_ms }
            } else {
                RunStatus::Running
            };
            let (estimates, version) = match estimates {
                Some(e) => {
                    r.last_redraw = t;
                    r.version += 1;
                    (e, r.version)
                }
                None => (snapshot.estimates.clone(), snapshot.version),
            };
            snapshot.set(Snapshot { status, done, total: snapshot.total, estimates, version });
        })
    };
    use_animation_loop(snapshot.status == RunStatus::Running, on_frame);

    let on_action = {
        let model = model.clone();
        Callback::from(move |a: BornDeadAction| model.dispatch(a))
    };
    let on_start = {
        let (runner, snapshot, view) = (runner.clone(), snapshot.clone(), model.0.clone());
        Callback::from(move |_: ()| {
            let mut r = runner.borrow_mut();
            let job = BornDeadJob::new(&view);
            let estimates = Rc::new(job.estimates());
            r.job = Some(job);
            r.budget.pause();
            r.started_ms = browser::now_ms();
            r.last_redraw = f64::NEG_INFINITY;
            r.version += 1;
            browser::mark("born-dead-start");
            snapshot.set(Snapshot {
                status: RunStatus::Running,
                done: 0,
                total: view.total_trials(),
                estimates,
                version: r.version,
            });
        })
    };
    let on_cancel = {
        let (runner, snapshot) = (runner.clone(), snapshot.clone());
        Callback::from(move |_: ()| {
            let mut r = runner.borrow_mut();
            // Keep what was estimated so far on the page.
            let estimates = r.job.take().map(|j| Rc::new(j.estimates()));
            r.version += 1;
            let mut next = (*snapshot).clone();
            next.status = RunStatus::Cancelled;
            if let Some(e) = estimates {
                next.estimates = e;
                next.version = r.version;
            }
            snapshot.set(next);
        })
    };

    let view = &model.0;
    let running = snapshot.status == RunStatus::Running;
    html! {
        <div class="bd" data-testid="born-dead">
            <div class="bd-intro">
                <h3>{ "Born dead: a ReLU network that is constant before it learns" }</h3>
                <p>
                    { "A ReLU network is " }<em>{ "born dead" }</em>
                    { " when, at initialisation, some layer outputs zero for every input: the network is then a constant function and gradient descent cannot move it. Lu, Shin, Su & Karniadakis (" }
                    <cite>{ "Dying ReLU and Initialization" }</cite>
                    { ", 2019) prove that with a symmetric initialisation such as He's this probability tends to 1 as the network gets deeper, and faster the narrower it is. Look for each solid curve climbing towards 1 (width 2 first, wide nets last), and for the dashed curves of the paper's randomized asymmetric initialisation (RAI), which stay lower at every depth." }
                </p>
            </div>
            <div class="bd-top">
                <section class="panel bd-side" aria-label="Settings of the experiment">
                    <BdControls view={view.clone()} {running} {on_action} {on_start} {on_cancel}
                                has_run={matches!(snapshot.status, RunStatus::Done { .. } | RunStatus::Cancelled)} />
                    <BdProgress snapshot={(*snapshot).clone()} />
                    <PanelPngButton name="bd-settings" label="settings" />
                </section>
                <section class="panel bd-main" aria-label="Born-dead probability against depth">
                    <BdChart view={view.clone()} estimates={snapshot.estimates.clone()} version={snapshot.version} />
                    <PanelPngButton name="bd-chart" label="chart" />
                </section>
            </div>
            <section class="panel bd-figures" aria-label="Table of figures">
                <BdTable view={view.clone()} estimates={snapshot.estimates.clone()} version={snapshot.version} />
                <p class="muted bd-method">
                    { "Method: for each width, K networks (2 inputs, ReLU hidden layers, He: weights N(0, 2/fan-in) and zero biases; RAI: one positive Beta(2, 1) entry per neuron among its weights and bias, the others N(0, 0.6007²/fan-in)) are drawn at the greatest depth and tested on a grid of inputs over [−√3, √3]². The network of depth d is the first d layers of the same draw, so every depth of a curve comes from the same K networks. Bands and intervals: Wilson 95%." }
                </p>
                <PanelPngButton name="bd-table" label="table of figures" />
            </section>
        </div>
    }
}

/// For the children: the estimates of one scheme, if it was run.
pub fn scheme_estimates(all: &[(InitScheme, Vec<Estimate>)], scheme: InitScheme) -> Option<&[Estimate]> {
    all.iter().find(|(s, _)| *s == scheme).map(|(_, e)| e.as_slice())
}
