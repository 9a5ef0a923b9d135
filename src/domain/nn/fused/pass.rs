//! A pass of rows through the whole network read back to the host ([`Mlp::pass`]): every
//! hidden layer's z, f′(z) and f(z) and the output, and with a target the gradients of the
//! loss. What the metrics and the probe read after each epoch. When every activation is one
//! the fused op evaluates it is one op ([`FusedDense::dense_pass`], the kernels of
//! `dense_kernels::network`, the same bits as the per-layer ops, tested); otherwise the
//! per-layer ops and a read back of each of their tensors.

use std::ops::Range;

use burn::tensor::backend::Backend as BackendTrait;
use burn::tensor::ops::FloatTensor;
use burn::tensor::Tensor;

use super::kernels::{network, Elementwise};
use super::{prim, read, FusedDense};
use crate::domain::nn::model::Mlp;
use crate::domain::nn::settings::LossKind;

/// One layer of a pass: W `[inputs, outputs]`, b `[1, outputs]`, a PReLU layer's slope
/// `[1, 1]`, a hidden layer's activation (`None`: the linear output layer).
pub struct PassLayer<B: BackendTrait> {
    pub weight: FloatTensor<B>,
    pub bias: FloatTensor<B>,
    pub slope: Option<FloatTensor<B>>,
    pub activation: Option<Elementwise>,
}

/// What the gradients of a pass are of: the mean `loss` over `n` rows against targets `t`
/// `[rows, 1]` (the pass's rows of it, as of x).
pub struct PassTarget<'a, B: BackendTrait> {
    pub t: &'a FloatTensor<B>,
    pub loss: LossKind,
    pub n: usize,
}

/// A pass read back: the forward pass and, with a target, every layer's gradients.
pub struct HostPass {
    pub forward: network::Forward,
    pub grads: Option<Vec<network::Grads>>,
}

impl<B: FusedDense> Mlp<B> {
    /// The rows `rows` of `x` through the network, read back; with a target (t, whose same rows
    /// are the targets; the loss; the row count its mean is over), also the loss's gradients.
    pub fn pass(
        &self,
        x: &Tensor<B, 2>,
        rows: Range<usize>,
        target: Option<(&Tensor<B, 2>, LossKind, usize)>,
    ) -> HostPass {
        let Some(activations) = self.elementwise() else {
            return self.pass_layered(x, rows, target);
        };
        let activations = activations.into_iter().map(Some).chain(std::iter::once(None));
        let layers: Vec<PassLayer<B>> = self
            .hidden
            .iter()
            .chain(std::iter::once(&self.output))
            .zip(activations)
            .map(|(layer, activation)| PassLayer {
                weight: prim(layer.weight.val()),
                bias: prim(layer.bias.val()),
                slope: layer.slope.as_ref().map(|s| prim(s.val())),
                activation,
            })
            .collect();
        let t = target.map(|(t, loss, n)| (prim(t.clone()), loss, n));
        let target = t.as_ref().map(|(t, loss, n)| PassTarget { t, loss: *loss, n: *n });
        B::dense_pass(&layers, &prim(x.clone()), rows, target)
    }

    /// [`Mlp::pass`] through the per-layer ops (any activation), each tensor read back.
    pub(crate) fn pass_layered(
        &self,
        x: &Tensor<B, 2>,
        rows: Range<usize>,
        target: Option<(&Tensor<B, 2>, LossKind, usize)>,
    ) -> HostPass {
        let (start, len) = (rows.start, rows.len());
        let tape = self.forward_tape_fused(x.clone().narrow(0, start, len));
        let all = |ts: &[Tensor<B, 2>]| ts.iter().map(|t| read(t.clone())).collect();
        let forward = network::Forward {
            pre: all(&tape.pre),
            derivatives: all(&tape.derivatives),
            post: all(tape.post()),
            output: read(tape.output.clone()),
        };
        let grads = target.map(|(t, loss, n)| {
            let dz = super::loss_gradient(loss, tape.output.clone(), t.clone().narrow(0, start, len), n);
            let grads = self.backward_fused(&tape, dz);
            let slope = |s: Option<Tensor<B, 2>>| s.and_then(|s| read(s).first().copied());
            grads
                .into_iter()
                .map(|g| network::Grads { weight: read(g.weight), bias: read(g.bias), slope: slope(g.slope) })
                .collect()
        });
        HostPass { forward, grads }
    }
}
