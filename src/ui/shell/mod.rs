//! The page around the sections: the app, header, footer, notices, the panic overlay, the address
//! bar (`browser`, the only code that touches it), the Embed dialog and the lesson panel.

pub(crate) mod app;
pub(crate) mod browser;
pub(crate) mod embed;
pub(crate) mod footer;
pub(crate) mod header;
pub(crate) mod lesson_panel;
pub(crate) mod notices;
pub mod panic_overlay;
pub(crate) mod view;
