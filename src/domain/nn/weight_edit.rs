//! One weight set by hand, as in TensorFlow Playground: a click on a link of the network
//! diagram opens a box with its weight; the number typed there replaces it
//! ([`crate::domain::nn::trainer::Session::set_link_weight`]), from the next step, on a run
//! paused or training. What is typed is read here ([`read_weight`]): a non-number is refused,
//! a weight beyond ±[`MAX_WEIGHT`] is clamped to it, each with a message for the user.

use crate::domain::nn::features::{columns, Feature};

/// The largest weight a hand edit may set. The initial weights are about ±1 and the diagram's
/// widest link stands for |w| ≥ 3.5; at 100 a single link already saturates every tanh or
/// sigmoid neuron it feeds over the whole input plane (|x| ≤ 6), so a larger weight only
/// invites overflow (NaN) without showing anything new.
pub const MAX_WEIGHT: f32 = 100.0;

/// A link of the network: `weights.layers[layer].weights[to][from]`, joining neuron `from` of
/// column `layer` (0: the used inputs, in [`columns`] order) to neuron `to` of column
/// `layer + 1` (the last column is the output).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LinkId {
    pub layer: usize,
    pub to: usize,
    pub from: usize,
}

/// Reads a typed weight: a decimal number (a leading "−" or "+", a decimal comma and an
/// exponent are understood). A non-number or a non-finite value is refused with the reason;
/// one beyond ±[`MAX_WEIGHT`] is clamped to it and said so.
pub fn read_weight(text: &str) -> Result<(f32, Option<String>), String> {
    let cleaned = text.trim().replace('−', "-").replace(',', ".");
    if cleaned.is_empty() {
        return Err("Type a weight, e.g. 0.5 or -1.2 (Escape keeps the old one).".into());
    }
    let value = match cleaned.parse::<f64>() {
        Ok(v) if v.is_finite() => v,
        Ok(_) => return Err(format!("\"{}\" is not a finite number: the weight is kept.", text.trim())),
        Err(_) => return Err(format!("\"{}\" is not a number: the weight is kept.", text.trim())),
    };
    let limit = f64::from(MAX_WEIGHT);
    if value.abs() > limit {
        let clamped = value.clamp(-limit, limit);
        let note = format!("A weight is at most ±{MAX_WEIGHT}: {} was set to {clamped}.", text.trim());
        return Ok((clamped as f32, Some(note)));
    }
    Ok((value as f32, None))
}

/// A neuron of column `column` (0 the inputs; `hidden + 1` the output) by name: the input's
/// feature ("X₁"), "L2.3" (hidden layer 2, neuron 3), or "output".
fn neuron_name(features: &[Feature], hidden: usize, column: usize, index: usize) -> String {
    if column == 0 {
        columns(features).get(index).map_or_else(|| format!("input {}", index + 1), |f| f.label().to_string())
    } else if column > hidden {
        "output".to_string()
    } else {
        format!("L{column}.{}", index + 1)
    }
}

/// The link by its ends: "X₁ → L1.2", "L2.1 → output", for a network with `hidden` hidden
/// layers using `features`.
pub fn link_name(features: &[Feature], hidden: usize, link: LinkId) -> String {
    let from = neuron_name(features, hidden, link.layer, link.from);
    let to = neuron_name(features, hidden, link.layer + 1, link.to);
    format!("{from} → {to}")
}

/// A weight as the diagram and the editor show it (3 decimals; "−0" is "0").
pub fn weight_text(w: f32) -> String {
    let text = format!("{w:.3}");
    if text == "-0.000" {
        "0.000".into()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_weight_is_read_clamped_or_refused() {
        assert_eq!(read_weight(" 1.5 "), Ok((1.5, None)));
        assert_eq!(read_weight("−0,25"), Ok((-0.25, None)), "a typographic minus and a decimal comma");
        assert_eq!(read_weight("2e-3"), Ok((0.002, None)));
        let (w, note) = read_weight("5000").expect("clamped, not refused");
        assert_eq!(w, MAX_WEIGHT);
        assert!(note.is_some_and(|n| n.contains("±100") && n.contains("5000")));
        assert_eq!(read_weight("-1e9").map(|(w, _)| w), Ok(-MAX_WEIGHT));
        for bad in ["abc", "", "  ", "inf", "NaN", "1e999", "1.2.3"] {
            let err = read_weight(bad).expect_err(bad);
            assert!(!err.is_empty(), "{bad}: a reason");
        }
        assert!(read_weight("abc").unwrap_err().contains("kept"));
    }

    #[test]
    fn links_are_named_by_their_ends() {
        let features = [Feature::X2, Feature::X1];
        let first = LinkId { layer: 0, to: 1, from: 0 };
        assert_eq!(link_name(&features, 2, first), "X₁ → L1.2", "inputs in Feature::ALL order");
        assert_eq!(link_name(&features, 2, LinkId { layer: 1, to: 0, from: 3 }), "L1.4 → L2.1");
        assert_eq!(link_name(&features, 2, LinkId { layer: 2, to: 0, from: 1 }), "L2.2 → output");
        assert_eq!(link_name(&features, 0, LinkId { layer: 0, to: 0, from: 1 }), "X₂ → output");
        assert_eq!(weight_text(-0.0001), "0.000");
        assert_eq!(weight_text(1.5), "1.500");
    }
}
