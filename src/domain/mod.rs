//! The pure domain layer: everything here runs and is tested natively (no yew, no web-sys).
//!
//! - [`activation`]: the catalogue of activations (closed forms, tensor forms, text form).
//! - [`nn`]: the network and its training: data, features, model, trainer, metrics, the one Rng.
//! - [`state`]: what a page shows and keeps in its link: query, page, each section's settings.
//! - [`experiments`]: the three experiments, estimator and page state side by side.
//! - [`cost`]: what each activation costs (timed on the visitor's machine, clock injected).
//! - [`frame_budget`]: how much work an animation frame may do.
//! - [`keyboard`]: which keys a focused element owns, and every shortcut of the lab.

pub mod activation;
pub mod cost;
pub mod experiments;
pub mod frame_budget;
pub mod keyboard;
pub mod nn;
pub mod state;
