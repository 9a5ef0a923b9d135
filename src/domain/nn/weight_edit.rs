//! One weight set by hand, as in TensorFlow Playground: a click on a link of the network
//! diagram opens a box with its weight; the number typed there replaces it
//! ([`crate::domain::nn::trainer::Session::set_link_weight`]), from the next step, on a run
//! paused or training. What is typed is read here ([`read_weight`]): a non-number is refused,
//! a weight beyond ±[`MAX_WEIGHT`] is clamped to it, each with a message for the user.

use crate::domain::nn::features::{columns, Feature};
use crate::domain::nn::model::NetworkWeights;

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

impl LinkId {
    /// The link's weight in `weights` (`None` when the network has no such link).
    pub fn weight_in(self, weights: &NetworkWeights) -> Option<f32> {
        weights.layers.get(self.layer)?.weights.get(self.to)?.get(self.from).copied()
    }
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

/// How the diagram draws a link: its stroke width in tenths of a pixel (0.4 to 7 px: twice
/// |w|, so the widest stands for |w| ≥ 3.5; a non-finite weight draws the thinnest) and
/// whether it is positive (blue) or negative (orange). Equal looks draw the same line, so the
/// diagram rewrites a line only when its look changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LinkLook {
    pub tenths: u16,
    pub positive: bool,
}

impl LinkLook {
    pub fn of(w: f32) -> LinkLook {
        let width = if w.is_finite() { (w.abs() * 2.0).clamp(0.4, 7.0) } else { 0.4 };
        LinkLook { tenths: (width * 10.0).round() as u16, positive: w >= 0.0 }
    }

    /// The stroke width as an attribute value ("1.5").
    pub fn width_text(self) -> String {
        format!("{}.{}", self.tenths / 10, self.tenths % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_links_look_follows_its_weight_in_tenths_of_a_pixel() {
        assert_eq!(LinkLook::of(0.75), LinkLook { tenths: 15, positive: true });
        assert_eq!(LinkLook::of(0.75).width_text(), "1.5");
        assert_eq!(LinkLook::of(-0.01), LinkLook { tenths: 4, positive: false }, "thinnest, still seen");
        assert_eq!(LinkLook::of(-50.0).width_text(), "7.0", "widest from |w| = 3.5 on");
        assert_eq!(LinkLook::of(0.7501), LinkLook::of(0.7499), "a hair of a change draws the same line");
        assert_ne!(LinkLook::of(0.8), LinkLook::of(0.75));
        assert_eq!(LinkLook::of(f32::NAN).width_text(), "0.4", "a diverged weight: the thinnest line");
        assert_eq!(LinkLook::of(f32::INFINITY).tenths, 4);
    }

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
