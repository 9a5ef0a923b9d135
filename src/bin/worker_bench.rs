//! The page of the worker benchmark (`./lab bench-worker`): draws the Playground's live views
//! while the training runs in the frame or in a worker.

#[cfg(target_arch = "wasm32")]
fn main() {
    activation_lab::worker_bench::page::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the page of the browser benchmark: run `./lab bench-worker`");
}
