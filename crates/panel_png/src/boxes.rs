//! An element's box as draw operations: its sharp shadows, background and border, with rounded
//! corners.

use super::{Op, Rect, Rgba, Seg, Shape, Stroke};

/// A border's line style.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LineStyle {
    None,
    Solid,
    Dashed,
    Dotted,
}

impl LineStyle {
    /// From a computed `border-*-style`; double, groove and the like are drawn solid.
    pub fn parse(value: &str) -> LineStyle {
        match value {
            "none" | "hidden" | "" => LineStyle::None,
            "dashed" => LineStyle::Dashed,
            "dotted" => LineStyle::Dotted,
            _ => LineStyle::Solid,
        }
    }

    fn dashes(self, width: f64) -> Vec<f64> {
        match self {
            LineStyle::Dashed => vec![3.0 * width, 2.0 * width],
            LineStyle::Dotted => vec![width, width],
            _ => Vec::new(),
        }
    }
}

/// One side of a border.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Edge {
    pub width: f64,
    pub colour: Rgba,
    pub style: LineStyle,
}

impl Edge {
    pub const NONE: Edge = Edge { width: 0.0, colour: Rgba::TRANSPARENT, style: LineStyle::None };

    fn shows(self) -> bool {
        self.width > 0.0 && self.colour.is_visible() && self.style != LineStyle::None
    }
}

/// One `box-shadow`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BoxShadow {
    pub colour: Rgba,
    pub dx: f64,
    pub dy: f64,
    pub blur: f64,
    pub spread: f64,
    pub inset: bool,
}

/// What an element's box paints: its shadows, its background, its border (top, right, bottom,
/// left) and the radius of its corners.
#[derive(Clone, Debug, PartialEq)]
pub struct BoxStyle {
    pub background: Rgba,
    pub edges: [Edge; 4],
    pub radius: f64,
    pub shadows: Vec<BoxShadow>,
}

/// The radius a box can have: at most half its smaller side.
pub(super) fn fit_radius(rect: Rect, radius: f64) -> f64 {
    radius.min(rect.w / 2.0).min(rect.h / 2.0).max(0.0)
}

/// A rounded rectangle as a closed path (quarter circles as Bézier curves), clockwise or
/// counter-clockwise on screen: one inside the other in opposite directions leaves a hole.
pub fn rounded_rect(rect: Rect, radius: f64, clockwise: bool) -> Vec<Seg> {
    let r = fit_radius(rect, radius);
    let k = r * (1.0 - 0.552_284_75);
    let (x0, y0, x1, y1) = (rect.x, rect.y, rect.right(), rect.bottom());
    if clockwise {
        vec![
            Seg::Move((x0 + r, y0)),
            Seg::Line((x1 - r, y0)),
            Seg::Cubic((x1 - k, y0), (x1, y0 + k), (x1, y0 + r)),
            Seg::Line((x1, y1 - r)),
            Seg::Cubic((x1, y1 - k), (x1 - k, y1), (x1 - r, y1)),
            Seg::Line((x0 + r, y1)),
            Seg::Cubic((x0 + k, y1), (x0, y1 - k), (x0, y1 - r)),
            Seg::Line((x0, y0 + r)),
            Seg::Cubic((x0, y0 + k), (x0 + k, y0), (x0 + r, y0)),
            Seg::Close,
        ]
    } else {
        vec![
            Seg::Move((x0 + r, y0)),
            Seg::Cubic((x0 + k, y0), (x0, y0 + k), (x0, y0 + r)),
            Seg::Line((x0, y1 - r)),
            Seg::Cubic((x0, y1 - k), (x0 + k, y1), (x0 + r, y1)),
            Seg::Line((x1 - r, y1)),
            Seg::Cubic((x1 - k, y1), (x1, y1 - k), (x1, y1 - r)),
            Seg::Line((x1, y0 + r)),
            Seg::Cubic((x1, y0 + k), (x1 - k, y0), (x1 - r, y0)),
            Seg::Close,
        ]
    }
}

/// The background and border of a box at `rect` (its border box). A border whose four sides
/// agree is one rounded stroke; otherwise each side is a bar (square corners).
pub fn box_ops<I>(rect: Rect, style: &BoxStyle) -> Vec<Op<I>> {
    let mut ops = Vec::new();
    if rect.is_empty() {
        return ops;
    }
    let radius = fit_radius(rect, style.radius);
    // Shadows without blur (a blurred one is left out): the first listed is on top.
    let sharp = || style.shadows.iter().rev().filter(|s| s.blur == 0.0 && s.colour.is_visible());
    for shadow in sharp().filter(|s| !s.inset) {
        // Outside the box only: the shadow's shape with the box cut out of it.
        let outer =
            Rect::new(rect.x + shadow.dx, rect.y + shadow.dy, rect.w, rect.h).inset([-shadow.spread; 4]);
        let outer_radius = if radius > 0.0 { radius + shadow.spread } else { 0.0 };
        let mut path = rounded_rect(outer, outer_radius, true);
        path.extend(rounded_rect(rect, radius, false));
        ops.push(Op::Fill { shape: Shape::Path(path), colour: shadow.colour });
    }
    if style.background.is_visible() {
        ops.push(Op::Fill { shape: Shape::Rect { rect, radius }, colour: style.background });
    }
    let widths = style.edges.map(|e| if e.style == LineStyle::None { 0.0 } else { e.width });
    let padding_box = rect.inset(widths);
    let inner_radius = fit_radius(padding_box, radius - widths[0]);
    for shadow in sharp().filter(|s| s.inset) {
        // Inside the padding box only: all of it but the box moved by the offset and shrunk by
        // the spread.
        let hole =
            Rect::new(padding_box.x + shadow.dx, padding_box.y + shadow.dy, padding_box.w, padding_box.h)
                .inset([shadow.spread; 4]);
        let margin = shadow.dx.abs() + shadow.dy.abs() + shadow.spread.abs() + 1.0;
        let mut path = rounded_rect(padding_box.inset([-margin; 4]), 0.0, true);
        if !hole.is_empty() {
            path.extend(rounded_rect(hole, fit_radius(hole, inner_radius - shadow.spread), false));
        }
        ops.push(Op::Push {
            clip: Some(Shape::Rect { rect: padding_box, radius: inner_radius }),
            alpha: 1.0,
        });
        ops.push(Op::Fill { shape: Shape::Path(path), colour: shadow.colour });
        ops.push(Op::Pop);
    }
    let [top, right, bottom, left] = style.edges;
    if style.edges.iter().all(|e| *e == top) {
        if top.shows() {
            let w = top.width;
            let inner = rect.inset([w / 2.0; 4]);
            ops.push(Op::Stroke {
                shape: Shape::Rect { rect: inner, radius: fit_radius(inner, radius - w / 2.0) },
                stroke: Stroke { colour: top.colour, width: w, dash: top.style.dashes(w), round_cap: false },
            });
        }
        return ops;
    }
    let bars = [
        (top, Rect::new(rect.x, rect.y, rect.w, top.width)),
        (right, Rect::new(rect.right() - right.width, rect.y, right.width, rect.h)),
        (bottom, Rect::new(rect.x, rect.bottom() - bottom.width, rect.w, bottom.width)),
        (left, Rect::new(rect.x, rect.y, left.width, rect.h)),
    ];
    for (edge, bar) in bars {
        if edge.shows() {
            ops.push(Op::Fill { shape: Shape::Rect { rect: bar, radius: 0.0 }, colour: edge.colour });
        }
    }
    ops
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::TestOp;

    fn edge(width: f64, colour: Rgba, style: &str) -> Edge {
        Edge { width, colour, style: LineStyle::parse(style) }
    }

    #[test]
    fn a_box_paints_its_background_and_one_rounded_border() {
        let rect = Rect::new(0.0, 0.0, 100.0, 50.0);
        let border = edge(1.0, Rgba::rgb(213, 219, 227), "solid");
        let style = BoxStyle { background: Rgba::WHITE, edges: [border; 4], radius: 8.0, shadows: vec![] };
        let ops: Vec<TestOp> = box_ops(rect, &style);
        assert_eq!(
            ops,
            vec![
                Op::Fill { shape: Shape::Rect { rect, radius: 8.0 }, colour: Rgba::WHITE },
                Op::Stroke {
                    shape: Shape::Rect { rect: Rect::new(0.5, 0.5, 99.0, 49.0), radius: 7.5 },
                    stroke: Stroke { colour: border.colour, width: 1.0, dash: vec![], round_cap: false },
                },
            ]
        );
        // A dead neuron's dashed border.
        let dashed = BoxStyle {
            background: Rgba::TRANSPARENT,
            edges: [edge(2.0, Rgba::rgb(180, 35, 24), "dashed"); 4],
            radius: 4.0,
            shadows: vec![],
        };
        match &box_ops::<()>(Rect::new(0.0, 0.0, 40.0, 40.0), &dashed)[..] {
            [Op::Stroke { stroke, .. }] => assert_eq!(stroke.dash, vec![6.0, 4.0]),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_box_with_nothing_to_show_paints_nothing_and_mixed_borders_paint_bars() {
        let rect = Rect::new(10.0, 10.0, 100.0, 20.0);
        let bare =
            BoxStyle { background: Rgba::TRANSPARENT, edges: [Edge::NONE; 4], radius: 0.0, shadows: vec![] };
        assert!(box_ops::<()>(rect, &bare).is_empty());
        assert!(box_ops::<()>(
            Rect::new(0.0, 0.0, 0.0, 10.0),
            &BoxStyle { background: Rgba::WHITE, ..bare.clone() }
        )
        .is_empty());
        let line = edge(1.0, Rgba::rgb(1, 2, 3), "solid");
        let underline = BoxStyle { edges: [Edge::NONE, Edge::NONE, line, Edge::NONE], ..bare.clone() };
        assert_eq!(
            box_ops::<()>(rect, &underline),
            vec![Op::Fill {
                shape: Shape::Rect { rect: Rect::new(10.0, 29.0, 100.0, 1.0), radius: 0.0 },
                colour: line.colour
            }]
        );
        let hidden = BoxStyle { edges: [edge(3.0, Rgba::rgb(1, 2, 3), "none"); 4], ..bare.clone() };
        assert!(box_ops::<()>(rect, &hidden).is_empty());
        // A pill: the radius is at most half the height.
        let pill =
            BoxStyle { background: Rgba::WHITE, edges: [Edge::NONE; 4], radius: 999.0, shadows: vec![] };
        assert_eq!(
            box_ops::<()>(rect, &pill),
            vec![Op::Fill { shape: Shape::Rect { rect, radius: 10.0 }, colour: Rgba::WHITE }]
        );
    }

    #[test]
    fn sharp_shadows_paint_outside_or_inside_the_box_and_blurred_ones_not_at_all() {
        let rect = Rect::new(10.0, 10.0, 40.0, 30.0);
        let ring = BoxShadow {
            colour: Rgba::rgb(240, 180, 41),
            dx: 0.0,
            dy: 0.0,
            blur: 0.0,
            spread: 3.0,
            inset: false,
        };
        let bar = BoxShadow {
            colour: Rgba::rgb(0, 114, 178),
            dx: 0.0,
            dy: -4.0,
            blur: 0.0,
            spread: 0.0,
            inset: true,
        };
        let soft = BoxShadow { blur: 24.0, ..ring };
        let border = edge(2.0, Rgba::rgb(1, 2, 3), "solid");
        let style = BoxStyle {
            background: Rgba::WHITE,
            edges: [border; 4],
            radius: 0.0,
            shadows: vec![ring, bar, soft],
        };
        let ops: Vec<TestOp> = box_ops(rect, &style);
        // ring (outside), background, the bar clipped to the padding box, the border.
        match &ops[..] {
            [Op::Fill { shape: Shape::Path(ring_path), colour: c0 }, Op::Fill { shape: Shape::Rect { .. }, colour: c1 }, Op::Push { clip: Some(Shape::Rect { rect: clip, .. }), .. }, Op::Fill { shape: Shape::Path(bar_path), colour: c2 }, Op::Pop, Op::Stroke { .. }] =>
            {
                assert_eq!((*c0, *c1, *c2), (ring.colour, Rgba::WHITE, bar.colour));
                // The ring: the box grown by 3 px, with the box itself as the hole.
                assert_eq!(ring_path[0], Seg::Move((7.0, 7.0)));
                assert_eq!(ring_path[10], Seg::Move((10.0, 10.0)));
                assert_eq!(*clip, Rect::new(12.0, 12.0, 36.0, 26.0));
                // The bar: the hole is the padding box moved up 4 px, so 4 px show at the bottom.
                assert_eq!(bar_path[10], Seg::Move((12.0, 8.0)));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn rounded_rects_close_and_run_both_ways() {
        let r = Rect::new(0.0, 0.0, 20.0, 10.0);
        let cw = rounded_rect(r, 4.0, true);
        let ccw = rounded_rect(r, 4.0, false);
        assert_eq!((cw.len(), ccw.len()), (10, 9));
        assert_eq!((cw[1], ccw[2]), (Seg::Line((16.0, 0.0)), Seg::Line((0.0, 6.0))));
        assert_eq!(cw.last(), Some(&Seg::Close));
        // The radius is at most half the smaller side.
        assert_eq!(rounded_rect(r, 50.0, true)[0], Seg::Move((5.0, 0.0)));
    }
}
