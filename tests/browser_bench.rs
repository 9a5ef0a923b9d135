//! The training benchmark in the browser (wasm, headless Chromium): the same cases as
//! `cargo run --release --example bench`, printed as `name: X ms/epoch` (median of 7 runs).
//! A benchmark, not a test: it is ignored by `./lab test` and run with `./lab bench-browser`.
//! It trains for two seconds before timing anything: the browser first runs the wasm through its
//! baseline compiler and swaps in optimised code for hot functions a while later, so the first
//! case timed without a warm-up measured the baseline code (4–5× slower than the page trains).
#![cfg(target_arch = "wasm32")]

use activation_lab::domain::activation::Activation;
use activation_lab::domain::nn::settings::Settings;
use activation_lab::domain::nn::trainer::Session;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or_else(js_sys::Date::now)
}

fn relu8x8() -> Settings {
    Settings {
        hidden: vec![8, 8],
        activation: Activation::Relu,
        batch_size: 10,
        learning_rate: 0.03,
        ..Settings::default()
    }
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

/// ms per epoch (including the per-epoch metrics the Playground shows), median of 7 runs.
fn per_epoch(settings: Settings, epochs: usize) -> f64 {
    median(
        (0..7)
            .map(|_| {
                let mut s = Session::new(settings.clone());
                s.step(1); // warm-up
                let t = now();
                s.step(epochs);
                (now() - t) / epochs as f64
            })
            .collect(),
    )
}

#[wasm_bindgen_test]
#[ignore]
fn training_and_probe_speed_in_the_browser() {
    let mut warm = Session::new(relu8x8());
    let start = now();
    while now() - start < 2000.0 {
        warm.step(5);
        warm.probe(50);
    }
    let cases = [
        ("relu8x8_b10", relu8x8(), 20),
        ("relu8x8_full", Settings { batch_size: 250, ..relu8x8() }, 50),
        ("tanh4x2_b10", Settings { hidden: vec![4, 2], activation: Activation::Tanh, ..relu8x8() }, 20),
        ("relu16x6_1000pts_b10", Settings { hidden: vec![16; 6], num_points: 2000, ..relu8x8() }, 2),
    ];
    for (name, settings, epochs) in cases {
        console_log!("{name}: {:.3} ms/epoch", per_epoch(settings, epochs));
    }
    let s = Session::new(relu8x8());
    // 50×50 is what the Playground probes (its output is drawn from it at 100×100).
    for n in [50, 100] {
        let probe = median(
            (0..9)
                .map(|_| {
                    let t = now();
                    let p = s.probe(n);
                    let dt = now() - t;
                    assert_eq!(p.output.len(), n * n);
                    dt
                })
                .collect(),
        );
        console_log!("relu8x8_probe{n}: {probe:.3} ms/probe");
    }
}
