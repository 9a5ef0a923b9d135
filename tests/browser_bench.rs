//! The training benchmark in the browser (wasm, headless Chromium): the same cases as
//! `cargo run --release --example bench`, printed as `name: X ms/epoch` (median of 7 runs).
//! A benchmark, not a test: it is ignored by `./lab test` and run with `./lab bench-browser`.
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
    let probe = median(
        (0..9)
            .map(|_| {
                let t = now();
                let p = s.probe(100);
                let dt = now() - t;
                assert_eq!(p.output.len(), 100 * 100);
                dt
            })
            .collect(),
    );
    console_log!("relu8x8_probe100: {probe:.3} ms/probe");
}
