//! The "Side by side" experiment: 2–4 activations trained in lockstep on the same data, from
//! the same initial weights, with the same minibatch order, optimiser and learning rate, so
//! that the only difference between the runs is the activation.
//!
//! Here: the state ([`CompareState`]: the slots and the shared settings), its pure actions
//! ([`CompareState::apply`]), its URL form (`cmp=relu,leaky_relu,elu,gelu&cmpShape=8,8&…`, see
//! [`KEYS`]), the runs' settings ([`CompareState::sessions`]: one [`Session`](crate::domain::nn::trainer::Session) per slot, for a
//! [`Lockstep`](crate::domain::experiments::lockstep::Lockstep))
//! and the summary table's numbers ([`SlotSummary`], [`epochs_to_target`]).

mod shape;
mod state;
mod summary;
mod url;

pub use shape::{check_shape, parse_shape, shape_text};
pub use state::{
    classic, CompareAction, CompareState, Preset, BIAS_CONTROL_LIMIT, DEFAULT_TARGET, MAX_SLOTS, MIN_SLOTS,
    TARGET_RANGE,
};
pub use summary::{epochs_text, epochs_to_target, fastest, loss_text, SlotSummary};
pub use url::KEYS;

#[cfg(test)]
pub(crate) fn two(
    a: crate::domain::activation::Activation,
    b: crate::domain::activation::Activation,
    shared: crate::domain::nn::settings::Settings,
) -> CompareState {
    CompareState { slots: vec![a, b], shared, target: DEFAULT_TARGET }
}

/// A small network for quick runs in the tests.
#[cfg(test)]
pub(crate) fn small() -> crate::domain::nn::settings::Settings {
    crate::domain::nn::settings::Settings { num_points: 120, hidden: vec![5, 4], ..Default::default() }
}
