//! The page around the sections: the app, header, footer, notices, the panic overlay, the address
//! bar (`browser`, the only code that touches it), the Embed dialog (and what a link does not replay), the lesson panel and the
//! list of keyboard shortcuts.

pub(crate) mod app;
pub(crate) mod browser;
pub(crate) mod caveats;
pub(crate) mod embed;
pub(crate) mod footer;
pub(crate) mod header;
pub(crate) mod lesson_panel;
pub(crate) mod notices;
pub mod panic_overlay;
pub(crate) mod shortcuts;
pub(crate) mod view;
