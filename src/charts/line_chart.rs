//! One chart of several series over epochs: the loss curves, dead neurons per layer, gradient
//! norm per layer (on a log axis), sparsity per layer, and the Experiments' overlays.
//!
//! Long series are decimated to about two points per pixel column (each bucket keeps its
//! minimum and maximum, so spikes survive), and dashed series are dashed along x, so a curve
//! costs a bounded number of drawing calls however long or noisy it is.
//!
//! The legend stands beside the plot (`charts::legend`), never over the data. On a log axis
//! exact zeros can sit on a floor band below the lowest decade (`zero_floor`), so a gradient
//! that dies keeps its line over the whole epoch range. Markers are labelled vertical rules
//! (e.g. where the learning rate changed), their labels in rows above the plot.

use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axis::{log_label, log_range, number_label};
use super::legend::{self, LegendEntry};
use super::theme::{dash, Theme};
use super::{Chart, DrawResult};
use std::rc::Rc;

/// One curve: `(epoch, value)` points in drawing order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Series {
    pub label: String,
    pub points: Vec<(f64, f64)>,
    /// An index into the palette: 0..9 are `theme.series`, each its own colour, drawn solid;
    /// from 9 the colours repeat dotted (then long-dashed).
    pub colour: usize,
    /// Dash the curve (a second meaning, e.g. test vs train loss, in the same colour).
    pub dashed: bool,
}

/// A labelled vertical rule at epoch `x` (e.g. "lr 0.03 → 3" where the learning rate changed).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Marker {
    pub x: f64,
    pub label: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct LineChart {
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    pub series: Rc<Vec<Series>>,
    /// A log10 y-axis: the range covers whole decades of the positive values; values ≤ 0 are
    /// gaps (but see `zero_floor`).
    pub log_y: bool,
    /// Include 0 in the (linear) y-range.
    pub y_from_zero: bool,
    /// A fixed upper bound of the y-range (e.g. the dead count of a layer = its width).
    pub y_max: Option<f64>,
    /// On a log axis, draw exact zeros on a band below the lowest decade, labelled with this
    /// (e.g. "0 (no gradient)"), so a series that drops to 0 keeps its line. The band appears
    /// when some value is 0. Non-finite values are always gaps.
    pub zero_floor: Option<String>,
    /// Labelled vertical rules; those outside the epoch range are not drawn.
    pub markers: Rc<Vec<Marker>>,
}

/// Points per pixel column kept by the decimation.
const POINTS_PER_PIXEL: usize = 2;
/// The chart's margins (px): all round, and on the right.
const MARGIN: u32 = 6;
const MARGIN_RIGHT: u32 = 14;
/// Marker labels stack in at most this many rows; a label with no room left is not drawn
/// (its rule is).
const MARKER_ROWS: usize = 3;

impl Chart for LineChart {
    type Layout = ();

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, theme: &Theme) -> DrawResult<(), DB> {
        draw(root, self, theme)
    }
}

/// The colour and dash pattern of a series.
fn look(s: &Series, theme: &Theme) -> (RGBColor, Option<(u32, u32)>) {
    let palette = theme.series.len();
    (theme.series[s.colour % palette], dash(2 * (s.colour / palette) + usize::from(s.dashed)))
}

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &LineChart,
    theme: &Theme,
) -> DrawResult<(), DB> {
    root.fill(&theme.background)?;
    let fs = theme.font_size;
    let font = ("sans-serif", fs).into_font().color(&theme.text);
    let floor_on = chart.log_y && chart.zero_floor.is_some();

    // Runs of drawable points (a non-finite value, or on a log axis a value ≤ 0 without the
    // floor, ends a run); on a log axis y is log10(y), and 0 is −∞ until the floor is known.
    let mut runs: Vec<Vec<Vec<(f64, f64)>>> =
        chart.series.iter().map(|s| clean_runs(&s.points, chart.log_y, floor_on)).collect();
    // The epoch range covers every finite epoch, drawable or not, as the other charts do.
    let xs = || chart.series.iter().flat_map(|s| &s.points).map(|p| p.0).filter(|x| x.is_finite());
    let x_min = xs().fold(0.0, f64::min);
    let x_max = xs().fold(1.0, f64::max);
    let ys = runs.iter().flatten().flatten().map(|p| p.1).filter(|y| y.is_finite());
    let (y_lo, y_hi) = if chart.log_y {
        log_range(ys, chart.y_max)
    } else {
        linear_range(ys, chart.y_from_zero, chart.y_max)
    };
    let has_zero = runs.iter().flatten().flatten().any(|p| p.1 == f64::NEG_INFINITY);

    let area = if chart.title.is_empty() { root.clone() } else { root.titled(&chart.title, font.clone())? };
    let x_label_h = fs * 2 + 14;
    let y_label_w = fs * 4 + 12;
    let entries: Vec<LegendEntry> = if chart.series.len() > 1 {
        chart
            .series
            .iter()
            .filter(|s| !s.label.is_empty())
            .map(|s| {
                let (colour, pattern) = look(s, theme);
                LegendEntry { label: s.label.clone(), colour, pattern }
            })
            .collect()
    } else {
        Vec::new()
    };
    let reserved = (MARGIN + MARGIN_RIGHT + y_label_w, 2 * MARGIN + x_label_h);
    let area = legend::beside(&area, &entries, reserved, theme)?;

    // Marker labels: rows above the plot, laid out on the plot's pixel columns.
    let (w, h) = area.dim_in_pixel();
    let plot_left = f64::from(MARGIN + y_label_w);
    let plot_w = f64::from(w.saturating_sub(MARGIN + MARGIN_RIGHT + y_label_w).max(1));
    let to_px = |x: f64| plot_left + (x - x_min) / (x_max - x_min) * plot_w;
    let label_font = ("sans-serif", fs).into_font().color(&theme.muted);
    let markers: Vec<&Marker> =
        chart.markers.iter().filter(|m| m.x.is_finite() && (x_min..=x_max).contains(&m.x)).collect();
    let spans = markers
        .iter()
        .map(|m| {
            let (tw, _) = area.estimate_text_size(&m.label, &label_font)?;
            Ok((to_px(m.x), f64::from(tw)))
        })
        .collect::<DrawResult<Vec<(f64, f64)>, DB>>()?;
    let placed = marker_rows(&spans, (0.0, f64::from(w)), 8.0);
    let rows = placed.iter().flatten().map(|p| p.0 + 1).max().unwrap_or(0);
    let row_h = legend::line_height(fs);
    let strip = rows as u32 * row_h;

    // The floor band: the label, then a lane per series with zeros (so dead series stay
    // visible side by side rather than on top of each other), whatever the range.
    let zero_series: Vec<bool> =
        runs.iter().map(|r| r.iter().flatten().any(|p| p.1 == f64::NEG_INFINITY)).collect();
    let lanes = zero_series.iter().filter(|z| **z).count().max(1);
    let lane_px = f64::from(theme.line_width + 1);
    let first_lane_px = f64::from(fs + 8);
    let band_px = first_lane_px + (lanes - 1) as f64 * lane_px + 5.0;
    let plot_h = f64::from(h.saturating_sub(2 * MARGIN + strip + x_label_h).max(1));
    let (y_axis_lo, per_px) = if floor_on && has_zero && plot_h > 2.0 * band_px {
        let per_px = (y_hi - y_lo) / (plot_h - band_px);
        (y_lo - band_px * per_px, per_px)
    } else {
        (y_lo, 0.0)
    };
    let y_first_lane = y_lo - first_lane_px * per_px;
    let mut lane = 0;
    for (series_runs, has) in runs.iter_mut().zip(&zero_series) {
        let y = y_first_lane - lane as f64 * lane_px * per_px;
        lane += usize::from(*has);
        for p in series_runs.iter_mut().flatten().filter(|p| p.1 == f64::NEG_INFINITY) {
            p.1 = y;
        }
    }

    let mut builder = ChartBuilder::on(&area);
    builder
        .margin(MARGIN)
        .margin_top(MARGIN + strip)
        .margin_right(MARGIN_RIGHT)
        .x_label_area_size(x_label_h)
        .y_label_area_size(y_label_w);
    let mut ctx = builder.build_cartesian_2d(x_min..x_max, y_axis_lo..y_hi)?;

    let log_y = chart.log_y;
    // No tick labels inside the floor band.
    let y_fmt = move |v: &f64| match (log_y, *v < y_lo - 1e-9) {
        (_, true) => String::new(),
        (true, false) => log_label(*v),
        (false, false) => number_label(*v, 3),
    };
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

    if y_axis_lo < y_lo {
        if let Some(label) = &chart.zero_floor {
            draw_floor(ctx.plotting_area(), label, (x_min, x_max), (y_axis_lo, y_lo, y_first_lane), theme)?;
        }
    }
    for m in &markers {
        let rule = ShapeStyle { color: theme.muted.mix(0.7), filled: false, stroke_width: 1 };
        ctx.draw_series(std::iter::once(PathElement::new(vec![(m.x, y_axis_lo), (m.x, y_hi)], rule)))?;
    }
    let label_pos = label_font.pos(Pos::new(HPos::Left, VPos::Center));
    for (m, p) in markers.iter().zip(&placed) {
        if let Some((row, left)) = p {
            let y = (MARGIN + strip) as i32 - (*row as u32 * row_h + row_h / 2) as i32;
            area.draw(&Text::new(m.label.clone(), (*left as i32, y), label_pos.clone()))?;
        }
    }

    let plot_px = ctx.plotting_area().dim_in_pixel().0.max(1) as usize;
    let px_per_x = plot_px as f64 / (x_max - x_min);
    for (s, series_runs) in chart.series.iter().zip(&runs) {
        let (colour, pattern) = look(s, theme);
        let style = colour.stroke_width(theme.line_width);
        let total: usize = series_runs.iter().map(Vec::len).sum();
        for run in series_runs {
            let budget = (POINTS_PER_PIXEL * plot_px * run.len()).div_ceil(total.max(1)).max(2);
            let pts: Vec<(f64, f64)> =
                decimate(run, budget).into_iter().map(|(x, y)| (x, y.clamp(y_axis_lo, y_hi))).collect();
            let paths = match (pts.len(), pattern) {
                (0 | 1, _) => Vec::new(),
                (_, None) => vec![pts.clone()],
                (_, Some((d, g))) => dash_along_x(&pts, f64::from(d) / px_per_x, f64::from(g) / px_per_x),
            };
            ctx.draw_series(paths.into_iter().map(|p| PathElement::new(p, style)))?;
            // A lone point has no line to show it: mark it.
            if let [p] = pts.as_slice() {
                ctx.draw_series(std::iter::once(Circle::new(*p, theme.line_width + 2, colour.filled())))?;
            }
        }
    }
    root.present()
}

/// The floor band under a log axis: tinted from the bottom of the plot up to the lowest
/// decade, its label just above the first lane of zeros at the right (where a line that
/// dropped to zero long ago does not cross it).
fn draw_floor<DB: DrawingBackend>(
    plot: &DrawingArea<DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    label: &str,
    (x_min, x_max): (f64, f64),
    (bottom, top, first_lane): (f64, f64, f64),
    theme: &Theme,
) -> DrawResult<(), DB> {
    plot.draw(&Rectangle::new([(x_min, bottom), (x_max, top)], theme.grid.mix(0.45).filled()))?;
    let (right, y) = plot.map_coordinate(&(x_max, first_lane));
    let base = plot.get_base_pixel();
    let font = ("sans-serif", theme.font_size)
        .into_font()
        .color(&theme.muted)
        .pos(Pos::new(HPos::Right, VPos::Bottom));
    plot.strip_coord_spec().draw(&Text::new(label.to_string(), (right - base.0 - 4, y - base.1 - 3), font))
}

/// Rows for marker labels: each `(centre px, width px)` gets `(row, left px)`, centred on its
/// rule but kept inside `bounds`, in the lowest row where it stays `gap` px clear of the
/// labels already there; `None` when no row has room.
pub fn marker_rows(spans: &[(f64, f64)], bounds: (f64, f64), gap: f64) -> Vec<Option<(usize, f64)>> {
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by(|&a, &b| spans[a].0.total_cmp(&spans[b].0));
    let mut ends = [f64::NEG_INFINITY; MARKER_ROWS];
    let mut out = vec![None; spans.len()];
    for i in order {
        let (centre, width) = spans[i];
        let left = (centre - width / 2.0).min(bounds.1 - width).max(bounds.0);
        if let Some(row) = ends.iter().position(|&end| end + gap <= left) {
            ends[row] = left + width;
            out[i] = Some((row, left));
        }
    }
    out
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

/// The drawable runs of a series: finite points, y as log10(y) on a log axis, where 0 is −∞
/// when `zero_floor` (to be placed on the floor) and otherwise, like anything non-finite or
/// negative there, ends the run.
fn clean_runs(points: &[(f64, f64)], log_y: bool, zero_floor: bool) -> Vec<Vec<(f64, f64)>> {
    let mut runs = Vec::new();
    let mut run = Vec::new();
    for &(x, y) in points {
        let y = match (log_y, y) {
            _ if !x.is_finite() || !y.is_finite() => None,
            (false, y) => Some(y),
            (true, y) if y > 0.0 => Some(y.log10()),
            (true, y) if y == 0.0 && zero_floor => Some(f64::NEG_INFINITY),
            (true, _) => None,
        };
        match y {
            Some(y) => run.push((x, y)),
            None if !run.is_empty() => runs.push(std::mem::take(&mut run)),
            None => {}
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
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
    use crate::charts::svg_probe::{plot_rect, polylines, text_at, texts};

    fn series(label: &str, points: Vec<(f64, f64)>, colour: usize) -> Series {
        Series { label: label.to_string(), points, colour, dashed: false }
    }

    fn chart(series: &[Series], log_y: bool, y_max: Option<f64>) -> LineChart {
        LineChart {
            title: "loss".into(),
            x_label: "epoch".into(),
            y_label: "value".into(),
            series: Rc::new(series.to_vec()),
            log_y,
            y_from_zero: true,
            y_max,
            ..LineChart::default()
        }
    }

    fn draw_svg(chart: &LineChart, size: (u32, u32), theme: &Theme) -> String {
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
            chart.draw(&root, theme).expect("chart draws");
        }
        out
    }

    fn svg(series: &[Series], log_y: bool, y_max: Option<f64>) -> String {
        draw_svg(&chart(series, log_y, y_max), (600, 300), &Theme::LIGHT)
    }

    /// The nine series of an 8-layer network's chart: "layer 1" … "layer 8", "output".
    fn nine_layers(f: impl Fn(usize, f64) -> f64) -> Vec<Series> {
        (0..9)
            .map(|i| {
                let label = if i < 8 { format!("layer {}", i + 1) } else { "output".to_string() };
                series(&label, curve(60, |x| f(i, x)), i)
            })
            .collect()
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
            svg(&[Series { label: "noisy".into(), points: noisy, colour: 10, dashed: false }], false, None);
        let paths = paths_in(&out, Theme::LIGHT.series[1]);
        assert!(paths > 10 && paths < 100, "{paths} paths");
        let dashes = dash_along_x(&curve(11, |x| x), 1.0, 1.0);
        assert_eq!(dashes.len(), 5);
        assert_eq!(dashes[0], vec![(0.0, 0.0), (1.0, 1.0)]);
    }

    #[test]
    fn nine_series_get_nine_distinct_solid_colours() {
        for theme in [Theme::LIGHT, Theme::DARK] {
            let nine = nine_layers(|i, x| (i as f64 + 1.0) * (1.0 + x));
            let out = draw_svg(&chart(&nine, false, None), (800, 300), &theme);
            let mut seen = Vec::new();
            for (i, c) in theme.series.iter().enumerate() {
                // One unbroken curve and one legend mark each: told apart by colour, not dashes.
                assert_eq!(polylines(&out, *c).len(), 2, "series {i} in {c:?}");
                assert!(!seen.contains(c), "series {i} repeats a colour");
                seen.push(*c);
            }
        }
    }

    #[test]
    fn legends_stand_beside_the_plot_never_over_it() {
        let nine = nine_layers(|i, x| 10f64.powf(-(i as f64) * x / 30.0));
        let two = [
            series("train", curve(50, |x| 1.0 / (1.0 + x)), 0),
            Series { dashed: true, ..series("test", curve(50, |x| 1.2 / (1.0 + x)), 0) },
        ];
        // A desktop chart, a presentation one, a phone one (2 and 9 entries).
        let cases: [(&[Series], (u32, u32), Theme); 4] = [
            (&nine, (600, 300), Theme::LIGHT),
            (&nine, (900, 300), Theme::DARK.presentation()),
            (&nine, (330, 205), Theme::LIGHT),
            (&two, (330, 205), Theme::LIGHT),
        ];
        for (series, size, theme) in cases {
            let out = draw_svg(&chart(series, true, None), size, &theme);
            let (left, top, right, bottom) = plot_rect(&out, theme.axis);
            assert!(right - left > size.0 as f64 * 0.4, "the plot keeps most of the width: {left}..{right}");
            for s in series {
                let (x, y) = text_at(&out, &s.label).unwrap_or_else(|| panic!("legend {}: {out}", s.label));
                let inside = x > left && x < right && y > top && y < bottom;
                assert!(!inside, "{} at ({x}, {y}) inside the plot {left},{top}..{right},{bottom}", s.label);
            }
        }
        // On the phone two entries make a row above the plot, nine a column to its right.
        let phone = |s: &[Series]| draw_svg(&chart(s, true, None), (330, 205), &Theme::LIGHT);
        let out = phone(&two);
        let (_, top, _, _) = plot_rect(&out, Theme::LIGHT.axis);
        assert!(text_at(&out, "train").is_some_and(|(_, y)| y < top));
        let out = phone(&nine);
        let (_, _, right, _) = plot_rect(&out, Theme::LIGHT.axis);
        assert!(text_at(&out, "output").is_some_and(|(x, _)| x > right));
    }

    /// A gradient that dies after epoch 3 (exact zeros to epoch 400) beside a live one.
    fn dying() -> Vec<Series> {
        let dead = (0..=400).map(|e| (e as f64, if e <= 3 { 0.1 / (1.0 + e as f64) } else { 0.0 })).collect();
        vec![series("layer 1", dead, 0), series("layer 2", curve(401, |x| 1e-3 * (1.0 + x / 400.0)), 1)]
    }

    #[test]
    fn zero_gradients_stay_on_a_floor_over_the_whole_epoch_range() {
        let floor = LineChart { zero_floor: Some("0 (no gradient)".into()), ..chart(&dying(), true, None) };
        let out = draw_svg(&floor, (600, 300), &Theme::LIGHT);
        let (_, top, right, bottom) = plot_rect(&out, Theme::LIGHT.axis);
        let label = text_at(&out, "0 (no gradient)").expect("the floor is labelled");
        let curve: Vec<(f64, f64)> = polylines(&out, Theme::LIGHT.series[0]).into_iter().flatten().collect();
        let last = curve.iter().copied().fold((0.0, 0.0), |a, p| if p.0 > a.0 { p } else { a });
        assert!(
            (last.0 - right).abs() < 2.0,
            "the dead layer runs to epoch 400: {last:?}, plot ends {right}"
        );
        // On the floor: below every decade tick (the lowest is 1e-3), just under the label.
        let lowest_tick = texts(&out).iter().filter(|t| t.0 == "1e-3").map(|t| t.2).fold(0.0, f64::max);
        assert!(last.1 > lowest_tick && last.1 < bottom && last.1 > top, "floor at {}", last.1);
        assert!(label.1 < last.1 && label.1 > lowest_tick, "label {label:?} above the floor line");
        assert!(text_at(&out, "layer 1").is_some(), "the legend still names the dead layer");
        // Two dead layers lie in lanes of their own, both below the label.
        let mut two = dying();
        two[1].points = two[0].points.clone();
        let out = draw_svg(&LineChart { series: Rc::new(two), ..floor.clone() }, (600, 300), &Theme::LIGHT);
        let end_y = |c: RGBColor| {
            polylines(&out, c).into_iter().flatten().max_by(|a, b| a.0.total_cmp(&b.0)).map(|p| p.1)
        };
        let (a, b) =
            (end_y(Theme::LIGHT.series[0]).unwrap_or(0.0), end_y(Theme::LIGHT.series[1]).unwrap_or(0.0));
        assert!((a - b).abs() >= 2.0 && (a - b).abs() < 6.0, "lanes at {a} and {b}");

        // Without the floor, the dead layer's line stops at epoch 3 and nothing is labelled.
        let out = svg(&dying(), true, None);
        let (left, _, right, _) = plot_rect(&out, Theme::LIGHT.axis);
        let xs: Vec<f64> =
            polylines(&out, Theme::LIGHT.series[0]).into_iter().flatten().map(|p| p.0).collect();
        let reach = xs.iter().copied().filter(|&x| x > left + 30.0).count();
        assert!(reach == 0, "{reach} points beyond epoch 3 ({left}..{right})");
        assert!(text_at(&out, "0 (no gradient)").is_none());
    }

    #[test]
    fn non_finite_values_break_the_line() {
        let mut pts = curve(100, |x| 0.5 + x / 200.0);
        pts[50].1 = f64::NAN;
        let floor =
            LineChart { zero_floor: Some("floor".into()), ..chart(&[series("loss", pts, 2)], true, None) };
        let out = draw_svg(&floor, (600, 300), &Theme::LIGHT);
        assert_eq!(polylines(&out, Theme::LIGHT.series[2]).len(), 2, "two runs around the NaN");
        assert!(text_at(&out, "floor").is_none(), "no floor band without zeros");
        assert_eq!(clean_runs(&[(0.0, 1.0), (1.0, -1.0), (2.0, 0.0), (3.0, 10.0)], true, true).len(), 2);
        assert_eq!(clean_runs(&[(0.0, 1.0), (1.0, 0.0), (2.0, 10.0)], true, false).len(), 2);
        assert_eq!(
            clean_runs(&[(0.0, 1.0), (1.0, 0.0), (2.0, 10.0)], true, true)[0][1],
            (1.0, f64::NEG_INFINITY)
        );
    }

    #[test]
    fn markers_draw_a_rule_and_a_label_each_without_collisions() {
        let markers = vec![
            Marker { x: 100.0, label: "lr 0.03 → 3".into() },
            Marker { x: 104.0, label: "lr 3 → 0.3".into() },
            Marker { x: 300.0, label: "lr 0.3 → 0.1".into() },
            Marker { x: 900.0, label: "beyond the data".into() },
        ];
        let c = LineChart { markers: Rc::new(markers), ..chart(&dying(), false, None) };
        let out = draw_svg(&c, (600, 300), &Theme::LIGHT);
        let (left, top, right, bottom) = plot_rect(&out, Theme::LIGHT.axis);
        let rules: Vec<_> = polylines(&out, Theme::LIGHT.muted)
            .into_iter()
            .filter(|l| {
                l.len() == 2 && (l[0].0 - l[1].0).abs() < 0.5 && (l[0].1 - l[1].1).abs() > bottom - top - 2.0
            })
            .collect();
        assert_eq!(rules.len(), 3, "a full-height rule per marker in range");
        let at = |s: &str| text_at(&out, s).unwrap_or_else(|| panic!("label {s}: {out}"));
        let (a, b, far) = (at("lr 0.03 → 3"), at("lr 3 → 0.3"), at("lr 0.3 → 0.1"));
        assert!(text_at(&out, "beyond the data").is_none());
        for (x, y) in [a, b, far] {
            assert!(y < top && x >= 0.0 && x < right + 14.0, "labels above the plot: ({x}, {y}), top {top}");
        }
        assert!((a.1 - b.1).abs() > 10.0, "close markers take different rows: {a:?} {b:?}");
        assert_eq!(a.1, far.1, "a marker far away shares the first row");
        let rule_x = rules.iter().map(|r| r[0].0).fold(f64::INFINITY, f64::min);
        assert!(
            (rule_x - left) > 100.0 && a.0 < rule_x && rule_x - a.0 < 60.0,
            "label {a:?} over its rule {rule_x}"
        );

        // The layout: rows fill from the bottom, labels stay inside the bounds.
        let rows = marker_rows(
            &[(10.0, 40.0), (20.0, 40.0), (25.0, 40.0), (30.0, 40.0), (200.0, 40.0)],
            (0.0, 220.0),
            8.0,
        );
        assert_eq!(rows[0], Some((0, 0.0)), "kept inside the left bound");
        assert_eq!(rows[1].map(|r| r.0), Some(1));
        assert_eq!(rows[2].map(|r| r.0), Some(2));
        assert_eq!(rows[3], None, "no fourth row");
        assert_eq!(rows[4], Some((0, 180.0)), "kept inside the right bound");
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
