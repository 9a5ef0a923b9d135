//! Gradients through depth: a deep, narrow network trained with 2–4 activations side by side
//! (same data, initial weights and minibatch order). Heat strips of the per-layer gradient norm
//! over the epochs, the per-layer norms now (chart and table), and histograms of the
//! activations at initialisation. The settings live in a reducer (pure, the core's
//! `DepthState::apply`) and in the URL; the sessions are stepped once per animation frame while
//! playing, within an adaptive time budget, and the charts redraw at most ~8 times a second.

mod controls;
mod histograms;
mod intro;
mod layer_chart;
mod norm_table;
mod strips;

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::experiments::depth::{first_to_last, shared_log_range, strip_columns, DepthState};
use crate::domain::experiments::lockstep::Lockstep;
use crate::domain::frame_budget::{train_within, FramePlan, Trained, DEPTH};
use crate::domain::nn::settings::Settings;
use crate::domain::nn::trainer::{Session, Status};
use crate::domain::state::page::Notice;
use crate::domain::state::query::Query;
use crate::ui::export::export_menu::ExportMenu;
use crate::ui::running::{untimed_refresh, use_budgeted_training, use_on_act, Running};
use crate::ui::section::{on_run, use_derived, use_section, Link};
use crate::ui::shell::browser;

use controls::DepthControls;
use histograms::InitHistograms;
use layer_chart::LayerChart;
use norm_table::NormTable;
use strips::HeatStrips;

/// The heat strips get at most this many columns (longer runs are merged).
const STRIP_COLUMNS: usize = 600;
/// Resolution of the input-plane grid whose activations the histograms show.
const HIST_GRID: usize = 24;

/// The sessions (one per activation, in lockstep) and the activations at initialisation.
pub struct Runs {
    pub lockstep: Lockstep,
    /// `init[slot][layer]`: every hidden neuron's activation over the input grid, at epoch 0.
    pub init: Rc<Vec<Vec<Vec<f32>>>>,
}

impl Runs {
    fn new(settings: &[Settings]) -> Runs {
        let sessions: Vec<Session> = settings.iter().cloned().map(Session::new).collect();
        let init = sessions
            .iter()
            .map(|s| s.probe(HIST_GRID).hidden.into_iter().map(|layer| layer.concat()).collect())
            .collect();
        Runs { lockstep: Lockstep::new(sessions), init: Rc::new(init) }
    }

    /// Whether these runs were built for `settings`.
    fn fits(&self, settings: &Vec<Settings>) -> bool {
        let sessions = self.lockstep.sessions();
        sessions.len() == settings.len()
            && sessions.iter().zip(settings).all(|(s, want)| s.settings() == &want.clamped())
    }

    /// The epoch shown: that of the runs still training (in lockstep); when every run has
    /// diverged, the furthest.
    pub fn epoch(&self) -> usize {
        self.lockstep.epoch()
    }

    pub fn all_diverged(&self) -> bool {
        !self.lockstep.any_running()
    }

    /// One epoch more for every run still training (the rest of it, when paused mid-epoch).
    fn step(&mut self) {
        self.lockstep.step(1);
    }

    fn reset(&mut self) {
        self.lockstep.reset();
    }
}

/// What the charts and the table show of one run, taken at chart time.
#[derive(Clone, Debug, PartialEq)]
pub struct SlotView {
    /// The activation's text form.
    pub label: String,
    pub epoch: usize,
    /// Heat-strip columns: their epochs and one row per weight layer (hidden, then output).
    pub strip_epochs: Vec<usize>,
    pub strip_rows: Vec<Vec<f64>>,
    /// The gradient norm of every weight layer now (hidden, then output).
    pub norms: Vec<f64>,
    /// Layer 1 over the last hidden layer, now.
    pub ratio: Option<f64>,
    pub test_accuracy: Option<f64>,
    /// Why training stopped, if it did.
    pub diverged: Option<String>,
}

/// Every run's view and one colour range for all strips.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    pub slots: Vec<SlotView>,
    pub log_range: (f64, f64),
}

fn snapshot(runs: &Runs) -> Snapshot {
    let slots: Vec<SlotView> = runs
        .lockstep
        .sessions()
        .iter()
        .map(|s| {
            let (strip_epochs, strip_rows) = strip_columns(s.history(), STRIP_COLUMNS);
            let norms = s.metrics().grad_norms();
            SlotView {
                label: s.settings().activation.to_string(),
                epoch: s.epoch(),
                strip_epochs,
                strip_rows,
                ratio: first_to_last(&norms),
                norms,
                test_accuracy: s.metrics().test_accuracy,
                diverged: match s.status() {
                    Status::Diverged { message, .. } => Some(message.clone()),
                    Status::Running => None,
                },
            }
        })
        .collect();
    let log_range = shared_log_range(slots.iter().flat_map(|v| v.strip_rows.iter().flatten().copied()));
    Snapshot { slots, log_range }
}

/// A unit of every run at a time (the runs in lockstep) until the frame's budget or its most
/// rounds are spent. Stops when every run has.
fn train_for_a_frame(runs: &mut Runs, plan: FramePlan) -> Trained {
    train_within(&mut runs.lockstep, plan.max_rounds, plan.train_ms, browser::now_ms)
}

/// The depth experiment's settings from the link (it never starts training by itself).
fn read_link(query: &Query) -> (Running<DepthState>, Vec<Notice>) {
    let (state, notices) = DepthState::from_query(query);
    (Running { state, running: false }, notices)
}

fn write_link(state: &DepthState, query: &mut Query) {
    query.set("tab", "experiments");
    query.set("exp", "depth");
    state.write_query(query);
}

#[derive(Properties, PartialEq)]
pub struct DepthProps {
    pub on_notice: Callback<Vec<Notice>>,
}

#[component]
pub fn Depth(props: &DepthProps) -> Html {
    let model = use_section(Link { read: read_link, write: write_link }, &props.on_notice);
    let (held, shown) = use_derived(model.state.all_settings(), Runs::fits, |s| Runs::new(s));
    let live = shown.live.clone();

    let train = {
        let live = live.clone();
        Callback::from(move |plan: FramePlan| live.update(|runs| train_for_a_frame(runs, plan)))
    };
    let refresh = {
        let (held, shown) = (held.clone(), shown.clone());
        Callback::from(move |charts: bool| held.set(shown.refreshed(charts)))
    };
    let on_frame = untimed_refresh(&refresh);
    use_budgeted_training(&model, DEPTH, train, on_frame);

    let on_action = use_on_act(&model);
    let on_run = {
        let (on_run, refresh) = (on_run(&model), refresh.clone());
        Callback::from(move |run: bool| {
            if !run {
                // The charts catch up with the last epochs trained.
                refresh.emit(true);
            }
            on_run.emit(run);
        })
    };
    let on_step = live.command(&refresh, Runs::step);
    let on_reset = live.command(&refresh, Runs::reset);

    let snap = use_memo((shown.chart_version, live.id()), {
        let live = live.clone();
        move |_| snapshot(&live.borrow())
    });
    let version = shown.chart_version;
    let state = &model.state;
    let hist_slot = state.hist.min(state.activations.len().saturating_sub(1));
    let (epoch, all_diverged, init) = {
        let runs = live.borrow();
        (runs.epoch(), runs.all_diverged(), runs.init.clone())
    };

    html! {
        <div class="depth">
            { intro::intro() }
            <DepthControls state={state.clone()} running={model.running} {epoch}
                           {all_diverged} on_action={on_action.clone()}
                           {on_run} {on_step} {on_reset} />
            <div class="depth-grid">
                <section class="panel depth-strips" aria-label="Gradient norm per layer over the epochs">
                    <HeatStrips snapshot={snap.clone()} {version} />
                    <ExportMenu name="depth-strips" label="heat strips" />
                </section>
                <section class="panel depth-now" aria-label="Gradient norm per layer now">
                    <LayerChart snapshot={snap.clone()} {version} />
                    <NormTable snapshot={snap.clone()} {version} />
                    <ExportMenu name="depth-now" label="gradients now" />
                </section>
            </div>
            <section class="panel depth-hists" aria-label="Activations at initialisation">
                <InitHistograms activations={state.activations.clone()} slot={hist_slot} {init} {on_action} />
                <ExportMenu name="depth-hists" label="histograms" />
            </section>
        </div>
    }
}
