//! The network and its training: toy data and input features, the burn model, the trainer,
//! what is measured after every epoch, the settings of a run and the one seeded generator.

pub mod backprop;
pub mod data;
pub mod explain;
pub mod features;
pub mod fused;
pub mod history;
pub mod metrics;
pub mod model;
pub mod rng;
pub mod schedule;
pub mod settings;
pub mod trainer;
pub mod weight_edit;
