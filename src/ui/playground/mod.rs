//! The Playground: a network learning live in the page. Settings live in a reducer (pure, the
//! core's `PlayState::apply`) and in the URL; the training `Session` lives beside it and is
//! stepped once per animation frame while playing, within a time budget so drawing stays smooth.

mod data_panel;
mod features;
mod live_charts;
mod network;
mod output;
mod summary;
mod top_bar;

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::core::data::{Dataset, Point};
use crate::core::page::Notice;
use crate::core::play_url::PlayState;
use crate::core::playground::PlayAction;
use crate::core::trainer::{GridProbe, Session};
use crate::ui::browser;
use crate::ui::hooks::use_animation_loop;

use data_panel::DataPanel;
use features::Features;
use live_charts::LiveCharts;
use network::Network;
use output::Output;
use summary::Summary;
use top_bar::TopBar;

/// Resolution of the decision boundary and of every neuron's heatmap.
pub const GRID: usize = 100;
/// Training time allowed per animation frame; the rest of the frame is for drawing.
const TRAIN_BUDGET_MS: f64 = 9.0;

/// The reducer's state: settings (pure `apply`) and whether training runs.
#[derive(Clone, PartialEq)]
struct Model {
    play: PlayState,
    running: bool,
}

enum Msg {
    Play(PlayAction),
    Run(bool),
}

impl Reducible for Model {
    type Action = Msg;
    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        match msg {
            Msg::Play(a) => Rc::new(Model { play: self.play.apply(a), running: self.running }),
            Msg::Run(running) => Rc::new(Model { play: self.play.clone(), running }),
        }
    }
}

/// The session and what was last measured on it. Equal when nothing new has happened, so
/// children re-render only when the network changed.
#[derive(Clone)]
pub struct Live {
    pub session: Rc<RefCell<Session>>,
    pub probe: Rc<GridProbe>,
    pub version: u64,
}

impl PartialEq for Live {
    fn eq(&self, other: &Self) -> bool {
        self.version == other.version && Rc::ptr_eq(&self.session, &other.session)
    }
}

impl Live {
    fn new(session: Session, version: u64) -> Live {
        let probe = Rc::new(session.probe(GRID));
        Live { session: Rc::new(RefCell::new(session)), probe, version }
    }

    /// After the session changed in place: a new probe and a new version.
    fn refreshed(&self) -> Live {
        let probe = Rc::new(self.session.borrow().probe(GRID));
        Live { session: self.session.clone(), probe, version: self.version + 1 }
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
    let model = use_reducer(|| Model { play: initial.0.clone(), running: initial.2 });
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
        use_effect_with(model.play.settings.clone(), move |settings| {
            if live.session.borrow().settings() != &settings.clamped() {
                live.set(Live::new(Session::new(settings.clone()), live.version + 1));
            }
        });
    }
    // The link follows the settings.
    use_effect_with(model.play.clone(), |play| {
        let mut query = browser::read_query();
        for key in query.keys().map(str::to_string).collect::<Vec<_>>() {
            if key != "tab" && key != "embed" && key != "panels" && key != "controls" && key != "autoplay" {
                query.remove(&key);
            }
        }
        query.set("tab", "play");
        play.write_query(&mut query);
        browser::write_query(&query);
    });

    let on_frame = {
        let (live, model) = (live.clone(), model.clone());
        Callback::from(move |_t: f64| {
            let diverged = train_for_a_frame(&live.session, model.play.speed);
            live.set(live.refreshed());
            if diverged {
                model.dispatch(Msg::Run(false));
            }
        })
    };
    use_animation_loop(model.running, on_frame);

    let on_action = {
        let model = model.clone();
        Callback::from(move |a: PlayAction| model.dispatch(Msg::Play(a)))
    };
    let on_run = {
        let model = model.clone();
        Callback::from(move |run: bool| model.dispatch(Msg::Run(run)))
    };
    let on_step = {
        let live = live.clone();
        Callback::from(move |_: ()| {
            live.session.borrow_mut().step(1);
            live.set(live.refreshed());
        })
    };
    let on_reset = {
        let live = live.clone();
        Callback::from(move |_: ()| {
            live.session.borrow_mut().reset();
            live.set(live.refreshed());
        })
    };
    // Points drawn by hand or imported: a new session on the edited data (same settings).
    let on_data = {
        let (live, model) = (live.clone(), model.clone());
        Callback::from(move |data: Dataset| {
            let session = Session::with_dataset(model.play.settings.clone(), data);
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
    let on_hover_neuron = {
        let hovered = hovered.clone();
        Callback::from(move |n: Option<(usize, usize)>| hovered.set(n))
    };

    let play = &model.play;
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
                </aside>
                <section class="play-network panel" aria-label="Network">
                    <Network play={play.clone()} live={(*live).clone()} on_action={on_action.clone()}
                             hovered={*hovered} on_hover={on_hover_neuron} />
                </section>
                <section class="play-output panel" aria-label="Output">
                    <Output play={play.clone()} live={(*live).clone()} hovered={*hovered}
                            on_action={on_action.clone()} {on_point} />
                </section>
            </div>
            <LiveCharts live={(*live).clone()} />
            <Summary live={(*live).clone()} />
        </div>
    }
}

/// A point drawn on (or removed from) the output plot.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PointEdit {
    Add(Point),
    Remove(f64, f64),
}

/// Up to `speed` epochs, stopping early when the frame's training budget is spent. Returns
/// whether the run diverged.
fn train_for_a_frame(session: &Rc<RefCell<Session>>, speed: u32) -> bool {
    let start = browser::now_ms();
    let mut session = session.borrow_mut();
    for _ in 0..speed.max(1) {
        if session.step(1).is_diverged() {
            return true;
        }
        if browser::now_ms() - start > TRAIN_BUDGET_MS {
            break;
        }
    }
    false
}
