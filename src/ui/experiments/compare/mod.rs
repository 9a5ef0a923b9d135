//! Side by side: 2–4 activations trained in lockstep (same data, initial weights, minibatch
//! order, optimiser and learning rate), so that the only difference is the activation. One
//! decision boundary per activation, the test losses and the dead neurons overlaid, and a
//! summary table. The settings live in a reducer (pure, the core's `CompareState::apply`) and
//! in the URL (`cmp*` keys); the runs live beside it and are stepped together on animation
//! frames, paced by the core's `Pacer` so the page stays smooth.

mod charts;
mod multiples;
mod settings_panel;
mod slots;
mod table;
mod transport;

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::charts::line_chart::Series;
use crate::domain::experiments::compare::{loss_text, CompareState, Lockstep, Pacer, SlotSummary};
use crate::domain::nn::data::Dataset;
use crate::domain::nn::trainer::GridProbe;
use crate::domain::state::page::Notice;
use crate::ui::browser;
use crate::ui::hooks::{use_animation_loop, use_shortcuts};
use crate::ui::panel_png_button::PanelPngButton;
use crate::ui::running::{on_act, RunMsg, Running};

use charts::CompareCharts;
use multiples::Multiples;
use settings_panel::SharedSettings;
use slots::Slots;
use table::SummaryTable;
use transport::Transport;

/// Resolution of each small decision boundary (the canvases are about 200 px wide).
const GRID: usize = 50;
/// At most this many points per curve are handed to the charts (they decimate further).
const MAX_CHART_POINTS: usize = 1500;

/// The slot letters: "Copy A → B".
pub const LETTERS: [&str; 4] = ["A", "B", "C", "D"];

/// What to look for (2–4 sentences).
const INTRO: &str =
    "Every run here shares the data, the initial weights, the minibatch order, the optimiser and \
    the learning rate: only the activation differs, so every difference you see is the activation's doing. \
    Watch the dead-neuron chart: a ReLU whose input is negative for every training point gets no gradient \
    and never comes back, while leaky ReLU, ELU and GELU keep a little gradient there. Try the Dying ReLUs \
    preset (negative initial bias, Adam at a high learning rate): ReLU loses neurons in the first epochs, \
    the others none; then compare how many epochs each needs to reach the target loss.";

/// The runs and what was last measured on them. Equal when nothing new has happened, so
/// children re-render only when something changed.
#[derive(Clone)]
struct Live {
    runs: Rc<RefCell<Lockstep>>,
    /// The state the runs were built from (only its slots and shared settings matter).
    built: Rc<CompareState>,
    /// The training points (the same for every run).
    data: Rc<Dataset>,
    probes: Rc<Vec<Rc<GridProbe>>>,
    /// Dead neurons of each run when the probes were taken.
    dead: Rc<Vec<usize>>,
    epoch: usize,
    boundary_epoch: usize,
    chart_epoch: usize,
    version: u64,
    boundary_version: u64,
    chart_version: u64,
}

impl PartialEq for Live {
    fn eq(&self, other: &Self) -> bool {
        self.version == other.version && Rc::ptr_eq(&self.runs, &other.runs)
    }
}

impl Live {
    fn new(state: &CompareState, version: u64) -> Live {
        let runs = Lockstep::new(state);
        let data = runs.sessions().first().map(|s| s.dataset().clone()).unwrap_or(Dataset {
            kind: state.shared.dataset,
            train: Vec::new(),
            test: Vec::new(),
        });
        let mut live = Live {
            runs: Rc::new(RefCell::new(runs)),
            built: Rc::new(state.clone()),
            data: Rc::new(data),
            probes: Rc::new(Vec::new()),
            dead: Rc::new(Vec::new()),
            epoch: 0,
            boundary_epoch: 0,
            chart_epoch: 0,
            version,
            boundary_version: version,
            chart_version: version,
        };
        live.probe();
        live
    }

    /// Whether these runs were built for `state` (the target does not matter to them).
    fn built_for(&self, state: &CompareState) -> bool {
        self.built.slots == state.slots && self.built.shared == state.shared
    }

    /// New probes of every run; returns the time it took (ms).
    fn probe(&mut self) -> f64 {
        let start = browser::now_ms();
        let runs = self.runs.borrow();
        self.probes = Rc::new(runs.sessions().iter().map(|s| Rc::new(s.probe(GRID))).collect());
        self.dead = Rc::new(runs.sessions().iter().map(|s| s.metrics().dead_count()).collect());
        self.boundary_epoch = runs.epoch();
        browser::now_ms() - start
    }

    /// After the runs changed in place: a new version; the boundaries and the charts follow
    /// when asked. Returns the new value and the probes' time (0 when not probed).
    fn refreshed(&self, boundaries: bool, charts: bool) -> (Live, f64) {
        let mut next = self.clone();
        next.version += 1;
        next.epoch = self.runs.borrow().epoch();
        let mut probe_ms = 0.0;
        if boundaries {
            probe_ms = next.probe();
            next.boundary_version = next.version;
        }
        if charts {
            next.chart_epoch = next.epoch;
            next.chart_version = next.version;
        }
        (next, probe_ms)
    }
}

/// The name of slot `i` on charts and headings: "A · relu".
pub fn slot_name(i: usize, a: &crate::domain::activation::Activation) -> String {
    format!("{} · {a}", LETTERS.get(i).copied().unwrap_or("?"))
}

/// What the charts and the table show, rebuilt at most ~8 times a second.
#[derive(Clone)]
struct Charts {
    loss: Rc<Vec<Series>>,
    dead: Rc<Vec<Series>>,
    neurons: usize,
}

fn build_charts(live: &Live) -> Charts {
    let runs = live.runs.borrow();
    let names: Vec<String> = live.built.slots.iter().enumerate().map(|(i, a)| slot_name(i, a)).collect();
    let mut loss = Vec::new();
    let mut dead = Vec::new();
    for (i, s) in runs.sessions().iter().enumerate() {
        let h = s.history();
        let label = names.get(i).cloned().unwrap_or_default();
        loss.push(Series {
            label: label.clone(),
            points: h.sampled(MAX_CHART_POINTS, |k| h.test_loss[k]),
            colour: i,
            dashed: false,
        });
        let total = |k: usize| h.layers.iter().map(|l| l.dead[k]).sum::<usize>() as f64;
        dead.push(Series { label, points: h.sampled(MAX_CHART_POINTS, total), colour: i, dashed: false });
    }
    let neurons = runs.sessions().first().map_or(0, |s| s.metrics().neuron_count());
    Charts { loss: Rc::new(loss), dead: Rc::new(dead), neurons }
}

/// One sentence per run: "Epoch 50. A relu: test loss 0.123, 3 of 16 neurons dead. …"
fn spoken_summary(live: &Live, target: f64) -> String {
    let runs = live.runs.borrow();
    let mut text = format!("Epoch {}.", runs.epoch());
    for (i, (s, a)) in runs.sessions().iter().zip(&live.built.slots).enumerate() {
        let r = SlotSummary::of_session(s, target);
        let state = if r.diverged { " (diverged)" } else { "" };
        text.push_str(&format!(
            " {} {a}{state}: test loss {}, {} of {} neurons dead.",
            LETTERS.get(i).copied().unwrap_or("?"),
            loss_text(r.test_loss),
            r.dead,
            r.neurons
        ));
    }
    text
}

#[derive(Properties, PartialEq)]
pub struct CompareProps {
    pub on_notice: Callback<Vec<Notice>>,
}

#[component]
pub fn Compare(props: &CompareProps) -> Html {
    let initial = use_memo((), |_| CompareState::from_query(&browser::read_query()));
    let model = use_reducer(|| Running { state: initial.0.clone(), running: false });
    let live = use_state(|| Live::new(&initial.0, 0));
    let pacer = use_mut_ref(Pacer::default);

    {
        let (notices, on_notice) = (initial.1.clone(), props.on_notice.clone());
        use_effect_with((), move |_| {
            if !notices.is_empty() {
                on_notice.emit(notices);
            }
        });
    }
    // A change of the slots or of a shared setting starts new runs (all of them: they must stay
    // in lockstep).
    {
        let live = live.clone();
        use_effect_with(model.state.clone(), move |state| {
            if !live.built_for(state) {
                live.set(Live::new(state, live.version + 1));
            }
        });
    }
    // The link follows the state; every other key of the query is kept.
    use_effect_with(model.state.clone(), |state| {
        let mut query = browser::read_query();
        state.write_query(&mut query);
        browser::write_query(&query);
    });

    if !model.running {
        pacer.borrow_mut().pause();
    }
    let on_frame = {
        let (live, model, pacer) = (live.clone(), model.clone(), pacer.clone());
        Callback::from(move |t: f64| {
            let plan = pacer.borrow_mut().on_frame(t);
            let start = browser::now_ms();
            let mut rounds = 0;
            let (epoch, any_running) = {
                let mut runs = live.runs.borrow_mut();
                while rounds < plan.max_rounds && runs.any_running() {
                    runs.step(1);
                    rounds += 1;
                    if browser::now_ms() - start >= plan.train_ms {
                        break;
                    }
                }
                (runs.epoch(), runs.any_running())
            };
            pacer.borrow_mut().trained(rounds, browser::now_ms() - start);
            let boundaries = epoch != live.boundary_epoch && (plan.boundaries || !any_running);
            let charts = epoch != live.chart_epoch && (!any_running || pacer.borrow_mut().charts_due(t));
            if epoch != live.epoch || boundaries || charts {
                let (next, probe_ms) = live.refreshed(boundaries, charts);
                pacer.borrow_mut().drawn(probe_ms);
                live.set(next);
            }
            if !any_running {
                model.dispatch(RunMsg::Run(false));
            }
        })
    };
    use_animation_loop(model.running, on_frame);

    let on_action = on_act(&model);
    // Pausing shows everything at the epoch it stopped at (the table and the charts may lag
    // the boundaries by up to one chart interval while training).
    let on_run = {
        let (model, live) = (model.clone(), live.clone());
        Callback::from(move |run: bool| {
            if !run && (live.chart_epoch != live.epoch || live.boundary_epoch != live.epoch) {
                live.set(live.refreshed(true, true).0);
            }
            model.dispatch(RunMsg::Run(run));
        })
    };
    let on_step = {
        let live = live.clone();
        Callback::from(move |_: ()| {
            live.runs.borrow_mut().step(1);
            live.set(live.refreshed(true, true).0);
        })
    };
    let on_reset = {
        let live = live.clone();
        Callback::from(move |_: ()| {
            live.runs.borrow_mut().reset();
            live.set(live.refreshed(true, true).0);
        })
    };
    let on_drawn = {
        let pacer = pacer.clone();
        Callback::from(move |ms: f64| pacer.borrow_mut().drawn(ms))
    };

    // Keyboard: space play/pause, s step, r reset (not while typing in a field).
    {
        let (model, live, on_run, on_step, on_reset) =
            (model.clone(), live.clone(), on_run.clone(), on_step.clone(), on_reset.clone());
        use_shortcuts(Callback::from(move |e: KeyboardEvent| {
            let handled = match e.key().as_str() {
                " " => {
                    if live.runs.borrow().any_running() {
                        on_run.emit(!model.running);
                    }
                    true
                }
                "s" => {
                    on_step.emit(());
                    true
                }
                "r" => {
                    on_reset.emit(());
                    true
                }
                _ => false,
            };
            if handled {
                e.prevent_default();
            }
        }));
    }

    let charts = use_memo((live.chart_version, Rc::as_ptr(&live.runs) as usize), {
        let live = (*live).clone();
        move |_| build_charts(&live)
    });
    let target = model.state.target;
    let rows = use_memo((live.chart_version, Rc::as_ptr(&live.runs) as usize, target.to_bits()), {
        let live = (*live).clone();
        move |_| {
            let runs = live.runs.borrow();
            Rc::new(runs.sessions().iter().map(|s| SlotSummary::of_session(s, target)).collect::<Vec<_>>())
        }
    });
    // For screen readers: a summary that changes at most every 25 epochs (told, not flooded).
    let spoken = use_memo((live.epoch / 25, Rc::as_ptr(&live.runs) as usize), {
        let (live, target) = ((*live).clone(), target);
        move |_| spoken_summary(&live, target)
    });
    let any_running = live.runs.borrow().any_running();
    let regression = live.built.shared.is_regression();

    html! {
        <div class="compare" data-testid="compare">
            <p class="cmp-intro">{ INTRO }</p>
            <p class="visually-hidden" aria-live="polite" data-testid="cmp-live-summary">{ (*spoken).clone() }</p>
            <Transport running={model.running} epoch={live.epoch} {any_running}
                       {on_run} {on_step} {on_reset} on_action={on_action.clone()} />
            <div class="cmp-grid">
                <aside class="cmp-controls panel" aria-label="What is compared">
                    <Slots slots={model.state.slots.clone()} on_action={on_action.clone()} />
                    <SharedSettings state={model.state.clone()} train_len={live.data.train.len()} {on_action} />
                    <PanelPngButton name="cmp-controls" label="settings" />
                </aside>
                <div class="cmp-results">
                    <Multiples slots={live.built.slots.clone()} probes={live.probes.clone()} data={live.data.clone()}
                               dead={live.dead.clone()} neurons={charts.neurons} {regression}
                               version={live.boundary_version} {on_drawn} />
                    <SummaryTable slots={live.built.slots.clone()} rows={(*rows).clone()} {target}
                                  version={live.chart_version} />
                    <CompareCharts loss={charts.loss.clone()} dead={charts.dead.clone()} neurons={charts.neurons}
                                   version={live.chart_version} />
                </div>
            </div>
        </div>
    }
}
