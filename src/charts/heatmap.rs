//! Colouring a grid of values, TF Playground style: the decision boundary (100×100) and every
//! neuron's small heatmap. A diverging map: −scale is the negative class's region colour, 0 is
//! close to the page background, +scale is the positive class's; values beyond ±scale saturate.
//! The region colours (`theme.regions`) are lighter than the points' (`theme.classes`), as in
//! TF Playground, so a point stays visible on a confident region of its own class.
//!
//! This runs every animation frame on 10,000 cells plus up to 128 neuron maps, so [`rgba`]
//! builds a 257-entry lookup table once per call and does one multiply, clamp and table read
//! per cell.
//!
//! As a [`Chart`], a [`Heatmap`] fills its area with the cells (natively, e.g. to SVG); on a
//! canvas the page puts [`Heatmap::rgba`]'s pixels instead, far cheaper per frame.

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend, Rectangle};
use plotters::style::{Color, RGBColor};

use super::theme::Theme;
use super::{Chart, DrawResult};

/// An n×n grid of values (row-major, row 0 at the top) and how to colour it ([`rgba`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Heatmap<'a> {
    pub values: &'a [f32],
    pub n: usize,
    /// The value drawn in the full region colour.
    pub scale: f32,
    /// Two colours by sign instead of the ramp.
    pub discretize: bool,
}

impl Heatmap<'_> {
    /// The cells' RGBA bytes, as [`rgba`].
    pub fn rgba(&self, theme: &Theme) -> Vec<u8> {
        rgba(self.values, self.n, self.scale, self.discretize, theme)
    }
}

impl Chart for Heatmap<'_> {
    type Layout = ();

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, theme: &Theme) -> DrawResult<(), DB> {
        root.fill(&theme.background)?;
        let (w, h) = root.dim_in_pixel();
        let n = self.n;
        // The first pixel of cell i along a side of `size` pixels.
        let edge = |i: usize, size: u32| (i as u64 * u64::from(size) / n.max(1) as u64) as i32;
        for (i, c) in self.rgba(theme).chunks_exact(4).enumerate() {
            let (row, col) = (i / n, i % n);
            let (x0, y0) = (edge(col, w), edge(row, h));
            let (x1, y1) = ((edge(col + 1, w) - 1).max(x0), (edge(row + 1, h) - 1).max(y0));
            root.draw(&Rectangle::new([(x0, y0), (x1, y1)], RGBColor(c[0], c[1], c[2]).filled()))?;
        }
        root.present()
    }
}

/// Lookup-table entries either side of 0: the table has `2 * HALF + 1` entries, so 0 and ±scale
/// each land exactly on one.
const HALF: usize = 128;

/// RGBA bytes (row-major, row 0 at the top, alpha 255) for n×n values. Diverging map: −scale →
/// theme.regions[0] (orange), 0 → near the background, +scale → theme.regions[1] (blue), like
/// TF Playground; `discretize` snaps to the two region colours by sign (0 counts as positive).
/// NaN → a neutral grey, as are cells missing from a short `values`; extra values are ignored.
/// A scale that is not positive and finite colours by sign.
pub fn rgba(values: &[f32], n: usize, scale: f32, discretize: bool, theme: &Theme) -> Vec<u8> {
    let cells = n * n;
    let mut out = vec![255u8; cells * 4];
    let grey = opaque(nan_grey(theme));
    let values = &values[..values.len().min(cells)];
    let (pixels, missing) = out.split_at_mut(values.len() * 4);
    if discretize {
        let [neg, pos] = theme.regions.map(|c| opaque(rgb(c)));
        for (px, &v) in pixels.chunks_exact_mut(4).zip(values) {
            let c = if v >= 0.0 {
                pos
            } else if v < 0.0 {
                neg
            } else {
                grey
            };
            px.copy_from_slice(&c);
        }
    } else {
        let ramp = Ramp::new(theme);
        let mut lut = [[0u8; 4]; 2 * HALF + 1];
        for (i, entry) in lut.iter_mut().enumerate() {
            *entry = opaque(ramp.at(i as f32 / HALF as f32 - 1.0));
        }
        let k = inverse(scale) * HALF as f32;
        for (px, &v) in pixels.chunks_exact_mut(4).zip(values) {
            let c = if v.is_nan() {
                grey
            } else {
                // In [0, 2·HALF] after the clamp; the +0.5 rounds.
                lut[((v * k).clamp(-(HALF as f32), HALF as f32) + HALF as f32 + 0.5) as usize]
            };
            px.copy_from_slice(&c);
        }
    }
    for px in missing.chunks_exact_mut(4) {
        px.copy_from_slice(&grey);
    }
    out
}

/// The colour of one value, as [`rgba`] paints it (`rgba` rounds the position on the ramp to
/// 1/128 of the scale, so the two may differ by a unit in a channel).
pub fn colour(value: f32, scale: f32, discretize: bool, theme: &Theme) -> [u8; 3] {
    if value.is_nan() {
        return nan_grey(theme);
    }
    if discretize {
        return rgb(theme.regions[usize::from(value >= 0.0)]);
    }
    Ramp::new(theme).at((value * inverse(scale)).clamp(-1.0, 1.0))
}

/// 1/scale, or a huge factor (colour by sign) when the scale is unusable.
fn inverse(scale: f32) -> f32 {
    if scale > 0.0 && scale.is_finite() {
        1.0 / scale
    } else {
        f32::MAX
    }
}

/// The diverging ramp: half way from the background to the grid colour at 0 (a shade off the
/// background, like TF Playground's #e8eaeb), linear in sRGB to the region colours at ±1.
struct Ramp {
    mid: [f32; 3],
    neg: [f32; 3],
    pos: [f32; 3],
}

impl Ramp {
    fn new(theme: &Theme) -> Ramp {
        let f = |c: RGBColor| [f32::from(c.0), f32::from(c.1), f32::from(c.2)];
        let (bg, grid) = (f(theme.background), f(theme.grid));
        Ramp {
            mid: std::array::from_fn(|i| ((bg[i] + grid[i]) / 2.0).floor()),
            neg: f(theme.regions[0]),
            pos: f(theme.regions[1]),
        }
    }

    /// The colour at t ∈ [−1, 1].
    fn at(&self, t: f32) -> [u8; 3] {
        let (end, w) = if t < 0.0 { (&self.neg, -t) } else { (&self.pos, t) };
        // Every channel is in [0, 255], so adding 0.5 and truncating rounds (and is cheaper in
        // wasm than `round`).
        std::array::from_fn(|i| (self.mid[i] + (end[i] - self.mid[i]) * w + 0.5) as u8)
    }
}

/// An n×n grid of cell-centred samples grown `factor` times along each side (n·factor cells a
/// side) by bilinear interpolation of the values, extrapolated linearly at the edges: a linear
/// field comes back exactly, and a piecewise-linear one (a ReLU network's) everywhere but in
/// the cells its kinks cross. The Playground probes at the nodes' resolution and draws its
/// output this way at the plot's (a quarter of the forward pass for the same picture); the
/// values are interpolated before colouring, so a discretized boundary stays sharp. A NaN
/// taints the cells it takes part in; a short grid reads as NaN; a factor of 0 or 1 copies.
pub fn upsample(values: &[f32], n: usize, factor: usize) -> Vec<f32> {
    if factor <= 1 || n == 0 {
        return values.to_vec();
    }
    let at = |row: usize, col: usize| values.get(row * n + col).copied().unwrap_or(f32::NAN);
    // Fine cell k sits at coarse coordinate (k + 0.5) / factor − 0.5; the pair of coarse cells
    // around it (the last pair beyond the edges) and the weight of the second.
    let side = n * factor;
    let pairs: Vec<(usize, usize, f32)> = (0..side)
        .map(|k| {
            let u = (k as f32 + 0.5) / factor as f32 - 0.5;
            let i = (u.floor().max(0.0) as usize).min(n.saturating_sub(2));
            (i, (i + 1).min(n - 1), u - i as f32)
        })
        .collect();
    let mut out = Vec::with_capacity(side * side);
    for &(r0, r1, tr) in &pairs {
        for &(c0, c1, tc) in &pairs {
            let top = at(r0, c0) + (at(r0, c1) - at(r0, c0)) * tc;
            let bottom = at(r1, c0) + (at(r1, c1) - at(r1, c0)) * tc;
            out.push(top + (bottom - top) * tr);
        }
    }
    out
}

/// An n×n grid brought to `side`×`side` cells: each cell the mean of the cells it covers (a
/// box filter: 50 → 25 averages 2×2), or the one it falls in when the grid is coarser. The
/// diagram's node maps are drawn this way from the probe (a quarter of the pixels to colour
/// and copy each frame, still 2.5 times TF Playground's 10 cells a side). A NaN taints its
/// cell; a short grid reads as NaN.
pub fn shrink(values: &[f32], n: usize, side: usize) -> Vec<f32> {
    if n == side {
        return (0..n * n).map(|k| values.get(k).copied().unwrap_or(f32::NAN)).collect();
    }
    // The source cells [lo, hi) under target cell i along one side.
    let span = |i: usize| {
        let lo = i * n / side.max(1);
        (lo, ((i + 1) * n / side.max(1)).max(lo + 1).min(n.max(1)))
    };
    let spans: Vec<(usize, usize)> = (0..side).map(span).collect();
    let mut out = Vec::with_capacity(side * side);
    for &(r0, r1) in &spans {
        for &(c0, c1) in &spans {
            let mut sum = 0.0f32;
            for row in r0..r1 {
                for col in c0..c1 {
                    sum += values.get(row * n + col).copied().unwrap_or(f32::NAN);
                }
            }
            out.push(sum / ((r1 - r0) * (c1 - c0)) as f32);
        }
    }
    out
}

/// A neutral grey halfway between the background and the text, in either theme.
fn nan_grey(theme: &Theme) -> [u8; 3] {
    let luma = |c: RGBColor| (u32::from(c.0) * 3 + u32::from(c.1) * 6 + u32::from(c.2)) / 10;
    let g = ((luma(theme.background) + luma(theme.text)) / 2) as u8;
    [g, g, g]
}

fn rgb(c: RGBColor) -> [u8; 3] {
    [c.0, c.1, c.2]
}

fn opaque([r, g, b]: [u8; 3]) -> [u8; 4] {
    [r, g, b, 255]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shrink_averages_the_cells_each_covers() {
        // 4×4 → 2×2: each cell the mean of a 2×2 block.
        let v: Vec<f32> = (0..16).map(|k| k as f32).collect();
        assert_eq!(shrink(&v, 4, 2), vec![2.5, 4.5, 10.5, 12.5]);
        assert_eq!(shrink(&v, 4, 4), v, "same side: a copy");
        // A NaN taints only its own cell; a short grid reads as NaN.
        let mut nan = v.clone();
        nan[0] = f32::NAN;
        let s = shrink(&nan, 4, 2);
        assert!(s[0].is_nan() && s[1..].iter().all(|x| x.is_finite()));
        assert!(shrink(&v[..10], 4, 2)[3].is_nan());
        // Coarser than asked: each cell takes the one it falls in.
        assert_eq!(shrink(&[1.0, 2.0, 3.0, 4.0], 2, 4)[..4], [1.0, 1.0, 2.0, 2.0]);
        // 50 → 25, as the diagram draws its nodes: a linear field stays linear.
        let field: Vec<f32> = (0..2500).map(|k| (k % 50) as f32).collect();
        let small = shrink(&field, 50, 25);
        assert_eq!(small.len(), 625);
        assert_eq!((small[0], small[1], small[24]), (0.5, 2.5, 48.5));
    }

    #[test]
    fn upsampling_reproduces_a_linear_field_and_keeps_the_orientation() {
        // Cell-centred samples of f(x, y) = 3x − 2y + 1 on [0, 1]², row 0 at the top (largest y).
        let f = |x: f32, y: f32| 3.0 * x - 2.0 * y + 1.0;
        let grid = |n: usize| -> Vec<f32> {
            let c = |i: usize| (i as f32 + 0.5) / n as f32;
            (0..n * n).map(|k| f(c(k % n), 1.0 - c(k / n))).collect()
        };
        let (coarse, fine) = (grid(5), grid(10));
        let up = upsample(&coarse, 5, 2);
        assert_eq!(up.len(), 100);
        for (k, (a, b)) in up.iter().zip(&fine).enumerate() {
            assert!((a - b).abs() < 1e-5, "cell {k}: {a} vs {b}");
        }
        assert_eq!(upsample(&coarse, 5, 1), coarse, "a factor of 1 copies");
        assert_eq!(upsample(&[7.0], 1, 3), vec![7.0; 9], "one cell fills the grid");
    }

    #[test]
    fn upsampling_confines_a_nan_and_survives_a_short_grid() {
        let mut v = vec![1.0f32; 16];
        v[0] = f32::NAN;
        let up = upsample(&v, 4, 2);
        assert!(up[0].is_nan() && up[1].is_nan(), "the corner's cells take part in the NaN");
        assert_eq!(up[7 * 8 + 7], 1.0, "the far corner does not");
        assert_eq!(upsample(&v[..5], 4, 2).len(), 64, "a short grid gives NaN cells, no panic");
    }

    #[test]
    fn as_a_chart_each_cell_is_a_rectangle_in_its_colour() {
        use plotters::prelude::{IntoDrawingArea, SVGBackend};
        let theme = Theme::LIGHT;
        let values = [-1.0, 1.0, 1.0, f32::NAN];
        let map = Heatmap { values: &values, n: 2, scale: 1.0, discretize: false };
        let mut out = String::new();
        map.draw(&SVGBackend::with_string(&mut out, (40, 40)).into_drawing_area(), &theme).expect("draws");
        let fill = |[r, g, b]: [u8; 3]| format!("fill=\"#{r:02X}{g:02X}{b:02X}\"");
        assert_eq!(out.matches("<rect").count(), 1 + 4, "the background and four cells: {out}");
        assert_eq!(out.matches(&fill(rgb(theme.regions[0]))).count(), 1);
        assert_eq!(out.matches(&fill(rgb(theme.regions[1]))).count(), 2);
        assert_eq!(out.matches(&fill(nan_grey(&theme))).count(), 1);
        assert!(out.contains(r#"x="20" y="20""#), "the last cell starts halfway: {out}");
    }

    const T: Theme = Theme::LIGHT;

    fn pixel(bytes: &[u8], i: usize) -> [u8; 4] {
        bytes[i * 4..i * 4 + 4].try_into().unwrap()
    }

    fn distance(a: [u8; 3], b: RGBColor) -> i32 {
        let d = |x: u8, y: u8| (i32::from(x) - i32::from(y)).abs();
        d(a[0], b.0) + d(a[1], b.1) + d(a[2], b.2)
    }

    #[test]
    fn rgba_is_n_by_n_opaque_pixels_in_row_order() {
        let n = 7;
        let values: Vec<f32> = (0..n * n).map(|i| i as f32 / 24.0 - 1.0).collect();
        let out = rgba(&values, n, 1.0, false, &T);
        assert_eq!(out.len(), n * n * 4);
        assert!(out.chunks_exact(4).all(|p| p[3] == 255));
        // Row 0 (the top) holds the first values: the negative end, orange.
        assert_eq!(pixel(&out, 0), opaque(rgb(T.regions[0])));
        assert_eq!(pixel(&out, n * n - 1), opaque(rgb(T.regions[1])));
        // Every cell agrees with `colour` within the table's rounding.
        for (i, &v) in values.iter().enumerate() {
            let (p, c) = (pixel(&out, i), colour(v, 1.0, false, &T));
            assert!((0..3).all(|k| p[k].abs_diff(c[k]) <= 1), "{v}: {p:?} vs {c:?}");
        }
        assert_eq!(rgba(&[], 0, 1.0, false, &T).len(), 0);
        // A short grid is padded with grey, not a panic.
        let short = rgba(&[1.0], 2, 1.0, false, &T);
        assert_eq!(short.len(), 16);
        assert_eq!(pixel(&short, 3), opaque(nan_grey(&T)));
    }

    #[test]
    fn sign_gives_the_region_colour_and_zero_is_near_the_background() {
        for theme in [Theme::LIGHT, Theme::DARK] {
            assert_eq!(colour(-2.0, 1.0, false, &theme), rgb(theme.regions[0]), "saturates past -scale");
            assert_eq!(colour(0.5, 0.5, false, &theme), rgb(theme.regions[1]));
            assert_eq!(colour(f32::INFINITY, 1.0, false, &theme), rgb(theme.regions[1]));
            let zero = colour(0.0, 1.0, false, &theme);
            assert!(distance(zero, theme.background) < 40, "{zero:?}");
            assert!(distance(zero, theme.regions[0]) > 150 && distance(zero, theme.regions[1]) > 150);
            // Half way is between the two: nearer the region colour than 0 is.
            let half = colour(-0.5, 1.0, false, &theme);
            assert!(distance(half, theme.regions[0]) < distance(zero, theme.regions[0]));
            assert!(distance(half, theme.regions[0]) > 0);
            // The scale stretches the map.
            assert_eq!(colour(0.1, 0.1, false, &theme), rgb(theme.regions[1]));
            assert_ne!(colour(0.1, 1.0, false, &theme), rgb(theme.regions[1]));
            // An unusable scale colours by sign.
            assert_eq!(colour(-1e-3, 0.0, false, &theme), rgb(theme.regions[0]));
            assert_eq!(colour(0.0, f32::NAN, false, &theme), zero);
        }
    }

    #[test]
    fn discretize_gives_exactly_the_two_region_colours() {
        let values: Vec<f32> = (0..400).map(|i| ((i as f32) * 0.37).sin() * 3.0).collect();
        let out = rgba(&values, 20, 1.0, true, &T);
        let mut colours: Vec<[u8; 4]> = out.chunks_exact(4).map(|p| p.try_into().unwrap()).collect();
        colours.sort();
        colours.dedup();
        let mut expected = vec![opaque(rgb(T.regions[0])), opaque(rgb(T.regions[1]))];
        expected.sort();
        assert_eq!(colours, expected);
        assert_eq!(colour(-1e-6, 1.0, true, &T), rgb(T.regions[0]));
        assert_eq!(colour(1e-6, 1.0, true, &T), rgb(T.regions[1]));
        // Without discretize the same values give many shades.
        let smooth = rgba(&values, 20, 1.0, false, &T);
        let mut shades: Vec<&[u8]> = smooth.chunks_exact(4).collect();
        shades.sort();
        shades.dedup();
        assert!(shades.len() > 50);
    }

    #[test]
    fn nan_is_a_neutral_grey() {
        for theme in [Theme::LIGHT, Theme::DARK] {
            let g = colour(f32::NAN, 1.0, false, &theme);
            assert!(g[0] == g[1] && g[1] == g[2] && (80..=180).contains(&g[0]), "{g:?}");
            assert_eq!(colour(f32::NAN, 1.0, true, &theme), g);
            let out = rgba(&[f32::NAN, 0.0, f32::NAN, 1.0], 2, 1.0, false, &theme);
            assert_eq!(pixel(&out, 0), opaque(g));
            assert_eq!(pixel(&out, 2), opaque(g));
            assert_ne!(pixel(&out, 1), opaque(g));
            let out = rgba(&[f32::NAN, 0.0, f32::NAN, 1.0], 2, 1.0, true, &theme);
            assert_eq!(pixel(&out, 0), opaque(g));
        }
    }
}
