//! Per-layer histograms of the activations at initialisation, as small multiples: one panel
//! per layer in a grid (layer 1 top left, reading order), all on a shared x-range and a shared
//! y-scale (the share of the layer's values in each bin), so layers compare at a glance. A
//! saturating activation (sigmoid, tanh) shows as mass piling up in the end bins.

use plotters::coord::Shift;
use plotters::prelude::*;

use std::rc::Rc;

use super::axis::number_label;
use super::theme::Theme;
use super::{Chart, DrawResult};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Histograms {
    pub title: String,
    /// All activation values of each layer.
    pub layers: Rc<Vec<Vec<f32>>>,
    /// Bins per histogram (clamped to 1..=`MAX_BINS`).
    pub bins: usize,
    /// A fixed x-range (e.g. (-1, 1) for tanh); `None` spans the finite data.
    pub x_range: Option<(f64, f64)>,
    /// An index into `theme.series`.
    pub colour: usize,
}

/// The most bins a panel draws, so a panel costs a bounded number of drawing calls.
pub const MAX_BINS: usize = 200;

/// Count `values` into `bins` equal bins over `range`: values outside the range clamp into the
/// end bins (the upper bound itself belongs to the last bin), non-finite values are ignored.
/// An empty or inverted range puts values ≤ its start in the first bin, the rest in the last.
pub fn bin_counts(values: &[f32], bins: usize, range: (f64, f64)) -> Vec<usize> {
    let mut counts = vec![0; bins];
    if bins == 0 {
        return counts;
    }
    let (lo, hi) = range;
    let width = hi - lo;
    for v in values.iter().map(|&v| f64::from(v)).filter(|v| v.is_finite()) {
        let i = if width > 0.0 && width.is_finite() {
            let t = (v - lo) / width * bins as f64;
            if t <= 0.0 {
                0
            } else {
                (t as usize).min(bins - 1)
            }
        } else if v <= lo {
            0
        } else {
            bins - 1
        };
        counts[i] += 1;
    }
    counts
}

impl Chart for Histograms {
    type Layout = ();

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, theme: &Theme) -> DrawResult<(), DB> {
        draw(root, self, theme)
    }
}

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    h: &Histograms,
    theme: &Theme,
) -> DrawResult<(), DB> {
    root.fill(&theme.background)?;
    let fs = theme.font_size;
    let font = ("sans-serif", fs).into_font().color(&theme.text);
    let small = ("sans-serif", fs.saturating_sub(2).max(8)).into_font().color(&theme.text);
    let area = if h.title.is_empty() { root.clone() } else { root.titled(&h.title, font.clone())? };

    let range = x_range(&h.layers, h.x_range);
    let bins = h.bins.clamp(1, MAX_BINS);
    let shares: Vec<Vec<f64>> = h
        .layers
        .iter()
        .map(|values| {
            let counts = bin_counts(values, bins, range);
            let total = counts.iter().sum::<usize>().max(1) as f64;
            counts.into_iter().map(|c| c as f64 / total).collect()
        })
        .collect();
    let top_share = shares.iter().flatten().copied().fold(0.0, f64::max);
    let y_max = if top_share > 0.0 { (top_share * 1.1).min(1.0) } else { 1.0 };

    let n = h.layers.len();
    let (w, ht) = area.dim_in_pixel();
    let (rows, cols) = grid(n.max(1), w, ht);
    let panels = area.split_evenly((rows, cols));
    let colour = theme.series[h.colour % theme.series.len()];
    let bin_w = (range.1 - range.0) / bins as f64;
    let percent = move |v: &f64| {
        if y_max * 100.0 < 5.0 {
            format!("{:.1}%", v * 100.0)
        } else {
            format!("{:.0}%", v * 100.0)
        }
    };
    let number = |v: &f64| number_label(*v, 2);
    let blank = |_: &f64| String::new();

    for (i, panel) in panels.iter().enumerate().take(n.max(1)) {
        let (row, col) = (i / cols, i % cols);
        // x labels under the panels with none below; the space is kept across the whole row
        // so the panels of a row line up.
        let labelled_x = i + cols >= n;
        let row_has_x = (row * cols..(row + 1) * cols).any(|j| j + cols >= n.max(1));
        let mut builder = ChartBuilder::on(panel);
        builder
            .margin(4)
            .margin_right(10)
            .x_label_area_size(if row_has_x { fs * 2 } else { 0 })
            .y_label_area_size(if col == 0 { fs * 3 + 8 } else { 6 });
        if n > 0 {
            builder.caption(format!("layer {}", i + 1), small.clone());
        }
        let mut ctx = builder.build_cartesian_2d(range.0..range.1, 0.0..y_max)?;
        ctx.configure_mesh()
            .disable_x_mesh()
            .max_light_lines(0)
            .bold_line_style(theme.grid)
            .axis_style(theme.axis)
            .label_style(small.clone())
            .x_labels(5)
            .y_labels(3)
            .x_label_formatter(if labelled_x { &number } else { &blank })
            .y_label_formatter(if col == 0 { &percent } else { &blank })
            .draw()?;
        if let Some(layer) = shares.get(i) {
            let bars = layer.iter().enumerate().filter(|(_, s)| **s > 0.0).map(|(b, s)| {
                let x0 = range.0 + b as f64 * bin_w;
                Rectangle::new([(x0, *s), (x0 + bin_w, 0.0)], colour.filled())
            });
            ctx.draw_series(bars)?;
        }
        if n == 0 {
            let style = font.color(&theme.muted).pos(plotters::style::text_anchor::Pos::new(
                plotters::style::text_anchor::HPos::Center,
                plotters::style::text_anchor::VPos::Center,
            ));
            let centre = ((range.0 + range.1) / 2.0, y_max / 2.0);
            ctx.draw_series(std::iter::once(Text::new("no activations yet".to_string(), centre, style)))?;
        }
    }
    root.present()
}

/// The shared x-range: the fixed one when usable, else the finite data's span (widened when
/// all values are equal), else (-1, 1).
fn x_range(layers: &[Vec<f32>], fixed: Option<(f64, f64)>) -> (f64, f64) {
    if let Some(r) = fixed.filter(|(lo, hi)| lo.is_finite() && hi.is_finite() && lo < hi) {
        return r;
    }
    let (lo, hi) = layers
        .iter()
        .flatten()
        .map(|&v| f64::from(v))
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if lo > hi {
        (-1.0, 1.0)
    } else if lo == hi {
        let pad = lo.abs().max(1.0) * 0.5;
        (lo - pad, hi + pad)
    } else {
        (lo, hi)
    }
}

/// Rows and columns for `n` panels in a `w`×`h` area: panels about 1.6 times as wide as tall.
fn grid(n: usize, w: u32, h: u32) -> (usize, usize) {
    let aspect = f64::from(w.max(1)) / f64::from(h.max(1));
    let cols = ((n as f64 * aspect / 1.6).sqrt().round() as usize).clamp(1, n.max(1));
    (n.div_ceil(cols), cols)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svg(layers: &[Vec<f32>], bins: usize, x_range: Option<(f64, f64)>) -> String {
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, (720, 420)).into_drawing_area();
            let h = Histograms {
                title: "activations at init".into(),
                layers: Rc::new(layers.to_vec()),
                bins,
                x_range,
                colour: 1,
            };
            h.draw(&root, &Theme::LIGHT).expect("histograms draw");
        }
        out
    }

    fn has_text(svg: &str, s: &str) -> bool {
        svg.contains(&format!("\n{s}\n</text>"))
    }

    /// Bars are the rectangles in the series colour.
    fn bars(svg: &str) -> usize {
        let c = Theme::LIGHT.series[1];
        svg.matches(&format!("fill=\"#{:02X}{:02X}{:02X}\"", c.0, c.1, c.2)).count()
    }

    #[test]
    fn bin_counts_clamp_ends_and_skip_non_finite() {
        let values =
            [-5.0, -1.0, -0.99, 0.0, 0.5, 0.999, 1.0, 3.0, f32::NAN, f32::INFINITY, f32::NEG_INFINITY];
        let counts = bin_counts(&values, 4, (-1.0, 1.0));
        let finite = values.iter().filter(|v| v.is_finite()).count();
        assert_eq!(counts.iter().sum::<usize>(), finite);
        assert_eq!(counts, vec![3, 0, 1, 4]);
        assert_eq!(bin_counts(&values, 0, (-1.0, 1.0)), Vec::<usize>::new());
        assert_eq!(bin_counts(&[1.0, 2.0, 3.0], 3, (2.0, 2.0)), vec![2, 0, 1]);
        assert_eq!(bin_counts(&[], 5, (0.0, 1.0)), vec![0; 5]);
    }

    #[test]
    fn one_panel_per_layer_on_a_shared_range() {
        // Saturated tanh-like layers: most mass at ±1.
        let saturated: Vec<f32> = (0..1000).map(|i| if i % 2 == 0 { 0.999 } else { -0.999 }).collect();
        let spread: Vec<f32> = (0..1000).map(|i| (i as f32 / 999.0) * 2.0 - 1.0).collect();
        let layers = vec![spread, saturated.clone(), saturated];
        let out = svg(&layers, 20, Some((-1.0, 1.0)));
        for l in ["layer 1", "layer 2", "layer 3", "activations at init"] {
            assert!(has_text(&out, l), "{l}: {out}");
        }
        assert!(!has_text(&out, "layer 4"));
        // Layer 1: every bin; layers 2 and 3: the two end bins.
        assert_eq!(bars(&out), 20 + 2 + 2, "{out}");
        assert!(has_text(&out, "-1") && has_text(&out, "1"));
        assert!(has_text(&out, "0%"), "share labels: {out}");
    }

    #[test]
    fn empty_single_and_nan_layers_draw() {
        let out = svg(&[], 10, None);
        assert!(has_text(&out, "no activations yet") && bars(&out) == 0, "{out}");
        let out = svg(&[vec![0.25]], 10, None);
        assert_eq!(bars(&out), 1);
        let out = svg(&[vec![f32::NAN, 0.0, 0.0], vec![], vec![f32::NAN]], 0, None);
        assert_eq!(bars(&out), 1, "only the zeros, in a single bin");
        assert!(has_text(&out, "layer 3"));
        assert_eq!(x_range(&[vec![f32::NAN]], None), (-1.0, 1.0));
        assert_eq!(x_range(&[vec![2.0, 2.0]], None), (1.0, 3.0));
        assert_eq!(x_range(&[vec![0.0, 4.0]], Some((1.0, 1.0))), (0.0, 4.0));
    }

    #[test]
    fn many_layers_fit_a_grid_and_bins_are_capped() {
        assert_eq!(grid(1, 720, 420), (1, 1));
        let (rows, cols) = grid(20, 720, 420);
        assert!(rows * cols >= 20 && rows * cols < 20 + cols && cols >= 4, "{rows}×{cols}");
        let layers: Vec<Vec<f32>> =
            (0..20).map(|l| (0..500).map(|i| (i * (l + 1)) as f32).collect()).collect();
        let out = svg(&layers, 10_000, None);
        assert!(bars(&out) <= 20 * MAX_BINS, "{}", bars(&out));
        assert!(has_text(&out, "layer 20"));
    }
}
