//! Export: one menu per panel (the panel or one of its charts as PNG, the panel's files), the
//! DOM half of a panel's picture (the pure half is the `panel_png` crate), and saving a file.

pub(crate) mod download;
pub(crate) mod export_menu;
pub(crate) mod panel_png;
