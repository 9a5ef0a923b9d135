//! SVG geometry: a viewBox fitted to its element's box (`preserveAspectRatio`), the map from
//! user units to CSS pixels, and the shapes of SVG shape elements.

use super::path::numbers;
use super::{parse_path, px, Rect, Seg, Shape};

/// An SVG `viewBox`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ViewBox {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl ViewBox {
    pub fn parse(value: &str) -> Option<ViewBox> {
        let n: Vec<f64> = value
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|p| !p.is_empty())
            .map(|p| p.parse::<f64>().ok().filter(|v| v.is_finite()))
            .collect::<Option<_>>()?;
        match n[..] {
            [x, y, w, h] if w > 0.0 && h > 0.0 => Some(ViewBox { x, y, w, h }),
            _ => None,
        }
    }
}

/// How a viewBox fits its element's box (`preserveAspectRatio`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Fit {
    /// `none`: stretched to fill, both ways independently.
    Stretch,
    /// Uniformly scaled to fit inside (`meet`, the default) or to cover (`slice`); the
    /// alignment is 0 (min), 0.5 (mid) or 1 (max) along each axis.
    Uniform { slice: bool, ax: f64, ay: f64 },
}

impl Fit {
    pub fn parse(value: &str) -> Fit {
        let mut parts = value.split_whitespace();
        let align = parts.next().unwrap_or("xMidYMid");
        if align == "none" {
            return Fit::Stretch;
        }
        let slice = parts.next() == Some("slice");
        let at = |s: &str| match s {
            "Min" => 0.0,
            "Max" => 1.0,
            _ => 0.5,
        };
        let (ax, ay) = match (align.get(1..4), align.get(5..8)) {
            (Some(x), Some(y)) if align.starts_with('x') && align.get(4..5) == Some("Y") => (at(x), at(y)),
            _ => (0.5, 0.5),
        };
        Fit::Uniform { slice, ax, ay }
    }
}

/// The affine map from an SVG's user units to CSS pixels: `(x·sx + tx, y·sy + ty)`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mapping {
    pub sx: f64,
    pub sy: f64,
    pub tx: f64,
    pub ty: f64,
}

impl Mapping {
    /// For an `<svg>` laid out at `viewport`; without a viewBox a user unit is a CSS pixel.
    pub fn new(view_box: Option<ViewBox>, fit: Fit, viewport: Rect) -> Mapping {
        let Some(vb) = view_box else {
            return Mapping { sx: 1.0, sy: 1.0, tx: viewport.x, ty: viewport.y };
        };
        let (kx, ky) = (viewport.w / vb.w, viewport.h / vb.h);
        let (sx, sy, ax, ay) = match fit {
            Fit::Stretch => (kx, ky, 0.0, 0.0),
            Fit::Uniform { slice, ax, ay } => {
                let k = if slice { kx.max(ky) } else { kx.min(ky) };
                (k, k, ax, ay)
            }
        };
        Mapping {
            sx,
            sy,
            tx: viewport.x - vb.x * sx + ax * (viewport.w - vb.w * sx),
            ty: viewport.y - vb.y * sy + ay * (viewport.h - vb.h * sy),
        }
    }

    pub fn point(&self, (x, y): (f64, f64)) -> (f64, f64) {
        (x * self.sx + self.tx, y * self.sy + self.ty)
    }

    /// How much a stroke width (or dash) in user units grows: the geometric mean of the
    /// two scales (exact when they are equal).
    pub fn stroke_scale(&self) -> f64 {
        (self.sx * self.sy).abs().sqrt()
    }
}

impl Shape {
    /// The shape in CSS pixels, for SVG user units mapped by `m` (Bézier curves stay exact under
    /// an affine map).
    pub fn mapped(&self, m: &Mapping) -> Shape {
        match self {
            Shape::Rect { rect, radius } => {
                let (x, y) = m.point((rect.x, rect.y));
                let (w, h) = (rect.w * m.sx, rect.h * m.sy);
                Shape::Rect {
                    rect: Rect::new(x.min(x + w), y.min(y + h), w.abs(), h.abs()),
                    radius: radius * m.sx.abs().min(m.sy.abs()),
                }
            }
            Shape::Ellipse { cx, cy, rx, ry } => {
                let (cx, cy) = m.point((*cx, *cy));
                Shape::Ellipse { cx, cy, rx: rx * m.sx.abs(), ry: ry * m.sy.abs() }
            }
            Shape::Path(segs) => Shape::Path(
                segs.iter()
                    .map(|s| match *s {
                        Seg::Move(p) => Seg::Move(m.point(p)),
                        Seg::Line(p) => Seg::Line(m.point(p)),
                        Seg::Quad(c, p) => Seg::Quad(m.point(c), m.point(p)),
                        Seg::Cubic(c1, c2, p) => Seg::Cubic(m.point(c1), m.point(c2), m.point(p)),
                        Seg::Close => Seg::Close,
                    })
                    .collect(),
            ),
        }
    }
}

/// The geometry of an SVG shape element from its attributes (`attr(name)`), in user units.
/// None for other elements and for shapes that draw nothing.
pub fn svg_shape(tag: &str, attr: &dyn Fn(&str) -> Option<String>) -> Option<Shape> {
    let num = |name: &str| attr(name).map_or(0.0, |v| px(&v));
    match tag {
        "line" => {
            Some(Shape::Path(vec![Seg::Move((num("x1"), num("y1"))), Seg::Line((num("x2"), num("y2")))]))
        }
        "circle" => {
            let r = num("r");
            (r > 0.0).then(|| Shape::Ellipse { cx: num("cx"), cy: num("cy"), rx: r, ry: r })
        }
        "ellipse" => {
            let (rx, ry) = (num("rx"), num("ry"));
            (rx > 0.0 && ry > 0.0).then(|| Shape::Ellipse { cx: num("cx"), cy: num("cy"), rx, ry })
        }
        "rect" => {
            let rect = Rect::new(num("x"), num("y"), num("width"), num("height"));
            (!rect.is_empty()).then(|| Shape::Rect { rect, radius: num("rx").max(num("ry")) })
        }
        "polyline" | "polygon" => {
            let points = numbers(&attr("points").unwrap_or_default());
            let mut segs: Vec<Seg> = points
                .chunks_exact(2)
                .enumerate()
                .map(|(i, p)| if i == 0 { Seg::Move((p[0], p[1])) } else { Seg::Line((p[0], p[1])) })
                .collect();
            if tag == "polygon" && !segs.is_empty() {
                segs.push(Seg::Close);
            }
            (segs.len() >= 2).then_some(Shape::Path(segs))
        }
        "path" => {
            let segs = parse_path(&attr("d").unwrap_or_default());
            (!segs.is_empty()).then_some(Shape::Path(segs))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::close;

    #[test]
    fn a_stretched_view_box_maps_each_axis_on_its_own() {
        // The network's links: viewBox 0 0 400 216, preserveAspectRatio="none", 600×216 px at (20, 50).
        let m = Mapping::new(
            ViewBox::parse("0 0 400 216"),
            Fit::parse("none"),
            Rect::new(20.0, 50.0, 600.0, 216.0),
        );
        assert_eq!(m.point((0.0, 0.0)), (20.0, 50.0));
        assert_eq!(m.point((400.0, 216.0)), (620.0, 266.0));
        assert_eq!(m.point((50.0, 27.0)), (95.0, 77.0));
        assert!(close(m.stroke_scale(), 1.5f64.sqrt()));
    }

    #[test]
    fn a_uniform_view_box_meets_or_slices_and_aligns() {
        let vb = ViewBox::parse("0,0,60,60");
        let wide = Rect::new(0.0, 0.0, 120.0, 60.0);
        let mid = Mapping::new(vb, Fit::parse(""), wide);
        assert_eq!((mid.sx, mid.sy), (1.0, 1.0));
        assert_eq!(mid.point((0.0, 0.0)), (30.0, 0.0));
        let min = Mapping::new(vb, Fit::parse("xMinYMin meet"), wide);
        assert_eq!(min.point((0.0, 0.0)), (0.0, 0.0));
        let max = Mapping::new(vb, Fit::parse("xMaxYMax"), wide);
        assert_eq!(max.point((60.0, 60.0)), (120.0, 60.0));
        let slice = Mapping::new(vb, Fit::parse("xMidYMid slice"), wide);
        assert_eq!((slice.sx, slice.sy), (2.0, 2.0));
        assert_eq!(slice.point((30.0, 30.0)), (60.0, 30.0));
        let offset =
            Mapping::new(ViewBox::parse("-10 -10 20 20"), Fit::Stretch, Rect::new(0.0, 0.0, 40.0, 40.0));
        assert_eq!(offset.point((0.0, 0.0)), (20.0, 20.0));
        let none = Mapping::new(None, Fit::Stretch, Rect::new(5.0, 6.0, 10.0, 10.0));
        assert_eq!(none.point((1.0, 1.0)), (6.0, 7.0));
        assert_eq!(ViewBox::parse("0 0 0 10"), None);
        assert_eq!(ViewBox::parse("0 0 10"), None);
        assert_eq!(ViewBox::parse("a b c d"), None);
    }

    #[test]
    fn svg_shapes_come_from_their_attributes_and_map_through_the_view_box() {
        let attrs = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
        };
        let line =
            svg_shape("line", &attrs(&[("x1", "50.0"), ("y1", "27.0"), ("x2", "150.0"), ("y2", "81.0")]));
        let m = Mapping { sx: 2.0, sy: 0.5, tx: 10.0, ty: 0.0 };
        assert_eq!(
            line.map(|s| s.mapped(&m)),
            Some(Shape::Path(vec![Seg::Move((110.0, 13.5)), Seg::Line((310.0, 40.5))]))
        );
        let circle =
            svg_shape("circle", &attrs(&[("cx", "30"), ("cy", "30"), ("r", "1.6")])).map(|s| s.mapped(&m));
        assert_eq!(circle, Some(Shape::Ellipse { cx: 70.0, cy: 15.0, rx: 3.2, ry: 0.8 }));
        assert_eq!(svg_shape("circle", &attrs(&[("r", "0")])), None);
        let rect = svg_shape(
            "rect",
            &attrs(&[("x", "1"), ("y", "2"), ("width", "3"), ("height", "4"), ("rx", "1")]),
        );
        assert_eq!(rect, Some(Shape::Rect { rect: Rect::new(1.0, 2.0, 3.0, 4.0), radius: 1.0 }));
        let polygon = svg_shape("polygon", &attrs(&[("points", "0,0 10,0 10,10")]));
        assert_eq!(
            polygon,
            Some(Shape::Path(vec![
                Seg::Move((0.0, 0.0)),
                Seg::Line((10.0, 0.0)),
                Seg::Line((10.0, 10.0)),
                Seg::Close
            ]))
        );
        assert_eq!(svg_shape("title", &attrs(&[])), None);
        assert_eq!(svg_shape("text", &attrs(&[("x", "1")])), None);
    }
}
