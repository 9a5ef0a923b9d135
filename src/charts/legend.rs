//! Legends beside the plot, never over the data: a column (or several) to the right of the
//! plot, or rows above it, whichever leaves the plot more room. A chart splits its area with
//! [`beside`] before it builds its axes, and draws the plot in what is left.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::theme::{legend_mark, Theme};
use super::DrawResult;

/// One legend entry: the series' label, colour and dash pattern (as from `theme::dash`).
#[derive(Clone, Debug, PartialEq)]
pub struct LegendEntry {
    pub label: String,
    pub colour: RGBColor,
    pub pattern: Option<(u32, u32)>,
}

/// Where the legend goes and how much room it takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// Columns to the right of the plot, `width` px in all.
    Right { columns: usize, per_column: usize, width: u32 },
    /// Rows above the plot, `height` px in all.
    Top { rows: usize, height: u32 },
}

/// Length of the line sample before a label, and the gap after it, in px.
const MARK: u32 = 22;
const MARK_GAP: u32 = 6;
/// Space between entries in a row (top placement) and around a column (right placement).
const ENTRY_GAP: u32 = 14;
const PAD: u32 = 6;

/// The height of one legend line for a font size.
pub fn line_height(font_size: u32) -> u32 {
    font_size + font_size.div_ceil(3) + 1
}

/// The placement leaving the larger plot: the area is `size` px, `reserved` px of its width
/// and height go to axes and margins whatever the legend, `text_widths` are the labels'.
pub fn plan(size: (u32, u32), reserved: (u32, u32), text_widths: &[u32], line_h: u32) -> Placement {
    let (w, h) = size;
    let n = text_widths.len().max(1);
    let widest = text_widths.iter().copied().max().unwrap_or(0);
    let column_w = MARK + MARK_GAP + widest + 2 * PAD;
    let per_column = (h.saturating_sub(2 * PAD) / line_h.max(1)).max(1) as usize;
    let columns = n.div_ceil(per_column);
    let right_w = column_w * columns as u32;
    let right = Placement::Right { columns, per_column: n.div_ceil(columns), width: right_w };

    let rows = flow_rows(text_widths, w.saturating_sub(2 * PAD)).len().max(1);
    let top_h = rows as u32 * line_h + PAD;
    let top = Placement::Top { rows, height: top_h };

    let plot = |dw: u32, dh: u32| -> u64 {
        u64::from(w.saturating_sub(reserved.0 + dw)) * u64::from(h.saturating_sub(reserved.1 + dh))
    };
    if plot(right_w, 0) >= plot(0, top_h) {
        right
    } else {
        top
    }
}

/// The entries of each row when labels of these widths flow left to right in `width` px
/// (every row holds at least one entry).
fn flow_rows(text_widths: &[u32], width: u32) -> Vec<Vec<usize>> {
    let mut rows: Vec<Vec<usize>> = Vec::new();
    let mut used = 0;
    for (i, &t) in text_widths.iter().enumerate() {
        let w = MARK + MARK_GAP + t;
        match rows.last_mut() {
            Some(row) if used + ENTRY_GAP + w <= width => {
                row.push(i);
                used += ENTRY_GAP + w;
            }
            _ => {
                rows.push(vec![i]);
                used = w;
            }
        }
    }
    rows
}

/// Draws the legend beside the plot and gives the area left for the plot. `reserved` is the
/// width and height of the chart's axes and margins (see [`plan`]). No entries: no legend,
/// the whole area.
pub fn beside<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[LegendEntry],
    reserved: (u32, u32),
    theme: &Theme,
) -> DrawResult<DrawingArea<DB, Shift>, DB> {
    if entries.is_empty() {
        return Ok(area.clone());
    }
    let font = ("sans-serif", theme.font_size)
        .into_font()
        .color(&theme.text)
        .pos(Pos::new(HPos::Left, VPos::Center));
    let widths = entries
        .iter()
        .map(|e| area.estimate_text_size(&e.label, &font).map(|(w, _)| w))
        .collect::<Result<Vec<u32>, _>>()?;
    let line_h = line_height(theme.font_size);
    let (w, h) = area.dim_in_pixel();
    let style = |e: &LegendEntry| e.colour.stroke_width(theme.line_width);
    let draw_entry = |on: &DrawingArea<DB, Shift>, e: &LegendEntry, x: i32, y: i32| -> DrawResult<(), DB> {
        on.draw(&legend_mark(x, y, e.pattern, style(e)))?;
        on.draw(&Text::new(e.label.clone(), (x + (MARK + MARK_GAP) as i32, y), font.clone()))
    };
    match plan((w, h), reserved, &widths, line_h) {
        Placement::Right { per_column, width, .. } => {
            let (plot, legend) = area.split_horizontally(w.saturating_sub(width));
            let widest = widths.iter().copied().max().unwrap_or(0);
            let column_w = (MARK + MARK_GAP + widest + 2 * PAD) as i32;
            for (i, e) in entries.iter().enumerate() {
                let (col, row) = (i / per_column, i % per_column);
                let y = (PAD + row as u32 * line_h + line_h / 2) as i32;
                draw_entry(&legend, e, PAD as i32 + col as i32 * column_w, y)?;
            }
            Ok(plot)
        }
        Placement::Top { height, .. } => {
            let (legend, plot) = area.split_vertically(height);
            for (r, row) in flow_rows(&widths, w.saturating_sub(2 * PAD)).iter().enumerate() {
                let y = (r as u32 * line_h + line_h / 2) as i32;
                let mut x = PAD as i32;
                for &i in row {
                    draw_entry(&legend, &entries[i], x, y)?;
                    x += (MARK + MARK_GAP + widths[i] + ENTRY_GAP) as i32;
                }
            }
            Ok(plot)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_legend_goes_where_it_costs_the_plot_least() {
        // Nine layers on a wide chart: one column to the right.
        let nine = [45; 9];
        assert!(matches!(plan((900, 300), (84, 52), &nine, 21), Placement::Right { columns: 1, .. }));
        // Two entries on a phone: one row above costs less than a column.
        assert_eq!(plan((330, 205), (84, 52), &[30, 30], 21), Placement::Top { rows: 1, height: 27 });
        // Nine entries on a phone: a column beats three rows.
        assert!(matches!(plan((330, 205), (84, 52), &nine, 21), Placement::Right { .. }));
        // A short, wide chart: the entries that do not fit one column make a second.
        assert_eq!(
            plan((1400, 150), (84, 52), &nine, 21),
            Placement::Right { columns: 2, per_column: 5, width: 2 * (22 + 6 + 45 + 12) }
        );
        // Rows hold what fits, at least one entry each.
        assert_eq!(flow_rows(&[30, 30, 30], 130), vec![vec![0, 1], vec![2]]);
        assert_eq!(flow_rows(&[500], 100), vec![vec![0]]);
    }
}
