//! What the Explorer's chart marks on every curve it shows, each in that curve's colour: its
//! zones (f′ = 0, where a unit stops learning; |f′| < 0.05 towards an end of the line, where the
//! gradient fades), their labels packed into rows so that no two overlap, and its kink dots
//! (open = the limit not taken, filled = the value by convention), drawn as rings around each
//! other where two curves kink at the same point.

use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::theme::Theme;
use super::DrawResult;
use crate::domain::activation::{Activation, Kink};
use crate::domain::state::explorer::{Region, RegionKind};

pub type Ctx<'a, 'b, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// Fill opacity of a zone: light enough that three overlapping zones stay see-through, the dead
/// zone (no gradient at all) darker than the fading one.
fn zone_alpha(kind: RegionKind) -> f64 {
    match kind {
        RegionKind::Dead => 0.17,
        RegionKind::Saturated => 0.08,
    }
}

/// One curve's zones, shaded over the whole height of a panel, with a thin line in the curve's
/// colour where a zone begins or ends inside the plot (so each zone's edge stays visible where
/// zones of several curves overlap).
pub fn draw_zones<DB: DrawingBackend>(
    ctx: &mut Ctx<'_, '_, DB>,
    zones: &[Region],
    colour: RGBColor,
    (lo, hi): (f64, f64),
    yr: (f64, f64),
) -> DrawResult<(), DB> {
    for z in zones {
        ctx.draw_series(std::iter::once(Rectangle::new(
            [(z.from, yr.0), (z.to, yr.1)],
            colour.mix(zone_alpha(z.kind)).filled(),
        )))?;
        for edge in [z.from, z.to].into_iter().filter(|&e| e > lo + 1e-9 && e < hi - 1e-9) {
            ctx.draw_series(LineSeries::new([(edge, yr.0), (edge, yr.1)], colour.mix(0.6).stroke_width(1)))?;
        }
    }
    Ok(())
}

/// A zone's label, longest first: the chart uses the first that fits.
pub fn label_texts(kind: RegionKind, name: Option<&str>) -> Vec<String> {
    match (kind, name) {
        (RegionKind::Dead, None) => vec!["f′ = 0: neurons die".into(), "f′ = 0".into()],
        (RegionKind::Saturated, None) => vec!["saturated: |f′| < 0.05".into(), "|f′| < 0.05".into()],
        (RegionKind::Dead, Some(n)) => vec![format!("{n}: f′ = 0, dies"), format!("{n}: f′ = 0"), "f′ = 0".into()],
        (RegionKind::Saturated, Some(n)) => {
            vec![format!("{n}: |f′| < 0.05"), format!("{n}: fading"), "|f′| < 0.05".into()]
        }
    }
}

/// A label wanted inside a zone spanning `from_px..to_px`.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelWish {
    pub curve: usize,
    pub from_px: i32,
    pub to_px: i32,
    pub texts: Vec<String>,
}

/// A label placed: row 0 is the top one.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    pub curve: usize,
    pub text: String,
    pub row: usize,
    pub left_px: i32,
    pub right_px: i32,
}

/// Packs labels into at most `rows` rows: each label goes inside its own zone (centred, or
/// pushed to either end of it) in the first row where it overlaps no label already there,
/// with its longest text that fits anywhere. A label that fits nowhere is left out: its zone
/// is still shaded in its colour.
pub fn place_labels(wishes: &[LabelWish], rows: usize, text_px: impl Fn(&str) -> i32) -> Vec<Placed> {
    const PAD: i32 = 5;
    const GAP: i32 = 6;
    let mut placed: Vec<Placed> = Vec::new();
    for w in wishes {
        let spot = w.texts.iter().find_map(|text| {
            let width = text_px(text) + 2 * PAD;
            let (a, b) = (w.from_px + 2, w.to_px - 2);
            if b - a < width {
                return None;
            }
            let centre = (a + b - width) / 2;
            (0..rows).find_map(|row| {
                [centre, a, b - width].into_iter().find_map(|left| {
                    let right = left + width;
                    let free = placed
                        .iter()
                        .filter(|p| p.row == row)
                        .all(|p| right + GAP <= p.left_px || left >= p.right_px + GAP);
                    free.then(|| Placed { curve: w.curve, text: text.clone(), row, left_px: left, right_px: right })
                })
            })
        });
        placed.extend(spot);
    }
    placed
}

/// Rough width of a label in pixels at font size `font_size`.
pub fn text_width(text: &str, font_size: u32) -> i32 {
    (f64::from(font_size) * 0.56 * text.chars().count() as f64).ceil() as i32
}

/// Labels every curve's zones in the f′ panel: rows from the top of the plot, each label on a
/// background tag outlined in its curve's colour.
pub fn draw_zone_labels<DB: DrawingBackend>(
    ctx: &mut Ctx<'_, '_, DB>,
    zones: &[Vec<Region>],
    acts: &[Activation],
    theme: &Theme,
) -> DrawResult<usize, DB> {
    let fs = theme.font_size.saturating_sub(1).max(8);
    let px = |x: f64| ctx.backend_coord(&(x, 0.0)).0;
    let named = acts.len() > 1;
    let mut wishes = Vec::new();
    for (i, (act, curve_zones)) in acts.iter().zip(zones).enumerate() {
        let name = named.then(|| act.to_string());
        for z in curve_zones {
            wishes.push(LabelWish {
                curve: i,
                from_px: px(z.from),
                to_px: px(z.to),
                texts: label_texts(z.kind, name.as_deref()),
            });
        }
    }
    let (xs, ys) = ctx.plotting_area().get_pixel_range();
    let row_h = fs as i32 + 7;
    // At most one row per curve, and never more than a third of the panel's height.
    let rows = acts.len().min(((ys.end - ys.start) / (3 * row_h)).max(1) as usize);
    let placed = place_labels(&wishes, rows, |t| text_width(t, fs));
    let style = ("sans-serif", fs).into_font().color(&theme.text).pos(Pos::new(HPos::Center, VPos::Center));
    let area = ctx.plotting_area().strip_coord_spec();
    for p in &placed {
        let colour = theme.series[p.curve % theme.series.len()];
        // In the plotting area's own pixels (its top-left corner is (0, 0)).
        let (l, r) = (p.left_px - xs.start, p.right_px - xs.start);
        let t = 4 + p.row as i32 * row_h;
        let b = t + row_h - 3;
        area.draw(&Rectangle::new([(l, t), (r, b)], theme.background.mix(0.88).filled()))?;
        area.draw(&Rectangle::new([(l, t), (r, b)], colour.stroke_width(1)))?;
        area.draw(&Text::new(p.text.clone(), ((l + r) / 2, (t + b) / 2), style.clone()))?;
    }
    Ok(placed.len())
}

/// A kink dot to draw, in backend pixels.
struct Dot {
    curve: usize,
    at: (i32, i32),
    filled: bool,
    radius: i32,
}

/// Every curve's kink dots in one panel (`of` gives the left limit, the value taken and the
/// right limit at a kink). Where a dot lands on a dot of an earlier curve it is drawn as a
/// wider ring around it, and the widest are drawn first, so every curve's dot stays visible.
/// Returns how many dots each curve got.
pub fn draw_kinks<DB: DrawingBackend>(
    ctx: &mut Ctx<'_, '_, DB>,
    acts: &[Activation],
    (lo, hi): (f64, f64),
    of: impl Fn(&Activation, &Kink) -> (f64, f64, f64),
    theme: &Theme,
) -> DrawResult<Vec<usize>, DB> {
    let base = theme.line_width as i32 + 3;
    let mut dots: Vec<Dot> = Vec::new();
    let mut counts = vec![0; acts.len()];
    for (i, act) in acts.iter().enumerate() {
        for k in act.kinks().iter().filter(|k| k.x > lo && k.x < hi) {
            let (left, at, right) = of(act, k);
            if (left - right).abs() < 1e-6 {
                continue;
            }
            let mut mine = vec![(at, true)];
            mine.extend([left, right].into_iter().filter(|l| (l - at).abs() > 1e-6).map(|l| (l, false)));
            for (y, filled) in mine {
                let at = ctx.backend_coord(&(k.x, y));
                let under = dots
                    .iter()
                    .filter(|d| d.curve != i && (d.at.0 - at.0).abs() <= base && (d.at.1 - at.1).abs() <= base)
                    .map(|d| d.radius)
                    .max();
                let radius = under.map_or(base, |r| r + 3);
                dots.push(Dot { curve: i, at, filled, radius });
                counts[i] += 1;
            }
        }
    }
    dots.sort_by_key(|d| std::cmp::Reverse(d.radius));
    let area = ctx.plotting_area().strip_coord_spec();
    let (x0, y0) = (area.get_base_pixel().0, area.get_base_pixel().1);
    for d in &dots {
        let colour = theme.series[d.curve % theme.series.len()];
        let style = if d.filled {
            colour.filled()
        } else {
            ShapeStyle { color: colour.to_rgba(), filled: false, stroke_width: 2 }
        };
        area.draw(&Circle::new((d.at.0 - x0, d.at.1 - y0), d.radius, style))?;
    }
    Ok(counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wish(curve: usize, from_px: i32, to_px: i32, texts: &[&str]) -> LabelWish {
        LabelWish { curve, from_px, to_px, texts: texts.iter().map(|t| t.to_string()).collect() }
    }

    #[test]
    fn labels_in_overlapping_zones_go_to_separate_rows() {
        // Three curves' zones all cover the left of the plot (relu, sigmoid, tanh).
        let wishes = [
            wish(0, 0, 300, &["relu: f′ = 0, dies"]),
            wish(2, 0, 170, &["sigmoid: |f′| < 0.05"]),
            wish(3, 0, 220, &["tanh: |f′| < 0.05"]),
        ];
        let placed = place_labels(&wishes, 4, |t| t.chars().count() as i32 * 7);
        assert_eq!(placed.len(), 3, "{placed:?}");
        for (i, a) in placed.iter().enumerate() {
            let w = &wishes[i];
            assert!(a.left_px >= w.from_px && a.right_px <= w.to_px, "{a:?} outside its zone");
            for b in &placed[i + 1..] {
                let apart = a.right_px <= b.left_px || b.right_px <= a.left_px;
                assert!(a.row != b.row || apart, "{a:?} overlaps {b:?}");
            }
        }
    }

    #[test]
    fn a_narrow_zone_gets_its_shorter_text_or_none() {
        let placed = place_labels(&[wish(1, 0, 100, &["sigmoid: |f′| < 0.05", "|f′| < 0.05"])], 2, |t| {
            t.chars().count() as i32 * 7
        });
        assert_eq!(placed[0].text, "|f′| < 0.05");
        assert!(place_labels(&[wish(1, 0, 20, &["f′ = 0"])], 2, |_| 40).is_empty());
        // With every row taken a label is left out rather than drawn over another.
        let full = place_labels(&[wish(0, 0, 100, &["aaaaaaaaa"]), wish(1, 0, 100, &["bbbbbbbbb"])], 1, |_| 80);
        assert_eq!(full.len(), 1);
    }
}
