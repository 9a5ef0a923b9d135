//! Form controls showing their current value: a range slider, a check box or radio button, a
//! progress bar and a select's arrow.

use super::boxes::fit_radius;
use super::{Op, Rect, Rgba, Seg, Shape, Stroke};

/// Where a value lies between min and max, 0 to 1 (0 when the range is empty or not a number).
pub fn fraction(value: f64, min: f64, max: f64) -> f64 {
    let f = (value - min) / (max - min);
    if f.is_finite() {
        f.clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// A range slider as Chromium draws one with an accent colour: a thin rounded track, filled
/// in the accent up to the thumb, and a round thumb.
pub fn range_ops<I>(rect: Rect, fraction: f64, accent: Rgba, track: Rgba) -> Vec<Op<I>> {
    if rect.is_empty() {
        return Vec::new();
    }
    let (_, cy) = rect.centre();
    let r = (rect.h / 2.0).clamp(3.0, 8.0).min(rect.w / 2.0);
    let x = rect.x + r + fraction.clamp(0.0, 1.0) * (rect.w - 2.0 * r);
    let bar = |x0: f64, x1: f64| Shape::Rect {
        rect: Rect::new(x0, cy - 2.0, (x1 - x0).max(0.0), 4.0),
        radius: 2.0,
    };
    vec![
        Op::Fill { shape: bar(rect.x, rect.right()), colour: track },
        Op::Fill { shape: bar(rect.x, x), colour: accent },
        Op::Fill { shape: Shape::Ellipse { cx: x, cy, rx: r, ry: r }, colour: accent },
    ]
}

/// A check box (or radio button) in `rect`: an outlined square (circle) on `ground`, filled
/// with the accent and marked when checked.
pub fn check_ops<I>(
    rect: Rect,
    checked: bool,
    radio: bool,
    accent: Rgba,
    border: Rgba,
    ground: Rgba,
) -> Vec<Op<I>> {
    if rect.is_empty() {
        return Vec::new();
    }
    let side = rect.w.min(rect.h);
    let (cx, cy) = rect.centre();
    let square = Rect::new(cx - side / 2.0, cy - side / 2.0, side, side);
    let shape = if radio {
        Shape::Ellipse { cx, cy, rx: side / 2.0, ry: side / 2.0 }
    } else {
        Shape::Rect { rect: square, radius: side * 0.15 }
    };
    if !checked {
        return vec![
            Op::Fill { shape: shape.clone(), colour: ground },
            Op::Stroke {
                shape: match shape {
                    Shape::Ellipse { cx, cy, rx, ry } => {
                        Shape::Ellipse { cx, cy, rx: rx - 0.5, ry: ry - 0.5 }
                    }
                    _ => Shape::Rect { rect: square.inset([0.5; 4]), radius: side * 0.15 },
                },
                stroke: Stroke { colour: border, width: 1.0, dash: Vec::new(), round_cap: false },
            },
        ];
    }
    let mark = accent.contrast();
    let dot = if radio {
        Op::Fill { shape: Shape::Ellipse { cx, cy, rx: side * 0.22, ry: side * 0.22 }, colour: mark }
    } else {
        let p = |fx: f64, fy: f64| (square.x + fx * side, square.y + fy * side);
        Op::Stroke {
            shape: Shape::Path(vec![
                Seg::Move(p(0.22, 0.52)),
                Seg::Line(p(0.42, 0.72)),
                Seg::Line(p(0.78, 0.3)),
            ]),
            stroke: Stroke { colour: mark, width: (side * 0.14).max(1.5), dash: Vec::new(), round_cap: true },
        }
    };
    vec![Op::Fill { shape, colour: accent }, dot]
}

/// A progress bar: the rounded track, filled in the accent to `fraction` (nothing when the
/// bar is indeterminate).
pub fn progress_ops<I>(rect: Rect, fraction: Option<f64>, accent: Rgba, track: Rgba) -> Vec<Op<I>> {
    if rect.is_empty() {
        return Vec::new();
    }
    let radius = (rect.h / 2.0).min(4.0);
    let mut ops = vec![Op::Fill { shape: Shape::Rect { rect, radius }, colour: track }];
    if let Some(f) = fraction {
        let filled = Rect { w: rect.w * f.clamp(0.0, 1.0), ..rect };
        if !filled.is_empty() {
            ops.push(Op::Fill {
                shape: Shape::Rect { rect: filled, radius: fit_radius(filled, radius) },
                colour: accent,
            });
        }
    }
    ops
}

/// Room a select keeps at its right for the arrow (CSS px).
pub const SELECT_ARROW_ROOM: f64 = 20.0;

/// A select's arrow: a small chevron centred in the room at the right of `rect` (its padding box).
pub fn select_arrow_ops<I>(rect: Rect, colour: Rgba) -> Vec<Op<I>> {
    if rect.w < SELECT_ARROW_ROOM || rect.is_empty() {
        return Vec::new();
    }
    let (cx, cy) = (rect.right() - SELECT_ARROW_ROOM / 2.0, rect.centre().1);
    vec![Op::Stroke {
        shape: Shape::Path(vec![
            Seg::Move((cx - 4.0, cy - 2.0)),
            Seg::Line((cx, cy + 2.0)),
            Seg::Line((cx + 4.0, cy - 2.0)),
        ]),
        stroke: Stroke { colour, width: 1.5, dash: Vec::new(), round_cap: true },
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::{close, TestOp};

    #[test]
    fn a_range_puts_its_thumb_at_the_value() {
        let accent = Rgba::rgb(11, 107, 203);
        let track = Rgba::rgb(200, 200, 200);
        assert!(close(fraction(25.0, 0.0, 50.0), 0.5));
        assert_eq!(fraction(80.0, 0.0, 50.0), 1.0);
        assert_eq!(fraction(1.0, 1.0, 1.0), 0.0);
        assert_eq!(fraction(f64::NAN, 0.0, 1.0), 0.0);
        let ops: Vec<TestOp> = range_ops(Rect::new(0.0, 0.0, 116.0, 16.0), 0.5, accent, track);
        assert_eq!(ops.len(), 3);
        assert_eq!(
            ops[2],
            Op::Fill { shape: Shape::Ellipse { cx: 58.0, cy: 8.0, rx: 8.0, ry: 8.0 }, colour: accent }
        );
        match &ops[1] {
            Op::Fill { shape: Shape::Rect { rect, .. }, colour } => {
                assert_eq!(*colour, accent);
                assert_eq!((rect.x, rect.w), (0.0, 58.0));
            }
            other => panic!("{other:?}"),
        }
        let empty: Vec<TestOp> = range_ops(Rect::new(0.0, 0.0, 116.0, 16.0), 0.0, accent, track);
        assert_eq!(
            empty[2],
            Op::Fill { shape: Shape::Ellipse { cx: 8.0, cy: 8.0, rx: 8.0, ry: 8.0 }, colour: accent }
        );
    }

    #[test]
    fn check_boxes_show_their_state() {
        let (accent, border, ground) = (Rgba::rgb(11, 107, 203), Rgba::rgb(90, 90, 90), Rgba::WHITE);
        let rect = Rect::new(0.0, 0.0, 13.0, 13.0);
        let off: Vec<TestOp> = check_ops(rect, false, false, accent, border, ground);
        assert!(matches!(&off[..], [Op::Fill { colour, .. }, Op::Stroke { .. }] if *colour == ground));
        let on: Vec<TestOp> = check_ops(rect, true, false, accent, border, ground);
        match &on[..] {
            [Op::Fill { colour, .. }, Op::Stroke { stroke, shape: Shape::Path(p) }] => {
                assert_eq!(*colour, accent);
                assert_eq!(stroke.colour, Rgba::WHITE);
                assert_eq!(p.len(), 3);
            }
            other => panic!("{other:?}"),
        }
        let radio: Vec<TestOp> = check_ops(rect, true, true, accent, border, ground);
        assert!(matches!(
            &radio[..],
            [Op::Fill { shape: Shape::Ellipse { .. }, .. }, Op::Fill { shape: Shape::Ellipse { .. }, .. }]
        ));
    }

    #[test]
    fn progress_and_select_arrow() {
        let (accent, track) = (Rgba::rgb(1, 2, 3), Rgba::rgb(4, 5, 6));
        let rect = Rect::new(0.0, 0.0, 200.0, 14.0);
        let ops: Vec<TestOp> = progress_ops(rect, Some(0.25), accent, track);
        match &ops[..] {
            [Op::Fill { colour: t, .. }, Op::Fill { shape: Shape::Rect { rect: r, .. }, colour: a }] => {
                assert_eq!((*t, *a), (track, accent));
                assert_eq!(r.w, 50.0);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(progress_ops::<()>(rect, None, accent, track).len(), 1);
        assert_eq!(progress_ops::<()>(rect, Some(0.0), accent, track).len(), 1);
        let arrow: Vec<TestOp> = select_arrow_ops(Rect::new(0.0, 0.0, 120.0, 30.0), track);
        match &arrow[..] {
            [Op::Stroke { shape: Shape::Path(p), .. }] => assert_eq!(p[1], Seg::Line((110.0, 17.0))),
            other => panic!("{other:?}"),
        }
        assert!(select_arrow_ops::<()>(Rect::new(0.0, 0.0, 10.0, 30.0), track).is_empty());
    }
}
