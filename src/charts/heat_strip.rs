//! Vanishing gradients at a glance: one row per layer (layer 1 at the top, the output layer
//! last), one column per recorded epoch, coloured by log10 of the layer's gradient norm on a
//! viridis-like map (sequential, colour-blind safe, brightness rising with the norm). Zero or
//! non-finite norms are a neutral grey. A colour bar on the right is labelled in powers of ten.
//!
//! The drawing cost is bounded: columns are merged to at most one per pixel (a merged cell
//! shows the mean of its log norms), colours are quantised to `LEVELS` steps, and runs of equal
//! colour along a row are drawn as one rectangle.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axis::{decade_range, log_label};
use super::theme::Theme;
use super::{Chart, DrawResult};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct HeatStrip {
    pub title: String,
    /// The epoch of each column, ascending.
    pub epochs: Vec<usize>,
    /// `values[layer][epoch index]`: gradient norms. Missing entries are drawn as "no data".
    pub values: Vec<Vec<f64>>,
    /// A label per layer; missing labels read "layer n".
    pub layer_labels: Vec<String>,
    /// A fixed log10 range of the colour scale (e.g. the same for two runs side by side);
    /// `None` takes whole decades around the data.
    pub log_range: Option<(f64, f64)>,
}

/// Colour steps of the map (cells and colour bar alike).
const LEVELS: usize = 64;

/// Control points of matplotlib's viridis at t = 0, 0.1, …, 1.
const VIRIDIS: [(u8, u8, u8); 11] = [
    (68, 1, 84),
    (72, 36, 117),
    (65, 68, 135),
    (53, 95, 141),
    (42, 120, 142),
    (33, 145, 140),
    (34, 168, 132),
    (68, 191, 112),
    (122, 209, 81),
    (189, 223, 38),
    (253, 231, 37),
];

/// The viridis colour map: t = 0 is dark purple, t = 1 bright yellow, and the luminance rises
/// monotonically in between. t is clamped to [0, 1]; NaN maps to 0.
pub fn viridis(t: f64) -> RGBColor {
    let t = if t.is_nan() { 0.0 } else { t.clamp(0.0, 1.0) };
    let pos = t * (VIRIDIS.len() - 1) as f64;
    let i = (pos.floor() as usize).min(VIRIDIS.len() - 2);
    let f = pos - i as f64;
    let (a, b) = (VIRIDIS[i], VIRIDIS[i + 1]);
    let mix = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * f).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// The grey of a zero or non-finite norm.
const NO_DATA: RGBColor = RGBColor(150, 150, 150);

impl Chart for HeatStrip {
    type Layout = ();

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, theme: &Theme) -> DrawResult<(), DB> {
        draw(root, self, theme)
    }
}

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    s: &HeatStrip,
    theme: &Theme,
) -> DrawResult<(), DB> {
    root.fill(&theme.background)?;
    let fs = theme.font_size;
    let font = ("sans-serif", fs).into_font().color(&theme.text);

    let n_layers = s.values.len();
    let n_cols = s.epochs.len();
    let logs: Vec<Vec<Option<f64>>> = s
        .values
        .iter()
        .map(|row| (0..n_cols).map(|j| row.get(j).copied().and_then(log_norm)).collect())
        .collect();
    let (lo, hi) = colour_range(logs.iter().flatten().flatten().copied(), s.log_range);

    let edges = column_edges(&s.epochs);
    let (x_min, x_max) = match (edges.first(), edges.last()) {
        (Some(&a), Some(&b)) if b > a => (a, b),
        (Some(&a), _) => (a - 0.5, a + 0.5),
        _ => (0.0, 1.0),
    };
    let rows = n_layers.max(1) as f64;

    let labels: Vec<String> = (0..n_layers)
        .map(|i| s.layer_labels.get(i).cloned().unwrap_or_else(|| format!("layer {}", i + 1)))
        .collect();
    let longest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0) as u32;
    let label_w = (longest * fs * 3 / 5 + 12).clamp(fs * 2, fs * 12);
    let bar_area = fs * 5 + 34;

    let mut builder = ChartBuilder::on(root);
    builder.margin(6).margin_right(bar_area).x_label_area_size(fs * 2 + 14).y_label_area_size(label_w);
    if !s.title.is_empty() {
        builder.caption(&s.title, font.clone());
    }
    let mut ctx = builder.build_cartesian_2d(x_min..x_max, 0.0..rows)?;
    let x_fmt = |v: &f64| {
        if (v - v.round()).abs() < 1e-9 && *v >= 0.0 {
            format!("{}", v.round() as i64)
        } else {
            String::new()
        }
    };
    ctx.configure_mesh()
        .disable_mesh()
        .axis_style(theme.axis)
        .label_style(font.clone())
        .axis_desc_style(font.clone())
        .x_desc("epoch")
        .x_labels(6)
        .y_labels(0)
        .x_label_formatter(&x_fmt)
        .draw()?;

    // Merge columns to at most one per pixel.
    let plot_px = ctx.plotting_area().dim_in_pixel().0.max(1) as usize;
    let groups = n_cols.min(plot_px);
    let bounds: Vec<usize> = (0..=groups).map(|g| g * n_cols / groups.max(1)).collect();
    let level = |v: Option<f64>| {
        v.map(|l| (((l - lo) / (hi - lo)).clamp(0.0, 1.0) * (LEVELS - 1) as f64).round() as usize)
    };
    let mut cells = Vec::new();
    for (i, row) in logs.iter().enumerate() {
        let (y0, y1) = (rows - i as f64 - 1.0, rows - i as f64);
        let merged: Vec<Option<usize>> = bounds.windows(2).map(|b| level(mean(&row[b[0]..b[1]]))).collect();
        let mut start = 0;
        for g in 1..=merged.len() {
            if g == merged.len() || merged[g] != merged[start] {
                let colour = merged[start].map_or(NO_DATA, level_colour);
                let (x0, x1) = (edges[bounds[start]], edges[bounds[g]]);
                cells.push(Rectangle::new([(x0, y1), (x1, y0)], colour.filled()));
                start = g;
            }
        }
    }
    ctx.draw_series(cells)?;

    // From here on draw in pixels relative to `root`.
    let (base_x, base_y) = root.get_base_pixel();
    let (xs, ys) = ctx.plotting_area().get_pixel_range();
    let (left, right, top, bottom) = (xs.start - base_x, xs.end - base_x, ys.start - base_y, ys.end - base_y);

    // Layer labels, thinned when rows are shorter than the text.
    let row_h = f64::from(bottom - top) / rows;
    let step = ((f64::from(fs) * 1.3 / row_h).ceil() as usize).max(1);
    let label_style = font.pos(Pos::new(HPos::Right, VPos::Center));
    for (i, label) in labels.iter().enumerate() {
        // Every step-th layer and always the last (the output), skipping one that crowds it.
        let last = i + 1 == n_layers;
        if !(last || (i.is_multiple_of(step) && n_layers - 1 - i >= step)) {
            continue;
        }
        let y = top + ((i as f64 + 0.5) * row_h).round() as i32;
        root.draw(&Text::new(label.clone(), (left - 6, y), label_style.clone()))?;
    }

    // The colour bar.
    let (bx0, bx1) = (right + 14, right + 14 + fs.max(10) as i32);
    let bar_h = f64::from(bottom - top);
    let bar: Vec<_> = (0..LEVELS)
        .map(|k| {
            let ya = bottom - ((k as f64) / LEVELS as f64 * bar_h).round() as i32;
            let yb = bottom - ((k + 1) as f64 / LEVELS as f64 * bar_h).round() as i32;
            Rectangle::new([(bx0, yb), (bx1, ya)], level_colour(k).filled())
        })
        .collect();
    for r in bar {
        root.draw(&r)?;
    }
    root.draw(&Rectangle::new([(bx0, top), (bx1, bottom)], theme.axis.stroke_width(1)))?;
    let tick_style =
        ("sans-serif", fs).into_font().color(&theme.text).pos(Pos::new(HPos::Left, VPos::Center));
    let y_of = |l: f64| bottom - ((l - lo) / (hi - lo) * bar_h).round() as i32;
    for l in bar_ticks(lo, hi, (bar_h / (f64::from(fs) * 1.6)).floor() as usize) {
        let y = y_of(l);
        root.draw(&PathElement::new(vec![(bx1, y), (bx1 + 4, y)], theme.axis.stroke_width(1)))?;
        root.draw(&Text::new(log_label(l), (bx1 + 7, y), tick_style.clone()))?;
    }
    // A swatch for the grey, when any cell needs it.
    if logs.iter().flatten().any(Option::is_none) && bottom + 2 * fs as i32 + 4 < root.dim_in_pixel().1 as i32
    {
        let y = bottom + fs as i32 + 4;
        let half = fs as i32 / 2;
        root.draw(&Rectangle::new([(bx0, y - half), (bx1, y + half)], NO_DATA.filled()))?;
        root.draw(&Text::new("0 / NaN".to_string(), (bx1 + 7, y), tick_style.clone()))?;
    }
    root.present()
}

fn level_colour(level: usize) -> RGBColor {
    viridis(level as f64 / (LEVELS - 1) as f64)
}

/// log10 of a positive finite norm.
fn log_norm(v: f64) -> Option<f64> {
    (v.is_finite() && v > 0.0).then(|| v.log10())
}

/// The mean of the present values.
fn mean(values: &[Option<f64>]) -> Option<f64> {
    let (sum, n) = values.iter().flatten().fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

/// The colour scale's log10 range: the fixed range when it is usable, else whole decades
/// around the data (at least one), else 1e-3..1.
fn colour_range(logs: impl Iterator<Item = f64>, fixed: Option<(f64, f64)>) -> (f64, f64) {
    if let Some((lo, hi)) = fixed.filter(|(lo, hi)| lo.is_finite() && hi.is_finite() && lo < hi) {
        return (lo, hi);
    }
    decade_range(logs)
}

/// Cell edges along x: halfway between neighbouring epochs, half a gap beyond the ends (half
/// an epoch for a single column). `epochs.len() + 1` edges, or none.
fn column_edges(epochs: &[usize]) -> Vec<f64> {
    let e: Vec<f64> = epochs.iter().map(|&e| e as f64).collect();
    match e.len() {
        0 => Vec::new(),
        1 => vec![e[0] - 0.5, e[0] + 0.5],
        n => {
            let mut edges = Vec::with_capacity(n + 1);
            edges.push(e[0] - (e[1] - e[0]) / 2.0);
            edges.extend(e.windows(2).map(|w| (w[0] + w[1]) / 2.0));
            edges.push(e[n - 1] + (e[n - 1] - e[n - 2]) / 2.0);
            edges
        }
    }
}

/// The log10 values labelled on the colour bar: the whole decades in [lo, hi], thinned to at
/// most about `max` labels at multiples of 1, 2, 5, 10, 20, … decades; the two ends when no
/// whole decade is inside.
fn bar_ticks(lo: f64, hi: f64, max: usize) -> Vec<f64> {
    let (first, last) = (lo.ceil() as i64, hi.floor() as i64);
    if first > last {
        return vec![lo, hi];
    }
    let count = (last - first + 1) as f64;
    let want = count / max.max(2) as f64;
    let step = [1, 2, 5]
        .iter()
        .flat_map(|&m| (0..6).map(move |p| m * 10i64.pow(p)))
        .filter(|&s| s as f64 >= want)
        .min();
    let step = step.unwrap_or(1_000_000);
    let ticks: Vec<f64> = (first..=last).filter(|k| k % step == 0).map(|k| k as f64).collect();
    if ticks.is_empty() {
        vec![first as f64]
    } else {
        ticks
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svg_sized(s: &HeatStrip, size: (u32, u32)) -> String {
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
            s.draw(&root, &Theme::LIGHT).expect("heat strip draws");
        }
        out
    }

    fn strip(epochs: &[usize], values: &[Vec<f64>], labels: &[String]) -> HeatStrip {
        HeatStrip {
            title: "gradient norm".into(),
            epochs: epochs.to_vec(),
            values: values.to_vec(),
            layer_labels: labels.to_vec(),
            log_range: None,
        }
    }

    fn has_text(svg: &str, s: &str) -> bool {
        svg.contains(&format!("\n{s}\n</text>"))
    }

    fn hex(c: RGBColor) -> String {
        format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
    }

    fn luminance(c: RGBColor) -> f64 {
        0.2126 * f64::from(c.0) + 0.7152 * f64::from(c.1) + 0.0722 * f64::from(c.2)
    }

    #[test]
    fn viridis_runs_dark_to_bright() {
        assert_eq!(viridis(0.0), RGBColor(68, 1, 84));
        assert_eq!(viridis(1.0), RGBColor(253, 231, 37));
        assert_eq!(viridis(-3.0), viridis(0.0));
        assert_eq!(viridis(7.0), viridis(1.0));
        assert_eq!(viridis(f64::NAN), viridis(0.0));
        let lum: Vec<f64> = (0..=100).map(|i| luminance(viridis(f64::from(i) / 100.0))).collect();
        assert!(lum.windows(2).all(|w| w[1] >= w[0]), "{lum:?}");
        assert!(lum[0] < 40.0 && lum[100] > 200.0);
    }

    #[test]
    fn colour_bar_is_labelled_with_the_decades_of_the_data() {
        // Layer 1 falls from 1 to 1e-3; the output layer stays at 1e-6.
        let epochs: Vec<usize> = (0..40).collect();
        let values =
            vec![epochs.iter().map(|&e| 10f64.powf(-3.0 * e as f64 / 39.0)).collect(), vec![1e-6; 40]];
        let labels = vec!["layer 1".to_string(), "output".to_string()];
        let out = svg_sized(&strip(&epochs, &values, &labels), (700, 360));
        for label in ["1e-6", "1e-5", "1e-4", "1e-3", "0.01", "0.1", "1"] {
            assert!(has_text(&out, label), "colour bar label {label}: {out}");
        }
        assert!(!has_text(&out, "1e-7") && !has_text(&out, "1e-8"));
        assert!(has_text(&out, "layer 1") && has_text(&out, "output") && has_text(&out, "epoch"));
        assert!(has_text(&out, "gradient norm"));
        // The brightest and darkest colours are used, and no cell is grey.
        assert!(out.contains(&hex(viridis(1.0))) && out.contains(&hex(viridis(0.0))));
        assert!(!out.contains(&hex(NO_DATA)) && !has_text(&out, "0 / NaN"));
        // Layer 1 (bright, drawn first) is above the output layer (darkest): the first rect
        // of each colour is a cell (the colour bar comes last).
        let rect_y = |colour: &str| -> i32 {
            let at = out.find(&format!("fill=\"{colour}\"")).expect("colour used");
            let start = out[..at].rfind("<rect").unwrap();
            let tag = &out[start..at];
            let y = tag.split("y=\"").nth(1).unwrap();
            y[..y.find('"').unwrap()].parse().unwrap()
        };
        assert!(rect_y(&hex(viridis(1.0))) < rect_y(&hex(viridis(0.0))), "layer 1 on top");
    }

    #[test]
    fn a_fixed_range_sets_the_labels() {
        let epochs = [0, 1, 2];
        let values = vec![vec![1e-2, 1e-2, 1e-2]];
        let mut s = strip(&epochs, &values, &[]);
        s.log_range = Some((-9.0, 3.0));
        let out = svg_sized(&s, (700, 400));
        assert!(has_text(&out, "1e-9") && has_text(&out, "1000"), "{out}");
        assert!(has_text(&out, "layer 1"), "a missing label falls back to the layer number");
        assert_eq!(colour_range([-2.5, -2.2].into_iter(), None), (-3.0, -2.0));
        assert_eq!(colour_range(std::iter::empty(), Some((1.0, 1.0))), (-3.0, 0.0));
        assert_eq!(bar_ticks(-40.0, 0.0, 5), vec![-40.0, -30.0, -20.0, -10.0, 0.0]);
        assert_eq!(bar_ticks(-2.7, -2.2, 5), vec![-2.7, -2.2]);
        assert_eq!(bar_ticks(-6.0, 0.0, 10), vec![-6.0, -5.0, -4.0, -3.0, -2.0, -1.0, 0.0]);
        assert_eq!(bar_ticks(-7.0, 0.0, 3), vec![-5.0, 0.0]);
        assert_eq!(bar_ticks(-7.0, 0.0, 4), vec![-6.0, -4.0, -2.0, 0.0]);
    }

    #[test]
    fn zeros_and_non_finite_norms_are_grey() {
        let epochs = [1, 2, 3, 4];
        let values = vec![vec![0.0, f64::NAN, f64::INFINITY, -1.0], vec![1e-3, 1e-2]];
        let out = svg_sized(&strip(&epochs, &values, &[]), (600, 300));
        assert!(out.contains(&hex(NO_DATA)) && has_text(&out, "0 / NaN"), "{out}");
        // Row 1 is one grey run; row 2 two colours then a grey run for the missing epochs.
        let grey_cells = out.matches(&format!("fill=\"{}\"", hex(NO_DATA))).count();
        assert_eq!(grey_cells, 3, "two runs of grey plus the legend swatch");
    }

    #[test]
    fn empty_and_single_point_data_draw() {
        let out = svg_sized(&strip(&[], &[], &[]), (500, 300));
        assert!(has_text(&out, "epoch") && has_text(&out, "1e-3"), "{out}");
        let rows = vec![vec![], vec![]];
        svg_sized(&strip(&[], &rows, &[]), (500, 300));
        let out = svg_sized(&strip(&[7], &[vec![0.25]], &[]), (500, 300));
        assert!(has_text(&out, "7"), "the lone epoch is on the axis: {out}");
        assert_eq!(column_edges(&[7]), vec![6.5, 7.5]);
        assert_eq!(column_edges(&[0, 10, 20]), vec![-5.0, 5.0, 15.0, 25.0]);
    }

    #[test]
    fn long_runs_are_merged_to_at_most_a_cell_per_pixel() {
        // 20 layers × 5000 epochs of noise: without merging, 100 000 rectangles.
        let epochs: Vec<usize> = (0..5000).collect();
        let values: Vec<Vec<f64>> = (0..20)
            .map(|l| {
                epochs.iter().map(|&e| 10f64.powf(-(((e * 7919 + l * 104_729) % 97) as f64) / 10.0)).collect()
            })
            .collect();
        let out = svg_sized(&strip(&epochs, &values, &[]), (600, 400));
        let rects = out.matches("<rect").count();
        assert!(rects > 20 * 100 && rects <= 20 * 600 + LEVELS + 10, "{rects} rects");
        // A constant strip is one rectangle per row.
        let flat = vec![vec![0.1; 5000]; 20];
        let out = svg_sized(&strip(&epochs, &flat, &[]), (600, 400));
        let rects = out.matches("<rect").count();
        assert!(rects <= 20 + LEVELS + 4, "{rects} rects");
    }
}
