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
use crate::domain::state::explorer::{Region, RegionKind, SATURATION};

pub type Ctx<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// The dead zone's fill opacity: light enough that three overlapping zones stay see-through.
const DEAD_ALPHA: f64 = 0.17;
/// A fading zone deepens from `FADE_ALPHA.0` where |f′| = 0.05 to `FADE_ALPHA.1` where f′ = 0.
const FADE_ALPHA: (f64, f64) = (0.03, 0.15);

/// One curve's zones, shaded over the whole height of a panel in its colour: a dead zone evenly,
/// a fading zone deeper where its f′ is nearer 0 (in slices, each shaded by `act`'s own f′ at
/// its middle). A thin line in the curve's colour marks where a zone begins or ends inside the
/// plot, so each zone's edge stays visible where zones of several curves overlap.
pub fn draw_zones<DB: DrawingBackend>(
    ctx: &mut Ctx<'_, DB>,
    act: &Activation,
    zones: &[Region],
    colour: RGBColor,
    (lo, hi): (f64, f64),
    yr: (f64, f64),
) -> DrawResult<(), DB> {
    for z in zones {
        for (from, to, alpha) in zone_slices(act, z, hi - lo) {
            ctx.draw_series(std::iter::once(Rectangle::new(
                [(from, yr.0), (to, yr.1)],
                colour.mix(alpha).filled(),
            )))?;
        }
        for edge in [z.from, z.to].into_iter().filter(|&e| e > lo + 1e-9 && e < hi - 1e-9) {
            ctx.draw_series(LineSeries::new([(edge, yr.0), (edge, yr.1)], colour.mix(0.6).stroke_width(1)))?;
        }
    }
    Ok(())
}

/// A zone as (from, to, opacity) slices: one for a dead zone; for a fading zone about one per
/// 1/96 of the x-range, deeper where |f′| is smaller.
pub fn zone_slices(act: &Activation, z: &Region, width: f64) -> Vec<(f64, f64, f64)> {
    match z.kind {
        RegionKind::Dead => vec![(z.from, z.to, DEAD_ALPHA)],
        RegionKind::Saturated => {
            let n = ((z.to - z.from) / width * 96.0).ceil().clamp(1.0, 48.0) as usize;
            let step = (z.to - z.from) / n as f64;
            (0..n)
                .map(|i| {
                    let (a, b) = (z.from + step * i as f64, z.from + step * (i + 1) as f64);
                    let faded = 1.0 - (act.derivative((a + b) / 2.0).abs() / SATURATION).min(1.0);
                    (a, b, FADE_ALPHA.0 + (FADE_ALPHA.1 - FADE_ALPHA.0) * faded)
                })
                .collect()
        }
    }
}

/// A zone's label, longest first: the chart uses the first that fits.
pub fn label_texts(kind: RegionKind, name: Option<&str>) -> Vec<String> {
    match (kind, name) {
        (RegionKind::Dead, None) => vec!["f′ = 0: neurons die".into(), "f′ = 0".into()],
        (RegionKind::Saturated, None) => {
            vec!["saturated: |f′| < 0.05".into(), "|f′| < 0.05".into(), "f′ → 0".into()]
        }
        (RegionKind::Dead, Some(n)) => {
            vec![format!("{n}: f′ = 0, neurons die"), format!("{n}: f′ = 0"), "f′ = 0".into()]
        }
        (RegionKind::Saturated, Some(n)) => {
            vec![format!("{n}: |f′| < 0.05"), format!("{n}: f′ → 0"), "f′ → 0".into()]
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

/// A label placed, in backend pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    pub curve: usize,
    pub text: String,
    pub left_px: i32,
    pub right_px: i32,
    pub top_px: i32,
}

/// Where labels may go: `tops` are the candidate rows (tops in pixels, in order of
/// preference), `height` a label's height, `text_px` a text's width and `covers(l, t, r, b)`
/// whether a rectangle would hide part of a curve or a dot.
pub struct Rows<'a> {
    pub tops: &'a [i32],
    pub height: i32,
    pub text_px: &'a dyn Fn(&str) -> i32,
    pub covers: &'a dyn Fn(i32, i32, i32, i32) -> bool,
}

/// Places each label inside its own zone (centred, or pushed to either end of it), with its
/// longest text that fits, in the first row where it overlaps no label already placed and
/// hides no curve; failing that, in the first row where it overlaps no label. A label that
/// fits nowhere is left out: its zone is still shaded in its colour.
pub fn place_labels(wishes: &[LabelWish], rows: &Rows) -> Vec<Placed> {
    const PAD: i32 = 5;
    const GAP: i32 = 4;
    let mut placed: Vec<Placed> = Vec::new();
    for w in wishes {
        let free = |placed: &[Placed], l: i32, t: i32, r: i32| {
            placed.iter().all(|p| {
                r + GAP <= p.left_px
                    || l >= p.right_px + GAP
                    || t + rows.height <= p.top_px
                    || t >= p.top_px + rows.height
            })
        };
        let spot = |strict: bool, placed: &[Placed]| {
            w.texts.iter().find_map(|text| {
                let width = (rows.text_px)(text) + 2 * PAD;
                let (a, b) = (w.from_px + 2, w.to_px - 2);
                if b - a < width {
                    return None;
                }
                let centre = (a + b - width) / 2;
                rows.tops.iter().find_map(|&top| {
                    [centre, a, b - width].into_iter().find_map(|left| {
                        let right = left + width;
                        let clear = !strict || !(rows.covers)(left, top, right, top + rows.height);
                        (clear && free(placed, left, top, right)).then(|| Placed {
                            curve: w.curve,
                            text: text.clone(),
                            left_px: left,
                            right_px: right,
                            top_px: top,
                        })
                    })
                })
            })
        };
        let found = spot(true, &placed).or_else(|| spot(false, &placed));
        placed.extend(found);
    }
    placed
}

/// Rough width of a label in pixels at font size `font_size`.
pub fn text_width(text: &str, font_size: u32) -> i32 {
    (f64::from(font_size) * 0.56 * text.chars().count() as f64).ceil() as i32
}

/// Labels every curve's zones (in the f′ panel), each on a background tag outlined in its
/// curve's colour, where it hides none of the curves' points (`points`, in data coordinates)
/// if it can. Returns how many labels were drawn.
pub fn draw_zone_labels<DB: DrawingBackend>(
    ctx: &mut Ctx<'_, DB>,
    zones: &[Vec<Region>],
    acts: &[Activation],
    points: &[(f64, f64)],
    theme: &Theme,
) -> DrawResult<usize, DB> {
    let fs = theme.font_size.saturating_sub(1).max(8);
    let px = |x: f64| ctx.backend_coord(&(x, 0.0)).0;
    let mut obstacles: Vec<(i32, i32)> = points.iter().map(|p| ctx.backend_coord(p)).collect();
    obstacles.sort_unstable();
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
    let height = fs as i32 + 5;
    // Rows from the top of the plot down, every half a label's height.
    let tops: Vec<i32> =
        (0..).map(|k| ys.start + 3 + k * height / 2).take_while(|t| t + height < ys.end).collect();
    // The points sorted by x, so a rectangle looks only at the columns it spans.
    let covers = |l: i32, t: i32, r: i32, b: i32| {
        let from = obstacles.partition_point(|p| p.0 < l - 1);
        obstacles[from..].iter().take_while(|p| p.0 <= r + 1).any(|&(_, y)| y >= t - 1 && y <= b + 1)
    };
    let text_px = |t: &str| text_width(t, fs);
    let placed = place_labels(&wishes, &Rows { tops: &tops, height, text_px: &text_px, covers: &covers });
    let style = ("sans-serif", fs).into_font().color(&theme.text).pos(Pos::new(HPos::Center, VPos::Center));
    let area = ctx.plotting_area().strip_coord_spec();
    for p in &placed {
        let colour = theme.series[p.curve % theme.series.len()];
        // In the plotting area's own pixels (its top-left corner is (0, 0)).
        let (l, r) = (p.left_px - xs.start, p.right_px - xs.start);
        let (t, b) = (p.top_px - ys.start, p.top_px - ys.start + height);
        area.draw(&Rectangle::new([(l, t), (r, b)], theme.background.mix(0.9).filled()))?;
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
    ctx: &mut Ctx<'_, DB>,
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
                    .filter(|d| {
                        d.curve != i && (d.at.0 - at.0).abs() <= base && (d.at.1 - at.1).abs() <= base
                    })
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

    fn chars(t: &str) -> i32 {
        t.chars().count() as i32 * 7
    }

    fn rows<'a>(tops: &'a [i32], covers: &'a dyn Fn(i32, i32, i32, i32) -> bool) -> Rows<'a> {
        Rows { tops, height: 16, text_px: &chars, covers }
    }

    fn apart(a: &Placed, b: &Placed) -> bool {
        a.right_px <= b.left_px
            || b.right_px <= a.left_px
            || a.top_px + 16 <= b.top_px
            || b.top_px + 16 <= a.top_px
    }

    #[test]
    fn labels_in_overlapping_zones_never_overlap() {
        // Three curves' zones all cover the left of the plot (relu, sigmoid, tanh).
        let wishes = [
            wish(0, 0, 300, &["relu: f′ = 0, neurons die"]),
            wish(2, 0, 170, &["sigmoid: |f′| < 0.05"]),
            wish(3, 0, 220, &["tanh: |f′| < 0.05"]),
        ];
        let tops = [0, 8, 16, 24, 32, 40, 48];
        let placed = place_labels(&wishes, &rows(&tops, &|_, _, _, _| false));
        assert_eq!(placed.len(), 3, "{placed:?}");
        for (i, a) in placed.iter().enumerate() {
            let w = &wishes[i];
            assert!(a.left_px >= w.from_px && a.right_px <= w.to_px, "{a:?} outside its zone");
            assert!(placed[i + 1..].iter().all(|b| apart(a, b)), "{a:?} overlaps another in {placed:?}");
        }
    }

    #[test]
    fn labels_keep_off_the_curves_when_they_can() {
        // A curve runs along y = 5..10 (the top row): the label goes lower.
        let covers = |_l: i32, t: i32, _r: i32, b: i32| t <= 10 && b >= 5;
        let placed = place_labels(&[wish(0, 0, 300, &["relu: f′ = 0"])], &rows(&[0, 8, 16, 24], &covers));
        assert_eq!(placed[0].top_px, 16);
        // With no clear row it still gets the first free one.
        let placed = place_labels(&[wish(0, 0, 300, &["relu: f′ = 0"])], &rows(&[0, 8], &|_, _, _, _| true));
        assert_eq!(placed[0].top_px, 0);
    }

    #[test]
    fn a_narrow_zone_gets_its_shorter_text_or_none() {
        let none = |_, _, _, _| false;
        let tops = [0, 16];
        let placed =
            place_labels(&[wish(1, 0, 100, &["sigmoid: |f′| < 0.05", "|f′| < 0.05"])], &rows(&tops, &none));
        assert_eq!(placed[0].text, "|f′| < 0.05");
        assert!(place_labels(&[wish(1, 0, 20, &["f′ = 0"])], &rows(&tops, &none)).is_empty());
        // With every row taken a label is left out rather than drawn over another.
        let full = place_labels(
            &[wish(0, 0, 100, &["aaaaaaaaa"]), wish(1, 0, 100, &["bbbbbbbbb"])],
            &rows(&[0], &none),
        );
        assert_eq!(full.len(), 1);
    }
}
