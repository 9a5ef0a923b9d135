//! The reducer every training section uses: its settings (changed only through their pure
//! [`Transition`]) and whether training runs. `reduce` has no side effects; the training loop
//! lives in a hook ([`use_budgeted_training`]) that cancels its frame on drop.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::frame_budget::{FrameBudget, FramePlan, Trained, Tuning};
use crate::domain::state::transition::Transition;
use crate::ui::hooks::use_animation_loop;
use crate::ui::spans;

#[derive(Clone, PartialEq)]
pub struct Running<S> {
    pub state: S,
    pub running: bool,
}

pub enum RunMsg<A> {
    /// Change the settings.
    Act(A),
    /// Start (true) or stop (false) training.
    Run(bool),
}

impl<S: Transition> Reducible for Running<S> {
    type Action = RunMsg<S::Action>;
    fn reduce(self: Rc<Self>, msg: Self::Action) -> Rc<Self> {
        match msg {
            RunMsg::Act(a) => Rc::new(Running { state: self.state.next(a), running: self.running }),
            RunMsg::Run(running) => Rc::new(Running { state: self.state.clone(), running }),
        }
    }
}

/// A callback that changes the settings: the same one on every render, so a view given only
/// it and the settings is not re-rendered by a frame that changed neither (the reducer's
/// handle dispatches to the same reducer whichever render it came from).
#[hook]
pub fn use_on_act<S>(model: &UseReducerHandle<Running<S>>) -> Callback<S::Action>
where
    S: Transition + 'static,
    S::Action: 'static,
{
    let model = model.clone();
    let callback = use_memo((), move |_| Callback::from(move |a| model.dispatch(RunMsg::Act(a))));
    (*callback).clone()
}

/// Which slow views a frame's refresh should redraw.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Due {
    /// The boundaries (due every `picture_every` frames, every other one when they are dear,
    /// see [`FrameBudget`]).
    pub boundaries: bool,
    /// The charts and tables (at most every chart interval; always on the last frame).
    pub charts: bool,
}

/// The per-frame refresh of a section whose drawing is not timed: `refresh(charts)`, with the
/// charts and tables when they are due (depth; compare and the Playground time their probes).
pub fn untimed_refresh(refresh: &Callback<bool>) -> Callback<Due, f64> {
    let refresh = refresh.clone();
    Callback::from(move |due: Due| {
        refresh.emit(due.charts);
        0.0
    })
}

/// Trains while the section runs, within each animation frame's budget ([`FrameBudget`] with
/// the section's `tuning`): `train(plan)` trains and says what it did; then `refresh(due)`
/// publishes the new state and returns the time its drawing took (ms, 0 when not measured).
/// A stop pauses the section, and no frame trains after a pause (from any path: a button, a
/// key, a message, a stop) has been dispatched. Returns the callback to report other drawing
/// time with.
#[hook]
pub fn use_budgeted_training<S>(
    model: &UseReducerHandle<Running<S>>,
    tuning: Tuning,
    train: Callback<FramePlan, Trained>,
    refresh: Callback<Due, f64>,
) -> Callback<f64>
where
    S: Transition + 'static,
{
    let budget = use_mut_ref(|| FrameBudget::new(tuning));
    if !model.running {
        budget.borrow_mut().pause();
    }
    let on_frame = {
        let (model, budget) = (model.clone(), budget.clone());
        Callback::from(move |t: f64| {
            // The running flag as of now, not as of the last render: a handle reads the
            // reducer's current state, which `dispatch` sets synchronously. The frame loop
            // itself stops only once the pause has rendered (its effect's cleanup), and Yew may
            // yield to the browser before that: a frame in between must not train.
            if !model.running {
                return;
            }
            let plan = budget.borrow_mut().on_frame(t);
            let trained = {
                let _span = spans::span("lab:train");
                train.emit(plan)
            };
            let charts = trained.stop || (trained.rounds > 0 && budget.borrow_mut().charts_due(t));
            let _span = spans::span("lab:refresh");
            let drawn = refresh.emit(Due { boundaries: plan.boundaries || trained.stop, charts });
            budget.borrow_mut().drawn(drawn);
            if trained.stop {
                model.dispatch(RunMsg::Run(false));
            }
        })
    };
    use_animation_loop(model.running, on_frame);
    let drawn = use_memo((), move |_| Callback::from(move |ms: f64| budget.borrow_mut().drawn(ms)));
    (*drawn).clone()
}
