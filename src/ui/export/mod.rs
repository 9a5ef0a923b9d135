//! Export: a chart or a whole panel as PNG (the DOM half; the pure half is the `panel_png`
//! crate), and saving a file.

pub(crate) mod download;
pub(crate) mod panel_png;
pub(crate) mod panel_png_button;
pub(crate) mod png_button;
