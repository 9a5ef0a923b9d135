//! Browser tests (wasm-bindgen-test in headless Chromium): what needs a real DOM or canvas.
//! Run alone with `./lab test-browser` (or `cargo test --target wasm32-unknown-unknown`).
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_root(id: &str) -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    root.set_id(id);
    document.body().unwrap().append_child(&root).unwrap();
    root
}

async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(50)).await;
}

#[wasm_bindgen_test]
async fn the_app_mounts_its_shell() {
    let root = fresh_root("mount-shell");
    yew::Renderer::<activation_lab::ui::App>::with_root(root.clone()).render();
    settle().await;
    let header = root.query_selector(".app-header").unwrap().expect("header rendered");
    assert!(header.text_content().unwrap().contains("Activation Lab"));
    assert_eq!(root.query_selector_all("[role=tab]").unwrap().length(), 3);
    let selected = root.query_selector("[role=tab][aria-selected=true]").unwrap().unwrap();
    assert_eq!(selected.id(), "tab-explore");
    assert!(root.query_selector("footer [data-testid=version]").unwrap().is_some());
}

#[wasm_bindgen_test]
fn the_panic_overlay_says_what_happened_and_offers_a_reload() {
    activation_lab::ui::panic_overlay::show("index out of bounds: the len is 3 but the index is 7");
    let document = web_sys::window().unwrap().document().unwrap();
    let overlay = document.get_element_by_id("panic-overlay").expect("overlay shown");
    let text = overlay.text_content().unwrap();
    assert!(text.contains("Something went wrong"));
    assert!(text.contains("the index is 7"));
    let button = overlay.query_selector("[data-testid=reload]").unwrap().expect("reload button");
    assert_eq!(button.text_content().unwrap(), "Reload");
    overlay.remove();
}

#[wasm_bindgen_test]
fn the_explorer_chart_draws_on_a_real_canvas() {
    use activation_lab::activation::Activation;
    use activation_lab::charts::activation_chart::ActivationChart;
    use activation_lab::charts::theme::Theme;
    use activation_lab::charts::Chart;
    use plotters::prelude::IntoDrawingArea;
    use wasm_bindgen::JsCast;

    let document = web_sys::window().unwrap().document().unwrap();
    let canvas: web_sys::HtmlCanvasElement = document.create_element("canvas").unwrap().dyn_into().unwrap();
    canvas.set_width(600);
    canvas.set_height(420);
    document.body().unwrap().append_child(&canvas).unwrap();
    let backend = plotters_canvas::CanvasBackend::with_canvas_object(canvas.clone()).expect("a 2D context");
    let acts = [Activation::Relu, Activation::Gelu];
    let geometry = ActivationChart { activations: &acts, range: 3.0, hover_x: Some(1.0) }
        .draw(&backend.into_drawing_area(), &Theme::LIGHT)
        .expect("draws");
    assert!(geometry.right_px > geometry.left_px + 300);
    // Pixels in the plot are not all background: the curves and the shading are there.
    let ctx: web_sys::CanvasRenderingContext2d =
        canvas.get_context("2d").unwrap().unwrap().dyn_into().unwrap();
    let image = ctx.get_image_data(0.0, 0.0, 600.0, 420.0).unwrap().data();
    let non_white = image.chunks_exact(4).filter(|p| p[0] < 250 || p[1] < 250 || p[2] < 250).count();
    assert!(non_white > 600 * 420 / 20, "only {non_white} drawn pixels");
    canvas.remove();
}
