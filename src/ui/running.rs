//! The reducer every training section uses: its settings (changed only through their pure
//! [`Transition`]) and whether training runs. `reduce` has no side effects; the training loop
//! lives in a hook ([`use_budgeted_training`]) that cancels its frame on drop.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::frame_budget::FrameBudget;
use crate::domain::state::transition::Transition;
use crate::ui::hooks::use_animation_loop;

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

/// A callback that changes the settings.
pub fn on_act<S>(model: &UseReducerHandle<Running<S>>) -> Callback<S::Action>
where
    S: Transition + 'static,
    S::Action: 'static,
{
    let model = model.clone();
    Callback::from(move |a| model.dispatch(RunMsg::Act(a)))
}

/// Trains while the section runs, within each animation frame's budget ([`FrameBudget`]):
/// `train(budget_ms)` trains and returns whether training must stop (diverged, or finished);
/// then `refresh(charts)` publishes the new state, `charts` being true when the slow views
/// are due to redraw (always on the last frame). A stop pauses the section.
#[hook]
pub fn use_budgeted_training<S>(
    model: &UseReducerHandle<Running<S>>,
    train: Callback<f64, bool>,
    refresh: Callback<bool>,
) where
    S: Transition + 'static,
{
    let budget = use_mut_ref(FrameBudget::new);
    if !model.running {
        budget.borrow_mut().pause();
    }
    let on_frame = {
        let (model, budget) = (model.clone(), budget.clone());
        Callback::from(move |t: f64| {
            let train_ms = budget.borrow_mut().on_frame(t);
            let stop = train.emit(train_ms);
            refresh.emit(stop || budget.borrow_mut().charts_due(t));
            if stop {
                model.dispatch(RunMsg::Run(false));
            }
        })
    };
    use_animation_loop(model.running, on_frame);
}
