//! [`FusedDense`] for burn's ndarray backend in f32: each op reads the f32 arrays inside the
//! tensor primitives (`NdArrayTensor::F32`, zero-copy when contiguous, which the training
//! tensors are), runs its kernel and wraps each result `Vec` as a new primitive (zero-copy).

use std::borrow::Cow;
use std::ops::Range;

use burn::backend::ndarray::{NdArray, NdArrayTensor};
use burn::tensor::{Tensor, TensorData, TensorMetadata, TensorPrimitive};

use super::kernels::{self, network, UpdateRule};
use super::{Below, DenseBackward, DenseForward, FusedDense, HostPass, Moments, PassLayer, PassTarget};
use super::{StepLayer, StepParam, StepSpec};
use crate::domain::activation::Activation;
use crate::domain::nn::model::to_vec;
use crate::domain::nn::settings::LossKind;

type Plain = NdArray<f32>;

/// The values of a 2-D float primitive, row-major: borrowed when it is a contiguous f32 array,
/// else converted (another float type, or a strided view).
fn values(t: &NdArrayTensor) -> Cow<'_, [f32]> {
    if let NdArrayTensor::F32(storage) = t {
        if let Some(slice) = storage.view().to_slice() {
            return Cow::Borrowed(slice);
        }
    }
    Cow::Owned(to_vec(Tensor::<Plain, 2>::from_primitive(TensorPrimitive::Float(t.clone()))))
}

/// `[rows, cols]` of a 2-D primitive.
fn dims(t: &NdArrayTensor) -> [usize; 2] {
    t.shape().dims::<2>()
}

fn primitive(values: Vec<f32>, shape: [usize; 2]) -> NdArrayTensor {
    NdArrayTensor::from_data(TensorData::new(values, shape))
}

/// A step parameter on the host: its values, its moments and its shape.
struct Host {
    value: Vec<f32>,
    moments: kernels::Moments,
    shape: [usize; 2],
}

impl Host {
    fn of(p: &mut StepParam<Plain>) -> Host {
        let owned = |t: NdArrayTensor| values(&t).into_owned();
        Host {
            value: values(&p.value).into_owned(),
            moments: kernels::Moments {
                first: p.moments.first.take().map(owned),
                second: p.moments.second.take().map(owned),
            },
            shape: dims(&p.value),
        }
    }

    fn param(&mut self) -> network::Param<'_> {
        network::Param { value: &mut self.value, moments: &mut self.moments }
    }

    fn into_param(self) -> StepParam<Plain> {
        let shape = self.shape;
        StepParam {
            value: primitive(self.value, shape),
            moments: Moments {
                first: self.moments.first.map(|v| primitive(v, shape)),
                second: self.moments.second.map(|v| primitive(v, shape)),
            },
        }
    }
}

impl FusedDense for Plain {
    fn dense_forward(
        x: NdArrayTensor,
        weight: NdArrayTensor,
        bias: NdArrayTensor,
        activation: Option<Activation>,
        slope: Option<NdArrayTensor>,
    ) -> DenseForward<Self> {
        let ([n, k], [_, m]) = (dims(&x), dims(&weight));
        let z = kernels::linear(&values(&x), &values(&weight), &values(&bias), k, m);
        let slope = slope.and_then(|s| values(&s).first().copied());
        let activated = activation.and_then(|a| kernels::elementwise(a, slope)).map(|f| {
            let (h, d) = kernels::activate(&z, f);
            (primitive(h, [n, m]), primitive(d, [n, m]))
        });
        DenseForward { z: primitive(z, [n, m]), activated }
    }

    fn dense_backward(
        x: NdArrayTensor,
        weight: NdArrayTensor,
        dz: NdArrayTensor,
        below: Option<Below<Self>>,
    ) -> DenseBackward<Self> {
        let ([n, k], [_, m]) = (dims(&x), dims(&weight));
        let g = kernels::layer_backward(&values(&x), &values(&weight), &values(&dz), k, m, below.is_some());
        let (below, below_slope) = match (below, g.input) {
            (Some(b), Some(dh)) => {
                let pre = b.prelu_pre.as_ref().map(values);
                let (dz, slope) = kernels::through_activation(&dh, &values(&b.derivative), pre.as_deref());
                (Some(primitive(dz, [n, k])), slope.map(|s| primitive(vec![s], [1, 1])))
            }
            _ => (None, None),
        };
        DenseBackward {
            weight: primitive(g.weight, [k, m]),
            bias: primitive(g.bias, [1, m]),
            below,
            below_slope,
        }
    }

    fn loss_gradient(kind: LossKind, z: NdArrayTensor, t: NdArrayTensor, n: usize) -> NdArrayTensor {
        let shape = dims(&z);
        primitive(kernels::loss_gradient(kind, &values(&z), &values(&t), n), shape)
    }

    fn read_values(t: NdArrayTensor) -> Vec<f32> {
        values(&t).into_owned()
    }

    fn param_update(
        param: NdArrayTensor,
        grad: NdArrayTensor,
        moments: &mut Moments<Self>,
        rule: &UpdateRule,
    ) -> NdArrayTensor {
        let shape = dims(&param);
        let mut p = values(&param).into_owned();
        let mut state = kernels::Moments {
            first: moments.first.take().map(|t| values(&t).into_owned()),
            second: moments.second.take().map(|t| values(&t).into_owned()),
        };
        kernels::update(&mut p, &values(&grad), &mut state, rule);
        moments.first = state.first.map(|v| primitive(v, shape));
        moments.second = state.second.map(|v| primitive(v, shape));
        primitive(p, shape)
    }

    fn train_steps(
        layers: &mut [StepLayer<Self>],
        x: &NdArrayTensor,
        t: &NdArrayTensor,
        batches: &[Range<usize>],
        spec: &StepSpec,
    ) {
        let (xs, ts) = (values(x), values(t));
        let mut host: Vec<(Host, Host, Option<Host>)> = layers
            .iter_mut()
            .map(|l| (Host::of(&mut l.weight), Host::of(&mut l.bias), l.slope.as_mut().map(Host::of)))
            .collect();
        let mut views: Vec<network::Layer<'_>> = host
            .iter_mut()
            .zip(layers.iter())
            .map(|((w, b, s), l)| network::Layer {
                inputs: w.shape[0],
                outputs: w.shape[1],
                weight: w.param(),
                bias: b.param(),
                slope: s.as_mut().map(Host::param),
                activation: l.activation,
            })
            .collect();
        kernels::train_steps(&mut views, &xs, &ts, batches, spec);
        drop(views);
        for (l, (w, b, s)) in layers.iter_mut().zip(host) {
            l.weight = w.into_param();
            l.bias = b.into_param();
            if let (Some(slot), Some(s)) = (l.slope.as_mut(), s) {
                *slot = s.into_param();
            }
        }
    }

    fn dense_pass(
        layers: &[PassLayer<Self>],
        x: &NdArrayTensor,
        rows: Range<usize>,
        target: Option<PassTarget<'_, Self>>,
    ) -> HostPass {
        let k = dims(x)[1];
        let xs = values(x);
        let x = xs.get(rows.start * k..rows.end * k).unwrap_or_default();
        let params: Vec<_> = layers
            .iter()
            .map(|l| (values(&l.weight), values(&l.bias), l.slope.as_ref().map(values), dims(&l.weight)))
            .collect();
        let refs: Vec<network::LayerRef<'_>> = params
            .iter()
            .zip(layers)
            .map(|((w, b, slope, [inputs, outputs]), l)| network::LayerRef {
                weight: w,
                bias: b,
                inputs: *inputs,
                outputs: *outputs,
                activation: network::with_slope(l.activation, slope.as_deref()),
                prelu: slope.is_some(),
            })
            .collect();
        let forward = network::forward(&refs, x);
        let grads = target.map(|target| {
            let ts = values(target.t);
            let t = ts.get(rows.clone()).unwrap_or_default();
            let dz = kernels::loss_gradient(target.loss, &forward.output, t, target.n);
            network::backward(&refs, x, &forward, dz)
        });
        HostPass { forward, grads }
    }
}
