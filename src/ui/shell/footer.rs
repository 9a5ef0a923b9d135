//! The footer: version and what the app is built with.

use yew::prelude::*;

#[component]
pub fn Footer() -> Html {
    html! {
        <footer class="app-footer">
            <span data-testid="version">{ concat!("Activation Lab v", env!("CARGO_PKG_VERSION")) }</span>
            <span>{ "Runs entirely in your browser: Rust, WebAssembly, burn, Yew, plotters." }</span>
        </footer>
    }
}
