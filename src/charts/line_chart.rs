//! One chart of several series over epochs: the loss curves, dead neurons per layer, gradient
//! norm per layer (on a log axis), sparsity per layer, and the Experiments' overlays.
//!
//! Long series are decimated to about two points per pixel column (each bucket keeps its
//! minimum and maximum, so spikes survive), and dashed series are dashed along x, so a curve
//! costs a bounded number of drawing calls however long or noisy it is.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::axis::{log_label, log_range, number_label};
use super::theme::{dash, legend_mark, Theme};
use super::{Chart, DrawResult};
use std::rc::Rc;

/// One curve: `(epoch, value)` points in drawing order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Series {
    pub label: String,
    pub points: Vec<(f64, f64)>,
    /// An index into the palette: 0..4 are `theme.series` drawn solid; 4..8 cycle through the
    /// colours again dotted, so each index up to 8 looks different (then the looks repeat).
    pub colour: usize,
    /// Dash the curve: 0..4 dashed, 4..8 long-dashed; so every (colour < 8, dashed) pair
    /// looks different.
    pub dashed: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct LineChart {
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    pub series: Rc<Vec<Series>>,
    /// A log10 y-axis: values ≤ 0 are skipped, the range covers whole decades of the rest.
    pub log_y: bool,
    /// Include 0 in the (linear) y-range.
    pub y_from_zero: bool,
    /// A fixed upper bound of the y-range (e.g. the dead count of a layer = its width).
    pub y_max: Option<f64>,
}

/// Points per pixel column kept by the decimation.
const POINTS_PER_PIXEL: usize = 2;

impl Chart for LineChart {
    type Layout = ();

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, theme: &Theme) -> DrawResult<(), DB> {
        draw(root, self, theme)
    }
}

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &LineChart,
    theme: &Theme,
) -> DrawResult<(), DB> {
    root.fill(&theme.background)?;

    // Finite points only; on a log axis only positive values, plotted as their log10.
    let cleaned: Vec<Vec<(f64, f64)>> = chart.series.iter().map(|s| clean(&s.points, chart.log_y)).collect();
    let x_min = cleaned.iter().flatten().map(|p| p.0).fold(0.0, f64::min);
    let x_max = cleaned.iter().flatten().map(|p| p.0).fold(1.0, f64::max);
    let ys = cleaned.iter().flatten().map(|p| p.1);
    let (y_lo, y_hi) = if chart.log_y {
        log_range(ys, chart.y_max)
    } else {
        linear_range(ys, chart.y_from_zero, chart.y_max)
    };

    let font = ("sans-serif", theme.font_size).into_font().color(&theme.text);
    let mut builder = ChartBuilder::on(root);
    builder
        .margin(6)
        .margin_right(14)
        .x_label_area_size(theme.font_size * 2 + 14)
        .y_label_area_size(theme.font_size * 4 + 12);
    if !chart.title.is_empty() {
        builder.caption(&chart.title, font.clone());
    }
    let mut ctx = builder.build_cartesian_2d(x_min..x_max, y_lo..y_hi)?;

    let log_y = chart.log_y;
    let y_fmt = move |v: &f64| if log_y { log_label(*v) } else { number_label(*v, 3) };
    let x_fmt = |v: &f64| number_label(*v, 3);
    // On a log axis ask for no more labels than whole decades, so every tick is a power of 10.
    let y_labels = if log_y { ((y_hi - y_lo).floor() as usize + 1).clamp(2, 7) } else { 6 };
    ctx.configure_mesh()
        .max_light_lines(0)
        .bold_line_style(theme.grid)
        .axis_style(theme.axis)
        .label_style(font.clone())
        .axis_desc_style(font.clone())
        .x_desc(&chart.x_label)
        .y_desc(&chart.y_label)
        .x_labels(6)
        .y_labels(y_labels)
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt)
        .draw()?;

    let plot_px = ctx.plotting_area().dim_in_pixel().0.max(1) as usize;
    let px_per_x = plot_px as f64 / (x_max - x_min);
    let palette = theme.series.len();
    for (s, pts) in chart.series.iter().zip(&cleaned) {
        let colour = theme.series[s.colour % palette];
        let pattern = dash(2 * (s.colour / palette) + usize::from(s.dashed));
        let style = colour.stroke_width(theme.line_width);
        let pts: Vec<(f64, f64)> = decimate(pts, POINTS_PER_PIXEL * plot_px)
            .into_iter()
            .map(|(x, y)| (x, y.clamp(y_lo, y_hi)))
            .collect();
        let paths = match (pts.len(), pattern) {
            (0 | 1, _) => Vec::new(),
            (_, None) => vec![pts.clone()],
            (_, Some((d, g))) => dash_along_x(&pts, f64::from(d) / px_per_x, f64::from(g) / px_per_x),
        };
        let anno = ctx.draw_series(paths.into_iter().map(|p| PathElement::new(p, style)))?;
        if !s.label.is_empty() {
            anno.label(s.label.clone()).legend(move |(x, y)| legend_mark(x, y, pattern, style));
        }
        // A lone point has no line to show it: mark it.
        if let [p] = pts.as_slice() {
            ctx.draw_series(std::iter::once(Circle::new(*p, theme.line_width + 2, colour.filled())))?;
        }
    }

    if chart.series.len() > 1 {
        ctx.configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(theme.background.mix(0.85))
            .border_style(theme.grid)
            .label_font(font)
            .draw()?;
    }
    root.present()
}

/// Reduce a long series to at most `max_points` keeping each bucket's min and max (so spikes
/// survive). The first and last points are always kept (when `max_points` ≥ 2), the order is
/// preserved, and a series already short enough is returned unchanged. Non-finite values never
/// win a bucket's min or max over a finite one.
pub fn decimate(points: &[(f64, f64)], max_points: usize) -> Vec<(f64, f64)> {
    let n = points.len();
    if n <= max_points {
        return points.to_vec();
    }
    match max_points {
        0 => return Vec::new(),
        1 => return vec![points[0]],
        _ => {}
    }
    let interior = &points[1..n - 1];
    let buckets = (max_points - 2) / 2;
    let mut out = Vec::with_capacity(2 + 2 * buckets);
    out.push(points[0]);
    for b in 0..buckets {
        let bucket = &interior[b * interior.len() / buckets..(b + 1) * interior.len() / buckets];
        let (mut lo, mut hi) = (0, 0);
        for (i, p) in bucket.iter().enumerate() {
            if p.1 < bucket[lo].1 || (bucket[lo].1.is_nan() && !p.1.is_nan()) {
                lo = i;
            }
            if p.1 > bucket[hi].1 || (bucket[hi].1.is_nan() && !p.1.is_nan()) {
                hi = i;
            }
        }
        match lo.cmp(&hi) {
            std::cmp::Ordering::Less => out.extend([bucket[lo], bucket[hi]]),
            std::cmp::Ordering::Greater => out.extend([bucket[hi], bucket[lo]]),
            std::cmp::Ordering::Equal => out.push(bucket[lo]),
        }
    }
    out.push(points[n - 1]);
    out
}

/// Finite points; on a log axis the positive ones with y replaced by log10(y).
fn clean(points: &[(f64, f64)], log_y: bool) -> Vec<(f64, f64)> {
    points
        .iter()
        .filter(|(x, y)| x.is_finite() && y.is_finite() && (!log_y || *y > 0.0))
        .map(|&(x, y)| if log_y { (x, y.log10()) } else { (x, y) })
        .collect()
}

/// The y-range of a linear axis: the values (and 0 when asked), padded 6% unless bounded.
fn linear_range(ys: impl Iterator<Item = f64>, from_zero: bool, y_max: Option<f64>) -> (f64, f64) {
    let (mut lo, mut hi) = ys.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), y| (lo.min(y), hi.max(y)));
    if lo > hi {
        (lo, hi) = (0.0, 1.0);
    }
    if from_zero {
        (lo, hi) = (lo.min(0.0), hi.max(0.0));
    }
    let pad = if hi > lo { (hi - lo) * 0.06 } else { hi.abs().max(1.0) * 0.5 };
    let lo = if from_zero && lo == 0.0 { lo } else { lo - pad };
    let hi = match y_max.filter(|m| m.is_finite()) {
        Some(m) => m,
        None => hi + pad,
    };
    let lo = if lo < hi { lo } else { hi - pad };
    (lo, hi)
}

/// Split a polyline into dashes measured along x (`on` drawn, `off` skipped, in x units), so
/// the number of dashes is bounded by the x-span whatever the curve's wiggle. Points must be
/// ordered along the path; x need not be monotonic (distance is the sum of |Δx|).
fn dash_along_x(pts: &[(f64, f64)], on: f64, off: f64) -> Vec<Vec<(f64, f64)>> {
    if !(on > 0.0 && on.is_finite() && off >= 0.0 && off.is_finite()) || pts.len() < 2 {
        return vec![pts.to_vec()];
    }
    let period = on + off;
    let mut out = Vec::new();
    let mut current = vec![pts[0]];
    let mut phase = 0.0; // position within the current period; drawing while phase < on
    for w in pts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let len = (b.0 - a.0).abs();
        let mut done = 0.0;
        loop {
            let drawing = phase < on;
            let room = if drawing { on - phase } else { period - phase };
            if len - done < room {
                phase += len - done;
                if drawing && current.last() != Some(&b) {
                    current.push(b);
                }
                break;
            }
            // The dash (or gap) ends on this segment, possibly exactly at its end.
            done += room;
            let p = if done >= len {
                b
            } else {
                let t = done / len;
                (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t)
            };
            if drawing {
                current.push(p);
                out.push(std::mem::take(&mut current));
                phase = on;
            } else {
                current = vec![p];
                phase = 0.0;
            }
        }
    }
    if current.len() > 1 {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(label: &str, points: Vec<(f64, f64)>, colour: usize) -> Series {
        Series { label: label.to_string(), points, colour, dashed: false }
    }

    fn svg(series: &[Series], log_y: bool, y_max: Option<f64>) -> String {
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, (600, 300)).into_drawing_area();
            let chart = LineChart {
                title: "loss".into(),
                x_label: "epoch".into(),
                y_label: "value".into(),
                series: Rc::new(series.to_vec()),
                log_y,
                y_from_zero: true,
                y_max,
            };
            chart.draw(&root, &Theme::LIGHT).expect("chart draws");
        }
        out
    }

    /// Whether the SVG has a text element reading exactly `s`.
    fn has_text(svg: &str, s: &str) -> bool {
        svg.contains(&format!("\n{s}\n</text>"))
    }

    /// How many polylines the SVG strokes in a colour (axes and ticks are polylines too).
    fn paths_in(svg: &str, c: RGBColor) -> usize {
        let stroke = format!("stroke=\"#{:02X}{:02X}{:02X}\"", c.0, c.1, c.2);
        svg.lines().filter(|l| l.starts_with("<polyline") && l.contains(&stroke)).count()
    }

    fn curve(n: usize, f: impl Fn(f64) -> f64) -> Vec<(f64, f64)> {
        (0..n).map(|i| (i as f64, f(i as f64))).collect()
    }

    #[test]
    fn series_get_a_legend_only_when_there_are_several() {
        let two = [
            series("train loss", curve(50, |x| 1.0 / (1.0 + x)), 0),
            series("test loss", curve(50, |x| 1.2 / (1.0 + x)), 1),
        ];
        let out = svg(&two, false, None);
        assert!(has_text(&out, "train loss") && has_text(&out, "test loss"), "{out}");
        assert!(has_text(&out, "loss"), "the title is drawn");
        assert!(has_text(&out, "epoch") && has_text(&out, "value"));
        assert_eq!(paths_in(&out, Theme::LIGHT.series[0]), 2, "curve and legend mark");
        assert_eq!(paths_in(&out, Theme::LIGHT.series[1]), 2);
        let one = svg(&two[..1], false, None);
        assert!(!has_text(&one, "train loss"), "a single series needs no legend");
    }

    #[test]
    fn log_axis_spans_decades_and_skips_zeros_and_negatives() {
        let mut pts = curve(100, |x| 10f64.powf(-6.0 * x / 99.0));
        pts.extend([(100.0, 0.0), (101.0, -1.0), (102.0, f64::NAN), (f64::INFINITY, 1.0)]);
        let out = svg(&[series("layer 1", pts, 0), series("layer 2", curve(100, |_| 0.0), 1)], true, None);
        for label in ["1e-6", "1e-5", "1e-4", "1e-3", "0.01", "0.1", "1"] {
            assert!(has_text(&out, label), "tick {label}: {out}");
        }
        let close = |(a, b): (f64, f64), (c, d): (f64, f64)| (a - c).abs() < 1e-9 && (b - d).abs() < 1e-9;
        assert!(close(log_range([-6.0, 0.0].into_iter(), None), (-6.0, 0.3)));
        assert!(close(log_range([-2.5, -2.2].into_iter(), None), (-4.0, -2.15)));
        assert_eq!(log_range([-2.5, -1.0].into_iter(), Some(1.0)), (-3.0, 0.0));
        assert_eq!(log_range(std::iter::empty(), None), (-3.0, 0.0));
        assert_eq!(log_label(-3.0), "1e-3");
    }

    #[test]
    fn empty_single_point_and_non_finite_series_draw_axes() {
        let out = svg(&[], false, None);
        assert!(has_text(&out, "epoch") && paths_in(&out, Theme::LIGHT.series[0]) == 0, "{out}");
        let out = svg(&[series("only", vec![(3.0, 0.5)], 0), series("none", vec![], 1)], false, None);
        assert_eq!(out.matches("<circle").count(), 1, "a lone point is marked");
        assert!(has_text(&out, "only") && has_text(&out, "none"));
        let nan = vec![(0.0, f64::NAN), (1.0, f64::INFINITY), (f64::NAN, 1.0)];
        svg(&[series("nan", nan.clone(), 0)], false, None);
        svg(&[series("nan", nan, 0)], true, None);
    }

    #[test]
    fn ranges_start_at_zero_and_respect_a_fixed_maximum() {
        assert_eq!(linear_range([2.0, 3.0, 4.0].into_iter(), true, Some(16.0)), (0.0, 16.0));
        let (lo, hi) = linear_range([2.0, 4.0].into_iter(), false, None);
        assert!(lo < 2.0 && lo > 1.0 && hi > 4.0 && hi < 5.0, "{lo} {hi}");
        let (lo, hi) = linear_range([5.0].into_iter(), false, None);
        assert!(lo < 5.0 && hi > 5.0);
        assert_eq!(linear_range(std::iter::empty(), true, None).0, 0.0);
        // A dead-count chart with the fixed bound draws.
        svg(&[series("layer 1", curve(10, |x| x), 0)], false, Some(8.0));
    }

    #[test]
    fn dashed_series_cost_a_bounded_number_of_paths() {
        // A wildly noisy long curve, dashed: dashes are measured along x, not along the path.
        let noisy = curve(20_000, |x| if (x as usize).is_multiple_of(2) { 1.0 } else { 0.0 });
        let out =
            svg(&[Series { label: "noisy".into(), points: noisy, colour: 5, dashed: false }], false, None);
        let paths = paths_in(&out, Theme::LIGHT.series[1]);
        assert!(paths > 10 && paths < 100, "{paths} paths");
        let dashes = dash_along_x(&curve(11, |x| x), 1.0, 1.0);
        assert_eq!(dashes.len(), 5);
        assert_eq!(dashes[0], vec![(0.0, 0.0), (1.0, 1.0)]);
    }

    #[test]
    fn decimate_keeps_extremes_and_ends_and_bounds_the_length() {
        let mut pts = curve(10_000, |x| (x / 50.0).sin());
        pts[4321].1 = 9.0;
        pts[7777].1 = -9.0;
        for max in [4, 5, 101, 200, 1000] {
            let d = decimate(&pts, max);
            assert!(d.len() <= max, "{} > {max}", d.len());
            assert_eq!(d.first(), pts.first());
            assert_eq!(d.last(), pts.last());
            assert!(d.contains(&pts[4321]) && d.contains(&pts[7777]), "spikes survive at {max}");
            assert!(d.windows(2).all(|w| w[0].0 < w[1].0), "order is kept");
        }
        assert!(decimate(&pts, 1000).len() > 900, "the budget is used");
        assert_eq!(decimate(&pts[..50], 100), pts[..50].to_vec());
        assert!(decimate(&pts, 0).is_empty());
        assert_eq!(decimate(&pts, 2), vec![pts[0], pts[9999]]);
    }
}
