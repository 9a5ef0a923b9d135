//! The ui layer (wasm32 only): Yew function components, one per file; reducers without side
//! effects; timers and animation frames in hooks that cancel on drop.

mod by_id;
mod canvas;
mod controls;
mod experiments;
mod explorer;
mod export;
mod formula_field;
mod hooks;
mod playground;
mod running;
mod section;
mod shell;
mod spans;

pub use shell::app::App;
pub use shell::panic_overlay;

/// Installs the panic overlay and mounts the app into `#app`.
pub fn start() {
    shell::panic_overlay::install();
    let root = shell::browser::document().and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(root) => {
            yew::Renderer::<App>::with_root(root).render();
        }
        None => shell::panic_overlay::show("The page has no #app element to mount into."),
    }
}
