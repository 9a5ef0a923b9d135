//! A benchmark, not part of the app: the same Playground drawing fed by training in the
//! animation frame or in a Web Worker, to decide between the two by measuring both
//! (`./lab bench-worker`; the result is in ARCHITECTURE.md, "Where training runs").

pub mod wire;

#[cfg(target_arch = "wasm32")]
pub mod page;
#[cfg(target_arch = "wasm32")]
pub mod worker;

/// Resolution of the probe, as in the Playground.
pub const GRID: usize = 100;
