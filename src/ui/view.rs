//! How the page is shown, shared with every chart through a context: presentation mode makes
//! lines thicker and type larger.

use crate::charts::theme::Theme;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct View {
    pub presenting: bool,
}

impl View {
    /// The chart theme for this view, scaled for the canvas's pixel ratio.
    pub fn theme(self, dark: bool, ratio: f64) -> Theme {
        let base =
            if self.presenting { Theme::for_scheme(dark).presentation() } else { Theme::for_scheme(dark) };
        Theme {
            font_size: (f64::from(base.font_size) * ratio).round() as u32,
            line_width: (f64::from(base.line_width) * ratio).round() as u32,
            ..base
        }
    }
}
