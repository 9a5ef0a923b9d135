//! Side by side: 2–4 activations trained in lockstep (same data, initial weights, minibatch
//! order, optimiser and learning rate), so that the only difference is the activation. One
//! decision boundary per activation, the test losses and the dead neurons overlaid, and a
//! summary table. The settings live in a reducer (pure, the core's `CompareState::apply`) and
//! in the URL (`cmp*` keys); the runs live beside it and are stepped together on animation
//! frames, within the budget of the one frame controller so the page stays smooth.

mod charts;
mod multiples;
mod runs;
mod settings_panel;
mod slots;
mod table;
mod transport;

use std::rc::Rc;

use yew::prelude::*;

use crate::charts::line_chart::Series;
use crate::domain::experiments::compare::{loss_text, CompareState, SlotSummary};
use crate::domain::state::page::Notice;
use crate::domain::state::query::Query;
use crate::ui::export::export_menu::ExportMenu;
use crate::ui::running::{use_on_act, Running};
use crate::ui::section::{use_keys, use_section, Keys, Link};

use charts::CompareCharts;
use multiples::Multiples;
use runs::{use_compare_runs, Runs};
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
    Watch the dead-neuron chart: a ReLU whose input is negative for every training point gets no gradient, \
    while leaky ReLU, ELU and GELU keep a little gradient there. Try the Dying ReLUs preset (moons, a small \
    [4,4] network, negative initial bias, Adam at a high learning rate): ReLU starts losing neurons in the \
    first epochs, at least 2 of its 8 by epoch 400, and never gets them back; the others lose none. What it \
    costs: on most seeds the surviving ReLUs cannot bend around the moons and the test loss stays above 0.15, \
    while leaky ReLU fits them (below 0.01) on nearly every seed; on some seeds the survivors are enough. \
    Press Next seed to see both.";

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
    thinned: Option<String>,
}

fn build_charts(runs: &Runs) -> Charts {
    let names: Vec<String> = runs.built.slots.iter().enumerate().map(|(i, a)| slot_name(i, a)).collect();
    let mut loss = Vec::new();
    let mut dead = Vec::new();
    for (i, s) in runs.lockstep.sessions().iter().enumerate() {
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
    let neurons = runs.lockstep.sessions().first().map_or(0, |s| s.metrics().neuron_count());
    let thinned = runs.lockstep.sessions().first().and_then(|s| s.history().thinned_note());
    Charts { loss: Rc::new(loss), dead: Rc::new(dead), neurons, thinned }
}

/// One sentence per run: "Epoch 50. A relu: test loss 0.123, 3 of 16 neurons dead. …"
fn spoken_summary(runs: &Runs, target: f64) -> String {
    let mut text = format!("Epoch {}.", runs.epoch());
    for (i, (s, a)) in runs.lockstep.sessions().iter().zip(&runs.built.slots).enumerate() {
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

/// The compared runs' settings from the link (they never start training by themselves); every
/// other key of the query is kept.
fn read_link(query: &Query) -> (Running<CompareState>, Vec<Notice>) {
    let (state, notices) = CompareState::from_query(query);
    (Running { state, running: false }, notices)
}

#[component]
pub fn Compare(props: &CompareProps) -> Html {
    let model = use_section(Link { read: read_link, write: CompareState::write_query }, &props.on_notice);
    let runs = use_compare_runs(&model);
    let (live, chart_version) = (runs.shown.live.clone(), runs.shown.chart_version);
    let any_running = live.borrow().lockstep.any_running();
    // Keyboard: space play/pause, s step, r reset (not while typing in a field).
    let toggle = {
        let (on_run, running) = (runs.on_run.clone(), model.running);
        Callback::from(move |_: ()| {
            if any_running {
                on_run.emit(!running);
            }
        })
    };
    use_keys(Keys { toggle, step: runs.on_step.clone(), reset: runs.on_reset.clone(), other: None });

    let charts = use_memo((chart_version, live.id()), {
        let live = live.clone();
        move |_| build_charts(&live.borrow())
    });
    let target = model.state.target;
    let rows = use_memo((chart_version, live.id(), target), {
        let live = live.clone();
        move |_| {
            let sessions = live.borrow();
            Rc::new(
                sessions
                    .lockstep
                    .sessions()
                    .iter()
                    .map(|s| SlotSummary::of_session(s, target))
                    .collect::<Vec<_>>(),
            )
        }
    });
    let r = live.borrow();
    // For screen readers: a summary that changes at most every 25 epochs (told, not flooded).
    let spoken = use_memo((r.epoch() / 25, live.id()), {
        let live = live.clone();
        move |_| spoken_summary(&live.borrow(), target)
    });
    let on_action = use_on_act(&model);
    let (slots, regression) = (r.built.slots.clone(), r.built.shared.is_regression());

    html! {
        <div class="compare" data-testid="compare">
            <p class="cmp-intro">{ INTRO }</p>
            <p class="visually-hidden" aria-live="polite" data-testid="cmp-live-summary">{ (*spoken).clone() }</p>
            <Transport running={model.running} epoch={r.epoch()} {any_running} on_run={runs.on_run.clone()}
                       on_step={runs.on_step.clone()} on_reset={runs.on_reset.clone()} on_action={on_action.clone()} />
            <div class="cmp-grid">
                <aside class="cmp-controls panel" aria-label="What is compared">
                    <Slots slots={model.state.slots.clone()} on_action={on_action.clone()} />
                    <SharedSettings state={model.state.clone()} train_len={r.data.train.len()} {on_action} />
                    <ExportMenu name="cmp-controls" label="settings" />
                </aside>
                <div class="cmp-results">
                    <Multiples slots={slots.clone()} probes={r.probes.clone()} data={r.data.clone()}
                               dead={r.dead.clone()} neurons={charts.neurons} {regression}
                               version={r.probes_taken} on_drawn={runs.on_drawn.clone()} />
                    <SummaryTable slots={slots.clone()} rows={(*rows).clone()} {target} version={chart_version} />
                    <CompareCharts loss={charts.loss.clone()} dead={charts.dead.clone()} neurons={charts.neurons}
                                   version={chart_version} thinned={charts.thinned.clone()} />
                </div>
            </div>
        </div>
    }
}
