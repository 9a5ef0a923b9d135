//! What each activation costs, as grouped horizontal bars: one group per measured activation
//! (top to bottom in the table's order), one bar per item ([`CostKind`]: f and f′ in a loop, f
//! and f′ as tensor ops, a training epoch), its length the median time as a multiple of ReLU's
//! for the same item, a whisker from the smallest to the largest sample, and a dashed line at
//! 1× (ReLU). The x-axis is linear from 0, so "twice as dear" looks twice as long. The items'
//! colours are the theme's first five series colours, named in a legend above the bars.

use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axis::number_label;
use super::theme::Theme;
use super::{Chart, DrawResult};
use crate::domain::cost::stats::ratio_text;
use crate::domain::cost::{CostKind, CostReport};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct CostChart {
    pub report: CostReport,
}

/// Bar thickness and the gap between groups, in multiples of the font size (so presentation
/// mode's larger type keeps them readable).
const BAR: f64 = 0.85;
const GROUP_GAP: f64 = 0.9;

impl CostChart {
    /// The CSS height that fits every group at `font_size` px type.
    pub fn height(&self, font_size: f64) -> f64 {
        let groups = self.report.rows.len().max(1) as f64;
        let group = CostKind::ALL.len() as f64 * BAR + GROUP_GAP;
        (groups * group + 6.5) * font_size + 24.0
    }
}

impl Chart for CostChart {
    type Layout = ();

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, theme: &Theme) -> DrawResult<(), DB> {
        root.fill(&theme.background)?;
        if !self.report.has_ratios() {
            return empty(root, theme, &self.report);
        }
        draw(root, &self.report, theme)?;
        root.present()
    }
}

/// Before a run (or with a timer that never moved): a sentence where the bars will be.
fn empty<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    theme: &Theme,
    r: &CostReport,
) -> DrawResult<(), DB> {
    let (w, h) = root.dim_in_pixel();
    let text = if r.rows.is_empty() {
        "Press “Measure cost” to time each activation."
    } else {
        "The timer gave no reading."
    };
    let style = ("sans-serif", theme.font_size)
        .into_font()
        .color(&theme.muted)
        .pos(Pos::new(HPos::Center, VPos::Center));
    root.draw(&Text::new(text, (w as i32 / 2, h as i32 / 2), style))?;
    root.present()
}

/// Pixel geometry of the plot.
struct Frame {
    left: i32,
    right: i32,
    top: i32,
    bottom: i32,
    x_max: f64,
}

impl Frame {
    fn x(&self, ratio: f64) -> i32 {
        let t = (ratio / self.x_max).clamp(0.0, 1.0);
        self.left + (t * f64::from(self.right - self.left)).round() as i32
    }
}

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    r: &CostReport,
    theme: &Theme,
) -> DrawResult<(), DB> {
    let fs = theme.font_size;
    let f = f64::from(fs);
    let (w, h) = root.dim_in_pixel();
    let labels: Vec<String> = r.rows.iter().map(|row| row.label()).collect();
    let longest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(4) as f64;
    let label_w = (longest * f * 0.58 + 10.0).min(f64::from(w) * 0.4) as i32;
    let legend_h = legend(root, theme, w)?;
    let frame = Frame {
        left: label_w,
        right: w as i32 - (f * 3.4) as i32,
        top: legend_h + (f * 1.3) as i32,
        bottom: h as i32 - (f * 3.3) as i32,
        // From the medians: one disturbed sample (a busy machine) must not squash every bar;
        // a longer whisker runs to the axis end.
        x_max: nice_max(r.max_median_ratio().max(1.0) * 1.3),
    };
    axis(root, theme, &frame)?;
    let group_h = f64::from(frame.bottom - frame.top) / r.rows.len().max(1) as f64;
    let bar = (group_h / (CostKind::ALL.len() as f64 + GROUP_GAP / BAR)).max(2.0);
    let muted = ("sans-serif", fs).into_font().color(&theme.text).pos(Pos::new(HPos::Right, VPos::Center));
    let value_style = ("sans-serif", fs.saturating_sub(2).max(8))
        .into_font()
        .color(&theme.text)
        .pos(Pos::new(HPos::Left, VPos::Center));
    for (g, (row, label)) in r.rows.iter().zip(&labels).enumerate() {
        let g_top = f64::from(frame.top) + g as f64 * group_h + bar * GROUP_GAP / BAR / 2.0;
        let centre = (g_top + bar * CostKind::ALL.len() as f64 / 2.0) as i32;
        root.draw(&Text::new(label.clone(), (frame.left - 8, centre), muted.clone()))?;
        for kind in CostKind::ALL {
            let Some(ratio) = row.cell(kind).and_then(|c| c.ratio) else { continue };
            let y0 = (g_top + kind.index() as f64 * bar) as i32;
            let y1 = ((g_top + (kind.index() + 1) as f64 * bar) as i32 - 1).max(y0 + 1);
            let colour = theme.series[kind.index()];
            root.draw(&Rectangle::new([(frame.left, y0), (frame.x(ratio.median), y1)], colour.filled()))?;
            let y = (y0 + y1) / 2;
            let (lo, hi) = (frame.x(ratio.min), frame.x(ratio.max));
            let whisker = theme.text.stroke_width(1);
            root.draw(&PathElement::new(vec![(lo, y), (hi, y)], whisker))?;
            let cap = ((y1 - y0) / 3).max(1);
            for x in [lo, hi] {
                root.draw(&PathElement::new(vec![(x, y - cap), (x, y + cap)], whisker))?;
            }
            root.draw(&Text::new(
                ratio_text(ratio.median),
                (hi.max(frame.x(ratio.median)) + 4, y),
                value_style.clone(),
            ))?;
        }
    }
    // ReLU's 1×, over the bars.
    let one = frame.x(1.0);
    root.draw(&DashedPathElement::new(
        vec![(one, frame.top), (one, frame.bottom)],
        5,
        4,
        theme.muted.stroke_width(2),
    ))?;
    let style = ("sans-serif", fs).into_font().color(&theme.muted).pos(Pos::new(HPos::Center, VPos::Bottom));
    root.draw(&Text::new("1× = ReLU", (one.max(frame.left + (f * 2.5) as i32), frame.top - 2), style))?;
    Ok(())
}

/// The item legend: one row of swatches and names (wrapping) at the top; returns its height.
fn legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    theme: &Theme,
    width: u32,
) -> DrawResult<i32, DB> {
    let fs = theme.font_size as i32;
    let style = ("sans-serif", theme.font_size)
        .into_font()
        .color(&theme.text)
        .pos(Pos::new(HPos::Left, VPos::Center));
    let line = fs + fs / 2;
    let (mut x, mut y) = (6, fs / 2 + 4);
    for kind in CostKind::ALL {
        let entry = fs + 8 + (kind.label().chars().count() as f64 * f64::from(fs) * 0.58) as i32 + 14;
        if x + entry > width as i32 && x > 6 {
            x = 6;
            y += line;
        }
        let half = fs / 2;
        root.draw(&Rectangle::new([(x, y - half), (x + fs, y + half)], theme.series[kind.index()].filled()))?;
        root.draw(&Text::new(kind.label(), (x + fs + 6, y), style.clone()))?;
        x += entry;
    }
    Ok(y + line / 2 + 2)
}

/// The x-axis: its line, ticks at "nice" multiples, each labelled `n×`, and its name.
fn axis<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    theme: &Theme,
    frame: &Frame,
) -> DrawResult<(), DB> {
    let fs = theme.font_size;
    let axis_style = theme.axis.stroke_width(1);
    root.draw(&PathElement::new(vec![(frame.left, frame.bottom), (frame.right, frame.bottom)], axis_style))?;
    root.draw(&PathElement::new(vec![(frame.left, frame.top), (frame.left, frame.bottom)], axis_style))?;
    let tick_style = ("sans-serif", fs).into_font().color(&theme.text).pos(Pos::new(HPos::Center, VPos::Top));
    let step = tick_step(frame.x_max, f64::from(frame.right - frame.left) / (f64::from(fs) * 4.0));
    let mut v = 0.0;
    while v <= frame.x_max + 1e-9 {
        let x = frame.x(v);
        root.draw(&PathElement::new(vec![(x, frame.top), (x, frame.bottom)], theme.grid.stroke_width(1)))?;
        root.draw(&PathElement::new(vec![(x, frame.bottom), (x, frame.bottom + 4)], axis_style))?;
        root.draw(&Text::new(format!("{}×", number_label(v, 2)), (x, frame.bottom + 6), tick_style.clone()))?;
        v += step;
    }
    let name = ("sans-serif", fs).into_font().color(&theme.muted).pos(Pos::new(HPos::Right, VPos::Bottom));
    let (_, h) = root.dim_in_pixel();
    root.draw(&Text::new("time ÷ ReLU's time", (frame.right, h as i32 - 2), name))?;
    Ok(())
}

/// The axis end: `v` rounded up to 1, 1.5, 2, 3, 5 or 7.5 times a power of ten.
fn nice_max(v: f64) -> f64 {
    let v = if v.is_finite() && v > 0.0 { v } else { 1.0 };
    let p = 10f64.powf(v.log10().floor());
    let m =
        [1.0, 1.5, 2.0, 3.0, 5.0, 7.5, 10.0].into_iter().find(|m| m * p >= v * (1.0 - 1e-12)).unwrap_or(10.0);
    m * p
}

/// A tick step of 1, 2 or 5 times a power of ten giving at most about `max_ticks` ticks.
fn tick_step(range: f64, max_ticks: f64) -> f64 {
    let raw = range / max_ticks.max(1.0);
    let p = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * p).find(|s| *s >= raw).unwrap_or(10.0 * p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::activation::Activation;
    use crate::domain::cost::stats::{CostCell, CostRow, Spread};

    fn row(activation: Activation, reference: bool, ratios: [f64; 5]) -> CostRow {
        CostRow {
            activation,
            reference,
            cells: ratios.map(|r| {
                Some(CostCell {
                    ms: Spread { median: r, min: r * 0.9, max: r * 1.2 },
                    ratio: Some(Spread { median: r, min: r * 0.9, max: r * 1.2 }),
                })
            }),
        }
    }

    fn report() -> CostReport {
        CostReport {
            rows: vec![
                row(Activation::Relu, false, [1.0; 5]),
                row(Activation::Gelu, false, [6.0, 5.0, 4.0, 3.0, 1.1]),
                row(Activation::Mish, false, [9.0, 8.0, 7.0, 6.0, 1.2]),
            ],
            rounds: 7,
        }
    }

    fn svg(chart: &CostChart, size: (u32, u32), theme: &Theme) -> String {
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
            chart.draw(&root, theme).expect("cost chart draws");
        }
        out
    }

    fn has_text(svg: &str, s: &str) -> bool {
        svg.contains(&format!("\n{s}\n</text>"))
    }

    fn hex(c: RGBColor) -> String {
        format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
    }

    /// Every filled rectangle of colour `c`: (x0, y0, x1, y1).
    fn bars(svg: &str, c: RGBColor) -> Vec<(f64, f64, f64, f64)> {
        let fill = format!("fill=\"{}\"", hex(c));
        svg.lines()
            .filter(|l| l.starts_with("<rect") && l.contains(&fill))
            .filter_map(|l| {
                let num = |name: &str| -> Option<f64> {
                    let start = l.find(&format!(" {name}=\""))? + name.len() + 3;
                    l[start..].split('"').next()?.parse().ok()
                };
                let (x, y) = (num("x")?, num("y")?);
                Some((x, y, x + num("width")?, y + num("height")?))
            })
            .collect()
    }

    #[test]
    fn every_item_of_every_activation_is_a_bar_scaled_to_relu() {
        let chart = CostChart { report: report() };
        let out = svg(&chart, (640, chart.height(13.0) as u32), &Theme::LIGHT);
        for text in ["relu", "gelu", "mish", "f (loop)", "f′ (tensor)", "epoch", "0×", "9.00×", "1.10×"]
        {
            assert!(has_text(&out, text), "{text}: {out}");
        }
        for kind in CostKind::ALL {
            // The legend swatch, then one bar per activation, top to bottom.
            let b = bars(&out, Theme::LIGHT.series[kind.index()]);
            assert_eq!(b.len(), 4, "{kind:?}: {b:?}");
            let (relu, gelu, mish) = (b[1], b[2], b[3]);
            assert!(relu.1 < gelu.1 && gelu.1 < mish.1, "groups in order: {b:?}");
            assert_eq!(relu.0, gelu.0, "bars start at 0×");
            let want = [6.0, 5.0, 4.0, 3.0, 1.1][kind.index()];
            let ratio = (gelu.2 - gelu.0) / (relu.2 - relu.0);
            assert!((ratio - want).abs() < 0.05 * want, "{kind:?}: {ratio} vs {want}");
        }
        // ReLU's bars end on the dashed 1× line.
        let relu_end = bars(&out, Theme::LIGHT.series[0])[1].2;
        let dashed = out
            .lines()
            .filter(|l| l.starts_with("<polyline") && l.contains(&hex(Theme::LIGHT.muted)))
            .count();
        assert!(dashed > 3, "the dashed reference line: {dashed}");
        let one = crate::charts::svg_probe::texts(&out).into_iter().filter(|t| t.0 == "1× = ReLU").count();
        assert_eq!(one, 1, "the reference line is labelled");
        let ticks: Vec<(String, f64, f64)> = crate::charts::svg_probe::texts(&out)
            .into_iter()
            .filter(|t| t.0.ends_with('×') && t.0.len() <= 5)
            .collect();
        // The axis ticks sit below the plot, "0×" first: the next one gives the scale.
        let below: Vec<&(String, f64, f64)> = ticks.iter().filter(|t| t.2 > 200.0).collect();
        assert_eq!(below[0].0, "0×", "{ticks:?}");
        let step: f64 = below[1].0.trim_end_matches('×').parse().expect("a number");
        let per_unit = (below[1].1 - below[0].1) / step;
        assert!(
            (below[0].1 + per_unit - relu_end).abs() <= 1.5,
            "ReLU's bars end at 1×: {relu_end}, {ticks:?}"
        );
    }

    #[test]
    fn narrow_dark_and_empty_charts_draw() {
        let chart = CostChart { report: report() };
        let out = svg(&chart, (360, chart.height(13.0) as u32), &Theme::DARK);
        assert_eq!(bars(&out, Theme::DARK.series[4]).len(), 4, "{out}");
        assert!(has_text(&out, "epoch"));
        let empty = svg(&CostChart::default(), (400, 200), &Theme::LIGHT);
        assert!(has_text(&empty, "Press “Measure cost” to time each activation."), "{empty}");
        let mut frozen = report();
        for r in &mut frozen.rows {
            for c in r.cells.iter_mut().flatten() {
                c.ratio = None;
            }
        }
        let out = svg(&CostChart { report: frozen }, (400, 200), &Theme::LIGHT);
        assert!(has_text(&out, "The timer gave no reading."));
        assert!(CostChart { report: report() }.height(13.0) > CostChart::default().height(13.0));
    }

    #[test]
    fn the_axis_ends_and_ticks_are_round() {
        assert_eq!(nice_max(1.05), 1.5);
        assert_eq!(nice_max(9.45), 10.0);
        assert_eq!(nice_max(23.0), 30.0);
        assert_eq!(nice_max(f64::NAN), 1.0);
        assert_eq!(tick_step(10.0, 5.0), 2.0);
        assert_eq!(tick_step(1.5, 6.0), 0.5);
        assert_eq!(tick_step(30.0, 4.0), 10.0);
    }
}
