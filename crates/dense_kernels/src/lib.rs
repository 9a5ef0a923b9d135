//! The arithmetic of Activation Lab's fused training operations (`domain::nn::fused`) on plain
//! row-major f32 slices: no allocation beyond each result, no burn op. A crate of its own so
//! that the release build compiles it at opt-level 3 while the app is built for size ("z"
//! leaves these loops about as slow as the per-op cost they replace). Products are plain loops summed in a fixed order (k = 0, 1, …, then the
//! bias), with no fused multiply-add, so a run gives the same bits on every platform; at the
//! network's sizes ([10, 8]·[8, 8]) they are faster than a GEMM call.

pub mod network;

/// The output's loss (the app's `LossKind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Loss {
    /// Sigmoid + binary cross-entropy of the logit.
    SigmoidBce,
    /// ½·(z − t)².
    LinearMse,
    /// ½·(tanh z − t)².
    TanhMse,
}

/// The optimizer (the app's `OptimizerKind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Optimizer {
    Sgd,
    Momentum,
    Adam,
}

/// The penalty on connection weights (the app's `Regularization`, without None).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Penalty {
    L1,
    L2,
}

/// z = x·W + b: x `[n, k]`, W `[k, m]`, b `[m]` → `[n, m]`.
pub fn linear(x: &[f32], w: &[f32], b: &[f32], k: usize, m: usize) -> Vec<f32> {
    let n = x.len().checked_div(k).unwrap_or(0);
    let mut z = vec![0f32; n * m];
    linear_into(x, w, b, k, m, &mut z);
    z
}

/// [`linear`] into `z` (`[n, m]`, overwritten).
pub fn linear_into(x: &[f32], w: &[f32], b: &[f32], k: usize, m: usize, z: &mut [f32]) {
    z.fill(0.0);
    if m == 0 {
        return;
    }
    for (zi, xi) in z.chunks_exact_mut(m).zip(x.chunks_exact(k.max(1))) {
        for (&xv, wr) in xi.iter().zip(w.chunks_exact(m)) {
            for (zj, &wv) in zi.iter_mut().zip(wr) {
                *zj += xv * wv;
            }
        }
        for (zj, &bv) in zi.iter_mut().zip(b) {
            *zj += bv;
        }
    }
}

/// The activations a fused forward evaluates elementwise, with their derivatives, op for op as
/// `forward_with_derivative` does (so the same bits for the same z).
#[derive(Clone, Copy, Debug)]
pub enum Elementwise {
    Identity,
    Relu,
    /// LeakyReLU's slope, or PReLU's learned one: k·x and k for x ≤ 0.
    Leaky(f32),
    Tanh,
    Sigmoid,
}

impl Elementwise {
    /// `(f(z), f′(z))`, with the kink conventions of `forward_with_derivative`.
    #[inline]
    pub fn pair(self, z: f32) -> (f32, f32) {
        match self {
            Elementwise::Identity => (z, 1.0),
            // clamp_min(0) (as burn's relu), derivative 1 only for z > 0.
            Elementwise::Relu => (if z < 0.0 { 0.0 } else { z }, if z > 0.0 { 1.0 } else { 0.0 }),
            Elementwise::Leaky(k) => {
                if z <= 0.0 {
                    (z * k, k)
                } else {
                    (z, 1.0)
                }
            }
            Elementwise::Tanh => {
                let t = tanh(z);
                (t, -(t * t) + 1.0)
            }
            Elementwise::Sigmoid => {
                let s = sigmoid(z);
                (s, s * (-s + 1.0))
            }
        }
    }
}

/// `(f(z), f′(z))` elementwise.
pub fn activate(z: &[f32], f: Elementwise) -> (Vec<f32>, Vec<f32>) {
    z.iter().map(|&v| f.pair(v)).unzip()
}

/// [`activate`] into `h` and `d` (each as long as `z`, overwritten).
pub fn activate_into(z: &[f32], f: Elementwise, h: &mut [f32], d: &mut [f32]) {
    for ((&v, h), d) in z.iter().zip(h).zip(d) {
        (*h, *d) = f.pair(v);
    }
}

/// One layer's gradients from dz `[n, m]`, its input x `[n, k]` and weight W `[k, m]`:
/// dW = xᵀ·dz `[k, m]`, db = Σ rows of dz `[m]` and, when `wants_input`, dh₋ = dz·Wᵀ `[n, k]`.
pub struct LayerBackward {
    pub weight: Vec<f32>,
    pub bias: Vec<f32>,
    pub input: Option<Vec<f32>>,
}

pub fn layer_backward(
    x: &[f32],
    w: &[f32],
    dz: &[f32],
    k: usize,
    m: usize,
    wants_input: bool,
) -> LayerBackward {
    let mut g = LayerBackward {
        weight: vec![0f32; k * m],
        bias: vec![0f32; m],
        input: wants_input.then(|| vec![0f32; x.len()]),
    };
    let out = Grad { weight: &mut g.weight, bias: &mut g.bias, input: g.input.as_deref_mut() };
    layer_backward_into(x, w, dz, k, m, out);
    g
}

/// Where [`layer_backward_into`] writes: dW `[k, m]`, db `[m]` and, when given, dh₋ `[n, k]`
/// (each overwritten).
pub struct Grad<'a> {
    pub weight: &'a mut [f32],
    pub bias: &'a mut [f32],
    pub input: Option<&'a mut [f32]>,
}

/// [`layer_backward`] into `out`.
pub fn layer_backward_into(x: &[f32], w: &[f32], dz: &[f32], k: usize, m: usize, out: Grad<'_>) {
    let Grad { weight, bias, input } = out;
    weight.fill(0.0);
    bias.fill(0.0);
    let (k1, m1) = (k.max(1), m.max(1));
    for (xi, dzi) in x.chunks_exact(k1).zip(dz.chunks_exact(m1)) {
        for (&xv, gw) in xi.iter().zip(weight.chunks_exact_mut(m1)) {
            for (g, &d) in gw.iter_mut().zip(dzi) {
                *g += xv * d;
            }
        }
        for (g, &d) in bias.iter_mut().zip(dzi) {
            *g += d;
        }
    }
    if let Some(dh) = input {
        for (dhi, dzi) in dh.chunks_exact_mut(k1).zip(dz.chunks_exact(m1)) {
            for (h, wr) in dhi.iter_mut().zip(w.chunks_exact(m1)) {
                *h = dzi.iter().zip(wr).fold(0f32, |acc, (&d, &wv)| acc + d * wv);
            }
        }
    }
}

/// dz = dh ⊙ f′(z) of the layer below, and (for a PReLU layer) ∂L/∂a = Σ dh ⊙ min(z, 0).
pub fn through_activation(dh: &[f32], derivative: &[f32], z: Option<&[f32]>) -> (Vec<f32>, Option<f32>) {
    let mut dz = vec![0f32; dh.len()];
    let slope = through_activation_into(dh, derivative, z, &mut dz);
    (dz, slope)
}

/// [`through_activation`] with dz into `dz` (as long as `dh`, overwritten).
pub fn through_activation_into(
    dh: &[f32],
    derivative: &[f32],
    z: Option<&[f32]>,
    dz: &mut [f32],
) -> Option<f32> {
    for ((out, &g), &d) in dz.iter_mut().zip(dh).zip(derivative) {
        *out = g * d;
    }
    z.map(|z| dh.iter().zip(z).fold(0f32, |acc, (&g, &v)| acc + g * v.min(0.0)))
}

/// ∂L/∂z of the mean loss over a batch of `n` rows.
pub fn loss_gradient(kind: Loss, z: &[f32], t: &[f32], n: usize) -> Vec<f32> {
    let mut dz = vec![0f32; z.len().min(t.len())];
    loss_gradient_into(kind, z, t, n, &mut dz);
    dz
}

/// [`loss_gradient`] into `dz` (overwritten).
pub fn loss_gradient_into(kind: Loss, z: &[f32], t: &[f32], n: usize, dz: &mut [f32]) {
    let scale = (1.0 / n.max(1) as f64) as f32;
    for ((out, &z), &t) in dz.iter_mut().zip(z).zip(t) {
        *out = match kind {
            Loss::SigmoidBce => (sigmoid(z) - t) * scale,
            Loss::LinearMse => (z - t) * scale,
            Loss::TanhMse => {
                let th = tanh(z);
                ((th - t) * (-(th * th) + 1.0)) * scale
            }
        };
    }
}

/// One optimizer step's constants, as f32 the way burn's scalar ops round them.
#[derive(Clone, Copy, Debug)]
pub struct UpdateRule {
    pub kind: Optimizer,
    pub lr: f64,
    /// 1-based step number (Adam's bias correction).
    pub step: u64,
    /// The penalty added to a connection weight's gradient (not to biases nor slopes).
    pub penalty: Option<(Penalty, f64)>,
}

/// Adam's and momentum's constants (the app's tensor-op rule uses the same).
pub const ADAM_BETA1: f64 = 0.9;
pub const ADAM_BETA2: f64 = 0.999;
pub const ADAM_EPS: f64 = 1e-8;
pub const MOMENTUM: f64 = 0.9;

/// The state an update keeps per parameter: momentum's velocity or Adam's two moments.
pub struct Moments {
    pub first: Option<Vec<f32>>,
    pub second: Option<Vec<f32>>,
}

/// Updates `p` in place from its gradient `g` (with the rule's penalty), following the tensor
/// rule op for op (so the same bits): SGD p − lr·g; momentum v = 0.9v + g, p − lr·v; Adam.
pub fn update(p: &mut [f32], g: &[f32], state: &mut Moments, rule: &UpdateRule) {
    let penalty = match rule.penalty {
        Some((Penalty::L1, rate)) if rate != 0.0 => Some((true, rate as f32)),
        Some((Penalty::L2, rate)) if rate != 0.0 => Some((false, rate as f32)),
        _ => None,
    };
    let grad = move |g: f32, p: f32| match penalty {
        None => g,
        Some((true, rate)) => g + sign(p) * rate,
        Some((false, rate)) => g + p * rate,
    };
    let lr = rule.lr as f32;
    match rule.kind {
        Optimizer::Sgd => {
            for (p, &g) in p.iter_mut().zip(g) {
                *p -= grad(g, *p) * lr;
            }
        }
        Optimizer::Momentum => {
            let mut v = state.first.take().unwrap_or_default();
            let fresh = v.len() != p.len();
            v.resize(p.len(), 0.0);
            for ((p, &g), v) in p.iter_mut().zip(g).zip(v.iter_mut()) {
                let g = grad(g, *p);
                *v = if fresh { g } else { *v * MOMENTUM as f32 + g };
                *p -= *v * lr;
            }
            state.first = Some(v);
        }
        Optimizer::Adam => adam(p, g, grad, state, rule),
    }
}

fn adam(p: &mut [f32], g: &[f32], grad: impl Fn(f32, f32) -> f32, state: &mut Moments, rule: &UpdateRule) {
    let n = p.len();
    let mut m = state.first.take().unwrap_or_default();
    let mut v = state.second.take().unwrap_or_default();
    let (fresh_m, fresh_v) = (m.len() != n, v.len() != n);
    m.resize(n, 0.0);
    v.resize(n, 0.0);
    let t = rule.step.min(i32::MAX as u64) as i32;
    let bc1 = 1.0 - ADAM_BETA1.powi(t);
    let bc2 = 1.0 - ADAM_BETA2.powi(t);
    let (b1, one_b1) = (ADAM_BETA1 as f32, (1.0 - ADAM_BETA1) as f32);
    let (b2, one_b2) = (ADAM_BETA2 as f32, (1.0 - ADAM_BETA2) as f32);
    let (unbias2, eps, step) = ((1.0 / bc2.sqrt()) as f32, ADAM_EPS as f32, (rule.lr / bc1) as f32);
    for (((p, &g), m), v) in p.iter_mut().zip(g).zip(m.iter_mut()).zip(v.iter_mut()) {
        let g = grad(g, *p);
        *m = if fresh_m { g * one_b1 } else { *m * b1 + g * one_b1 };
        let g2 = g * g;
        *v = if fresh_v { g2 * one_b2 } else { *v * b2 + g2 * one_b2 };
        let denom = v.sqrt() * unbias2 + eps;
        *p -= *m / denom * step;
    }
    state.first = Some(m);
    state.second = Some(v);
}

/// burn's sign: −1, 0 or 1 (NaN stays NaN).
fn sign(x: f32) -> f32 {
    if x > 0.0 {
        1.0
    } else if x < 0.0 {
        -1.0
    } else {
        x
    }
}

/// burn's sigmoid, op for op: exp(−ln(e^(−z) + 1)) in f32 (0 where e^(−z) overflows).
fn sigmoid(z: f32) -> f32 {
    (-((-z).exp() + 1.0).ln()).exp()
}

/// burn's ndarray tanh: in f64, rounded to f32.
fn tanh(z: f32) -> f32 {
    f64::from(z).tanh() as f32
}
