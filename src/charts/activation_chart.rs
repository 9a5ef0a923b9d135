//! The Explorer's chart: f (top) and f′ (bottom) of up to four activations over a shared x-axis.
//! Kinks are drawn honestly (open dot = the limit not taken, filled dot = the value by
//! convention), regions where the first activation's gradient vanishes or is zero are shaded
//! and labelled, and a hover line marks every curve at x.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::theme::{dash, legend_mark, Theme};
use super::{Chart, DrawResult};
use crate::domain::activation::Activation;
use crate::domain::state::explorer::{regions, segments, RegionKind, Sample};

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ActivationChart<'a> {
    pub activations: &'a [Activation],
    /// x runs over [-range, range].
    pub range: f64,
    pub hover_x: Option<f64>,
}

/// Where the plotting area landed, in backend pixels, so the page can turn a pointer position
/// back into x.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Geometry {
    pub left_px: i32,
    pub right_px: i32,
    pub x_min: f64,
    pub x_max: f64,
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
    let shade = chart.activations.first().map(|a| regions(a, lo, hi, SAMPLES)).unwrap_or_default();

    // The lower panel's plotting area (set when that panel is drawn).
    let mut geometry = Geometry { left_px: 0, right_px: 0, x_min: lo, x_max: hi };
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

        // Shaded regions of the first activation, labelled in the f′ panel.
        for r in &shade {
            let colour = match r.kind {
                RegionKind::Dead => theme.dead,
                RegionKind::Saturated => theme.saturated,
            };
            ctx.draw_series(std::iter::once(Rectangle::new(
                [(r.from, yr.0), (r.to, yr.1)],
                colour.filled(),
            )))?;
            let text = match r.kind {
                RegionKind::Dead => "f′ = 0: neurons die",
                RegionKind::Saturated => "saturated: |f′| < 0.05",
            };
            // Label the band only where the text fits inside it.
            let band_px = ctx.backend_coord(&(r.to, 0.0)).0 - ctx.backend_coord(&(r.from, 0.0)).0;
            let text_px = (f64::from(theme.font_size) * 0.55 * text.chars().count() as f64) as i32;
            if panel == 1 && band_px > text_px + 8 {
                let x = (r.from + r.to) / 2.0;
                let y = yr.1 - (yr.1 - yr.0) * 0.06;
                let style = ("sans-serif", theme.font_size.saturating_sub(1))
                    .into_font()
                    .color(&theme.muted)
                    .pos(plotters::style::text_anchor::Pos::new(
                        plotters::style::text_anchor::HPos::Center,
                        plotters::style::text_anchor::VPos::Top,
                    ));
                ctx.draw_series(std::iter::once(Text::new(text.to_string(), (x, y), style)))?;
            }
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
            // Honest kinks: filled dot at the value taken, open dots at the limits not taken.
            for k in act.kinks().iter().filter(|k| k.x > lo && k.x < hi) {
                let (left, at, right) = match which {
                    Which::F => (act.value(k.x - 1e-9), k.value, act.value(k.x + 1e-9)),
                    Which::Df => (k.left, k.at, k.right),
                };
                if (left - right).abs() < 1e-6 {
                    continue;
                }
                let r = theme.line_width + 3;
                for limit in [left, right] {
                    if (limit - at).abs() > 1e-6 {
                        ctx.draw_series(std::iter::once(Circle::new(
                            (k.x, limit),
                            r,
                            ShapeStyle { color: colour.to_rgba(), filled: false, stroke_width: 2 },
                        )))?;
                    }
                }
                ctx.draw_series(std::iter::once(Circle::new((k.x, at), r, colour.filled())))?;
            }
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
            geometry = Geometry { left_px: xs.start, right_px: xs.end, x_min: lo, x_max: hi };
        }
    }
    root.present()?;
    Ok(geometry)
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
