//! The born-dead experiment: a probability (0..1) against network depth, one curve per width,
//! each over a translucent band (its Wilson 95% interval). A second initialisation scheme per
//! width can be drawn dashed in the same colour.
//!
//! The legend stands beside the plot (`charts::legend`), never over the bands.
//!
//! Line styles follow the line chart: `colour` picks the colour (cycling through the palette,
//! with a further dash pattern each time round) and `dashed` moves one dash pattern along, so a
//! scheme differs from its partner by more than colour.

use plotters::coord::Shift;
use plotters::prelude::*;

use std::rc::Rc;

use super::axis::number_label;
use super::legend::{self, LegendEntry};
use super::theme::{dash, Theme};
use super::{Chart, DrawResult};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProbCurve {
    pub label: String,
    /// An index into the palette; see the module docs.
    pub colour: usize,
    pub dashed: bool,
    /// `(depth, p, lo, hi)`: the estimate and its interval, in any order of depth.
    pub points: Vec<(f64, f64, f64, f64)>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProbabilityChart {
    pub title: String,
    pub curves: Rc<Vec<ProbCurve>>,
    /// The x-axis runs 0..max_depth (from the data when this is not a positive number).
    pub max_depth: f64,
}

/// A cleaned point: depth, p, and the band `(lo, hi)` when it has one.
type Point = (f64, f64, Option<(f64, f64)>);

/// Opacity of the interval bands.
const BAND_ALPHA: f64 = 0.18;

impl Chart for ProbabilityChart {
    type Layout = ();

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, theme: &Theme) -> DrawResult<(), DB> {
        draw(root, self, theme)
    }
}

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    c: &ProbabilityChart,
    theme: &Theme,
) -> DrawResult<(), DB> {
    root.fill(&theme.background)?;
    let fs = theme.font_size;
    let font = ("sans-serif", fs).into_font().color(&theme.text);

    let x_max = if c.max_depth.is_finite() && c.max_depth > 0.0 {
        c.max_depth
    } else {
        c.curves.iter().flat_map(|k| &k.points).map(|p| p.0).filter(|d| d.is_finite()).fold(1.0, f64::max)
    };
    let (y_lo, y_hi) = (-0.02, 1.02);
    // Finite points inside the depth range, by depth, with p and the band clamped to [0, 1].
    let cleaned: Vec<Vec<Point>> = c.curves.iter().map(|k| clean(&k.points, x_max)).collect();

    let area = if c.title.is_empty() { root.clone() } else { root.titled(&c.title, font.clone())? };
    let palette = theme.series.len();
    let look =
        |k: &ProbCurve| (theme.series[k.colour % palette], dash(k.colour / palette + usize::from(k.dashed)));
    let entries: Vec<LegendEntry> = c
        .curves
        .iter()
        .filter(|k| !k.label.is_empty())
        .map(|k| {
            let (colour, pattern) = look(k);
            LegendEntry { label: k.label.clone(), colour, pattern }
        })
        .collect();
    let (x_label_h, y_label_w) = (fs * 2 + 14, fs * 3 + 16);
    let area = legend::beside(&area, &entries, (6 + 14 + y_label_w, 12 + x_label_h), theme)?;
    let mut builder = ChartBuilder::on(&area);
    builder.margin(6).margin_right(14).x_label_area_size(x_label_h).y_label_area_size(y_label_w);
    let mut ctx = builder.build_cartesian_2d(0.0..x_max, y_lo..y_hi)?;
    let x_fmt = |v: &f64| number_label(*v, 2);
    let y_fmt = |v: &f64| if (0.0..=1.0).contains(v) { number_label(*v, 2) } else { String::new() };
    ctx.configure_mesh()
        .max_light_lines(0)
        .bold_line_style(theme.grid)
        .axis_style(theme.axis)
        .label_style(font.clone())
        .axis_desc_style(font.clone())
        .x_desc("depth (layers)")
        .y_desc("probability")
        .x_labels(8)
        .y_labels(6)
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt)
        .draw()?;

    // Bands first, so every line is drawn over every band.
    for (k, pts) in c.curves.iter().zip(&cleaned) {
        let colour = theme.series[k.colour % palette];
        for run in band_runs(pts) {
            let mut poly: Vec<(f64, f64)> = run.iter().map(|&(d, lo, _)| (d, lo)).collect();
            poly.extend(run.iter().rev().map(|&(d, _, hi)| (d, hi)));
            ctx.draw_series(std::iter::once(Polygon::new(poly, colour.mix(BAND_ALPHA).filled())))?;
        }
    }
    for (k, pts) in c.curves.iter().zip(&cleaned) {
        let (colour, pattern) = look(k);
        let style = colour.stroke_width(theme.line_width);
        let line: Vec<(f64, f64)> = pts.iter().map(|&(d, p, _)| (d, p)).collect();
        match pattern {
            None => ctx.draw_series(LineSeries::new(line, style)),
            Some((on, off)) => ctx.draw_series(DashedLineSeries::new(line, on, off, style)),
        }?;
        // A lone point has no line or band polygon: a dot with an error bar.
        if let [(d, p, band)] = pts.as_slice() {
            if let Some((lo, hi)) = band {
                ctx.draw_series(std::iter::once(PathElement::new(vec![(*d, *lo), (*d, *hi)], style)))?;
            }
            ctx.draw_series(std::iter::once(Circle::new((*d, *p), theme.line_width + 2, colour.filled())))?;
        }
    }
    root.present()
}

/// The drawable points of a curve: finite depth and p, depth in [0, x_max], sorted by depth;
/// p clamped to [0, 1], the band kept when both ends are finite (ordered, clamped, and widened
/// to contain p).
fn clean(points: &[(f64, f64, f64, f64)], x_max: f64) -> Vec<Point> {
    let mut out: Vec<_> = points
        .iter()
        .filter(|(d, p, _, _)| d.is_finite() && p.is_finite() && (0.0..=x_max).contains(d))
        .map(|&(d, p, lo, hi)| {
            let p = p.clamp(0.0, 1.0);
            let band = (lo.is_finite() && hi.is_finite()).then(|| {
                let (lo, hi) = (lo.min(hi).clamp(0.0, 1.0), lo.max(hi).clamp(0.0, 1.0));
                (lo.min(p), hi.max(p))
            });
            (d, p, band)
        })
        .collect();
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    out
}

/// Runs of at least two consecutive points with a band: `(depth, lo, hi)`.
fn band_runs(pts: &[Point]) -> Vec<Vec<(f64, f64, f64)>> {
    let mut runs = Vec::new();
    let mut run = Vec::new();
    for &(d, _, band) in pts {
        match band {
            Some((lo, hi)) => run.push((d, lo, hi)),
            None => {
                if run.len() > 1 {
                    runs.push(std::mem::take(&mut run));
                }
                run.clear();
            }
        }
    }
    if run.len() > 1 {
        runs.push(run);
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::svg_probe;

    fn svg(curves: &[ProbCurve], max_depth: f64) -> String {
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, (640, 380)).into_drawing_area();
            let chart =
                ProbabilityChart { title: "born dead".into(), curves: Rc::new(curves.to_vec()), max_depth };
            chart.draw(&root, &Theme::LIGHT).expect("chart draws");
        }
        out
    }

    fn has_text(svg: &str, s: &str) -> bool {
        svg.contains(&format!("\n{s}\n</text>"))
    }

    /// A curve rising with depth like the born-dead probability, with a ±0.05 band.
    fn curve(width: usize, colour: usize, dashed: bool, depths: &[f64]) -> ProbCurve {
        let points = depths
            .iter()
            .map(|&d| {
                let p = 1.0 - (-d / (4.0 * width as f64)).exp();
                (d, p, p - 0.05, p + 0.05)
            })
            .collect();
        ProbCurve { label: format!("width {width}"), colour, dashed, points }
    }

    fn depths(n: usize) -> Vec<f64> {
        (1..=n).map(|d| d as f64).collect()
    }

    #[test]
    fn one_legend_entry_and_band_per_curve() {
        let d = depths(20);
        let curves = [curve(2, 0, false, &d), curve(4, 1, false, &d), curve(8, 2, false, &d)];
        let out = svg(&curves, 20.0);
        for w in [2, 4, 8] {
            assert_eq!(out.matches(&format!("\nwidth {w}\n</text>")).count(), 1, "legend width {w}: {out}");
        }
        assert_eq!(out.matches("<polygon").count(), 3, "a band per curve");
        assert!(out.contains(&format!("opacity=\"{BAND_ALPHA}\"")), "bands are translucent");
        assert!(
            has_text(&out, "born dead") && has_text(&out, "depth (layers)") && has_text(&out, "probability")
        );
        assert!(has_text(&out, "0") && has_text(&out, "1") && has_text(&out, "20"));
        // The legend stands beside the plot, above it here (a row costs less than a column).
        let (_, top, _, _) = svg_probe::plot_rect(&out, Theme::LIGHT.axis);
        for w in [2, 4, 8] {
            let (_, y) = svg_probe::text_at(&out, &format!("width {w}")).expect("a legend label");
            assert!(y < top, "label at y {y}, plot from {top}");
        }
    }

    #[test]
    fn a_dashed_scheme_is_dashed_in_the_same_colour() {
        let d = depths(10);
        let solid = svg(&[curve(2, 0, false, &d)], 10.0);
        let both = svg(
            &[curve(2, 0, false, &d), ProbCurve { label: "width 2, asym".into(), ..curve(2, 0, true, &d) }],
            10.0,
        );
        // A dashed line is many short segments; the solid one a single polyline.
        let extra = both.matches("<polyline").count() - solid.matches("<polyline").count();
        assert!(extra > 5, "{extra} dashes");
        assert!(has_text(&both, "width 2, asym") && has_text(&both, "width 2"));
        assert_eq!(both.matches("<polygon").count(), 2);
    }

    #[test]
    fn empty_single_point_and_non_finite_data_draw() {
        let out = svg(&[], 12.0);
        assert!(
            has_text(&out, "depth (layers)") && !out.contains("<polygon") && !out.contains("\nwidth "),
            "{out}"
        );
        let out = svg(&[], f64::NAN);
        assert!(has_text(&out, "1"), "a default depth range: {out}");

        let single = ProbCurve {
            label: "width 2".into(),
            colour: 0,
            dashed: false,
            points: vec![(3.0, 0.4, 0.2, 0.6)],
        };
        let out = svg(&[single], 0.0);
        assert_eq!(out.matches("<circle").count(), 1);
        assert!(!out.contains("<polygon") && has_text(&out, "width 2"));

        let nan = ProbCurve {
            label: "width 4".into(),
            colour: 1,
            dashed: true,
            points: vec![
                (1.0, 0.0, 0.0, 0.1),
                (2.0, f64::NAN, 0.0, 0.1),
                (3.0, 0.2, f64::NAN, 0.3),
                (4.0, 0.3, 0.2, 0.4),
                (5.0, 1.5, 0.9, f64::INFINITY),
                (f64::NAN, 0.5, 0.4, 0.6),
                (50.0, 0.5, 0.4, 0.6),
            ],
        };
        let zeros = ProbCurve {
            label: "width 8".into(),
            colour: 2,
            dashed: false,
            points: vec![(1.0, 0.0, 0.0, 0.0), (2.0, 0.0, 0.0, 0.0)],
        };
        let out = svg(&[nan.clone(), zeros], 10.0);
        assert!(has_text(&out, "width 4") && has_text(&out, "width 8"));
        // Width 4's missing bands (depth 3: NaN, depth 5: infinite) leave depths 1 and 4 each
        // alone in a run: no polygon. Depth 2 (p NaN) and 50 (beyond the axis) are dropped.
        let cleaned = clean(&nan.points, 10.0);
        assert_eq!(cleaned.len(), 4, "{cleaned:?}");
        assert_eq!(cleaned[3], (5.0, 1.0, None));
        assert!(band_runs(&cleaned).is_empty());
        assert_eq!(out.matches("<polygon").count(), 1, "only the all-zero band of width 8");
    }

    #[test]
    fn bands_are_cleaned_into_runs() {
        let pts = clean(&[(3.0, 0.5, 0.7, 0.4), (1.0, 0.1, 0.0, 0.2), (2.0, 0.2, 0.3, 0.9)], 5.0);
        assert_eq!(pts[0], (1.0, 0.1, Some((0.0, 0.2))));
        assert_eq!(pts[1], (2.0, 0.2, Some((0.2, 0.9))), "the band is widened to contain p");
        assert_eq!(pts[2], (3.0, 0.5, Some((0.4, 0.7))), "lo and hi are ordered");
        assert_eq!(band_runs(&pts).len(), 1);
        assert_eq!(band_runs(&pts)[0].len(), 3);
    }
}
