//! What the lab tells a student about one hidden neuron: dead (and why, in numbers), revived,
//! saturated or alive. The diagram's tooltip and the output panel's caption show it.

use crate::domain::activation::Activation;
use crate::domain::nn::metrics::NeuronMetrics;

/// One neuron's story after the latest epoch. `layer` is 0-based (0: its inputs are the data),
/// `train_points` the number of training points, `activation` the layer's activation.
pub fn neuron_story(layer: usize, m: &NeuronMetrics, train_points: usize, activation: &Activation) -> String {
    if m.dead {
        let since = m.dead_since.unwrap_or(0);
        let (lo, hi) = m.pre_range.unwrap_or((f64::NAN, f64::NAN));
        let all = format!("all {train_points} training points");
        let input = if hi < 0.0 {
            format!("its input is negative on {all} (largest {})", short(hi))
        } else if hi <= 0.0 {
            format!("its input is never positive on {all} (largest 0)")
        } else if lo > 0.0 {
            format!("its input is above {} on {all}", short(lo))
        } else {
            format!("its input stays between {} and {} on {all}", short(lo), short(hi))
        };
        let why =
            format!("{input}, where {}′ = 0, so no gradient reaches it or its weights", activation.id());
        let fate = if layer == 0 {
            "A first-layer neuron's inputs are the fixed data: it can never come back."
        } else {
            "It can come back only if the layers below move its inputs; they still learn through the neurons that are alive."
        };
        let before = match (m.first_dead, m.revived_at) {
            (Some(first), Some(back)) if first < since => {
                format!(" It died first at epoch {first} and came back at epoch {back}.")
            }
            _ => String::new(),
        };
        return format!("Dead since epoch {since}: {why}. {fate}{before}");
    }
    if let (Some(first), Some(back)) = (m.first_dead, m.revived_at) {
        return format!(
            "Revived at epoch {back} (dead from epoch {first}): the layers below moved its inputs back to where {}′ ≠ 0.",
            activation.id()
        );
    }
    if m.saturated {
        return "Saturated: |f′| < 0.001 on every training input, so its gradient vanishes.".to_string();
    }
    "Alive: it passes a gradient back on some of the training points.".to_string()
}

/// Two decimals, with a true minus sign.
fn short(v: f64) -> String {
    format!("{v:.2}").replace('-', "−")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn neuron(dead: bool, since: Option<usize>, first: Option<usize>, back: Option<usize>) -> NeuronMetrics {
        NeuronMetrics {
            dead,
            dead_since: since,
            first_dead: first,
            revived_at: back,
            pre_range: dead.then_some((-3.1, -0.42)),
            saturated: false,
        }
    }

    #[test]
    fn a_dead_neuron_says_since_when_why_in_numbers_and_whether_it_can_come_back() {
        let m = neuron(true, Some(37), Some(37), None);
        let first = neuron_story(0, &m, 250, &Activation::Relu);
        assert!(
            first.starts_with(
                "Dead since epoch 37: its input is negative on all 250 training points (largest −0.42), where relu′ = 0"
            ),
            "{first}"
        );
        assert!(first.contains("can never come back"), "{first}");
        let deeper = neuron_story(1, &m, 250, &Activation::Relu);
        assert!(deeper.contains("only if the layers below move its inputs"), "{deeper}");
        let again = neuron_story(1, &neuron(true, Some(90), Some(37), Some(60)), 250, &Activation::Relu);
        assert!(again.ends_with("It died first at epoch 37 and came back at epoch 60."), "{again}");
    }

    #[test]
    fn revived_saturated_and_alive_neurons_say_so() {
        let back = neuron_story(1, &neuron(false, None, Some(37), Some(120)), 250, &Activation::Relu);
        assert!(back.starts_with("Revived at epoch 120 (dead from epoch 37)"), "{back}");
        let sat = NeuronMetrics { saturated: true, ..neuron(false, None, None, None) };
        assert!(neuron_story(0, &sat, 250, &Activation::Sigmoid).starts_with("Saturated"));
        assert!(
            neuron_story(0, &neuron(false, None, None, None), 250, &Activation::Relu).starts_with("Alive")
        );
        // A relu6 neuron stuck above 6 is dead on the other side.
        let high = NeuronMetrics { pre_range: Some((6.5, 9.0)), ..neuron(true, Some(3), Some(3), None) };
        assert!(neuron_story(0, &high, 10, &Activation::Relu6).contains("above 6.50 on all 10"));
    }
}
