//! A whole minibatch step of a dense network in one call: the forward pass through every
//! layer, the loss gradient, the backward pass and one optimizer update of every parameter,
//! made of the same kernels in the same order as the per-layer operations (so the same bits).
//! The caller hands in the parameters and their optimizer memory; they are updated in place.

use crate::{activate, layer_backward, linear, loss_gradient, through_activation, update};
use crate::{Elementwise, Loss, Moments, UpdateRule};

/// One parameter and its optimizer memory.
pub struct Param<'a> {
    pub value: &'a mut Vec<f32>,
    pub moments: &'a mut Moments,
}

/// One layer `[inputs → outputs]`: W row-major `[inputs, outputs]`, b `[outputs]`; a hidden
/// layer's activation (a PReLU layer's `Leaky` slope is its learned `slope`, `[1]`, itself a
/// parameter); the output layer has none (linear).
pub struct Layer<'a> {
    pub weight: Param<'a>,
    pub bias: Param<'a>,
    pub slope: Option<Param<'a>>,
    pub inputs: usize,
    pub outputs: usize,
    pub activation: Option<Elementwise>,
}

/// The step's loss, batch size (the loss is the mean over `batch` rows) and update rules: the
/// weights' (with the penalty) and the biases' and slopes' (without).
pub struct Step {
    pub loss: Loss,
    pub batch: usize,
    pub weight_rule: UpdateRule,
    pub rule: UpdateRule,
}

/// A layer as the forward and backward passes read it: its activation resolved (a PReLU
/// layer's `Leaky` slope is its learned one), `prelu` when its slope is learned.
pub struct LayerRef<'a> {
    pub weight: &'a [f32],
    pub bias: &'a [f32],
    pub inputs: usize,
    pub outputs: usize,
    pub activation: Option<Elementwise>,
    pub prelu: bool,
}

impl Layer<'_> {
    pub fn as_ref(&self) -> LayerRef<'_> {
        let activation = with_slope(self.activation, self.slope.as_ref().map(|s| s.value.as_slice()));
        LayerRef {
            weight: self.weight.value,
            bias: self.bias.value,
            inputs: self.inputs,
            outputs: self.outputs,
            activation,
            prelu: self.slope.is_some(),
        }
    }
}

/// A PReLU layer's activation with its learned slope (`[1]`) in place of the configured one.
pub fn with_slope(activation: Option<Elementwise>, slope: Option<&[f32]>) -> Option<Elementwise> {
    match (activation, slope) {
        (Some(Elementwise::Leaky(_)), Some(s)) => Some(Elementwise::Leaky(s.first().copied().unwrap_or(0.0))),
        (f, _) => f,
    }
}

/// A forward pass: per hidden layer its z, f′(z) and f(z) (row-major `[n, outputs]`), and the
/// network's output `[n]`.
pub struct Forward {
    pub pre: Vec<Vec<f32>>,
    pub derivatives: Vec<Vec<f32>>,
    pub post: Vec<Vec<f32>>,
    pub output: Vec<f32>,
}

/// One layer's gradients: W's `[inputs, outputs]`, b's and a PReLU layer's slope's.
#[derive(Clone, Debug, PartialEq)]
pub struct Grads {
    pub weight: Vec<f32>,
    pub bias: Vec<f32>,
    pub slope: Option<f32>,
}

/// The forward pass of rows `x` `[n, layers[0].inputs]`: hidden layers, then the linear output
/// layer (the last).
pub fn forward(layers: &[LayerRef<'_>], x: &[f32]) -> Forward {
    let hidden = layers.len().saturating_sub(1);
    let mut f = Forward {
        pre: Vec::with_capacity(hidden),
        derivatives: Vec::with_capacity(hidden),
        post: Vec::with_capacity(hidden),
        output: Vec::new(),
    };
    for (l, layer) in layers.iter().enumerate() {
        let input = f.post.last().map_or(x, Vec::as_slice);
        let z = linear(input, layer.weight, layer.bias, layer.inputs, layer.outputs);
        if l == hidden {
            f.output = z;
            break;
        }
        let (h, d) = activate(&z, layer.activation.unwrap_or(Elementwise::Identity));
        f.pre.push(z);
        f.derivatives.push(d);
        f.post.push(h);
    }
    f
}

/// Every layer's gradients (first layer first) from the forward pass `f` of rows `x` and the
/// loss gradient `dz` at the output.
pub fn backward(layers: &[LayerRef<'_>], x: &[f32], f: &Forward, mut dz: Vec<f32>) -> Vec<Grads> {
    let mut grads: Vec<Grads> = Vec::with_capacity(layers.len());
    let mut slope = None;
    for (l, layer) in layers.iter().enumerate().rev() {
        let input = if l == 0 { x } else { f.post[l - 1].as_slice() };
        let g = layer_backward(input, layer.weight, &dz, layer.inputs, layer.outputs, l > 0);
        grads.push(Grads { weight: g.weight, bias: g.bias, slope: slope.take() });
        if let (Some(dh), true) = (g.input, l > 0) {
            let prelu = layers[l - 1].prelu.then(|| f.pre[l - 1].as_slice());
            let (below, s) = through_activation(&dh, &f.derivatives[l - 1], prelu);
            dz = below;
            slope = s;
        }
    }
    grads.reverse();
    grads
}

/// One step on the rows `x` `[n, layers[0].inputs]` with targets `t` `[n]`: every gradient is
/// computed at the current parameters, then every parameter is updated.
pub fn train_step(layers: &mut [Layer<'_>], x: &[f32], t: &[f32], step: &Step) {
    let grads = {
        let refs: Vec<LayerRef<'_>> = layers.iter().map(Layer::as_ref).collect();
        let f = forward(&refs, x);
        backward(&refs, x, &f, loss_gradient(step.loss, &f.output, t, step.batch))
    };
    for (layer, g) in layers.iter_mut().zip(grads) {
        update(layer.weight.value, &g.weight, layer.weight.moments, &step.weight_rule);
        update(layer.bias.value, &g.bias, layer.bias.moments, &step.rule);
        if let (Some(p), Some(s)) = (layer.slope.as_mut(), g.slope) {
            update(p.value, &[s], p.moments, &step.rule);
        }
    }
}
