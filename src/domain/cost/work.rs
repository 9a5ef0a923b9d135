//! The timed work of one activation: the inputs, the tensors and the training session it runs
//! on, and one unit of each [`CostKind`]. Every result goes through `std::hint::black_box`, so
//! the compiler can neither drop the work nor compute it ahead.

use std::hint::black_box;

use burn::tensor::{Tensor, TensorData};

use super::CostKind;
use crate::domain::activation::Activation;
use crate::domain::nn::model::{Backend, Device};
use crate::domain::nn::rng::Rng;
use crate::domain::nn::settings::Settings;
use crate::domain::nn::trainer::Session;

/// Inputs of one loop unit (f or f′ over these many values).
pub const SCALAR_LEN: usize = 10_000;
/// Values in the tensor of one tensor unit.
pub const TENSOR_LEN: usize = 10_000;
/// The inputs are drawn from a normal distribution with this spread: most of them inside the
/// Explorer's ±6, both signs alike (so a branch is taken as often as not).
const INPUT_STD: f64 = 2.0;

/// f′ of `a` on a tensor, as a tensor op: the one place the cost panel computes it. It is what
/// training uses ([`Activation::forward_with_derivative`], the hand-written backward pass's
/// derivative), so the bar measures the model's own f′ (with f, which it shares work with).
pub fn tensor_derivative(a: &Activation, x: &Tensor<Backend, 1>) -> Tensor<Backend, 1> {
    a.forward_with_derivative(x.clone()).1
}

/// Everything one activation's units run on.
pub struct Workload {
    activation: Activation,
    inputs: Vec<f64>,
    tensor: Tensor<Backend, 1>,
    session: Session,
}

impl Workload {
    /// The inputs drawn from `seed` (the same for every activation), and a fresh session of
    /// the Playground's default settings with `activation` and that seed.
    pub fn new(activation: Activation, seed: u64) -> Workload {
        let mut rng = Rng::derive(seed, "cost");
        let inputs: Vec<f64> =
            (0..SCALAR_LEN.max(TENSOR_LEN)).map(|_| rng.gaussian(0.0, INPUT_STD)).collect();
        let values: Vec<f32> = inputs[..TENSOR_LEN].iter().map(|&v| v as f32).collect();
        let tensor = Tensor::from_data(TensorData::new(values, [TENSOR_LEN]), &Device::default());
        let session = Session::new(epoch_settings(activation, seed));
        Workload { activation, inputs: inputs[..SCALAR_LEN].to_vec(), tensor, session }
    }

    pub fn activation(&self) -> Activation {
        self.activation
    }

    /// Runs one unit of `kind`.
    pub fn run(&mut self, kind: CostKind) {
        let a = self.activation;
        match kind {
            CostKind::Value => {
                black_box(sum(black_box(&self.inputs), |x| a.value(x)));
            }
            CostKind::Derivative => {
                black_box(sum(black_box(&self.inputs), |x| a.derivative(x)));
            }
            CostKind::TensorValue => {
                black_box(a.forward(black_box(self.tensor.clone())));
            }
            CostKind::TensorDerivative => {
                black_box(tensor_derivative(&a, black_box(&self.tensor)));
            }
            CostKind::Epoch => {
                if self.session.status().is_diverged() {
                    self.session.reset();
                }
                black_box(self.session.step(1));
            }
        }
    }
}

/// The settings of the epoch item: the Playground's defaults with `activation` everywhere.
pub fn epoch_settings(activation: Activation, seed: u64) -> Settings {
    Settings { activation, seed, ..Settings::default() }
}

/// How many values one unit of `kind` evaluates f (or f′) on: the loops and tensors their
/// length; an epoch of the default network 25 minibatch steps of 10 points and the metrics'
/// pass over the 250 training and 250 test points, through 6 hidden neurons each (see
/// [`epoch_evaluations`]).
pub fn evaluations(kind: CostKind) -> usize {
    match kind {
        CostKind::Value | CostKind::Derivative => SCALAR_LEN,
        CostKind::TensorValue | CostKind::TensorDerivative => TENSOR_LEN,
        CostKind::Epoch => epoch_evaluations(&Settings::default()),
    }
}

/// The activation values one epoch computes with these settings: every hidden neuron, for
/// each training point once in its minibatch step and once in the metrics' full-batch pass,
/// and for each test point once in the metrics' test pass.
pub fn epoch_evaluations(s: &Settings) -> usize {
    let s = s.clamped();
    let train = ((s.num_points as f64 * s.train_fraction).round() as usize).min(s.num_points);
    let test = s.num_points - train;
    let neurons: usize = s.hidden.iter().sum();
    neurons * (2 * train + test)
}

fn sum(xs: &[f64], f: impl Fn(f64) -> f64) -> f64 {
    xs.iter().map(|&x| f(x)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tensor_derivative_is_the_closed_form_derivative() {
        let device = Device::default();
        let xs = [-3.5f32, -1.0, -0.25, 0.5, 2.0, 7.0];
        let x = Tensor::<Backend, 1>::from_data(TensorData::new(xs.to_vec(), [xs.len()]), &device);
        for a in Activation::ALL {
            let got: Vec<f32> = tensor_derivative(&a, &x).into_data().to_vec().unwrap_or_default();
            assert_eq!(got.len(), xs.len(), "{a}");
            for (g, &v) in got.iter().zip(&xs) {
                let want = a.derivative(f64::from(v));
                assert!(
                    (f64::from(*g) - want).abs() < 1e-4 * want.abs().max(1.0),
                    "{a} at {v}: {g} vs {want}"
                );
            }
        }
    }

    #[test]
    fn an_epoch_of_the_default_network_evaluates_4500_activation_values() {
        let s = Settings::default();
        assert_eq!((s.num_points, s.train_fraction, s.hidden.clone()), (500, 0.5, vec![4, 2]));
        assert_eq!(epoch_evaluations(&s), 6 * (2 * 250 + 250));
        assert_eq!(evaluations(CostKind::Epoch), 4500);
        assert_eq!(evaluations(CostKind::Value), 10_000);
    }

    #[test]
    fn every_unit_runs_and_trains_the_session() {
        let mut w = Workload::new(Activation::Mish, 3);
        for kind in CostKind::ALL {
            w.run(kind);
        }
        assert_eq!(w.session.epoch(), 1, "the epoch unit trains one epoch");
        assert_eq!(w.session.settings().activation, Activation::Mish);
        let data = w.session.dataset();
        assert_eq!(epoch_evaluations(w.session.settings()), 6 * (2 * data.train.len() + data.test.len()));
        assert_eq!(w.inputs.len(), SCALAR_LEN);
        let mean = w.inputs.iter().sum::<f64>() / SCALAR_LEN as f64;
        let negative = w.inputs.iter().filter(|&&x| x < 0.0).count();
        assert!(mean.abs() < 0.1 && (4_500..5_500).contains(&negative), "{mean} {negative}");
    }
}
