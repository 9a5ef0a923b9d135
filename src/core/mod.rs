//! The pure core: everything here runs and is tested natively (no yew, no web-sys).

pub mod activation;
pub mod born_dead;
pub mod data;
pub mod embed;
pub mod experiments;
pub mod explorer;
pub mod features;
pub mod frame_budget;
pub mod json;
pub mod lessons;
pub mod metrics;
pub mod model;
pub mod page;
pub mod panel_png;
pub mod play_url;
pub mod playground;
pub mod query;
pub mod rng;
pub mod settings;
pub mod snapshot;
pub mod trainer;
pub mod transition;
