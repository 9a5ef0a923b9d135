//! The "Born dead" experiment (Lu, Shin, Su & Karniadakis, "Dying ReLU and Initialization",
//! 2019): how likely a randomly initialised ReLU network is a constant function before training,
//! against depth, per width, for He's symmetric initialisation and the paper's randomized
//! asymmetric one (RAI). The settings live in a reducer (pure, the core's `BornDeadView::apply`)
//! and in the URL; the Monte-Carlo job lives beside it and is stepped once per animation frame
//! within an adaptive time budget, so the page stays responsive and the curves fill in live.

mod chart;
mod controls;
mod intro;
mod progress;
mod runner;
mod table;

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::experiments::born_dead::{Estimate, InitScheme};
use crate::domain::experiments::born_dead_view::{BornDeadAction, BornDeadView};
use crate::domain::state::page::Notice;
use crate::domain::state::query::Query;
use crate::domain::state::transition::Transition;
use crate::ui::export::export_menu::ExportMenu;
use crate::ui::running::{use_on_act, Running};
use crate::ui::section::{use_section, Link};

use chart::BdChart;
use controls::BdControls;
use progress::BdProgress;
use runner::use_born_dead_job;
use table::BdTable;

/// The settings change only through their pure `apply` (the section's reducer never trains:
/// the job runs beside it).
impl Transition for BornDeadView {
    type Action = BornDeadAction;
    fn next(&self, action: BornDeadAction) -> Self {
        self.apply(action)
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
    pub(crate) fn idle(view: &BornDeadView, version: u64) -> Snapshot {
        Snapshot {
            status: RunStatus::Idle,
            done: 0,
            total: view.total_trials(),
            estimates: Rc::new(Vec::new()),
            version,
        }
    }
}

/// The experiment's settings from the link.
fn read_link(query: &Query) -> (Running<BornDeadView>, Vec<Notice>) {
    let (state, notices) = BornDeadView::from_query(query);
    (Running { state, running: false }, notices)
}

fn write_link(view: &BornDeadView, query: &mut Query) {
    query.set("tab", "experiments");
    query.set("exp", "born-dead");
    view.write_query(query);
}

#[derive(Properties, PartialEq)]
pub struct BornDeadProps {
    pub on_notice: Callback<Vec<Notice>>,
}

#[component]
pub fn BornDead(props: &BornDeadProps) -> Html {
    let model = use_section(Link { read: read_link, write: write_link }, &props.on_notice);
    let job = use_born_dead_job(&model.state);
    let on_action = use_on_act(&model);
    let view = &model.state;
    let snapshot = &job.snapshot;
    let running = snapshot.status == RunStatus::Running;
    let has_run = matches!(snapshot.status, RunStatus::Done { .. } | RunStatus::Cancelled);
    html! {
        <div class="bd" data-testid="born-dead">
            { intro::intro() }
            <div class="bd-top">
                <section class="panel bd-side" aria-label="Settings of the experiment">
                    <BdControls view={view.clone()} {running} {on_action} on_start={job.on_start.clone()}
                                on_cancel={job.on_cancel.clone()} {has_run} />
                    <BdProgress snapshot={snapshot.clone()} />
                    <ExportMenu name="bd-settings" label="settings" />
                </section>
                <section class="panel bd-main" aria-label="Born-dead probability against depth">
                    <BdChart view={view.clone()} estimates={snapshot.estimates.clone()} version={snapshot.version} />
                    <ExportMenu name="bd-chart" label="chart" />
                </section>
            </div>
            <section class="panel bd-figures" aria-label="Table of figures">
                <BdTable view={view.clone()} estimates={snapshot.estimates.clone()} version={snapshot.version} />
                <p class="muted bd-method">
                    { "Method: for each width, K networks (2 inputs, ReLU hidden layers, He: weights N(0, 2/fan-in) and zero biases; RAI: one positive Beta(2, 1) entry per neuron among its weights and bias, the others N(0, 0.6007²/fan-in)) are drawn at the greatest depth and tested on a grid of inputs over [−√3, √3]². The network of depth d is the first d layers of the same draw, so every depth of a curve comes from the same K networks. Bands and intervals: Wilson 95%." }
                </p>
                <ExportMenu name="bd-table" label="table of figures" />
            </section>
        </div>
    }
}

/// For the children: the estimates of one scheme, if it was run.
pub fn scheme_estimates(all: &[(InitScheme, Vec<Estimate>)], scheme: InitScheme) -> Option<&[Estimate]> {
    all.iter().find(|(s, _)| *s == scheme).map(|(_, e)| e.as_slice())
}
