//! A whole minibatch step of a dense network in one call: the forward pass through every
//! layer, the loss gradient, the backward pass and one optimizer update of every parameter,
//! made of the same kernels in the same order as the per-layer operations (so the same bits).
//! The caller hands in the parameters and their optimizer memory; they are updated in place,
//! so several minibatches in a row ([`train_steps`]) cost no copy of them in between.

use std::ops::Range;

use crate::update;
use crate::{
    activate_into, layer_backward_into, linear_into, loss_gradient_into, through_activation_into, Grad,
};
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
#[derive(Clone, Copy, Debug)]
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
#[derive(Default)]
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
    let mut f = Forward::default();
    f.run(layers, x);
    f
}

/// Every layer's gradients (first layer first) from the forward pass `f` of rows `x` and the
/// loss gradient `dz` at the output.
pub fn backward(layers: &[LayerRef<'_>], x: &[f32], f: &Forward, dz: Vec<f32>) -> Vec<Grads> {
    let mut b = Backward::default();
    b.size(layers.len());
    if let Some(last) = b.dz.last_mut() {
        *last = dz;
    }
    b.run(layers, x, f);
    let Backward { weight, bias, slope, .. } = b;
    weight
        .into_iter()
        .zip(bias)
        .zip(slope)
        .map(|((weight, bias), slope)| Grads { weight, bias, slope })
        .collect()
}

/// `v` resized to `len` (its old values stay until overwritten: every use overwrites it).
fn sized(v: &mut Vec<f32>, len: usize) -> &mut [f32] {
    v.resize(len, 0.0);
    v
}

impl Forward {
    /// The forward pass of rows `x` into these buffers (a run of steps reuses them).
    fn run(&mut self, layers: &[LayerRef<'_>], x: &[f32]) {
        let hidden = layers.len().saturating_sub(1);
        let n = layers.first().map_or(0, |l| x.len().checked_div(l.inputs).unwrap_or(0));
        for v in [&mut self.pre, &mut self.derivatives, &mut self.post] {
            v.resize_with(hidden, Vec::new);
        }
        for (l, layer) in layers.iter().enumerate() {
            let (below, here) = self.post.split_at_mut(l.min(hidden));
            let input = below.last().map_or(x, |v| v.as_slice());
            let z = if l == hidden { &mut self.output } else { &mut self.pre[l] };
            let z = sized(z, n * layer.outputs);
            linear_into(input, layer.weight, layer.bias, layer.inputs, layer.outputs, z);
            if l < hidden {
                let f = layer.activation.unwrap_or(Elementwise::Identity);
                let h = sized(&mut here[0], z.len());
                activate_into(z, f, h, sized(&mut self.derivatives[l], z.len()));
            }
        }
    }
}

/// A backward pass's buffers, per layer: dz, dW, db and a PReLU slope's gradient; and dh₋, the
/// one being passed down.
#[derive(Default)]
struct Backward {
    dz: Vec<Vec<f32>>,
    weight: Vec<Vec<f32>>,
    bias: Vec<Vec<f32>>,
    slope: Vec<Option<f32>>,
    dh: Vec<f32>,
}

impl Backward {
    fn size(&mut self, layers: usize) {
        for v in [&mut self.dz, &mut self.weight, &mut self.bias] {
            v.resize_with(layers, Vec::new);
        }
        self.slope.clear();
        self.slope.resize(layers, None);
    }

    /// Every layer's gradients from the forward pass `f` of rows `x`, the output's dz given.
    fn run(&mut self, layers: &[LayerRef<'_>], x: &[f32], f: &Forward) {
        for (l, layer) in layers.iter().enumerate().rev() {
            let input = if l == 0 { x } else { f.post[l - 1].as_slice() };
            let rows = input.len().checked_div(layer.inputs).unwrap_or(0);
            let out = Grad {
                weight: sized(&mut self.weight[l], layer.inputs * layer.outputs),
                bias: sized(&mut self.bias[l], layer.outputs),
                input: (l > 0).then(|| sized(&mut self.dh, rows * layer.inputs)),
            };
            layer_backward_into(input, layer.weight, &self.dz[l], layer.inputs, layer.outputs, out);
            if l > 0 {
                let prelu = layers[l - 1].prelu.then(|| f.pre[l - 1].as_slice());
                let dz = sized(&mut self.dz[l - 1], self.dh.len());
                self.slope[l - 1] = through_activation_into(&self.dh, &f.derivatives[l - 1], prelu, dz);
            }
        }
    }
}

/// One step on the rows `x` `[n, layers[0].inputs]` with targets `t` `[n]`: every gradient is
/// computed at the current parameters, then every parameter is updated.
pub fn train_step(layers: &mut [Layer<'_>], x: &[f32], t: &[f32], step: &Step) {
    Scratch::default().step(layers, x, t, step);
}

/// Minibatch steps one after another: the rows `batches[i]` of `x` `[n, layers[0].inputs]`
/// and `t` `[n]`, each step as [`train_step`] with the loss's mean over its own rows, the i-th
/// numbered `first.weight_rule.step + i` (Adam's bias correction). The same bits as a
/// [`train_step`] per minibatch, with every intermediate in buffers allocated once for the run.
/// A range outside the rows ends the run there.
pub fn train_steps(layers: &mut [Layer<'_>], x: &[f32], t: &[f32], batches: &[Range<usize>], first: &Step) {
    let k = layers.first().map_or(0, |l| l.inputs);
    let mut scratch = Scratch::default();
    for (i, rows) in batches.iter().enumerate() {
        let (Some(x), Some(t)) = (x.get(rows.start * k..rows.end * k), t.get(rows.clone())) else {
            return;
        };
        let number = |rule: UpdateRule| UpdateRule { step: rule.step + i as u64, ..rule };
        let step = Step {
            batch: t.len(),
            weight_rule: number(first.weight_rule),
            rule: number(first.rule),
            ..*first
        };
        scratch.step(layers, x, t, &step);
    }
}

/// A step's buffers, kept from one step to the next.
#[derive(Default)]
struct Scratch {
    forward: Forward,
    backward: Backward,
}

impl Scratch {
    /// [`train_step`] in these buffers: the forward pass, the loss gradient, the backward pass
    /// (the same kernels in the same order as [`forward`] and [`backward`]), then every update.
    fn step(&mut self, layers: &mut [Layer<'_>], x: &[f32], t: &[f32], step: &Step) {
        let Scratch { forward, backward } = self;
        backward.size(layers.len());
        {
            let refs: Vec<LayerRef<'_>> = layers.iter().map(Layer::as_ref).collect();
            forward.run(&refs, x);
            let output = &forward.output;
            if let Some(dz) = backward.dz.last_mut() {
                loss_gradient_into(step.loss, output, t, step.batch, sized(dz, output.len().min(t.len())));
            }
            backward.run(&refs, x, forward);
        }
        for (l, layer) in layers.iter_mut().enumerate() {
            update(layer.weight.value, &backward.weight[l], layer.weight.moments, &step.weight_rule);
            update(layer.bias.value, &backward.bias[l], layer.bias.moments, &step.rule);
            if let (Some(p), Some(s)) = (layer.slope.as_mut(), backward.slope[l]) {
                update(p.value, &[s], p.moments, &step.rule);
            }
        }
    }
}
