//! Colours and line weights shared by every chart, for the light and dark page themes and for
//! presentation mode (thicker lines, larger type).

use plotters::element::{DashedPathElement, DynElement, IntoDynElement, PathElement};
use plotters::prelude::DrawingBackend;
use plotters::style::{RGBColor, ShapeStyle};

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Theme {
    pub background: RGBColor,
    pub text: RGBColor,
    pub muted: RGBColor,
    pub grid: RGBColor,
    pub axis: RGBColor,
    /// Series colours: Okabe–Ito, safe for the common colour-vision deficiencies.
    pub series: [RGBColor; 4],
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
        series: [RGBColor(0, 114, 178), RGBColor(213, 94, 0), RGBColor(0, 158, 115), RGBColor(204, 121, 167)],
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
        series: [
            RGBColor(86, 180, 233),
            RGBColor(230, 159, 0),
            RGBColor(0, 200, 150),
            RGBColor(222, 143, 188),
        ],
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

/// A dash pattern per series, so curves differ by more than colour: solid, dashed, dotted,
/// long-dashed. `None` is a solid line; `Some((dash, gap))` in pixels.
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
