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

/// What the backward pass found for one layer.
struct Grads {
    weight: Vec<f32>,
    bias: Vec<f32>,
    slope: Option<f32>,
}

/// One step on the rows `x` `[n, layers[0].inputs]` with targets `t` `[n]`: every gradient is
/// computed at the current parameters, then every parameter is updated.
pub fn train_step(layers: &mut [Layer<'_>], x: &[f32], t: &[f32], step: &Step) {
    let Some(last) = layers.len().checked_sub(1) else {
        return;
    };
    // Per hidden layer l: its z, f′(z) and activation (layer l + 1's input).
    let mut inputs: Vec<Vec<f32>> = Vec::with_capacity(layers.len());
    let mut pre: Vec<Vec<f32>> = Vec::with_capacity(last);
    let mut derivatives: Vec<Vec<f32>> = Vec::with_capacity(last);
    let mut output = Vec::new();
    for (l, layer) in layers.iter().enumerate() {
        let input = inputs.last().map_or(x, Vec::as_slice);
        let z = linear(input, layer.weight.value, layer.bias.value, layer.inputs, layer.outputs);
        if l == last {
            output = z;
            break;
        }
        let f = match (layer.activation, &layer.slope) {
            (Some(Elementwise::Leaky(_)), Some(s)) => {
                Elementwise::Leaky(s.value.first().copied().unwrap_or(0.0))
            }
            (Some(f), _) => f,
            (None, _) => Elementwise::Identity,
        };
        let (h, d) = activate(&z, f);
        pre.push(z);
        derivatives.push(d);
        inputs.push(h);
    }
    let mut dz = loss_gradient(step.loss, &output, t, step.batch);
    let mut grads: Vec<Grads> = Vec::with_capacity(layers.len());
    let mut slope = None;
    for l in (0..layers.len()).rev() {
        let layer = &layers[l];
        let input = if l == 0 { x } else { inputs[l - 1].as_slice() };
        let g = layer_backward(input, layer.weight.value, &dz, layer.inputs, layer.outputs, l > 0);
        grads.push(Grads { weight: g.weight, bias: g.bias, slope: slope.take() });
        if let (Some(dh), true) = (g.input, l > 0) {
            let prelu = layers[l - 1].slope.is_some().then(|| pre[l - 1].as_slice());
            let (below, s) = through_activation(&dh, &derivatives[l - 1], prelu);
            dz = below;
            slope = s;
        }
    }
    grads.reverse();
    for (layer, g) in layers.iter_mut().zip(grads) {
        update(layer.weight.value, &g.weight, layer.weight.moments, &step.weight_rule);
        update(layer.bias.value, &g.bias, layer.bias.moments, &step.rule);
        if let (Some(p), Some(s)) = (layer.slope.as_mut(), g.slope) {
            update(p.value, &[s], p.moments, &step.rule);
        }
    }
}
