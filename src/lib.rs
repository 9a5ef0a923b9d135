//! Activation Lab: see and teach what activation functions do to a neural network.
//!
//! Layers (see ARCHITECTURE.md), each knowing only the ones below it:
//! 1. [`core`]: pure Rust, no yew/web-sys: activations, data, model, trainer, metrics, settings.
//! 2. [`charts`]: plotters drawing functions, generic over the drawing backend.
//! 3. `ui` (wasm32 only): Yew function components, reducers and hooks.

pub mod charts;
pub mod core;
#[cfg(target_arch = "wasm32")]
pub mod ui;
pub mod worker_bench;

pub use crate::core::activation;
