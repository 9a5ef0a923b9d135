//! Thin, failure-tolerant access to the browser: window, document, the URL. Everything here
//! returns Option/Result instead of panicking (inside a sandboxed iframe some of it throws).

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::domain::state::query::Query;

pub fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

pub fn document() -> Option<web_sys::Document> {
    window().and_then(|w| w.document())
}

/// The link's settings: `location.search` plus `location.hash`.
pub fn read_query() -> Query {
    let Some(location) = window().map(|w| w.location()) else { return Query::default() };
    let search = location.search().unwrap_or_default();
    let hash = location.hash().unwrap_or_default();
    Query::from_location(&search, &hash)
}

/// Writes the query into the address bar without a reload or a history entry. The hash is
/// dropped: once written, the settings live in the query.
pub fn write_query(query: &Query) {
    let Some(window) = window() else { return };
    let Ok(history) = window.history() else { return };
    let path = window.location().pathname().unwrap_or_default();
    let text = query.to_query_string();
    let url = if text.is_empty() { path } else { format!("{path}?{text}") };
    let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
}

/// Milliseconds since navigation start (performance.now()).
pub fn now_ms() -> f64 {
    window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// A named point on the page's performance timeline (read by `./lab report` and e2e tests).
pub fn mark(name: &str) {
    if let Some(performance) = window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

/// This page's link without the embedding keys, to open the full app in a new tab.
pub fn full_page_link() -> String {
    let mut query = read_query();
    for key in ["embed", "panels", "controls"] {
        query.remove(key);
    }
    let path = window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
    format!("{path}?{}", query.to_query_string())
}

/// A new, detached element of type `T` (`"a"` as an HtmlAnchorElement, …).
pub fn create<T: JsCast>(tag: &str) -> Result<T, String> {
    let document = document().ok_or("no document")?;
    document
        .create_element(tag)
        .ok()
        .and_then(|e| e.dyn_into::<T>().ok())
        .ok_or_else(|| format!("no {tag} element"))
}

/// A detached canvas of `w`×`h` pixels.
pub fn new_canvas(w: u32, h: u32) -> Result<HtmlCanvasElement, String> {
    let canvas: HtmlCanvasElement = create("canvas")?;
    canvas.set_width(w);
    canvas.set_height(h);
    Ok(canvas)
}

/// A canvas's 2D context.
pub fn context_2d(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, String> {
    canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
        .ok_or_else(|| "no 2D context".to_string())
}
