//! The network: a multilayer perceptron with one output unit, generic over burn's backend.
//!
//! The backend is named here and only here ([`Backend`]). Initial weights are
//! drawn with the project's [`Rng`] (never burn's generator) and loaded with
//! `Tensor::from_data`, so a seed gives the same weights on every platform, and runs whose
//! settings differ only in their activations start from identical weights.

use burn::module::{Module, Param};
use burn::tensor::backend::Backend as BackendTrait;
use burn::tensor::{Tensor, TensorData};

use crate::domain::activation::Activation;
use crate::domain::nn::rng::Rng;
use crate::domain::nn::settings::{Init, Settings};

/// The backend everything runs on: burn's ndarray CPU backend in f32 (native and wasm).
pub type Backend = burn::backend::NdArray<f32>;
/// The device of [`Backend`] (the CPU).
pub type Device = <Backend as burn::tensor::backend::BackendTypes>::Device;

/// One fully connected layer: `y = x·W + b`, then the layer's activation (applied by [`Mlp`]).
#[derive(Module, Debug)]
pub struct Dense<B: BackendTrait> {
    /// `[inputs, outputs]` (burn's `Linear` layout; [`LayerWeights`] stores the transpose).
    pub weight: Param<Tensor<B, 2>>,
    /// `[1, outputs]`, kept 2-D so the forward pass needs no reshape.
    pub bias: Param<Tensor<B, 2>>,
    /// PReLU's learnable negative slope, one scalar for the layer (PyTorch's default), `[1, 1]`.
    pub slope: Option<Param<Tensor<B, 2>>>,
}

/// A multilayer perceptron: `hidden.len()` hidden layers (0..=50), each with its own activation,
/// and a linear output layer of one unit (the loss applies the output function).
#[derive(Module, Debug)]
pub struct Mlp<B: BackendTrait> {
    pub hidden: Vec<Dense<B>>,
    pub output: Dense<B>,
    #[module(skip)]
    activations: Vec<Activation>,
}

/// The weights of one layer as plain numbers.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerWeights {
    /// `weights[out][in]`: the weight from input `in` to neuron `out`.
    pub weights: Vec<Vec<f32>>,
    /// One per neuron.
    pub biases: Vec<f32>,
    /// The PReLU slope of the layer, if its activation is PReLU.
    pub prelu_slope: Option<f32>,
}

/// The weights of a whole network: the hidden layers, input side first, then the output layer.
#[derive(Clone, Debug, PartialEq)]
pub struct NetworkWeights {
    pub layers: Vec<LayerWeights>,
}

impl LayerWeights {
    /// Number of inputs of the layer (0 if it has no neuron).
    pub fn inputs(&self) -> usize {
        self.weights.first().map_or(0, Vec::len)
    }

    /// Number of neurons.
    pub fn outputs(&self) -> usize {
        self.weights.len()
    }
}

impl NetworkWeights {
    /// The initial weights for `settings`: drawn from `Rng::derive(seed, "init")`, layer after
    /// layer, each matrix row after row (`[out][in]`), with the scheme of `settings.init`.
    /// Only the architecture, the init scheme, the bias and the seed matter: the activations
    /// do not (so lockstep runs start identical), except that PReLU layers get their slope
    /// (the activation's `a`).
    pub fn init(settings: &Settings) -> NetworkWeights {
        let mut rng = Rng::derive(settings.seed, "init");
        let bias = settings.initial_bias() as f32;
        let sizes = layer_sizes(settings.num_inputs(), &settings.hidden);
        let activations = settings.activations();
        let layers = sizes
            .windows(2)
            .enumerate()
            .map(|(l, io)| {
                let (fan_in, fan_out) = (io[0], io[1]);
                let weights = (0..fan_out)
                    .map(|_| (0..fan_in).map(|_| draw(&mut rng, settings.init, fan_in, fan_out)).collect())
                    .collect();
                let prelu_slope = match activations.get(l) {
                    Some(Activation::Prelu { a }) => Some(*a as f32),
                    _ => None,
                };
                LayerWeights { weights, biases: vec![bias; fan_out], prelu_slope }
            })
            .collect();
        NetworkWeights { layers }
    }

    /// The layer sizes `[inputs, hidden..., 1]` these weights describe.
    pub fn sizes(&self) -> Vec<usize> {
        let mut sizes = vec![self.layers.first().map_or(0, LayerWeights::inputs)];
        sizes.extend(self.layers.iter().map(LayerWeights::outputs));
        sizes
    }

    /// Every weight, bias and slope is finite.
    pub fn is_finite(&self) -> bool {
        self.layers.iter().all(|l| {
            l.weights.iter().flatten().all(|w| w.is_finite())
                && l.biases.iter().all(|b| b.is_finite())
                && l.prelu_slope.is_none_or(f32::is_finite)
        })
    }

    /// Σ|w| over the connection weights (not biases nor slopes), in f64.
    pub fn l1_norm(&self) -> f64 {
        self.connection_weights().map(|w| f64::from(w).abs()).sum()
    }

    /// √(Σw²) over the connection weights (not biases nor slopes), in f64.
    pub fn l2_norm(&self) -> f64 {
        self.connection_weights().map(|w| f64::from(w) * f64::from(w)).sum::<f64>().sqrt()
    }

    fn connection_weights(&self) -> impl Iterator<Item = f32> + '_ {
        self.layers.iter().flat_map(|l| l.weights.iter().flatten().copied())
    }

    /// Checks that these weights fit a network with the given inputs, hidden widths and
    /// activations (a PReLU layer needs a slope; other layers must not have one), rectangular
    /// matrices and finite numbers.
    pub fn check_shape(
        &self,
        num_inputs: usize,
        activations: &[Activation],
        hidden: &[usize],
    ) -> Result<(), String> {
        let sizes = layer_sizes(num_inputs, hidden);
        if self.layers.len() != sizes.len() - 1 {
            return Err(format!(
                "the weights have {} layers, the network has {} (hidden layers and the output)",
                self.layers.len(),
                sizes.len() - 1
            ));
        }
        for (l, (layer, io)) in self.layers.iter().zip(sizes.windows(2)).enumerate() {
            let name = if l + 1 == self.layers.len() {
                "the output layer".to_string()
            } else {
                format!("hidden layer {}", l + 1)
            };
            if layer.weights.len() != io[1] || layer.biases.len() != io[1] {
                return Err(format!(
                    "{name} has {} neurons and {} biases, the network needs {}",
                    layer.weights.len(),
                    layer.biases.len(),
                    io[1]
                ));
            }
            if let Some(row) = layer.weights.iter().position(|r| r.len() != io[0]) {
                return Err(format!(
                    "{name}: neuron {} has {} input weights, the network needs {}",
                    row + 1,
                    layer.weights[row].len(),
                    io[0]
                ));
            }
            let wants_slope = matches!(activations.get(l), Some(Activation::Prelu { .. }));
            if wants_slope != layer.prelu_slope.is_some() {
                return Err(if wants_slope {
                    format!("{name} is PReLU and needs a slope")
                } else {
                    format!("{name} is not PReLU but has a PReLU slope")
                });
            }
        }
        if !self.is_finite() {
            return Err("the weights contain NaN or infinite numbers".to_string());
        }
        Ok(())
    }
}

/// `[inputs, hidden..., 1]`.
pub fn layer_sizes(num_inputs: usize, hidden: &[usize]) -> Vec<usize> {
    let mut sizes = Vec::with_capacity(hidden.len() + 2);
    sizes.push(num_inputs);
    sizes.extend_from_slice(hidden);
    sizes.push(1);
    sizes
}

fn draw(rng: &mut Rng, init: Init, fan_in: usize, fan_out: usize) -> f32 {
    let std = init.std(fan_in, fan_out);
    let v = if init.is_normal() {
        std * rng.normal()
    } else {
        let limit = std * 3f64.sqrt();
        rng.uniform(-limit, limit)
    };
    v as f32
}

/// From this many rows on, the forward pass adds the bias with a matmul (see `linear`).
pub(crate) const BIAS_MATMUL_MIN_ROWS: usize = 32;

impl<B: BackendTrait> Dense<B> {
    fn from_weights(w: &LayerWeights, device: &B::Device) -> Dense<B> {
        let (inputs, outputs) = (w.inputs(), w.outputs());
        // Transpose [out][in] into burn's [in, out], row-major.
        let mut data = vec![0f32; inputs * outputs];
        for (o, row) in w.weights.iter().enumerate() {
            for (i, v) in row.iter().enumerate() {
                data[i * outputs + o] = *v;
            }
        }
        Dense {
            weight: Param::from_data(TensorData::new(data, [inputs, outputs]), device),
            bias: Param::from_data(TensorData::new(w.biases.clone(), [1, outputs]), device),
            slope: w.prelu_slope.map(|a| Param::from_data(TensorData::new(vec![a], [1, 1]), device)),
        }
    }

    fn to_weights(&self) -> LayerWeights {
        let [inputs, outputs] = self.weight.val().dims();
        let data = to_vec(self.weight.val());
        let weights = (0..outputs).map(|o| (0..inputs).map(|i| data[i * outputs + o]).collect()).collect();
        LayerWeights {
            weights,
            biases: to_vec(self.bias.val()),
            prelu_slope: self.slope.as_ref().and_then(|s| to_vec(s.val()).first().copied()),
        }
    }

    pub(crate) fn linear(&self, x: Tensor<B, 2>) -> Tensor<B, 2> {
        let xw = x.matmul(self.weight.val());
        let bias = self.bias.val();
        let rows = xw.dims()[0];
        if rows >= BIAS_MATMUL_MIN_ROWS {
            // For many rows the bias is added as ones[n,1]·b[1,out] instead of broadcasting:
            // ndarray's broadcast add is slower than a small GEMM + same-shape add (the grid
            // probe, full batches). 1·b is exact, so the values are bit-identical to the
            // broadcast add (used for small batches, where the extra op costs more than it saves).
            let ones = Tensor::<B, 2>::ones([rows, 1], &bias.device());
            xw + ones.matmul(bias)
        } else {
            xw + bias
        }
    }
}

/// The tensor's values as f32 (the backend is f32: no conversion).
pub fn to_vec<B: BackendTrait, const D: usize>(t: Tensor<B, D>) -> Vec<f32> {
    let data = t.into_data();
    match data.as_slice::<f32>() {
        Ok(s) => s.to_vec(),
        Err(_) => data.iter::<f32>().collect(),
    }
}

impl<B: BackendTrait> Mlp<B> {
    /// A network holding `weights`, with `activations[l]` after hidden layer `l`. The caller has
    /// checked the shapes ([`NetworkWeights::check_shape`]); a PReLU layer without a slope in
    /// `weights` uses the activation's `a`.
    pub fn from_weights(weights: &NetworkWeights, activations: &[Activation], device: &B::Device) -> Mlp<B> {
        let n = weights.layers.len().saturating_sub(1);
        let hidden = weights.layers[..n]
            .iter()
            .zip(activations)
            .map(|(w, a)| {
                let mut w = w.clone();
                w.prelu_slope = match a {
                    Activation::Prelu { a } => Some(w.prelu_slope.unwrap_or(*a as f32)),
                    _ => None,
                };
                Dense::from_weights(&w, device)
            })
            .collect();
        let output = match weights.layers.last() {
            Some(w) => Dense::from_weights(&LayerWeights { prelu_slope: None, ..w.clone() }, device),
            None => Dense::from_weights(
                &LayerWeights { weights: vec![vec![]], biases: vec![0.0], prelu_slope: None },
                device,
            ),
        };
        Mlp { hidden, output, activations: activations.to_vec() }
    }

    /// The hidden layers' activation functions as configured (a PReLU layer's learned slope is
    /// in its [`Dense::slope`], not here).
    pub fn activations(&self) -> &[Activation] {
        &self.activations
    }

    /// The weights as plain numbers (reads the tensors back).
    pub fn to_weights(&self) -> NetworkWeights {
        let mut layers: Vec<LayerWeights> = self.hidden.iter().map(Dense::to_weights).collect();
        layers.push(self.output.to_weights());
        NetworkWeights { layers }
    }

    fn activate(&self, l: usize, layer: &Dense<B>, z: Tensor<B, 2>) -> Tensor<B, 2> {
        match (&layer.slope, self.activations[l]) {
            // PReLU with the learned slope; x ≤ 0 takes the slope side, so the gradient at the
            // kink is `a` (PyTorch's convention, as `Activation::forward`).
            (Some(slope), _) => {
                let negative = z.clone().lower_equal_elem(0.0);
                z.clone().mask_where(negative, z * slope.val())
            }
            (None, f) => f.forward(z),
        }
    }

    /// The raw output (logit), `[n, 1]`, for inputs `[n, num_inputs]`.
    pub fn forward(&self, x: Tensor<B, 2>) -> Tensor<B, 2> {
        let mut h = x;
        for (l, layer) in self.hidden.iter().enumerate() {
            h = self.activate(l, layer, layer.linear(h));
        }
        self.output.linear(h)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::nn::features::Feature;

    fn device() -> Device {
        Default::default()
    }

    #[test]
    fn init_is_reproducible_and_ignores_the_activation() {
        let s =
            Settings { hidden: vec![5, 3], init: Init::HeUniform, bias_init: None, ..Settings::default() };
        let a = NetworkWeights::init(&s);
        let b = NetworkWeights::init(&Settings { activation: Activation::Tanh, ..s.clone() });
        assert_eq!(a, b);
        assert_eq!(a.sizes(), vec![2, 5, 3, 1]);
        let c = NetworkWeights::init(&Settings { seed: 2, ..s.clone() });
        assert_ne!(a, c);
        // He uniform: |w| ≤ √(6/fan_in).
        let lim = (6.0f32 / 2.0).sqrt();
        assert!(a.layers[0].weights.iter().flatten().all(|w| w.abs() <= lim));
        assert!(a.layers[0].biases.iter().all(|b| *b == 0.0));
        let biased = NetworkWeights::init(&Settings { bias_init: Some(-3.0), ..s });
        assert!(biased.layers.iter().flat_map(|l| &l.biases).all(|b| *b == -3.0));
        assert_eq!(biased.layers[1].weights, a.layers[1].weights);
    }

    #[test]
    fn init_scale_matches_the_scheme() {
        let s = Settings {
            hidden: vec![16; 4],
            features: Feature::ALL.to_vec(),
            init: Init::HeNormal,
            ..Settings::default()
        };
        let w = NetworkWeights::init(&s);
        // Layers 2..4 have 16×16 = 256 weights each from N(0, 2/16).
        let v: Vec<f64> =
            w.layers[1..4].iter().flat_map(|l| l.weights.iter().flatten().map(|x| f64::from(*x))).collect();
        let var = v.iter().map(|x| x * x).sum::<f64>() / v.len() as f64;
        assert!((var / (2.0 / 16.0) - 1.0).abs() < 0.15, "variance {var}");
        let tf = NetworkWeights::init(&Settings { init: Init::TfUniform, bias_init: None, ..s });
        assert!(tf.layers.iter().flat_map(|l| l.weights.iter().flatten()).all(|w| w.abs() <= 0.5));
        assert!(tf.layers.iter().flat_map(|l| &l.biases).all(|b| *b == 0.1));
    }

    #[test]
    fn weights_round_trip_through_tensors_and_forward_is_right() {
        let acts = [Activation::Relu, Activation::Prelu { a: 0.25 }];
        let w = NetworkWeights {
            layers: vec![
                LayerWeights {
                    weights: vec![vec![1.0, 0.0], vec![0.0, -1.0]],
                    biases: vec![0.5, 0.0],
                    prelu_slope: None,
                },
                LayerWeights { weights: vec![vec![1.0, 1.0]], biases: vec![-1.0], prelu_slope: Some(0.25) },
                LayerWeights { weights: vec![vec![2.0]], biases: vec![0.25], prelu_slope: None },
            ],
        };
        w.check_shape(2, &acts, &[2, 1]).unwrap();
        let m = Mlp::<Backend>::from_weights(&w, &acts, &device());
        assert_eq!(m.to_weights(), w);
        let x = Tensor::<Backend, 2>::from_data(TensorData::new(vec![1.0f32, 3.0], [1, 2]), &device());
        // h1 = relu([1.5, -3]) = [1.5, 0]; z2 = 1.5 − 1 = 0.5 → 0.5; out = 2·0.5 + 0.25 = 1.25.
        let t = m.forward_tape(x.clone());
        assert_eq!(to_vec(t.pre[0].clone()), vec![1.5, -3.0]);
        assert_eq!(to_vec(t.post()[0].clone()), vec![1.5, 0.0]);
        assert_eq!(to_vec(t.output.clone()), vec![1.25]);
        let x2 = Tensor::<Backend, 2>::from_data(TensorData::new(vec![-3.0f32, 0.0], [1, 2]), &device());
        // h1 = relu([-2.5, 0]) = 0; z2 = −1 → prelu −0.25; out = −0.5 + 0.25 = −0.25.
        assert_eq!(to_vec(m.forward(x2)), vec![-0.25]);
        assert_eq!(to_vec(m.forward(x)), vec![1.25]);
    }

    #[test]
    fn check_shape_rejects_mismatches() {
        let s = Settings::default();
        let w = NetworkWeights::init(&s);
        let acts = s.activations();
        assert!(w.check_shape(2, &acts, &[4, 2]).is_ok());
        assert!(w.check_shape(3, &acts, &[4, 2]).is_err());
        assert!(w.check_shape(2, &acts, &[4, 3]).is_err());
        assert!(w.check_shape(2, &acts, &[4]).is_err());
        let prelu = [Activation::Prelu { a: 0.1 }, Activation::Relu];
        assert!(w.check_shape(2, &prelu, &[4, 2]).unwrap_err().contains("slope"));
        let mut nan = w.clone();
        nan.layers[1].weights[0][0] = f32::NAN;
        assert!(nan.check_shape(2, &acts, &[4, 2]).is_err());
        let mut ragged = w;
        ragged.layers[0].weights[2].pop();
        assert!(ragged.check_shape(2, &acts, &[4, 2]).is_err());
    }

    #[test]
    fn zero_hidden_layers_is_a_linear_model() {
        let s = Settings { hidden: vec![], ..Settings::default() };
        let w = NetworkWeights::init(&s);
        assert_eq!(w.sizes(), vec![2, 1]);
        let m = Mlp::<Backend>::from_weights(&w, &[], &device());
        let x = Tensor::<Backend, 2>::from_data(TensorData::new(vec![1.0f32, 2.0], [1, 2]), &device());
        let l = &w.layers[0];
        let expect = l.weights[0][0] + 2.0 * l.weights[0][1] + l.biases[0];
        assert!((to_vec(m.forward(x))[0] - expect).abs() < 1e-6);
    }
}
