//! The Playground's training session, derived from the settings: a change of a setting that
//! defines the run (data, features, architecture, activations, initialisation, loss, seed)
//! gets a new session (new data and weights from the seed) in the same render, so no view ever
//! draws new settings with old weights; a change of a live setting (learning rate, optimizer,
//! regularization, batch size) is taken over by the session from its next step, keeping the
//! weights ([`Session::follow`]), and so is a weight set by hand on the diagram
//! ([`Session::set_link_weight`]). Points drawn by hand or imported are part of the state
//! (`PlayState::custom`, kept by every change that does not ask for new data), so every new
//! session trains on them; an opened model file replaces the session with one of its settings
//! and weights. Trained within each frame's budget while playing, an epoch spanning frames
//! when it is dear.

use std::rc::Rc;

use yew::prelude::*;

use super::{Live, PointEdit, NODE_GRID};
use crate::domain::frame_budget::{probe_side, train_within, weight_count, FramePlan, PLAYGROUND};
use crate::domain::nn::data::Dataset;
use crate::domain::nn::model::NetworkWeights;
use crate::domain::nn::schedule::{same_run, LiveChange};
use crate::domain::nn::settings::Settings;
use crate::domain::nn::trainer::Session;
use crate::domain::nn::weight_edit::LinkId;
use crate::domain::state::play_url::data_link::quantised;
use crate::domain::state::play_url::PlayState;
use crate::domain::state::playground::PlayAction;
use crate::ui::running::{use_budgeted_training, Due, RunMsg, Running};
use crate::ui::section::{use_derived, Held};
use crate::ui::shell::browser;
use crate::ui::spans;

/// The session shown and what changes it.
pub struct PlaySession {
    pub live: Live,
    /// The same at the chart rate: for the views that show no probe (the settings, the data,
    /// the charts, the summary), so a frame of training does not re-render them.
    pub slow: Live,
    pub on_step: Callback<()>,
    pub on_reset: Callback<()>,
    pub on_data: Callback<Dataset>,
    pub on_point: Callback<PointEdit>,
    pub on_load: Callback<(PlayState, NetworkWeights, usize)>,
    /// A live setting changed by hand: the session takes it over from its next step.
    pub on_live: Callback<LiveChange>,
    /// A weight set by hand on the diagram: the session trains on from it (epoch kept).
    pub on_weight: Callback<(LinkId, f32)>,
}

#[hook]
pub fn use_play_session(model: &UseReducerHandle<Running<PlayState>>) -> PlaySession {
    let key = (model.state.settings.clone(), model.state.custom.clone());
    let (held, shown) = use_derived(key, fits, build);
    let (session, chart_version) = (shown.live.clone(), shown.chart_version);
    let train = {
        let (session, speed) = (session.clone(), model.state.speed);
        Callback::from(move |plan: FramePlan| {
            let most = (speed.max(1) as usize).min(plan.max_rounds);
            session.update(|s| train_within(s, most, plan.train_ms, browser::now_ms))
        })
    };
    // Publishes the session's new version; the charts follow when `charts`.
    let refresh = {
        let held = held.clone();
        Callback::from(move |charts: bool| held.set(shown.refreshed(charts)))
    };
    // A live setting changed: the session takes it over, weights and epoch kept.
    {
        let (session, refresh) = (session.clone(), refresh.clone());
        use_effect_with(model.state.settings.clone(), move |settings| {
            let due = session.borrow().base_settings() != &settings.clamped();
            if due && session.update(|s| s.follow(settings)) {
                refresh.emit(true);
            }
        });
    }
    let drawn = use_budgeted_training(model, PLAYGROUND, train, publish_when_due(&refresh));
    // The probe behind the output and every node map, once per version shown; its time goes to
    // the frame budget (taken out of the next frames' training time).
    // A big network is probed coarser while training (its output plot still interpolated to
    // full size), at full side when paused ([`probe_side`]).
    let side = {
        let settings = &model.state.settings;
        probe_side(NODE_GRID, weight_count(settings.num_inputs(), &settings.hidden), model.running)
    };
    let probe = use_memo((session.id(), session.version(), side), {
        let session = session.clone();
        move |&(_, _, side)| {
            let _span = spans::span("lab:probe");
            let start = browser::now_ms();
            let probe = Rc::new(session.borrow().probe(side));
            drawn.emit(browser::now_ms() - start);
            probe
        }
    });
    // A pause (from any path: the button, a key, a message) shows everything at the epoch it
    // stopped at: the views that follow at the chart rate (charts, readouts, links) catch up.
    {
        let (refresh, behind) = (refresh.clone(), chart_version != session.current().version());
        use_effect_with(model.running, move |&running| {
            if !running && behind {
                refresh.emit(true);
            }
        });
    }
    // Step and Reset refresh everything (charts too), so they depend only on the session: the
    // same callbacks while it is the same, and views given only them are not re-rendered.
    let commands = use_memo(session.id(), {
        let (session, refresh) = (session.clone(), refresh.clone());
        move |_| {
            let on_step = session.command(&refresh, |s| {
                s.step(1);
            });
            (on_step, session.command(&refresh, Session::reset))
        }
    });
    let (on_step, on_reset) = (*commands).clone();
    let on_live = {
        let (session, refresh) = (session.clone(), refresh.clone());
        Callback::from(move |change: LiveChange| {
            session.update(|s| s.change_now(change));
            refresh.emit(true);
        })
    };
    // A weight set by hand, as a live setting: in the session at once, the run kept.
    let on_weight = {
        let (session, refresh) = (session.clone(), refresh.clone());
        Callback::from(move |(link, w): (LinkId, f32)| {
            if session.update(|s| s.set_link_weight(link, w)).is_ok() {
                refresh.emit(true);
            }
        })
    };
    // Points drawn by hand or imported: the state's custom data (a new session trains on it).
    let on_data = (*use_memo((), {
        let model = model.clone();
        move |_| {
            Callback::from(move |data: Dataset| {
                model.dispatch(RunMsg::Act(PlayAction::SetData(Rc::new(data))))
            })
        }
    }))
    .clone();
    let on_point = {
        let (session, on_data) = (session.clone(), on_data.clone());
        Callback::from(move |edit: PointEdit| {
            let mut data = session.borrow().dataset().clone();
            match edit {
                // On the link's grid, so that a link to the points gives them back exactly.
                PointEdit::Add(p) => data.add_point(quantised(p, data.kind.is_regression())),
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
    // reducer (equal, so the session is kept).
    let on_load = {
        let (held, session, model) = (held.clone(), session.clone(), model.clone());
        Callback::from(move |(play, weights, epoch): (PlayState, NetworkWeights, usize)| {
            let mut next = Session::with_dataset(play.settings.clone(), play.dataset());
            if next.set_weights_at(&weights, epoch).is_ok() {
                held.set(Held::new(session.replaced(next)));
                model.dispatch(RunMsg::Act(PlayAction::Load(Box::new(play))));
            }
        })
    };
    let slow = Live {
        version: chart_version,
        session: session.seen_at(chart_version),
        probe: (*probe).clone(),
        chart_version,
    };
    let live = Live { version: session.version(), session, probe: (*probe).clone(), chart_version };
    PlaySession { live, slow, on_step, on_reset, on_data, on_point, on_load, on_live, on_weight }
}

/// A frame's refresh: a frame whose boundaries are not due (while training, the picture is
/// drawn every other frame: `PLAYGROUND.picture_every`) publishes nothing, and the views keep
/// their picture one frame longer; the probe's time is reported where it is taken.
fn publish_when_due(refresh: &Callback<bool>) -> Callback<Due, f64> {
    let refresh = refresh.clone();
    Callback::from(move |due: Due| {
        if due.boundaries || due.charts {
            refresh.emit(due.charts);
        }
        0.0
    })
}

/// The settings and the custom points, if any: what a session is built from.
type Key = (Settings, Option<Rc<Dataset>>);

/// A session on the key's points (the custom ones, else those the settings generate).
fn build((settings, custom): &Key) -> Session {
    let state = PlayState { settings: settings.clone(), custom: custom.clone(), ..PlayState::default() };
    Session::with_dataset(settings.clone(), state.dataset())
}

/// Whether `session` is the run of the key (it may still have to take over its live
/// settings): the same run, on the same points.
fn fits(session: &Session, (settings, custom): &Key) -> bool {
    if !same_run(session.base_settings(), &settings.clamped()) {
        return false;
    }
    match custom {
        Some(data) => session.dataset() == &**data,
        None => {
            let state = PlayState { settings: settings.clone(), ..PlayState::default() };
            session.dataset() == &state.dataset()
        }
    }
}
