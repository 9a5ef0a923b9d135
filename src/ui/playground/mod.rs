//! The Playground: a network learning live in the page. Settings live in a reducer (pure, the
//! core's `PlayState::apply`) and in the URL; the training `Session` lives beside it and is
//! stepped once per animation frame while playing, within a time budget so drawing stays smooth.

mod data_panel;
mod features;
mod live_charts;
mod model_file;
mod network;
mod output;
mod summary;
mod top_bar;

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::domain::nn::data::{Dataset, Point};
use crate::domain::nn::trainer::{GridProbe, Session};
use crate::domain::state::embed::{Command, EPOCH_TYPE};
use crate::domain::state::page::Notice;
use crate::domain::state::play_url::PlayState;
use crate::domain::state::playground::PlayAction;
use crate::domain::state::query::Query;
use crate::ui::browser;
use crate::ui::embed::{object, post_to_parent, use_commands};
use crate::ui::hooks::use_shortcuts;
use crate::ui::panel_png_button::PanelPngButton;
use crate::ui::running::{on_act, use_budgeted_training, RunMsg, Running};

use data_panel::DataPanel;
use features::Features;
use live_charts::LiveCharts;
use model_file::ModelFile;
use network::Network;
use output::Output;
use summary::Summary;
use top_bar::TopBar;

/// Keys of the page itself (not the Playground's settings) that stay in the link.
const PAGE_KEYS: [&str; 7] = ["tab", "lesson", "embed", "panels", "controls", "autoplay", "present"];

/// Resolution of the decision boundary and of every neuron's heatmap.
pub const GRID: usize = 100;

/// The session and what was last measured on it. Equal when nothing new has happened, so
/// children re-render only when the network changed.
#[derive(Clone)]
pub struct Live {
    pub session: Rc<RefCell<Session>>,
    pub probe: Rc<GridProbe>,
    pub version: u64,
    /// Changes when the slow-moving views (the live charts) should redraw.
    pub chart_version: u64,
}

impl PartialEq for Live {
    fn eq(&self, other: &Self) -> bool {
        self.version == other.version && Rc::ptr_eq(&self.session, &other.session)
    }
}

impl Live {
    fn new(session: Session, version: u64) -> Live {
        let probe = Rc::new(session.probe(GRID));
        Live { session: Rc::new(RefCell::new(session)), probe, version, chart_version: version }
    }

    /// After the session changed in place: a new probe and a new version; the charts follow
    /// when `charts` is true.
    fn refreshed(&self, charts: bool) -> Live {
        let probe = Rc::new(self.session.borrow().probe(GRID));
        let version = self.version + 1;
        Live {
            session: self.session.clone(),
            probe,
            version,
            chart_version: if charts { version } else { self.chart_version },
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct PlaygroundProps {
    pub on_notice: Callback<Vec<Notice>>,
}

#[component]
pub fn Playground(props: &PlaygroundProps) -> Html {
    let initial = use_memo((), |_| {
        let query = browser::read_query();
        let autoplay = query.get("autoplay") == Some("1");
        let (play, notices) = PlayState::from_query(&query);
        (play, notices, autoplay)
    });
    let model = use_reducer(|| Running { state: initial.0.clone(), running: initial.2 });
    let live = use_state(|| Live::new(Session::new(initial.0.settings.clone()), 0));
    let hovered = use_state(|| None::<(usize, usize)>);

    {
        let (notices, on_notice) = (initial.1.clone(), props.on_notice.clone());
        use_effect_with((), move |_| {
            if !notices.is_empty() {
                on_notice.emit(notices);
            }
        });
    }
    // Any change of a training setting starts a new session (new data and weights from the seed).
    {
        let live = live.clone();
        use_effect_with(model.state.settings.clone(), move |settings| {
            if live.session.borrow().settings() != &settings.clamped() {
                live.set(Live::new(Session::new(settings.clone()), live.version + 1));
            }
        });
    }
    // The link follows the settings.
    use_effect_with(model.state.clone(), |play| {
        let mut query = browser::read_query();
        for key in query.keys().map(str::to_string).collect::<Vec<_>>() {
            if !PAGE_KEYS.contains(&key.as_str()) {
                query.remove(&key);
            }
        }
        query.set("tab", "play");
        play.write_query(&mut query);
        browser::write_query(&query);
    });

    let train = {
        let (session, speed) = (live.session.clone(), model.state.speed);
        Callback::from(move |train_ms: f64| train_for_a_frame(&session, speed, train_ms))
    };
    let refresh = {
        let live = live.clone();
        Callback::from(move |charts: bool| live.set(live.refreshed(charts)))
    };
    use_budgeted_training(&model, train, refresh);

    let on_action = on_act(&model);
    let on_run = {
        let model = model.clone();
        Callback::from(move |run: bool| model.dispatch(RunMsg::Run(run)))
    };
    let on_step = {
        let live = live.clone();
        Callback::from(move |_: ()| {
            live.session.borrow_mut().step(1);
            live.set(live.refreshed(true));
        })
    };
    let on_reset = {
        let live = live.clone();
        Callback::from(move |_: ()| {
            live.session.borrow_mut().reset();
            live.set(live.refreshed(true));
        })
    };
    // Points drawn by hand or imported: a new session on the edited data (same settings).
    let on_data = {
        let (live, model) = (live.clone(), model.clone());
        Callback::from(move |data: Dataset| {
            let session = Session::with_dataset(model.state.settings.clone(), data);
            live.set(Live::new(session, live.version + 1));
        })
    };
    let on_point = {
        let (live, on_data) = (live.clone(), on_data.clone());
        Callback::from(move |edit: PointEdit| {
            let mut data = live.session.borrow().dataset().clone();
            match edit {
                PointEdit::Add(p) => data.add_point(p),
                PointEdit::Remove(x, y) => {
                    if data.remove_nearest(x, y, 0.5).is_none() {
                        return;
                    }
                }
            }
            on_data.emit(data);
        })
    };
    // An opened model file: a session with its settings and weights, and the settings in the
    // reducer (equal, so the settings effect keeps this session).
    let on_load = {
        let (live, model) = (live.clone(), model.clone());
        Callback::from(move |(play, weights): (PlayState, crate::domain::nn::model::NetworkWeights)| {
            let mut session = Session::new(play.settings.clone());
            if session.set_weights(&weights).is_ok() {
                live.set(Live::new(session, live.version + 1));
                model.dispatch(RunMsg::Act(PlayAction::Load(Box::new(play))));
            }
        })
    };
    let on_hover_neuron = {
        let hovered = hovered.clone();
        Callback::from(move |n: Option<(usize, usize)>| hovered.set(n))
    };

    // Keyboard: space play/pause, s step, r reset, ? the list of shortcuts.
    let shortcuts_open = use_state(|| false);
    {
        let (model, live, on_step, on_reset, open) =
            (model.clone(), live.clone(), on_step.clone(), on_reset.clone(), shortcuts_open.clone());
        use_shortcuts(Callback::from(move |e: KeyboardEvent| {
            let handled = match e.key().as_str() {
                " " => {
                    // A diverged run cannot play until it is reset.
                    if !live.session.borrow().status().is_diverged() {
                        model.dispatch(RunMsg::Run(!model.running));
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
                "?" => {
                    open.set(!*open);
                    true
                }
                "Escape" if *open => {
                    open.set(false);
                    true
                }
                _ => false,
            };
            if handled {
                e.prevent_default();
            }
        }));
    }
    // A course page embedding the lab can drive it (see docs/embedding.md) ...
    {
        let (model, on_step, on_reset) = (model.clone(), on_step.clone(), on_reset.clone());
        use_commands(Callback::from(move |command: Command| match command {
            Command::Play => model.dispatch(RunMsg::Run(true)),
            Command::Pause => model.dispatch(RunMsg::Run(false)),
            Command::Step => on_step.emit(()),
            Command::Reset => on_reset.emit(()),
            Command::Set(settings) => {
                let mut query = browser::read_query();
                let given = Query::parse(&settings);
                for key in given.keys() {
                    if let Some(value) = given.get(key) {
                        query.set(key, value);
                    }
                }
                let (play, _) = PlayState::from_query(&query);
                model.dispatch(RunMsg::Act(PlayAction::Load(Box::new(play))));
            }
        }));
    }
    // ... and hears about its progress, a few times a second.
    {
        let live = live.clone();
        use_effect_with(live.chart_version, move |_| {
            let session = live.session.borrow();
            let m = session.metrics();
            post_to_parent(&object(&[
                ("type", EPOCH_TYPE.into()),
                ("epoch", (session.epoch() as f64).into()),
                ("trainLoss", m.train_loss.into()),
                ("testLoss", m.test_loss.into()),
                ("deadCount", (m.dead_count() as f64).into()),
                ("diverged", session.status().is_diverged().into()),
            ]));
        });
    }
    let close_shortcuts = {
        let open = shortcuts_open.clone();
        Callback::from(move |_: MouseEvent| open.set(false))
    };

    let play = &model.state;
    html! {
        <div class="playground">
            <div class="section-head">
                <h2>{ "Playground" }</h2>
                <p class="muted">{ "A small network learns in your browser. Watch the boundary form, neurons die (greyed, ✕) or saturate (≈), and gradients fade through depth." }</p>
            </div>
            <TopBar play={play.clone()} running={model.running} live={(*live).clone()}
                    on_action={on_action.clone()} {on_run} {on_step} {on_reset} />
            <div class="play-grid">
                <aside class="play-data panel">
                    <DataPanel play={play.clone()} live={(*live).clone()} on_action={on_action.clone()} {on_data} />
                    <Features play={play.clone()} on_action={on_action.clone()} />
                    <PanelPngButton name="play-data" label="data" />
                </aside>
                <section class="play-network panel" aria-label="Network">
                    <Network play={play.clone()} live={(*live).clone()} on_action={on_action.clone()}
                             hovered={*hovered} on_hover={on_hover_neuron} />
                    <PanelPngButton name="play-network" label="network" />
                </section>
                <section class="play-output panel" aria-label="Output">
                    <Output play={play.clone()} live={(*live).clone()} hovered={*hovered}
                            on_action={on_action.clone()} {on_point} />
                    <ModelFile play={play.clone()} live={(*live).clone()} {on_load} />
                    <PanelPngButton name="play-output" label="output" />
                </section>
            </div>
            <LiveCharts live={(*live).clone()} />
            <Summary live={(*live).clone()} />
            if *shortcuts_open {
                <div class="shortcuts panel" role="dialog" aria-label="Keyboard shortcuts" data-testid="shortcuts">
                    <h3>{ "Keyboard shortcuts" }</h3>
                    <dl>
                        <dt><kbd>{ "Space" }</kbd></dt><dd>{ "play / pause" }</dd>
                        <dt><kbd>{ "s" }</kbd></dt><dd>{ "step one epoch" }</dd>
                        <dt><kbd>{ "r" }</kbd></dt><dd>{ "reset to the same initial weights" }</dd>
                        <dt><kbd>{ "?" }</kbd></dt><dd>{ "show or hide this list" }</dd>
                        <dt><kbd>{ "Tab" }</kbd></dt><dd>{ "move between controls; every one is labelled" }</dd>
                    </dl>
                    <button onclick={close_shortcuts}>{ "Close" }</button>
                </div>
            }
        </div>
    }
}

/// A point drawn on (or removed from) the output plot.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PointEdit {
    Add(Point),
    Remove(f64, f64),
}

/// Up to `speed` epochs (at least one), stopping early when the frame's training budget is
/// spent. Returns whether the run diverged.
fn train_for_a_frame(session: &Rc<RefCell<Session>>, speed: u32, budget_ms: f64) -> bool {
    let start = browser::now_ms();
    let mut session = session.borrow_mut();
    for _ in 0..speed.max(1) {
        if session.step(1).is_diverged() {
            return true;
        }
        if browser::now_ms() - start > budget_ms {
            break;
        }
    }
    false
}
