//! What each activation costs, measured on the visitor's own machine (the Explorer's cost
//! panel and the lesson "Why ReLU is cheap").
//!
//! For each activation shown (and ReLU, the reference, if it is not), five work items
//! ([`CostKind`]): f and f′ over many inputs in a plain loop (the lab's `f64` closed forms,
//! [`Activation::value`] and [`Activation::derivative`]), f as a burn tensor op
//! ([`Activation::forward`]) and f′ as a tensor op (with f, as training computes it: see
//! [`work::tensor_derivative`]), and one Playground epoch of the default network with this
//! activation. The plan ([`plan`]) runs a warm-up of every item, then `rounds` rounds, each
//! timing every item of every activation once, the activations in alternating order, so that
//! drift of the machine's speed hits all of them alike. Each timed sample repeats its item
//! until at least `min_sample_ms` have passed (browser timers are coarse: 0.1 ms, or 5 µs with
//! cross-origin isolation) and divides. [`stats`] reduces the samples to medians and min–max
//! spreads, normalised to ReLU = 1× (ReLU's median is exactly 1×).
//!
//! Pure: the clock is injected (`FnMut() -> f64`, milliseconds), so the same job runs natively
//! (`std::time::Instant`) and in the page (`performance.now()`), in slices of a frame budget
//! ([`CostJob::run_for`]).

pub mod job;
pub mod stats;
pub mod work;

pub use job::{plan, CostConfig, CostJob, Step};
pub use stats::{CostCell, CostReport, CostRow, Spread};

use crate::domain::activation::Activation;

/// One measured item of an activation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CostKind {
    /// f in a plain loop over `f64` inputs.
    Value,
    /// f′ likewise.
    Derivative,
    /// f as a burn tensor op on a [`work::TENSOR_LEN`]-element tensor.
    TensorValue,
    /// f and f′ as tensor ops, as the hand-written backward pass computes them.
    TensorDerivative,
    /// One epoch of the Playground's default network with this activation.
    Epoch,
}

impl CostKind {
    pub const ALL: [CostKind; 5] = [
        CostKind::Value,
        CostKind::Derivative,
        CostKind::TensorValue,
        CostKind::TensorDerivative,
        CostKind::Epoch,
    ];

    /// A short name for a chart legend or a table column.
    pub fn label(self) -> &'static str {
        match self {
            CostKind::Value => "f (loop)",
            CostKind::Derivative => "f′ (loop)",
            CostKind::TensorValue => "f (tensor)",
            CostKind::TensorDerivative => "f′ (tensor)",
            CostKind::Epoch => "epoch",
        }
    }

    /// What one figure of this kind is, for the table's caption.
    pub fn unit(self) -> &'static str {
        match self {
            CostKind::Epoch => "ms per epoch",
            _ => "ms per million values",
        }
    }

    /// What exactly is timed, for people.
    pub fn description(self) -> &'static str {
        match self {
            CostKind::Value => "f over 10 000 inputs in a plain loop (the lab's f64 closed form)",
            CostKind::Derivative => "f′ over 10 000 inputs in a plain loop (the lab's f64 closed form)",
            CostKind::TensorValue => "f as burn tensor ops on a 10 000-value f32 tensor (ndarray backend)",
            CostKind::TensorDerivative => {
                "f and f′ together on the same tensor, as training computes them for its backward pass"
            }
            CostKind::Epoch => {
                "one epoch of the Playground's default network (4, 2 neurons; 250 training points, \
                 batch 10) with this activation in both hidden layers, metrics included"
            }
        }
    }

    pub fn index(self) -> usize {
        match self {
            CostKind::Value => 0,
            CostKind::Derivative => 1,
            CostKind::TensorValue => 2,
            CostKind::TensorDerivative => 3,
            CostKind::Epoch => 4,
        }
    }
}

/// The activations measured for the ones shown: the shown ones in their order, with ReLU (the
/// reference) first when it is not among them. The flag marks that added reference.
pub fn measured(shown: &[Activation]) -> Vec<(Activation, bool)> {
    let mut out: Vec<(Activation, bool)> = shown.iter().map(|&a| (a, false)).collect();
    if !shown.contains(&Activation::Relu) {
        out.insert(0, (Activation::Relu, true));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relu_is_measured_once_as_the_reference() {
        let with = measured(&[Activation::Gelu, Activation::Relu]);
        assert_eq!(with, vec![(Activation::Gelu, false), (Activation::Relu, false)]);
        let without = measured(&[Activation::Tanh]);
        assert_eq!(without, vec![(Activation::Relu, true), (Activation::Tanh, false)]);
        assert_eq!(measured(&[]), vec![(Activation::Relu, true)]);
        let indices: Vec<usize> = CostKind::ALL.iter().map(|k| k.index()).collect();
        assert_eq!(indices, [0, 1, 2, 3, 4]);
    }
}
