//! The Web Worker of the worker benchmark (`./lab bench-worker`): trains flat out.

#[cfg(target_arch = "wasm32")]
fn main() {
    activation_lab::worker_bench::worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("a Web Worker of the browser benchmark: run `./lab bench-worker`");
}
