//! What paints and in which order: the order siblings paint in (position and z-index), and the
//! elements skipped with everything in them.

use super::{px, Rect};

/// Where a sibling paints: behind (negative z-index), in flow, positioned, or in front.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layer {
    pub positioned: bool,
    /// `z-index`, None for `auto`.
    pub z: Option<i32>,
}

impl Layer {
    /// From computed `position` and `z-index`.
    pub fn of(position: &str, z_index: &str) -> Layer {
        Layer { positioned: position != "static" && !position.is_empty(), z: z_index.trim().parse().ok() }
    }
}

/// The order siblings are painted in (CSS's, simplified): negative z-index first, then the
/// elements in flow, then positioned ones with z-index auto or 0, then positive z-index;
/// document order within each.
pub fn paint_order(layers: &[Layer]) -> Vec<usize> {
    let key = |l: &Layer| match (l.positioned, l.z) {
        (true, Some(z)) if z < 0 => (0, z),
        (false, _) => (1, 0),
        (true, None) | (true, Some(0)) => (2, 0),
        (true, Some(z)) => (3, z),
    };
    let mut order: Vec<usize> = (0..layers.len()).collect();
    order.sort_by_key(|&i| key(&layers[i]));
    order
}

/// Whether an element is skipped with everything in it: not displayed, fully transparent,
/// clipped away (`clip: rect(0 0 0 0)`), or clipping its content to (almost) nothing, as
/// visually-hidden text does.
pub fn skip_subtree(display: &str, opacity: f64, clip: &str, rect: Rect, clips_overflow: bool) -> bool {
    let clipped_away = clip.starts_with("rect(")
        && clip.trim_start_matches("rect(").trim_end_matches(')').split([',', ' ']).all(|p| px(p) == 0.0);
    display == "none" || opacity <= 0.0 || clipped_away || (clips_overflow && (rect.w < 2.0 || rect.h < 2.0))
}

/// Whether `overflow` clips the content to the element's padding box.
pub fn clips_overflow(overflow_x: &str, overflow_y: &str) -> bool {
    !(overflow_x == "visible" && overflow_y == "visible")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn siblings_paint_in_flow_then_positioned_then_in_front() {
        let layers = [
            Layer::of("relative", "1"),    // a node above the links
            Layer::of("absolute", "auto"), // the links
            Layer::of("static", "auto"),
            Layer::of("relative", "-1"),
            Layer::of("static", "5"), // z-index without position: in flow
            Layer::of("absolute", "0"),
        ];
        assert_eq!(paint_order(&layers), vec![3, 2, 4, 1, 5, 0]);
        assert_eq!(paint_order(&[]), Vec::<usize>::new());
    }

    #[test]
    fn hidden_things_are_skipped() {
        let r = Rect::new(0.0, 0.0, 100.0, 20.0);
        assert!(!skip_subtree("block", 1.0, "auto", r, false));
        assert!(skip_subtree("none", 1.0, "auto", r, false));
        assert!(skip_subtree("block", 0.0, "auto", r, false));
        // .visually-hidden: 1×1 px, overflow hidden, clip rect(0 0 0 0)
        assert!(skip_subtree("block", 1.0, "auto", Rect::new(0.0, 0.0, 1.0, 1.0), true));
        assert!(skip_subtree("inline", 1.0, "rect(0px, 0px, 0px, 0px)", r, false));
        // A zero-size box that does not clip may still show what overflows it.
        assert!(!skip_subtree("block", 1.0, "auto", Rect::new(0.0, 0.0, 0.0, 0.0), false));
        assert!(clips_overflow("auto", "visible"));
        assert!(!clips_overflow("visible", "visible"));
    }
}
