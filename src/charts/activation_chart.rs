//! The Explorer's chart: f (top) and f′ (bottom) of up to four activations over a shared x-axis.
//! Every curve gets its own marks in its own colour (`activation_marks`): kinks drawn honestly
//! (open dot = the limit not taken, filled dot = the value by convention), and the zones where
//! its gradient is zero or fades shaded and labelled. A hover line marks every curve at x.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::activation_marks::{draw_kinks, draw_zone_labels, draw_zones};
use super::theme::{dash, legend_mark, Theme};
use super::{Chart, DrawResult};
use crate::domain::activation::{Activation, Kink};
use crate::domain::state::explorer::{regions, segments, Region, Sample};

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ActivationChart<'a> {
    pub activations: &'a [Activation],
    /// x runs over [-range, range].
    pub range: f64,
    pub hover_x: Option<f64>,
}

/// Where the plotting area landed, in backend pixels, so the page can turn a pointer position
/// back into x; and what each curve got marked with.
#[derive(Clone, Debug, PartialEq)]
pub struct Geometry {
    pub left_px: i32,
    pub right_px: i32,
    pub x_min: f64,
    pub x_max: f64,
    /// One per curve, in order.
    pub marks: Vec<CurveMarks>,
}

/// What one curve got marked with: its shaded zones (each in both panels) and its kink dots
/// (both panels together).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CurveMarks {
    pub zones: usize,
    pub dots: usize,
}

impl Geometry {
    /// The x under a pixel column, if it is inside the plot.
    pub fn x_at(&self, px: f64) -> Option<f64> {
        let (l, r) = (f64::from(self.left_px), f64::from(self.right_px));
        if r <= l || px < l || px > r {
            return None;
        }
        Some(self.x_min + (px - l) / (r - l) * (self.x_max - self.x_min))
    }
}

const SAMPLES: usize = 480;

impl Chart for ActivationChart<'_> {
    type Layout = Geometry;

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        theme: &Theme,
    ) -> DrawResult<Geometry, DB> {
        draw(root, self, theme)
    }
}

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &ActivationChart,
    theme: &Theme,
) -> DrawResult<Geometry, DB> {
    root.fill(&theme.background)?;
    let (lo, hi) = (-chart.range, chart.range);
    let curves: Vec<Vec<Vec<Sample>>> =
        chart.activations.iter().map(|a| segments(a, lo, hi, SAMPLES)).collect();
    let (top, bottom) = root.split_vertically(root.dim_in_pixel().1 * 58 / 100);

    let f_range = padded(curves.iter().flatten().flatten().map(|s| s.f), (-1.0, 1.0));
    let df_range = padded(curves.iter().flatten().flatten().map(|s| s.df), (0.0, 1.0));
    let zones: Vec<Vec<Region>> = chart.activations.iter().map(|a| regions(a, lo, hi, SAMPLES)).collect();
    let mut marks: Vec<CurveMarks> = zones.iter().map(|z| CurveMarks { zones: z.len(), dots: 0 }).collect();

    // The lower panel's plotting area (set when that panel is drawn).
    let (mut left_px, mut right_px) = (0, 0);
    for (panel, (area, yr, which)) in
        [(&top, f_range, Which::F), (&bottom, df_range, Which::Df)].into_iter().enumerate()
    {
        // Room for labels grows with the type (pixel ratio, presentation, very wide screens).
        let fs = theme.font_size;
        let font = ("sans-serif", fs).into_font().color(&theme.text);
        let mut ctx = ChartBuilder::on(area)
            .margin(fs * 8 / 13)
            .margin_top(if panel == 0 { fs * 8 / 13 } else { 2 })
            .x_label_area_size(if panel == 1 { fs * 2 + 8 } else { 6 })
            .y_label_area_size(fs * 4)
            .build_cartesian_2d(lo..hi, yr.0..yr.1)?;
        let mut mesh = ctx.configure_mesh();
        mesh.light_line_style(theme.grid)
            .bold_line_style(theme.grid)
            .axis_style(theme.axis)
            .label_style(font.clone())
            .y_desc(which.label())
            .x_labels(9)
            .y_labels(6);
        if panel == 1 {
            mesh.x_desc("x");
        } else {
            mesh.x_label_formatter(&|_| String::new());
        }
        mesh.draw()?;

        // Every curve's zones in its own colour; the labels go in the f′ panel.
        for (i, (act, curve_zones)) in chart.activations.iter().zip(&zones).enumerate() {
            let colour = theme.series[i % theme.series.len()];
            draw_zones(&mut ctx, act, curve_zones, colour, (lo, hi), yr)?;
        }
        if panel == 1 {
            // The labels keep off the f′ curves and their kink dots where they can.
            let mut points: Vec<(f64, f64)> =
                curves.iter().flatten().flatten().map(|s| (s.x, s.df)).collect();
            for k in chart.activations.iter().flat_map(|a| a.kinks()) {
                points.extend([(k.x, k.left), (k.x, k.at), (k.x, k.right)]);
            }
            draw_zone_labels(&mut ctx, &zones, chart.activations, &points, theme)?;
        }
        // Zero lines.
        ctx.draw_series(LineSeries::new([(lo, 0.0), (hi, 0.0)], theme.axis.stroke_width(1)))?;

        for (i, (act, pieces)) in chart.activations.iter().zip(&curves).enumerate() {
            let colour = theme.series[i % theme.series.len()];
            let style = colour.stroke_width(theme.line_width);
            for (p, piece) in pieces.iter().enumerate() {
                let pts: Vec<(f64, f64)> = piece.iter().map(|s| (s.x, which.of(s))).collect();
                let series = match dash(i) {
                    None => ctx.draw_series(LineSeries::new(pts, style)),
                    Some((d, g)) => ctx.draw_series(DashedLineSeries::new(pts, d, g, style)),
                }?;
                if panel == 0 && p == 0 {
                    let idx = i;
                    series.label(act.to_string()).legend(move |(x, y)| legend_mark(x, y, dash(idx), style));
                }
            }
        }
        // Honest kinks: filled dot at the value taken, open dots at the limits not taken.
        let of = |act: &Activation, k: &Kink| match which {
            Which::F => (act.value(k.x - 1e-9), k.value, act.value(k.x + 1e-9)),
            Which::Df => (k.left, k.at, k.right),
        };
        let dots = draw_kinks(&mut ctx, chart.activations, (lo, hi), of, theme)?;
        for (m, d) in marks.iter_mut().zip(dots) {
            m.dots += d;
        }

        if let Some(x) = chart.hover_x.filter(|x| (lo..=hi).contains(x)) {
            ctx.draw_series(LineSeries::new([(x, yr.0), (x, yr.1)], theme.muted.stroke_width(1)))?;
            for (i, act) in chart.activations.iter().enumerate() {
                let y = match which {
                    Which::F => act.value(x),
                    Which::Df => act.derivative(x),
                };
                if y.is_finite() && y >= yr.0 && y <= yr.1 {
                    let colour = theme.series[i % theme.series.len()];
                    ctx.draw_series(std::iter::once(Circle::new(
                        (x, y),
                        theme.line_width + 2,
                        colour.filled(),
                    )))?;
                }
            }
        }

        if panel == 0 && !chart.activations.is_empty() {
            ctx.configure_series_labels()
                .position(SeriesLabelPosition::UpperLeft)
                .background_style(theme.background.mix(0.85))
                .border_style(theme.grid)
                .label_font(("sans-serif", theme.font_size).into_font().color(&theme.text))
                .draw()?;
        }
        if panel == 1 {
            let (xs, _) = ctx.plotting_area().get_pixel_range();
            (left_px, right_px) = (xs.start, xs.end);
        }
    }
    root.present()?;
    Ok(Geometry { left_px, right_px, x_min: lo, x_max: hi, marks })
}

#[derive(Clone, Copy)]
enum Which {
    F,
    Df,
}

impl Which {
    fn of(self, s: &Sample) -> f64 {
        match self {
            Which::F => s.f,
            Which::Df => s.df,
        }
    }
    fn label(self) -> &'static str {
        match self {
            Which::F => "f(x)",
            Which::Df => "f′(x)",
        }
    }
}

/// A y-range covering every finite value and `must` (e.g. 0 and 1), with 8% padding.
fn padded(values: impl Iterator<Item = f64>, must: (f64, f64)) -> (f64, f64) {
    let (mut lo, mut hi) = must;
    for v in values.filter(|v| v.is_finite()) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    let pad = (hi - lo).max(1e-6) * 0.08;
    (lo - pad, hi + pad)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svg(acts: &[Activation], range: f64, hover: Option<f64>) -> (String, Geometry) {
        let mut out = String::new();
        let geometry = {
            let root = SVGBackend::with_string(&mut out, (800, 560)).into_drawing_area();
            ActivationChart { activations: acts, range, hover_x: hover }
                .draw(&root, &Theme::LIGHT)
                .expect("chart draws")
        };
        (out, geometry)
    }

    #[test]
    fn draws_each_curve_with_a_legend_entry() {
        let acts = [Activation::LeakyRelu { slope: 0.2 }, Activation::Elu { alpha: 1.0 }, Activation::Gelu];
        let (out, g) = svg(&acts, 6.0, None);
        for a in &acts {
            assert!(out.contains(&a.to_string()), "legend names {a}");
        }
        assert!(out.contains("f′(x)") && out.contains("f(x)"));
        assert!(g.right_px > g.left_px + 500, "{g:?}");
        assert_eq!((g.x_min, g.x_max), (-6.0, 6.0));
    }

    #[test]
    fn kinks_get_open_and_filled_dots_smooth_curves_none() {
        // relu: f′ jumps 0 → 1 at 0: one open dot (the limit 1), one filled (0 by convention).
        let (relu, _) = svg(&[Activation::Relu], 6.0, None);
        assert_eq!(relu.matches("<circle").count(), 2, "{relu}");
        assert!(relu.contains("f′ = 0: neurons die"));
        let (gelu, _) = svg(&[Activation::Gelu], 6.0, None);
        assert_eq!(gelu.matches("<circle").count(), 0);
        // hardswish: f′ jumps at -3 (0 → -0.5, takes -0.5) and at 3 (1.5 → 1, takes 1.5):
        // one open and one filled dot at each.
        let (hs, _) = svg(&[Activation::Hardswish], 6.0, None);
        assert_eq!(hs.matches("<circle").count(), 4);
    }

    fn hex(c: RGBColor) -> String {
        format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
    }

    /// Where curve `i`'s zone fills (translucent rectangles in its colour) are: (left of x = 0,
    /// right of it) × (f panel, f′ panel), sorted, without repeats.
    fn zone_fills(svg: &str, g: &Geometry, i: usize) -> Vec<(char, char)> {
        let fill = format!("fill=\"{}\"", hex(Theme::LIGHT.series[i]));
        let attr = |l: &str, name: &str| -> f64 {
            l.split(&format!(" {name}=\""))
                .nth(1)
                .and_then(|v| v.split('"').next())
                .and_then(|v| v.parse().ok())
                .unwrap_or(f64::NAN)
        };
        let centre = f64::from(g.left_px + g.right_px) / 2.0;
        let mut at: Vec<(char, char)> = svg
            .lines()
            .filter(|l| l.starts_with("<rect") && l.contains(&fill) && l.contains("opacity=\"0."))
            .map(|l| {
                let mid = attr(l, "x") + attr(l, "width") / 2.0;
                let side = if mid < centre { 'L' } else { 'R' };
                (side, if attr(l, "y") < 560.0 * 0.58 { 'f' } else { 'd' })
            })
            .collect();
        at.sort_unstable();
        at.dedup();
        at
    }

    /// Kink dots (filled or open circles) in curve `i`'s colour.
    fn dots(svg: &str, i: usize) -> usize {
        let c = hex(Theme::LIGHT.series[i]);
        svg.lines()
            .filter(|l| l.starts_with("<circle"))
            .filter(|l| l.contains(&format!("fill=\"{c}\"")) || l.contains(&format!("stroke=\"{c}\"")))
            .count()
    }

    #[test]
    fn every_overlay_gets_its_own_zones_in_its_colour() {
        let acts =
            [Activation::Relu, Activation::LeakyRelu { slope: 0.01 }, Activation::Sigmoid, Activation::Tanh];
        let (out, g) = svg(&acts, 6.0, None);
        // relu: dead on the left; leaky relu: none; sigmoid and tanh: fading on both sides.
        let zones: Vec<usize> = g.marks.iter().map(|m| m.zones).collect();
        assert_eq!(zones, [1, 0, 2, 2]);
        // Each zone is shaded in both panels, in its own curve's colour, on its own side(s).
        let left = vec![('L', 'd'), ('L', 'f')];
        let both = vec![('L', 'd'), ('L', 'f'), ('R', 'd'), ('R', 'f')];
        let fills: Vec<Vec<(char, char)>> = (0..4).map(|i| zone_fills(&out, &g, i)).collect();
        assert_eq!(fills, [left, vec![], both.clone(), both.clone()]);
        // Each is labelled with its curve's name (the packing is tested in activation_marks).
        for label in ["relu: f′ = 0, neurons die", "sigmoid: |f′| &lt; 0.05", "tanh: |f′| &lt; 0.05"] {
            assert!(out.contains(label), "no {label}");
        }
        // The second curve alone still gets its zones (the first one's are not the only ones).
        let (tanh_second, g) = svg(&[Activation::LeakyRelu { slope: 0.2 }, Activation::Tanh], 6.0, None);
        assert_eq!(zone_fills(&tanh_second, &g, 1), both);
    }

    #[test]
    fn zones_on_both_sides_one_side_or_none() {
        let zones = |acts: &[Activation], range: f64| -> Vec<usize> {
            svg(acts, range, None).1.marks.iter().map(|m| m.zones).collect()
        };
        // hardtanh and hardsigmoid: f′ = 0 outside [−1, 1] and [−3, 3]; elu fades on the left only.
        assert_eq!(
            zones(&[Activation::Hardtanh, Activation::Hardsigmoid, Activation::Elu { alpha: 1.0 }], 6.0),
            [2, 2, 1]
        );
        // relu6 is dead for x < 0 and for x > 6, which only ±20 shows.
        assert_eq!(zones(&[Activation::Identity, Activation::Relu6], 6.0), [0, 1]);
        assert_eq!(zones(&[Activation::Identity, Activation::Relu6], 20.0), [0, 2]);
    }

    #[test]
    fn every_overlay_gets_its_kink_dots_even_at_the_same_point() {
        // tanh is smooth; relu's f′ jumps 0 → 1 at 0: an open and a filled dot in its colour.
        let (out, g) = svg(&[Activation::Tanh, Activation::Relu], 6.0, None);
        assert_eq!((dots(&out, 0), dots(&out, 1)), (0, 2));
        assert_eq!(g.marks[1].dots, 2);
        // relu and leaky relu both kink at 0 with the same open limit f′ = 1: both dots are
        // drawn, the second as a wider ring around the first.
        let (out, g) = svg(&[Activation::Relu, Activation::LeakyRelu { slope: 0.01 }], 6.0, None);
        assert_eq!((dots(&out, 0), dots(&out, 1)), (2, 2), "{out}");
        assert_eq!(g.marks.iter().map(|m| m.dots).collect::<Vec<_>>(), [2, 2]);
        let radius = |i: usize| -> Vec<String> {
            let c = hex(Theme::LIGHT.series[i]);
            out.lines()
                .filter(|l| l.starts_with("<circle") && l.contains(&c))
                .filter_map(|l| l.split("r=\"").nth(1).and_then(|r| r.split('"').next()).map(str::to_string))
                .collect()
        };
        assert!(radius(1).iter().all(|r| !radius(0).contains(r)), "{:?} {:?}", radius(0), radius(1));
    }

    #[test]
    fn saturation_is_labelled_for_sigmoid() {
        let (out, _) = svg(&[Activation::Sigmoid], 6.0, None);
        assert!(out.contains("saturated: |f′| &lt; 0.05") || out.contains("saturated: |f′| < 0.05"));
    }

    #[test]
    fn hover_marks_every_curve_and_pixels_map_back_to_x() {
        let (plain, g) = svg(&[Activation::Relu, Activation::Tanh], 3.0, None);
        let (hovered, _) = svg(&[Activation::Relu, Activation::Tanh], 3.0, Some(1.0));
        // Two curves × two panels = four hover dots.
        assert_eq!(hovered.matches("<circle").count() - plain.matches("<circle").count(), 4);
        let mid = f64::from(g.left_px + g.right_px) / 2.0;
        assert!(g.x_at(mid).unwrap().abs() < 0.05);
        assert_eq!(g.x_at(f64::from(g.left_px) - 5.0), None);
    }
}
