//! The fused operations' arithmetic: the `dense_kernels` crate (plain loops on f32 slices,
//! summed in a fixed order with no fused multiply-add, so a run gives the same bits on every
//! platform; built at opt-level 3), and here what ties it to the app's types: which
//! activations it evaluates, the loss and the optimizer rule.

pub use dense_kernels::network;
pub use dense_kernels::{
    activate, layer_backward, linear, through_activation, Elementwise, Moments, ADAM_BETA1, ADAM_BETA2,
    ADAM_EPS, MOMENTUM,
};
use std::ops::Range;

use dense_kernels::{Loss, Optimizer, Penalty};

use super::StepSpec;

use crate::domain::activation::Activation;
use crate::domain::nn::settings::{LossKind, OptimizerKind, Regularization};

/// How to evaluate `a` (a PReLU layer's with `slope`) inside the op; `None` for the others,
/// which the caller evaluates with their tensor forms: rounding their f64 reference instead was
/// faster but not the same bits, and chaotic runs (Adam at rate 0.2 in the lessons) then end
/// elsewhere.
pub fn elementwise(a: Activation, slope: Option<f32>) -> Option<Elementwise> {
    Some(match a {
        Activation::Identity => Elementwise::Identity,
        Activation::Relu => Elementwise::Relu,
        Activation::LeakyRelu { slope: k } => Elementwise::Leaky(k as f32),
        Activation::Prelu { a } => Elementwise::Leaky(slope.unwrap_or(a as f32)),
        Activation::Tanh => Elementwise::Tanh,
        Activation::Sigmoid => Elementwise::Sigmoid,
        _ => return None,
    })
}

/// ∂L/∂z of the mean loss over a batch of `n` rows (see `trainer::output_gradient`).
pub fn loss_gradient(kind: LossKind, z: &[f32], t: &[f32], n: usize) -> Vec<f32> {
    dense_kernels::loss_gradient(loss(kind), z, t, n)
}

fn loss(kind: LossKind) -> Loss {
    match kind {
        LossKind::SigmoidBce => Loss::SigmoidBce,
        LossKind::LinearMse => Loss::LinearMse,
        LossKind::TanhMse => Loss::TanhMse,
    }
}

/// Whole minibatch steps, one after another, on the rows `batches` of `x`, `t` (see `step.rs`);
/// `spec` is the first one's.
pub fn train_steps(
    layers: &mut [network::Layer<'_>],
    x: &[f32],
    t: &[f32],
    batches: &[Range<usize>],
    spec: &StepSpec,
) {
    let first = network::Step {
        loss: loss(spec.loss),
        batch: 0,
        weight_rule: spec.weight_rule.plain(),
        rule: spec.rule.plain(),
    };
    network::train_steps(layers, x, t, batches, &first);
}

/// One optimizer step's constants, as f32 the way burn's scalar ops round them.
#[derive(Clone, Copy, Debug)]
pub struct UpdateRule {
    pub kind: OptimizerKind,
    pub lr: f64,
    /// 1-based step number (Adam's bias correction).
    pub step: u64,
    /// The penalty added to a connection weight's gradient (not to biases nor slopes).
    pub penalty: Option<(Regularization, f64)>,
}

/// Updates `p` in place from its gradient `g` (with the rule's penalty), following the tensor
/// rule op for op (so the same bits): SGD p − lr·g; momentum v = 0.9v + g, p − lr·v; Adam.
pub fn update(p: &mut [f32], g: &[f32], state: &mut Moments, rule: &UpdateRule) {
    dense_kernels::update(p, g, state, &rule.plain());
}

impl UpdateRule {
    /// The rule in the kernels' terms.
    fn plain(&self) -> dense_kernels::UpdateRule {
        let kind = match self.kind {
            OptimizerKind::Sgd => Optimizer::Sgd,
            OptimizerKind::Momentum => Optimizer::Momentum,
            OptimizerKind::Adam => Optimizer::Adam,
        };
        let penalty = self.penalty.and_then(|(r, rate)| match r {
            Regularization::None => None,
            Regularization::L1 => Some((Penalty::L1, rate)),
            Regularization::L2 => Some((Penalty::L2, rate)),
        });
        dense_kernels::UpdateRule { kind, lr: self.lr, step: self.step, penalty }
    }
}
