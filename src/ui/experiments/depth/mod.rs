//! Gradients through depth: a deep, narrow network trained with 2–4 activations side by side
//! (same data, initial weights and minibatch order). Heat strips of the per-layer gradient norm
//! over the epochs, the per-layer norms now (chart and table), and histograms of the
//! activations at initialisation. The settings live in a reducer (pure, the core's
//! `DepthState::apply`) and in the URL; the sessions are stepped once per animation frame while
//! playing, within an adaptive time budget, and the charts redraw at most ~8 times a second.

mod controls;
mod histograms;
mod layer_chart;
mod norm_table;
mod strips;

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::ui::running::{on_act, use_budgeted_training, RunMsg, Running};

use crate::domain::experiments::depth::{first_to_last, shared_log_range, strip_columns, DepthState};
use crate::domain::nn::settings::Settings;
use crate::domain::nn::trainer::{Session, Status};
use crate::domain::state::page::Notice;
use crate::ui::browser;
use crate::ui::panel_png_button::PanelPngButton;

use controls::DepthControls;
use histograms::InitHistograms;
use layer_chart::LayerChart;
use norm_table::NormTable;
use strips::HeatStrips;

/// At most this many session-epochs per frame, so small networks do not race through the run.
const MAX_STEPS_PER_FRAME: usize = 12;
/// The heat strips get at most this many columns (longer runs are merged).
const STRIP_COLUMNS: usize = 600;
/// Resolution of the input-plane grid whose activations the histograms show.
const HIST_GRID: usize = 24;

/// The sessions (one per activation) and the activations at initialisation. Equal when nothing
/// new has happened, so children re-render only on change.
#[derive(Clone)]
pub struct Live {
    pub sessions: Rc<RefCell<Vec<Session>>>,
    /// `init[slot][layer]`: every hidden neuron's activation over the input grid, at epoch 0.
    pub init: Rc<Vec<Vec<Vec<f32>>>>,
    pub version: u64,
    /// Changes when the charts should redraw.
    pub chart_version: u64,
}

impl PartialEq for Live {
    fn eq(&self, other: &Self) -> bool {
        self.version == other.version && Rc::ptr_eq(&self.sessions, &other.sessions)
    }
}

impl Live {
    fn new(settings: Vec<Settings>, version: u64) -> Live {
        let sessions: Vec<Session> = settings.into_iter().map(Session::new).collect();
        let init = sessions
            .iter()
            .map(|s| s.probe(HIST_GRID).hidden.into_iter().map(|layer| layer.concat()).collect())
            .collect();
        Live {
            sessions: Rc::new(RefCell::new(sessions)),
            init: Rc::new(init),
            version,
            chart_version: version,
        }
    }

    /// After the sessions changed in place: a new version; the charts follow when `charts`.
    fn refreshed(&self, charts: bool) -> Live {
        let version = self.version + 1;
        Live {
            sessions: self.sessions.clone(),
            init: self.init.clone(),
            version,
            chart_version: if charts { version } else { self.chart_version },
        }
    }

    /// The epoch shown: the fewest epochs of a run still training (the runs take turns, so they
    /// differ by at most one); when every run has diverged, the furthest.
    pub fn epoch(&self) -> usize {
        let sessions = self.sessions.borrow();
        let running = sessions.iter().filter(|s| !s.status().is_diverged()).map(Session::epoch).min();
        running.unwrap_or_else(|| sessions.iter().map(Session::epoch).max().unwrap_or(0))
    }

    pub fn all_diverged(&self) -> bool {
        self.sessions.borrow().iter().all(|s| s.status().is_diverged())
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

fn snapshot(live: &Live) -> Snapshot {
    let sessions = live.sessions.borrow();
    let slots: Vec<SlotView> = sessions
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

/// One epoch at a time for the run that is furthest behind (so the runs stay in step), until
/// the frame's budget is spent (at least one). Returns whether every run has stopped.
fn train_for_a_frame(sessions: &RefCell<Vec<Session>>, budget_ms: f64) -> bool {
    let start = browser::now_ms();
    let mut sessions = sessions.borrow_mut();
    for _ in 0..MAX_STEPS_PER_FRAME {
        let behind = sessions.iter_mut().filter(|s| !s.status().is_diverged()).min_by_key(|s| s.epoch());
        let Some(session) = behind else { return true };
        session.step(1);
        if browser::now_ms() - start > budget_ms {
            break;
        }
    }
    sessions.iter().all(|s| s.status().is_diverged())
}

#[derive(Properties, PartialEq)]
pub struct DepthProps {
    pub on_notice: Callback<Vec<Notice>>,
}

#[component]
pub fn Depth(props: &DepthProps) -> Html {
    let initial = use_memo((), |_| DepthState::from_query(&browser::read_query()));
    let model = use_reducer(|| Running { state: initial.0.clone(), running: false });
    let live = use_state(|| Live::new(initial.0.all_settings(), 0));

    {
        let (notices, on_notice) = (initial.1.clone(), props.on_notice.clone());
        use_effect_with((), move |_| {
            if !notices.is_empty() {
                on_notice.emit(notices);
            }
        });
    }
    // A change of a training setting starts new runs (new data and weights from the seed).
    {
        let live = live.clone();
        use_effect_with(model.state.all_settings(), move |settings| {
            let same = {
                let sessions = live.sessions.borrow();
                sessions.len() == settings.len()
                    && sessions.iter().zip(settings).all(|(s, want)| s.settings() == &want.clamped())
            };
            if !same {
                live.set(Live::new(settings.clone(), live.version + 1));
            }
        });
    }
    // The link follows the settings; every other key is kept.
    use_effect_with(model.state.clone(), |state| {
        let mut query = browser::read_query();
        query.set("tab", "experiments");
        query.set("exp", "depth");
        state.write_query(&mut query);
        browser::write_query(&query);
    });

    let train = {
        let sessions = live.sessions.clone();
        Callback::from(move |train_ms: f64| train_for_a_frame(&sessions, train_ms))
    };
    let refresh = {
        let live = live.clone();
        Callback::from(move |charts: bool| live.set(live.refreshed(charts)))
    };
    use_budgeted_training(&model, train, refresh);

    let on_action = on_act(&model);
    let on_run = {
        let (model, live) = (model.clone(), live.clone());
        Callback::from(move |run: bool| {
            if !run {
                // The charts catch up with the last epochs trained.
                live.set(live.refreshed(true));
            }
            model.dispatch(RunMsg::Run(run));
        })
    };
    let on_step = {
        let live = live.clone();
        Callback::from(move |_: ()| {
            let target = live.epoch() + 1;
            for s in live.sessions.borrow_mut().iter_mut() {
                while s.epoch() < target && !s.status().is_diverged() {
                    s.step(1);
                }
            }
            live.set(live.refreshed(true));
        })
    };
    let on_reset = {
        let live = live.clone();
        Callback::from(move |_: ()| {
            for s in live.sessions.borrow_mut().iter_mut() {
                s.reset();
            }
            live.set(live.refreshed(true));
        })
    };

    let snap = use_memo((live.chart_version, Rc::as_ptr(&live.sessions) as usize), {
        let live = (*live).clone();
        move |_| snapshot(&live)
    });
    let version = live.chart_version;
    let state = &model.state;
    let hist_slot = state.hist.min(state.activations.len().saturating_sub(1));

    html! {
        <div class="depth">
            <div class="depth-intro">
                <h3>{ "Gradients through depth" }</h3>
                <p data-testid="depth-explain">
                    { "Each strip is one network: a row per layer (layer 1 at the top, output at the bottom), a column per epoch, coloured by the size of the gradient reaching that layer's weights (log scale, the same for all strips). " }
                    { "Sigmoid's slope is at most ¼, so the gradient shrinks at every layer on its way back: the sigmoid network's first layer gets about a millionth of what its last gets, stays dark, and does not learn. " }
                    { "ReLU passes the gradient on unchanged wherever it is active, so with He initialisation every layer gets a gradient of similar size and the network learns. " }
                    { "Below, the activations of the first forward pass: mass piled at the ends of a sigmoid's or tanh's range is saturation, where the slope, and with it the gradient, is nearly zero." }
                </p>
            </div>
            <DepthControls state={state.clone()} running={model.running} epoch={live.epoch()}
                           all_diverged={live.all_diverged()} on_action={on_action.clone()}
                           {on_run} {on_step} {on_reset} />
            <div class="depth-grid">
                <section class="panel depth-strips" aria-label="Gradient norm per layer over the epochs">
                    <HeatStrips snapshot={snap.clone()} {version} />
                    <PanelPngButton name="depth-strips" label="heat strips" />
                </section>
                <section class="panel depth-now" aria-label="Gradient norm per layer now">
                    <LayerChart snapshot={snap.clone()} {version} />
                    <NormTable snapshot={snap.clone()} {version} />
                    <PanelPngButton name="depth-now" label="gradients now" />
                </section>
            </div>
            <section class="panel depth-hists" aria-label="Activations at initialisation">
                <InitHistograms activations={state.activations.clone()} slot={hist_slot} init={live.init.clone()} {on_action} />
                <PanelPngButton name="depth-hists" label="histograms" />
            </section>
        </div>
    }
}
