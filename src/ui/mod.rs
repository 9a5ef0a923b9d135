//! The ui layer (wasm32 only): Yew function components, one per file; reducers without side
//! effects; timers and animation frames in hooks that cancel on drop.

mod app;
mod boundary_canvas;
mod browser;
mod chart_canvas;
mod controls;
mod download;
mod embed;
mod experiments;
mod explorer;
mod footer;
mod header;
mod hooks;
mod lesson_panel;
mod line_canvas;
mod notices;
mod panel_png;
mod panel_png_button;
pub mod panic_overlay;
mod playground;
mod png_button;
mod running;
mod section;
mod view;

pub use app::App;

/// Installs the panic overlay and mounts the app into `#app`.
pub fn start() {
    panic_overlay::install();
    let root = browser::document().and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(root) => {
            yew::Renderer::<App>::with_root(root).render();
        }
        None => panic_overlay::show("The page has no #app element to mount into."),
    }
}
