//! How the page is shown, shared with every chart through a context: presentation mode makes
//! lines thicker and type larger.

use crate::charts::theme::Theme;
use crate::ui::hooks::text_scale;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct View {
    pub presenting: bool,
}

impl View {
    /// The chart theme for this view, scaled for the canvas's pixel ratio and the page's text
    /// scale (larger on very wide screens).
    pub fn theme(self, dark: bool, ratio: f64) -> Theme {
        let ratio = ratio * text_scale();
        let base =
            if self.presenting { Theme::for_scheme(dark).presentation() } else { Theme::for_scheme(dark) };
        Theme {
            font_size: (f64::from(base.font_size) * ratio).round() as u32,
            line_width: (f64::from(base.line_width) * ratio).round() as u32,
            ..base
        }
    }
}
