//! Whole minibatch steps as one fused op ([`FusedDense::train_steps`]): for each minibatch the
//! forward pass through every layer, the loss gradient, the backward pass and the update of
//! every parameter, with the same kernels in the same order as the per-layer ops (so the same
//! bits; tested in `tests.rs`). The per-layer ops cost about ten burn ops a step, each with its
//! allocations and dispatch, against a few microseconds of arithmetic: this is one op for
//! several minibatches, whose parameters stay on the host from the first to the last (taking
//! them out of their tensors and back cost as much again as a small step's arithmetic). It runs
//! when every hidden activation is one the op evaluates ([`kernels::elementwise`]) and each
//! minibatch is one chunk; otherwise the trainer takes the per-layer ops.

use std::ops::Range;

use burn::module::Param;
use burn::tensor::backend::Backend as BackendTrait;
use burn::tensor::ops::FloatTensor;
use burn::tensor::Tensor;

use super::kernels::{self, Elementwise, UpdateRule};
use super::{prim, tensor, FusedDense, Moments};
use crate::domain::nn::model::Mlp;
use crate::domain::nn::settings::LossKind;

/// An optimizer's memory for one parameter: momentum's velocity or Adam's two moments (`None`
/// before the first step).
#[derive(Clone)]
pub struct Slot<B: BackendTrait> {
    pub first: Option<Tensor<B, 2>>,
    pub second: Option<Tensor<B, 2>>,
}

impl<B: BackendTrait> Default for Slot<B> {
    fn default() -> Self {
        Slot { first: None, second: None }
    }
}

/// One parameter of a fused step and its optimizer memory, as primitives.
pub struct StepParam<B: BackendTrait> {
    pub value: FloatTensor<B>,
    pub moments: Moments<B>,
}

/// One layer of a fused step: W `[inputs, outputs]`, b `[1, outputs]`, a PReLU layer's slope
/// `[1, 1]`, and a hidden layer's activation (`None`: the linear output layer).
pub struct StepLayer<B: BackendTrait> {
    pub weight: StepParam<B>,
    pub bias: StepParam<B>,
    pub slope: Option<StepParam<B>>,
    pub activation: Option<Elementwise>,
}

/// The loss, the minibatch size (the loss is its mean) and the update rules of a step: the
/// connection weights' (with the penalty) and the biases' and slopes'.
#[derive(Clone, Copy, Debug)]
pub struct StepSpec {
    pub loss: LossKind,
    pub weight_rule: UpdateRule,
    pub rule: UpdateRule,
}

fn take<B: BackendTrait>(param: &Param<Tensor<B, 2>>, slot: &mut Slot<B>) -> StepParam<B> {
    StepParam {
        value: prim(param.val()),
        moments: Moments { first: slot.first.take().map(prim), second: slot.second.take().map(prim) },
    }
}

fn put<B: BackendTrait>(param: &mut Param<Tensor<B, 2>>, slot: &mut Slot<B>, p: StepParam<B>) {
    *param = Param::initialized(param.id, tensor(p.value));
    slot.first = p.moments.first.map(tensor);
    slot.second = p.moments.second.map(tensor);
}

impl<B: FusedDense> Mlp<B> {
    /// The activations the fused step evaluates, per hidden layer; `None` if one is not.
    pub(super) fn elementwise(&self) -> Option<Vec<Elementwise>> {
        self.activations().iter().map(|&a| kernels::elementwise(a, None)).collect()
    }

    /// Optimizer steps on the rows `batches[i]` of `x` and `t` (the minibatches, in order) in
    /// one fused op, `spec` the first one's (the i-th is numbered its step + i); `slots` holds
    /// each layer's optimizer memory (weight, bias, slope), the output layer last. Returns
    /// false, changing nothing, when an activation is not one the op evaluates.
    pub fn train_steps_fused(
        &mut self,
        slots: &mut [[Slot<B>; 3]],
        x: &Tensor<B, 2>,
        t: &Tensor<B, 2>,
        batches: &[Range<usize>],
        spec: &StepSpec,
    ) -> bool {
        let Some(activations) = self.elementwise() else {
            return false;
        };
        let activations = activations.into_iter().map(Some).chain(std::iter::once(None));
        let layers = self.hidden.iter_mut().chain(std::iter::once(&mut self.output));
        let mut ops: Vec<StepLayer<B>> = layers
            .zip(slots.iter_mut())
            .zip(activations)
            .map(|((layer, [ws, bs, ss]), activation)| StepLayer {
                weight: take(&layer.weight, ws),
                bias: take(&layer.bias, bs),
                slope: layer.slope.as_ref().map(|s| take(s, ss)),
                activation,
            })
            .collect();
        B::train_steps(&mut ops, &prim(x.clone()), &prim(t.clone()), batches, spec);
        let layers = self.hidden.iter_mut().chain(std::iter::once(&mut self.output));
        for ((layer, [ws, bs, ss]), op) in layers.zip(slots.iter_mut()).zip(ops) {
            put(&mut layer.weight, ws, op.weight);
            put(&mut layer.bias, bs, op.bias);
            if let (Some(slope), Some(p)) = (layer.slope.as_mut(), op.slope) {
                put(slope, ss, p);
            }
        }
        true
    }
}
