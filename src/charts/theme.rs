//! Colours and line weights shared by every chart, for the light and dark page themes and for
//! presentation mode (thicker lines, larger type).

use plotters::element::{DashedPathElement, DynElement, IntoDynElement, PathElement};
use plotters::prelude::DrawingBackend;
use plotters::style::{RGBColor, ShapeStyle};

/// How many series colours a theme has.
pub const SERIES: usize = 9;

/// The light theme's series colours. The first four are Okabe–Ito's blue, vermillion, bluish
/// green and reddish purple; the other five were chosen (farthest-first, then improved one at
/// a time, from a 16-level sRGB grid) to keep every pair apart for normal vision and for
/// simulated protanopia, deuteranopia and tritanopia (Machado et al. 2009, full severity).
/// Every pair differs by CIEDE2000 ≥ 20.8 for normal vision and ≥ 11.3 for each deficiency,
/// and every colour has a WCAG contrast of at least 3:1 on white (a graphical object's
/// minimum), so no line needs a dash pattern to be told apart.
pub const SERIES_LIGHT: [RGBColor; SERIES] = [
    RGBColor(0, 114, 178),   // blue
    RGBColor(213, 94, 0),    // vermillion
    RGBColor(0, 158, 115),   // bluish green
    RGBColor(204, 121, 167), // reddish purple
    RGBColor(119, 17, 51),   // wine
    RGBColor(51, 17, 187),   // indigo
    RGBColor(153, 119, 255), // lilac
    RGBColor(68, 85, 0),     // olive
    RGBColor(17, 102, 85),   // dark teal
];

/// The dark theme's series colours, chosen as [`SERIES_LIGHT`] from Okabe–Ito's sky blue and
/// orange: CIEDE2000 ≥ 22.8 between any two for normal vision and ≥ 12.7 for each simulated
/// deficiency, contrast ≥ 4:1 on the dark background.
pub const SERIES_DARK: [RGBColor; SERIES] = [
    RGBColor(86, 180, 233),  // sky blue
    RGBColor(230, 159, 0),   // orange
    RGBColor(204, 238, 187), // pale green
    RGBColor(170, 119, 153), // mauve
    RGBColor(119, 136, 85),  // sage
    RGBColor(0, 255, 255),   // cyan
    RGBColor(255, 238, 0),   // yellow
    RGBColor(136, 102, 255), // violet
    RGBColor(238, 51, 34),   // red
];

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Theme {
    pub background: RGBColor,
    pub text: RGBColor,
    pub muted: RGBColor,
    pub grid: RGBColor,
    pub axis: RGBColor,
    /// Nine series colours (8 hidden layers + the output), told apart by colour alone: see
    /// [`SERIES_LIGHT`] and [`SERIES_DARK`].
    pub series: [RGBColor; SERIES],
    /// The two classes (negative, positive) of a classification problem: the points.
    pub classes: [RGBColor; 2],
    /// The regions the network assigns to each class: lighter than the points (as TF
    /// Playground's), so a point stays visible on a confident region of its own class.
    pub regions: [RGBColor; 2],
    pub saturated: RGBColor,
    pub dead: RGBColor,
    pub line_width: u32,
    pub font_size: u32,
}

impl Theme {
    pub const LIGHT: Theme = Theme {
        background: RGBColor(255, 255, 255),
        text: RGBColor(27, 36, 48),
        muted: RGBColor(91, 102, 117),
        grid: RGBColor(232, 236, 241),
        axis: RGBColor(120, 130, 145),
        series: SERIES_LIGHT,
        classes: [RGBColor(230, 159, 0), RGBColor(0, 114, 178)],
        regions: [RGBColor(240, 196, 110), RGBColor(110, 170, 210)],
        saturated: RGBColor(255, 236, 179),
        dead: RGBColor(222, 224, 228),
        line_width: 2,
        font_size: 13,
    };

    pub const DARK: Theme = Theme {
        background: RGBColor(26, 32, 41),
        text: RGBColor(230, 234, 240),
        muted: RGBColor(154, 166, 181),
        grid: RGBColor(44, 54, 68),
        axis: RGBColor(120, 135, 155),
        series: SERIES_DARK,
        classes: [RGBColor(230, 159, 0), RGBColor(86, 180, 233)],
        regions: [RGBColor(150, 108, 25), RGBColor(50, 110, 150)],
        saturated: RGBColor(62, 52, 26),
        dead: RGBColor(52, 58, 68),
        line_width: 2,
        font_size: 13,
    };

    pub fn for_scheme(dark: bool) -> Theme {
        if dark {
            Theme::DARK
        } else {
            Theme::LIGHT
        }
    }

    /// Presentation mode: high contrast, thick lines, large type.
    pub fn presentation(self) -> Theme {
        Theme { line_width: self.line_width * 2 + 1, font_size: self.font_size * 3 / 2 + 2, ..self }
    }
}

/// A dash pattern: solid, dashed, dotted, long-dashed. Series colours are told apart without
/// one (see [`SERIES_LIGHT`]); charts use it for a second meaning (test vs train, a second
/// scheme) and once the palette repeats. `None` is a solid line; `Some((dash, gap))` in pixels.
pub fn dash(index: usize) -> Option<(u32, u32)> {
    match index % 4 {
        0 => None,
        1 => Some((9, 5)),
        2 => Some((3, 4)),
        _ => Some((18, 5)),
    }
}

/// A legend sample for a series: a short stretch of its line, dashed like it (`pattern` as
/// from [`dash`]).
pub fn legend_mark<DB: DrawingBackend>(
    x: i32,
    y: i32,
    pattern: Option<(u32, u32)>,
    style: ShapeStyle,
) -> DynElement<'static, DB, (i32, i32)> {
    let pts = vec![(x, y), (x + 22, y)];
    match pattern {
        None => PathElement::new(pts, style).into_dyn(),
        Some((d, g)) => DashedPathElement::new(pts, d, g, style).into_dyn(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG 2 relative luminance and contrast ratio.
    fn luminance(c: RGBColor) -> f64 {
        let lin = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(c.0) + 0.7152 * lin(c.1) + 0.0722 * lin(c.2)
    }

    fn contrast(a: RGBColor, b: RGBColor) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn nine_series_colours_are_distinct_and_stand_out_on_their_background() {
        for theme in [Theme::LIGHT, Theme::DARK] {
            for (i, &c) in theme.series.iter().enumerate() {
                let ratio = contrast(c, theme.background);
                assert!(ratio >= 3.0, "series {i} {c:?}: contrast {ratio:.2}");
                for &d in &theme.series[..i] {
                    let diff = (i32::from(c.0) - i32::from(d.0)).abs()
                        + (i32::from(c.1) - i32::from(d.1)).abs()
                        + (i32::from(c.2) - i32::from(d.2)).abs();
                    assert!(diff > 60, "{c:?} and {d:?} are too close");
                }
            }
        }
    }
}
