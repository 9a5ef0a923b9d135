//! The Playground: a network learning live in the page. Settings live in a reducer (pure, the
//! core's `PlayState::apply`) and in the URL; the training `Session` is derived from them (a
//! change of a training setting gets a new one in the same render, so a view never shows new
//! settings with old weights) and is stepped once per animation frame while playing, within a
//! time budget so drawing stays smooth.

mod commands;
mod data_panel;
mod features;
mod live_charts;
mod model_file;
mod network;
mod output;
mod session;
mod summary;
mod top_bar;

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::nn::data::Point;
use crate::domain::nn::schedule::link_caveat;
use crate::domain::nn::trainer::{GridProbe, Session};
use crate::domain::state::page::Notice;
use crate::domain::state::play_url::data_link::MAX_LINK_POINTS;
use crate::domain::state::play_url::PlayState;
use crate::domain::state::playground::PlayAction;
use crate::domain::state::query::Query;
use crate::ui::export::export_menu::{ExportItem, ExportMenu};
use crate::ui::running::{use_on_act, Running};
use crate::ui::section::{self, on_run, use_keys, use_section, Keys, Link};
use crate::ui::shell::caveats::use_link_caveats;
use crate::ui::spans;

use commands::use_play_commands;
use data_panel::DataPanel;
use features::Features;
use live_charts::LiveCharts;
use model_file::{save_history, save_model, ModelFile};
use network::Network;
use output::Output;
use session::use_play_session;
use summary::Summary;
use top_bar::TopBar;

/// Keys of the page itself (not the Playground's settings) that stay in the link.
const PAGE_KEYS: [&str; 7] = ["tab", "lesson", "embed", "panels", "controls", "autoplay", "present"];

/// Resolution the decision boundary (and a hovered neuron's map) is drawn at in the output
/// plot: the probe grown twice along each side by bilinear interpolation of its values
/// ([`heatmap::upsample`](crate::charts::heatmap::upsample)).
pub const GRID: usize = 2 * NODE_GRID;
/// Resolution of the probe, and so of each node's heatmap in the diagram. A node is 2.5rem
/// (40 CSS px) wide, so 50 cells a side give more than one per pixel; the output plot is drawn
/// from the same probe at [`GRID`]. A quarter of the forward pass of probing at 100×100 (the
/// boundary's old resolution, and TF Playground's), for the same picture.
pub const NODE_GRID: usize = 50;
/// Side (cells) of each node's heatmap in the diagram: the probe averaged 2×2
/// ([`heatmap::shrink`](crate::charts::heatmap::shrink)). 25 cells on a 40-pixel node, smoothed by
/// the browser's scaling, show what a neuron computes (TF Playground draws 10), at a quarter of
/// the pixels to colour and copy every frame.
pub const NODE_MAP: usize = 25;

/// What the Playground's views are given: the session (at the version shown) and what was
/// last measured on it. Equal when nothing new has happened, so views re-render only when the
/// network changed.
#[derive(Clone)]
pub struct Live {
    pub session: section::Live<Session>,
    pub probe: Rc<GridProbe>,
    /// The session's version.
    pub version: u64,
    /// Changes when the slow-moving views (the live charts) should redraw.
    pub chart_version: u64,
}

impl PartialEq for Live {
    fn eq(&self, other: &Self) -> bool {
        self.session == other.session && self.chart_version == other.chart_version
    }
}

/// The Playground's settings from the link (`autoplay=1` or `true` starts training).
fn read_link(query: &Query) -> (Running<PlayState>, Vec<Notice>) {
    let (state, mut notices) = PlayState::from_query(query);
    let (running, notice) = crate::domain::state::page::autoplay(query);
    notices.extend(notice);
    (Running { state, running }, notices)
}

/// The link holds the page's own keys and the Playground's settings.
fn write_link(play: &PlayState, query: &mut Query) {
    let others: Vec<String> = query.keys().filter(|k| !PAGE_KEYS.contains(k)).map(str::to_string).collect();
    for key in others {
        query.remove(&key);
    }
    query.set("tab", "play");
    play.write_query(query);
}

#[derive(Properties, PartialEq)]
pub struct PlaygroundProps {
    pub on_notice: Callback<Vec<Notice>>,
}

#[component]
pub fn Playground(props: &PlaygroundProps) -> Html {
    let _span = spans::span("lab:play-render");
    let model = use_section(Link { read: read_link, write: write_link }, &props.on_notice);
    let play = use_play_session(&model);
    let hovered = use_state(|| None::<(usize, usize)>);
    let on_run = (*use_memo((), {
        let model = model.clone();
        move |_| on_run(&model)
    }))
    .clone();
    // Keyboard: space play/pause (a diverged run cannot play until it is reset), s step,
    // r reset (`?`, the list of shortcuts, is the shell's).
    let toggle = {
        let (on_run, running, diverged) =
            (on_run.clone(), model.running, play.live.session.borrow().status().is_diverged());
        Callback::from(move |_: ()| {
            if !diverged {
                on_run.emit(!running);
            }
        })
    };
    use_keys(Keys { toggle, step: play.on_step.clone(), reset: play.on_reset.clone(), other: None });
    use_play_commands(&model, &play, &props.on_notice);
    let caveat = link_caveat(&play.live.session.borrow().history().changes);
    use_link_caveats(caveat.into_iter().chain(data_caveat(&model.state)).collect());

    // A live setting changed by hand goes to the running session at once (and to the state).
    // The same callback while the settings and the session are (a frame changes neither), so
    // views given only it and the settings are not re-rendered by training.
    let dispatch = use_on_act(&model);
    let on_action = {
        let on_live = play.on_live.clone();
        use_callback((model.state.clone(), play.live.session.id()), move |action: PlayAction, (state, _)| {
            if let Some(change) = state.live_change(&action) {
                on_live.emit(change);
            }
            dispatch.emit(action);
        })
    };
    let on_hover = use_callback(hovered.clone(), |n: Option<(usize, usize)>, hovered| hovered.set(n));
    let (live, slow) = (&play.live, &play.slow);
    // The controls show the settings in effect (a scheduled change may have moved them).
    let state = &model.state.shown_with(live.session.borrow().settings());
    html! {
        <div class="playground">
            <div class="section-head">
                <h2>{ "Playground" }</h2>
                <p class="muted">{ "A small network learns in your browser. Watch the boundary form, neurons die (greyed, ✕) or saturate (≈), and gradients fade through depth." }</p>
            </div>
            <TopBar play={state.clone()} running={model.running} live={slow.clone()} on_action={on_action.clone()}
                    {on_run} on_step={play.on_step.clone()} on_reset={play.on_reset.clone()} />
            <div class="play-grid">
                <aside class="play-data panel">
                    <DataPanel play={state.clone()} live={slow.clone()} on_action={on_action.clone()} on_data={play.on_data.clone()}
                               on_notice={props.on_notice.clone()} />
                    <Features play={state.clone()} on_action={on_action.clone()} />
                    <ExportMenu name="play-data" label="data" />
                </aside>
                <section class="play-network panel" aria-label="Network">
                    <Network play={state.clone()} live={live.clone()} on_action={on_action.clone()}
                             hovered={*hovered} running={model.running} {on_hover} on_weight={play.on_weight.clone()}
                             on_notice={props.on_notice.clone()} />
                    <ExportMenu name="play-network" label="network" />
                </section>
                <section class="play-output panel" aria-label="Output">
                    <Output play={state.clone()} live={live.clone()} hovered={*hovered}
                            on_action={on_action.clone()} on_point={play.on_point.clone()} />
                    <ModelFile play={state.clone()} live={slow.clone()} on_load={play.on_load.clone()} />
                    <ExportMenu name="play-output" label="output" extra={output_files(state, live)} />
                </section>
            </div>
            <LiveCharts live={slow.clone()} />
            <Summary live={slow.clone()} />
        </div>
    }
}

/// The output panel's files, in its export menu: the model and the history.
fn output_files(play: &PlayState, live: &Live) -> Vec<ExportItem> {
    let (play, model_live, history_live) = (play.clone(), live.clone(), live.clone());
    vec![
        ExportItem {
            label: "Model file (JSON)".into(),
            testid: "export-model".into(),
            save: Callback::from(move |_: ()| save_model(&play, &model_live)),
        },
        ExportItem {
            label: "History (CSV)".into(),
            testid: "export-history-csv".into(),
            save: Callback::from(move |_: ()| save_history(&history_live)),
        },
    ]
}

/// What the link leaves out: custom points too many for it.
fn data_caveat(play: &PlayState) -> Option<String> {
    let n = play.custom.as_ref()?.len();
    (n > MAX_LINK_POINTS).then(|| {
        format!("This link does not include your {n} points: export them as CSV (Data panel) to share them.")
    })
}

/// A point drawn on (or removed from) the output plot.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PointEdit {
    Add(Point),
    Remove(f64, f64),
}
