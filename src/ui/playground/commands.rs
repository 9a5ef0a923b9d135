//! A course page embedding the lab can drive the Playground (see docs/embedding.md) and hears
//! about its progress, a few times a second (whenever the live charts redraw).

use yew::prelude::*;

use super::session::PlaySession;
use crate::domain::state::embed::{Command, EPOCH_TYPE};
use crate::domain::state::play_url::PlayState;
use crate::domain::state::playground::PlayAction;
use crate::domain::state::query::Query;
use crate::ui::running::{RunMsg, Running};
use crate::ui::shell::browser;
use crate::ui::shell::embed::{object, post_to_parent, use_commands};

#[hook]
pub fn use_play_commands(model: &UseReducerHandle<Running<PlayState>>, play: &PlaySession) {
    {
        let (model, on_step, on_reset) = (model.clone(), play.on_step.clone(), play.on_reset.clone());
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
    let session = play.live.session.clone();
    use_effect_with(play.live.chart_version, move |_| {
        let session = session.borrow();
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
