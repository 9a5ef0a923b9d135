//! What the settings of a section (Playground, an experiment) have in common: a pure
//! transition from an action to the next settings, so the ui can keep them in one generic
//! reducer beside whether training runs.

/// Settings changed only by actions, without side effects.
pub trait Transition: Clone + PartialEq {
    type Action;
    fn next(&self, action: Self::Action) -> Self;
}

impl Transition for crate::domain::state::play_url::PlayState {
    type Action = crate::domain::state::playground::PlayAction;
    fn next(&self, action: Self::Action) -> Self {
        self.apply(action)
    }
}

impl Transition for crate::domain::experiments::depth::DepthState {
    type Action = crate::domain::experiments::depth::DepthAction;
    fn next(&self, action: Self::Action) -> Self {
        self.apply(action)
    }
}

impl Transition for crate::domain::experiments::compare::CompareState {
    type Action = crate::domain::experiments::compare::CompareAction;
    fn next(&self, action: Self::Action) -> Self {
        self.apply(action)
    }
}
