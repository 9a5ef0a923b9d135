//! The app binary: all it does is start the ui layer in the browser.

#[cfg(target_arch = "wasm32")]
fn main() {
    activation_lab::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Activation Lab runs in the browser: `./lab serve`, then open http://127.0.0.1:8080");
}
