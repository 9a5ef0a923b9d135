//! A course page embedding the lab can drive the Playground (see docs/embedding.md) and hears
//! about its progress, a few times a second (whenever the live charts redraw).

use yew::prelude::*;

use super::session::PlaySession;
use crate::domain::nn::trainer::Status;
use crate::domain::state::embed::{Command, EPOCH_TYPE};
use crate::domain::state::page::Notice;
use crate::domain::state::play_url::PlayState;
use crate::domain::state::playground::{cannot_train, PlayAction};
use crate::domain::state::query::Query;
use crate::ui::running::{RunMsg, Running};
use crate::ui::shell::embed::{object, post_to_parent, reply, use_commands};

/// Every command is answered ([`reply`]): a `set` with the notices about its values (a refused
/// value keeps the previous one; they are shown in the lab too), `play` and `step` with why the
/// network cannot train, if it cannot.
#[hook]
pub fn use_play_commands(
    model: &UseReducerHandle<Running<PlayState>>,
    play: &PlaySession,
    on_notice: &Callback<Vec<Notice>>,
) {
    {
        let (model, on_step, on_reset) = (model.clone(), play.on_step.clone(), play.on_reset.clone());
        let (session, on_notice) = (play.live.session.clone(), on_notice.clone());
        use_commands(Callback::from(move |command: Command| {
            let name = command.name();
            let blocked = || {
                let s = session.borrow();
                let data = s.dataset();
                let reason = cannot_train(data.train.len(), data.test.len());
                let reason = reason.or_else(|| match s.status() {
                    Status::Diverged { .. } => Some("Training diverged: send reset first.".to_string()),
                    Status::Running => None,
                });
                reason.map(|r| vec![Notice::new(name, r)]).unwrap_or_default()
            };
            let notices = match command {
                Command::Play => {
                    let notices = blocked();
                    if notices.is_empty() {
                        model.dispatch(RunMsg::Run(true));
                    }
                    notices
                }
                Command::Pause => {
                    model.dispatch(RunMsg::Run(false));
                    Vec::new()
                }
                Command::Step => {
                    on_step.emit(());
                    blocked()
                }
                Command::Reset => {
                    on_reset.emit(());
                    Vec::new()
                }
                Command::Set(settings) => {
                    let (next, notices) = model.state.updated(&Query::parse(&settings));
                    model.dispatch(RunMsg::Act(PlayAction::Load(Box::new(next))));
                    if !notices.is_empty() {
                        on_notice.emit(notices.clone());
                    }
                    notices
                }
            };
            reply(name, &notices);
        }));
    }
    // Also when training stops: the page hears the epoch the lab stops at, not the last redraw's.
    let session = play.live.session.clone();
    use_effect_with((play.live.chart_version, model.running), move |_| {
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
