//! The pure half of "Panel as PNG" (the DOM half is `ui::panel_png`): a panel is composed on a
//! fresh canvas from a list of draw operations ([`Op`]) in CSS pixels, relative to the panel's
//! top-left corner. Here: the geometry (rectangles, an SVG viewBox mapped onto its element's
//! box, SVG shapes and path data), reading computed-style values (colours, lengths, dashes,
//! fonts), splitting text into the words whose boxes the page is asked for, the order in which
//! siblings paint, and the operations that draw a box, a range slider, a check box, a progress
//! bar and a select's arrow. Nothing here touches the DOM, so all of it is tested natively.
//!
//! Submodules, one concern each (all their public items are re-exported here):
//! - `colour`: [`Rgba`], [`default_accent`], [`backdrop`];
//! - `css`: computed lengths, dashes, fonts and box shadows ([`px`], [`box_shadows`], …);
//! - `text`: [`words`], [`chars`], [`transform_text`], [`Align`];
//! - `paint`: [`paint_order`] of sibling [`Layer`]s, [`skip_subtree`], [`clips_overflow`];
//! - `svg`: [`ViewBox`], [`Fit`], [`Mapping`] (and [`Shape::mapped`]), [`svg_shape`]; `path`: [`parse_path`];
//! - `boxes`: [`BoxStyle`] and [`box_ops`], [`rounded_rect`];
//! - `controls`: [`range_ops`], [`check_ops`], [`progress_ops`], [`select_arrow_ops`].

mod boxes;
mod colour;
mod controls;
mod css;
mod paint;
mod path;
mod svg;
mod text;

pub use boxes::{box_ops, rounded_rect, BoxShadow, BoxStyle, Edge, LineStyle};
pub use colour::{backdrop, default_accent, Rgba};
pub use controls::{check_ops, fraction, progress_ops, range_ops, select_arrow_ops, SELECT_ARROW_ROOM};
pub use css::{box_shadows, canvas_font, dashes, length, px};
pub use paint::{clips_overflow, paint_order, skip_subtree, Layer};
pub use path::parse_path;
pub use svg::{svg_shape, Fit, Mapping, ViewBox};
pub use text::{chars, transform_text, words, Align, Word};

/// A rectangle in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn new(x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect { x, y, w, h }
    }

    pub fn right(self) -> f64 {
        self.x + self.w
    }

    pub fn bottom(self) -> f64 {
        self.y + self.h
    }

    /// No area (or not a number).
    pub fn is_empty(self) -> bool {
        !(self.w > 0.0 && self.h > 0.0)
    }

    /// The same rectangle seen from `origin` (the panel's top-left corner).
    pub fn relative_to(self, origin: (f64, f64)) -> Rect {
        Rect { x: self.x - origin.0, y: self.y - origin.1, ..self }
    }

    /// Shrunk by the given amounts (CSS order: top, right, bottom, left); never negative.
    pub fn inset(self, [top, right, bottom, left]: [f64; 4]) -> Rect {
        Rect {
            x: self.x + left,
            y: self.y + top,
            w: (self.w - left - right).max(0.0),
            h: (self.h - top - bottom).max(0.0),
        }
    }

    pub fn centre(self) -> (f64, f64) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }
}

/// One piece of a path, in absolute coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Seg {
    Move((f64, f64)),
    Line((f64, f64)),
    Quad((f64, f64), (f64, f64)),
    Cubic((f64, f64), (f64, f64), (f64, f64)),
    Close,
}

/// Something to fill or stroke.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    Rect { rect: Rect, radius: f64 },
    Ellipse { cx: f64, cy: f64, rx: f64, ry: f64 },
    Path(Vec<Seg>),
}

/// A line to stroke.
#[derive(Clone, Debug, PartialEq)]
pub struct Stroke {
    pub colour: Rgba,
    pub width: f64,
    pub dash: Vec<f64>,
    pub round_cap: bool,
}

/// One draw operation, in CSS pixels from the panel's top-left corner. `I` is an image source
/// (a canvas on the page).
#[derive(Clone, Debug, PartialEq)]
pub enum Op<I> {
    Fill {
        shape: Shape,
        colour: Rgba,
    },
    Stroke {
        shape: Shape,
        stroke: Stroke,
    },
    /// Text centred vertically in `rect` (its font's ascent and descent), aligned across it.
    Text {
        text: String,
        rect: Rect,
        font: String,
        colour: Rgba,
        letter_spacing: f64,
        align: Align,
        /// Squeeze the text into the rect's width when the canvas's is wider (words whose box
        /// the page gave; not for a control's value, which is clipped instead).
        fit: bool,
    },
    Image {
        image: I,
        rect: Rect,
        /// A CSS filter (`grayscale(1) opacity(0.35)`), as the canvas's `filter`.
        filter: Option<String>,
    },
    /// Saves the state, then multiplies the opacity by `alpha` and clips to `clip`, until the
    /// matching Pop.
    Push {
        clip: Option<Shape>,
        alpha: f64,
    },
    Pop,
}

/// The largest side (device pixels) and area a picture may have: browsers refuse larger canvases.
pub const MAX_SIDE: f64 = 16_384.0;
pub const MAX_AREA: f64 = 64.0e6;

/// The least device pixels per CSS pixel of a panel's picture: sharp on a projector or a
/// slide even when taken on a screen of pixel ratio 1.
pub const MIN_PNG_SCALE: f64 = 2.0;

/// Device pixels per CSS pixel for a panel of `w`×`h` CSS pixels: the page's pixel ratio, at
/// least [`MIN_PNG_SCALE`], less when the picture would be too large for a canvas.
pub fn png_scale(w: f64, h: f64, pixel_ratio: f64) -> f64 {
    let ratio = if pixel_ratio.is_finite() && pixel_ratio > 0.0 { pixel_ratio } else { 1.0 };
    let ratio = ratio.max(MIN_PNG_SCALE);
    let side = MAX_SIDE / w.max(h).max(1.0);
    let area = (MAX_AREA / (w.max(1.0) * h.max(1.0))).sqrt();
    ratio.min(side).min(area)
}

/// The picture's size in device pixels (at least 1×1).
pub fn png_size(w: f64, h: f64, scale: f64) -> (u32, u32) {
    let side = |v: f64| (v * scale).round().clamp(1.0, MAX_SIDE) as u32;
    (side(w), side(h))
}

/// The file a panel is saved as: `activation-lab-<name>.png`, the name reduced to a-z, 0-9
/// and dashes.
pub fn file_name(panel: &str) -> String {
    let mut name = String::new();
    for c in panel.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            name.push(c);
        } else if !name.ends_with('-') && !name.is_empty() {
            name.push('-');
        }
    }
    let name = name.trim_end_matches('-');
    if name.is_empty() {
        "activation-lab-panel.png".to_string()
    } else {
        format!("activation-lab-{name}.png")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Op` with no image source, for the tests of this module and its submodules.
    pub(super) type TestOp = Op<()>;

    pub(super) fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn the_picture_is_the_panel_times_the_pixel_ratio_at_least_twice_within_canvas_limits() {
        assert_eq!(png_scale(600.0, 400.0, 2.0), 2.0);
        assert_eq!(png_scale(600.0, 400.0, 1.0), 2.0, "at least twice, on a screen of ratio 1");
        assert_eq!(png_scale(600.0, 400.0, 1.25), 2.0);
        assert_eq!(png_scale(600.0, 400.0, 3.0), 3.0, "the screen's ratio when it is larger");
        assert_eq!(png_size(600.4, 400.6, 2.0), (1201, 1201 - 400));
        assert_eq!(png_scale(600.0, 400.0, f64::NAN), 2.0);
        let s = png_scale(20_000.0, 100.0, 1.0);
        assert!(close(s, MAX_SIDE / 20_000.0));
        let big = png_scale(8000.0, 8000.0, 3.0);
        assert!(8000.0 * 8000.0 * big * big <= MAX_AREA * 1.0001);
        assert_eq!(png_size(0.0, 0.0, 1.0), (1, 1));
    }

    #[test]
    fn file_names_are_tidy() {
        assert_eq!(file_name("play-network"), "activation-lab-play-network.png");
        assert_eq!(file_name("Explorer chart!"), "activation-lab-explorer-chart.png");
        assert_eq!(file_name("--"), "activation-lab-panel.png");
    }

    #[test]
    fn rects_inset_and_move() {
        let r = Rect::new(10.0, 20.0, 100.0, 50.0);
        assert_eq!(r.relative_to((10.0, 20.0)), Rect::new(0.0, 0.0, 100.0, 50.0));
        assert_eq!(r.inset([1.0, 2.0, 3.0, 4.0]), Rect::new(14.0, 21.0, 94.0, 46.0));
        assert_eq!(r.inset([40.0, 0.0, 40.0, 0.0]).h, 0.0);
        assert!(Rect::new(0.0, 0.0, f64::NAN, 1.0).is_empty());
        assert_eq!((r.right(), r.bottom(), r.centre()), (110.0, 70.0, (60.0, 45.0)));
    }
}
