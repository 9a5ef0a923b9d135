//! The reducer every training section uses: its settings (changed only through their pure
//! [`Transition`]) and whether training runs. `reduce` has no side effects; starting and
//! stopping the animation loop is left to the section's hooks.

use std::rc::Rc;

use yew::Reducible;

use crate::core::transition::Transition;

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
