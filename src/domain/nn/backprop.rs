//! The training engine's gradients: a forward pass that keeps what the backward pass needs (a
//! [`Tape`]), and the backward pass written in burn tensor ops on the plain backend, without
//! autodiff's graph. Per hidden layer l with input h₋ (the layer below's activation, or the
//! network's input), pre-activation z = h₋·W + b and activation h = f(z):
//!
//! - dz = dh ⊙ f′(z) (f′ from [`Activation::forward_with_derivative`], computed in the forward);
//! - dW = h₋ᵀ·dz, db = Σ rows of dz, dh₋ = dz·Wᵀ;
//! - a PReLU layer's learned slope a: ∂L/∂a = Σ dh ⊙ z ⊙ [z ≤ 0] = Σ dh ⊙ min(z, 0).
//!
//! The output layer is linear (dz is the given output gradient). Tested against autodiff of the
//! same network in `trainer`'s tests (every parameter, loss kind and activation).

use burn::tensor::backend::Backend as BackendTrait;
use burn::tensor::{ElementConversion, Tensor};

use crate::domain::activation::Activation;
use crate::domain::nn::model::{Dense, Mlp, BIAS_MATMUL_MIN_ROWS};

/// What a forward pass keeps for the backward pass (and for the metrics).
pub struct Tape<B: BackendTrait> {
    /// The input of every layer: the network's input, then each hidden layer's activation.
    pub(crate) inputs: Vec<Tensor<B, 2>>,
    /// Per hidden layer, the pre-activations z.
    pub pre: Vec<Tensor<B, 2>>,
    /// Per hidden layer, f′(z).
    pub(crate) derivatives: Vec<Tensor<B, 2>>,
    /// The raw output (logit), `[n, 1]`.
    pub output: Tensor<B, 2>,
}

impl<B: BackendTrait> Tape<B> {
    /// Per hidden layer, the activations f(z).
    pub fn post(&self) -> &[Tensor<B, 2>] {
        &self.inputs[1..]
    }
}

/// The loss gradient of one layer's parameters, shaped like them.
#[derive(Clone)]
pub struct LayerGrads<B: BackendTrait> {
    pub weight: Tensor<B, 2>,
    pub bias: Tensor<B, 2>,
    /// A PReLU layer's learned slope, `[1, 1]`.
    pub slope: Option<Tensor<B, 2>>,
}

/// The activation a hidden layer applies: a PReLU layer's with its current learned slope.
fn layer_activation<B: BackendTrait>(configured: Activation, layer: &Dense<B>) -> Activation {
    match &layer.slope {
        Some(slope) => Activation::Prelu { a: slope.val().into_scalar().elem::<f64>() },
        None => configured,
    }
}

impl<B: BackendTrait> Mlp<B> {
    /// The forward pass for inputs `[n, num_inputs]`, keeping every layer's input, z and f′(z).
    /// Its values are bit-identical to [`Mlp::forward`]'s.
    pub fn forward_tape(&self, x: Tensor<B, 2>) -> Tape<B> {
        let layers = self.hidden.len();
        let mut inputs = Vec::with_capacity(layers + 1);
        let mut pre = Vec::with_capacity(layers);
        let mut derivatives = Vec::with_capacity(layers);
        inputs.push(x);
        for (layer, &f) in self.hidden.iter().zip(self.activations()) {
            let z = layer.linear(inputs[inputs.len() - 1].clone());
            let (h, d) = layer_activation(f, layer).forward_with_derivative(z.clone());
            pre.push(z);
            derivatives.push(d);
            inputs.push(h);
        }
        let output = self.output.linear(inputs[layers].clone());
        Tape { inputs, pre, derivatives, output }
    }

    /// Every layer's parameter gradients (hidden layers, then the output layer) of a loss
    /// whose gradient with respect to the tape's output is `d_output` `[n, 1]`.
    pub fn backward(&self, tape: &Tape<B>, d_output: Tensor<B, 2>) -> Vec<LayerGrads<B>> {
        let layers = self.hidden.len();
        let mut grads = Vec::with_capacity(layers + 1);
        let mut dz = d_output;
        // The slope gradient of the layer handled next (found while handling the one above).
        let mut slope = None;
        for l in (0..=layers).rev() {
            let layer = if l == layers { &self.output } else { &self.hidden[l] };
            let weight = tape.inputs[l].clone().transpose().matmul(dz.clone());
            let bias = sum_rows(dz.clone());
            grads.push(LayerGrads { weight, bias, slope: slope.take() });
            if l > 0 {
                let dh = dz.matmul(layer.weight.val().transpose());
                if self.hidden[l - 1].slope.is_some() {
                    let negative_part = tape.pre[l - 1].clone().clamp_max(0.0);
                    slope = Some(dh.clone().mul(negative_part).sum().reshape([1, 1]));
                }
                dz = dh.mul(tape.derivatives[l - 1].clone());
            }
        }
        grads.reverse();
        grads
    }
}

/// Σ over the rows, `[n, k]` → `[1, k]`. For many rows as ones[1,n]·dz: ndarray's `sum_axis(0)`
/// allocates once per row, one small GEMM does not (the mirror of the bias add in `linear`).
fn sum_rows<B: BackendTrait>(dz: Tensor<B, 2>) -> Tensor<B, 2> {
    let rows = dz.dims()[0];
    if rows >= BIAS_MATMUL_MIN_ROWS {
        Tensor::<B, 2>::ones([1, rows], &dz.device()).matmul(dz)
    } else {
        dz.sum_dim(0)
    }
}
