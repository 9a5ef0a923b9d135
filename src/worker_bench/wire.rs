//! What the page draws in one frame of the worker benchmark, and its flat encoding: one f32
//! array, so a worker can hand it over with `postMessage` as a transferable buffer (no copy,
//! no serialiser). Pure: tested natively.

use crate::core::trainer::Session;

/// The state of a training run that one animation frame draws: the counters, the per-layer
/// metrics behind the live charts, and the probe behind the boundary and neuron heatmaps.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    pub epoch: u32,
    pub train_loss: f32,
    pub test_loss: f32,
    pub diverged: bool,
    /// Per hidden layer: dead neurons, ‖∂L/∂W‖, share of zero activations.
    pub dead: Vec<f32>,
    pub grad: Vec<f32>,
    pub sparsity: Vec<f32>,
    /// The probe grid's side.
    pub n: usize,
    /// n×n outputs, row 0 at the top.
    pub output: Vec<f32>,
    /// Every hidden neuron's n×n activations, layer by layer.
    pub neurons: Vec<Vec<f32>>,
}

impl Frame {
    /// Measures a session: its latest metrics and a probe on an n×n grid.
    pub fn capture(session: &Session, n: usize) -> Frame {
        let m = session.metrics();
        let probe = session.probe(n);
        Frame {
            epoch: session.epoch() as u32,
            train_loss: m.train_loss as f32,
            test_loss: m.test_loss as f32,
            diverged: session.status().is_diverged(),
            dead: m.layers.iter().map(|l| l.dead as f32).collect(),
            grad: m.layers.iter().map(|l| l.grad_norm as f32).collect(),
            sparsity: m.layers.iter().map(|l| l.sparsity as f32).collect(),
            n: probe.n,
            output: probe.output,
            neurons: probe.hidden.into_iter().flatten().collect(),
        }
    }

    /// `[epoch, train, test, diverged, layers, dead…, grad…, sparsity…, n, neurons, output…,
    /// neuron 0…, neuron 1…]`.
    pub fn encode(&self) -> Vec<f32> {
        let cells = self.n * self.n;
        let layers = self.dead.len();
        let mut out = Vec::with_capacity(7 + 3 * layers + cells * (1 + self.neurons.len()));
        out.extend([self.epoch as f32, self.train_loss, self.test_loss, f32::from(u8::from(self.diverged))]);
        out.push(layers as f32);
        out.extend(&self.dead);
        out.extend(&self.grad);
        out.extend(&self.sparsity);
        out.extend([self.n as f32, self.neurons.len() as f32]);
        out.extend(&self.output);
        for neuron in &self.neurons {
            out.extend(neuron);
        }
        out
    }

    /// The inverse of [`Frame::encode`]; a buffer of the wrong length is refused.
    pub fn decode(data: &[f32]) -> Result<Frame, String> {
        let mut at = 0;
        let mut take = |k: usize| -> Result<&[f32], String> {
            let part =
                data.get(at..at + k).ok_or_else(|| format!("frame cut short at {at} of {}", data.len()))?;
            at += k;
            Ok(part)
        };
        let head = take(5)?;
        let (epoch, train_loss, test_loss, diverged) = (head[0] as u32, head[1], head[2], head[3] != 0.0);
        let layers = head[4] as usize;
        let dead = take(layers)?.to_vec();
        let grad = take(layers)?.to_vec();
        let sparsity = take(layers)?.to_vec();
        let sizes = take(2)?;
        let (n, count) = (sizes[0] as usize, sizes[1] as usize);
        let output = take(n * n)?.to_vec();
        let neurons = (0..count).map(|_| take(n * n).map(<[f32]>::to_vec)).collect::<Result<Vec<_>, _>>()?;
        if at != data.len() {
            return Err(format!("{} values left over after the frame", data.len() - at));
        }
        Ok(Frame { epoch, train_loss, test_loss, diverged, dead, grad, sparsity, n, output, neurons })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::settings::Settings;

    #[test]
    fn a_captured_frame_survives_its_encoding() {
        let mut session = Session::new(Settings { hidden: vec![4, 3], ..Settings::default() });
        session.step(2);
        let frame = Frame::capture(&session, 12);
        assert_eq!((frame.epoch, frame.dead.len(), frame.neurons.len()), (2, 2, 7));
        assert_eq!(frame.output.len(), 144);
        let data = frame.encode();
        assert_eq!(Frame::decode(&data), Ok(frame));
    }

    #[test]
    fn a_cut_or_padded_buffer_is_refused() {
        let frame = Frame::capture(&Session::new(Settings::default()), 4);
        let mut data = frame.encode();
        assert!(Frame::decode(&data[..data.len() - 1]).is_err());
        data.push(0.0);
        assert!(Frame::decode(&data).is_err());
        assert!(Frame::decode(&[]).is_err());
    }
}
