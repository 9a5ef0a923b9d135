//! Fused training operations: a custom backend operation per job, the way burn's book extends a
//! backend ("custom operations"). [`FusedDense`] is a backend trait; its implementation for the
//! plain ndarray backend (`ndarray.rs`) takes the f32 arrays out of the tensor primitives and
//! does a layer's whole step in one op (the arithmetic in `kernels.rs`):
//!
//! - forward of a layer: z = x·W + b, h = f(z), f′(z) (a custom formula's f and f′ are then
//!   its tensor forms, so every activation trains);
//! - backward of a layer: dW = xᵀ·dz, db = Σ rows dz, dh₋ = dz·Wᵀ, then dz₋ = dh₋ ⊙ f′₋ and a
//!   PReLU layer's slope gradient Σ dh₋ ⊙ min(z₋, 0);
//! - the loss gradient at the output; one optimizer update of a parameter (with its penalty);
//! - whole minibatch steps: all of the above for every layer, for several minibatches in a
//!   row, in one op (`step.rs`);
//! - a pass through every layer read back, with the loss's gradients (`pass.rs`).
//!
//! A minibatch step of an [8, 8] network is then ~10 burn ops instead of ~50, each with its
//! allocation: burn's per-op overhead, not arithmetic, was the cost. The tensor-op path
//! ([`Mlp::forward_tape`], [`Mlp::backward`], `trainer`'s rule) stays the generic one, for every
//! other backend, and is the reference the tests compare this one with (`tests.rs`).

use std::ops::Range;

use burn::tensor::backend::Backend as BackendTrait;
use burn::tensor::ops::FloatTensor;
use burn::tensor::{Tensor, TensorPrimitive};

use crate::domain::activation::Activation;
use crate::domain::nn::backprop::{LayerGrads, Tape};
use crate::domain::nn::model::Mlp;
use crate::domain::nn::settings::LossKind;

pub mod kernels;
mod ndarray;
mod pass;
mod step;
#[cfg(test)]
mod tests;

pub use kernels::UpdateRule;
pub use pass::{HostPass, PassLayer, PassTarget};
pub use step::{Slot, StepLayer, StepParam, StepSpec};

/// What a fused layer forward returns: z and, when it evaluated the activation, (f(z), f′(z)).
pub struct DenseForward<B: BackendTrait> {
    pub z: FloatTensor<B>,
    pub activated: Option<(FloatTensor<B>, FloatTensor<B>)>,
}

/// The layer below, for a fused backward that goes on through its activation.
pub struct Below<B: BackendTrait> {
    /// Its f′(z).
    pub derivative: FloatTensor<B>,
    /// Its z, when it is a PReLU layer (for the slope's gradient).
    pub prelu_pre: Option<FloatTensor<B>>,
}

/// What a fused layer backward returns.
pub struct DenseBackward<B: BackendTrait> {
    pub weight: FloatTensor<B>,
    pub bias: FloatTensor<B>,
    /// dz of the layer below (when one was given).
    pub below: Option<FloatTensor<B>>,
    /// The PReLU slope gradient of the layer below, `[1, 1]`.
    pub below_slope: Option<FloatTensor<B>>,
}

/// Momentum's velocity or Adam's moments of one parameter (`None` before the first step).
pub struct Moments<B: BackendTrait> {
    pub first: Option<FloatTensor<B>>,
    pub second: Option<FloatTensor<B>>,
}

/// The fused training operations of a backend. See the module documentation.
pub trait FusedDense: BackendTrait {
    /// z = x·W + b for x `[n, k]`, W `[k, m]`, b `[1, m]`; with `activation` (a PReLU layer's
    /// learned `slope` `[1, 1]` replacing its parameter), also (f(z), f′(z)) unless it is a
    /// custom formula.
    fn dense_forward(
        x: FloatTensor<Self>,
        weight: FloatTensor<Self>,
        bias: FloatTensor<Self>,
        activation: Option<Activation>,
        slope: Option<FloatTensor<Self>>,
    ) -> DenseForward<Self>;

    /// A layer's gradients from its dz `[n, m]`, input x and weight W, and, with `below`, the
    /// layer below's dz and PReLU slope gradient.
    fn dense_backward(
        x: FloatTensor<Self>,
        weight: FloatTensor<Self>,
        dz: FloatTensor<Self>,
        below: Option<Below<Self>>,
    ) -> DenseBackward<Self>;

    /// ∂L/∂z of the mean loss over a batch of `n` rows, for outputs z and targets t `[rows, 1]`.
    fn loss_gradient(
        kind: LossKind,
        z: FloatTensor<Self>,
        t: FloatTensor<Self>,
        n: usize,
    ) -> FloatTensor<Self>;

    /// The values of a 2-D tensor, row-major, read back to the host.
    fn read_values(t: FloatTensor<Self>) -> Vec<f32>;

    /// One optimizer step of a parameter from its gradient; returns the new value.
    fn param_update(
        param: FloatTensor<Self>,
        grad: FloatTensor<Self>,
        moments: &mut Moments<Self>,
        rule: &UpdateRule,
    ) -> FloatTensor<Self>;

    /// Whole minibatch steps (`step.rs`), one after another, on the rows `batches[i]` of x
    /// `[n, k]` and t `[n, 1]`: for each, the forward pass, the loss gradient (the mean over its
    /// rows), the backward pass and every parameter's update, the i-th numbered
    /// `spec`'s step + i; each layer's parameters and moments replaced by the new ones. The
    /// parameters stay on the host from the first step to the last.
    fn train_steps(
        layers: &mut [StepLayer<Self>],
        x: &FloatTensor<Self>,
        t: &FloatTensor<Self>,
        batches: &[Range<usize>],
        spec: &StepSpec,
    );

    /// The rows `rows` of x through every layer (`pass.rs`), read back, and with a target the
    /// loss's gradients.
    fn dense_pass(
        layers: &[PassLayer<Self>],
        x: &FloatTensor<Self>,
        rows: Range<usize>,
        target: Option<PassTarget<'_, Self>>,
    ) -> HostPass;
}

fn prim<B: BackendTrait>(t: Tensor<B, 2>) -> FloatTensor<B> {
    t.into_primitive().tensor()
}

fn tensor<B: BackendTrait>(p: FloatTensor<B>) -> Tensor<B, 2> {
    Tensor::from_primitive(TensorPrimitive::Float(p))
}

impl<B: FusedDense> Mlp<B> {
    /// [`Mlp::forward_tape`] with one fused op per layer.
    pub fn forward_tape_fused(&self, x: Tensor<B, 2>) -> Tape<B> {
        let layers = self.hidden.len();
        let mut tape = Tape {
            inputs: Vec::with_capacity(layers + 1),
            pre: Vec::with_capacity(layers),
            derivatives: Vec::with_capacity(layers),
            output: x.clone(),
        };
        tape.inputs.push(x);
        for (layer, &f) in self.hidden.iter().zip(self.activations()) {
            let input = prim(tape.inputs[tape.inputs.len() - 1].clone());
            let slope = layer.slope.as_ref().map(|s| prim(s.val()));
            let out =
                B::dense_forward(input, prim(layer.weight.val()), prim(layer.bias.val()), Some(f), slope);
            let z = tensor(out.z);
            let (h, d) = match out.activated {
                Some((h, d)) => (tensor(h), tensor(d)),
                None => f.forward_with_derivative(z.clone()),
            };
            tape.pre.push(z);
            tape.derivatives.push(d);
            tape.inputs.push(h);
        }
        let input = prim(tape.inputs[layers].clone());
        let out =
            B::dense_forward(input, prim(self.output.weight.val()), prim(self.output.bias.val()), None, None);
        tape.output = tensor(out.z);
        tape
    }

    /// [`Mlp::backward`] with one fused op per layer.
    pub fn backward_fused(&self, tape: &Tape<B>, d_output: Tensor<B, 2>) -> Vec<LayerGrads<B>> {
        let layers = self.hidden.len();
        let mut grads = Vec::with_capacity(layers + 1);
        let mut dz = prim(d_output);
        let mut slope = None;
        for l in (0..=layers).rev() {
            let layer = if l == layers { &self.output } else { &self.hidden[l] };
            let below = (l > 0).then(|| Below {
                derivative: prim(tape.derivatives[l - 1].clone()),
                prelu_pre: self.hidden[l - 1].slope.as_ref().map(|_| prim(tape.pre[l - 1].clone())),
            });
            let out = B::dense_backward(prim(tape.inputs[l].clone()), prim(layer.weight.val()), dz, below);
            grads.push(LayerGrads {
                weight: tensor(out.weight),
                bias: tensor(out.bias),
                slope: slope.take(),
            });
            slope = out.below_slope.map(tensor);
            match out.below {
                Some(below) => dz = below,
                None => break,
            }
        }
        grads.reverse();
        grads
    }
}

/// [`FusedDense::read_values`] on a tensor (the metrics' read back).
pub fn read<B: FusedDense>(t: Tensor<B, 2>) -> Vec<f32> {
    B::read_values(prim(t))
}

/// [`FusedDense::loss_gradient`] on tensors.
pub fn loss_gradient<B: FusedDense>(
    kind: LossKind,
    z: Tensor<B, 2>,
    t: Tensor<B, 2>,
    n: usize,
) -> Tensor<B, 2> {
    tensor(B::loss_gradient(kind, prim(z), prim(t), n))
}

/// [`FusedDense::param_update`] on tensors, the moments kept as tensors between steps.
pub fn update<B: FusedDense>(
    param: Tensor<B, 2>,
    grad: Tensor<B, 2>,
    first: &mut Option<Tensor<B, 2>>,
    second: &mut Option<Tensor<B, 2>>,
    rule: &UpdateRule,
) -> Tensor<B, 2> {
    let mut moments = Moments { first: first.take().map(prim), second: second.take().map(prim) };
    let p = B::param_update(prim(param), prim(grad), &mut moments, rule);
    *first = moments.first.map(tensor);
    *second = moments.second.map(tensor);
    tensor(p)
}
