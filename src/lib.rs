//! Activation Lab: see and teach what activation functions do to a neural network.
//!
//! Layers (see ARCHITECTURE.md), each knowing only the ones below it:
//! 1. [`domain`]: pure Rust, no yew/web-sys: activations, the network and its training, page
//!    and section state with their URL form, the experiments.
//! 2. [`charts`]: plotters drawing, generic over the drawing backend, one chart per file.
//! 3. `ui` (wasm32 only): Yew function components, reducers and hooks.
//!
//! The panel-PNG composition lives in its own crate (`crates/panel_png`), which knows nothing of
//! the rest, so Cargo enforces that boundary.

pub mod charts;
pub mod domain;
#[cfg(target_arch = "wasm32")]
pub mod ui;

pub use crate::domain::activation;
