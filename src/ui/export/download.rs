//! Saving files from the page: a Blob (CSV, JSON, PNG) handed to an <a download>.
//! Inside a sandboxed iframe a download may be refused: that failure is returned, not thrown;
//! a refusal the browser does not report is hinted at ([`png_outcome`]).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlCanvasElement;
use yew::Callback;

use crate::ui::shell::browser::{context_2d, create, new_canvas};
use crate::ui::shell::embed::in_frame;

/// Offers `text` as a file named `name`.
pub fn save_text(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "the browser refused to build the file".to_string())?;
    save_blob(name, &blob)
}

/// Offers canvases as one PNG file named `name`: the layers of one picture (points over a
/// heatmap), bottom first, drawn where they lie at the resolution of the largest. Encoding is asynchronous
/// (a Blob, not a data: URL, so large pictures save too): `done` hears how it went.
pub fn save_png(name: &str, layers: &[HtmlCanvasElement], done: Callback<Result<(), String>>) {
    let canvas = match flatten(layers) {
        Ok(c) => c,
        Err(e) => return done.emit(Err(e)),
    };
    let name = name.to_string();
    let on_blob = done.clone();
    let callback = Closure::once_into_js(move |blob: JsValue| {
        let result = blob
            .dyn_into::<web_sys::Blob>()
            .map_err(|_| "the picture could not be encoded".to_string())
            .and_then(|b| save_blob(&name, &b));
        on_blob.emit(result);
    });
    if canvas.to_blob(callback.unchecked_ref()).is_err() {
        done.emit(Err("the canvas could not be read".to_string()));
    }
}

/// What a PNG button says once it has tried: why it failed; or, inside a frame (where the
/// embedding page may refuse downloads without a word), where the file would be; else nothing.
pub fn png_outcome(result: Result<(), String>) -> Option<String> {
    match result {
        Err(e) => Some(format!("PNG not saved: {e}")),
        Ok(()) if in_frame() => Some(
            "PNG offered; if no file appears, the page embedding the lab does not allow downloads.".into(),
        ),
        Ok(()) => None,
    }
}

/// One canvas for the layers: the only one itself, or a new one at the resolution of the
/// largest, with every layer drawn in order where it lies on the page (a heat layer of a few
/// pixels under a plot's rectangle is scaled into it).
fn flatten(layers: &[HtmlCanvasElement]) -> Result<HtmlCanvasElement, String> {
    let layers: Vec<&HtmlCanvasElement> = layers.iter().filter(|c| c.width() > 0 && c.height() > 0).collect();
    let base = *layers.iter().max_by_key(|c| c.width()).ok_or("the chart is not on the page")?;
    if layers.len() == 1 {
        return Ok(base.clone());
    }
    let (w, h) = (base.width(), base.height());
    let at = base.get_bounding_client_rect();
    // Device pixels per CSS pixel of the picture (1 for a canvas not laid out).
    let scale = if at.width() > 0.0 { f64::from(w) / at.width() } else { 1.0 };
    let canvas = new_canvas(w, h)?;
    let ctx = context_2d(&canvas)?;
    for layer in layers {
        let r = layer.get_bounding_client_rect();
        let (x, y, lw, lh) = if r.width() > 0.0 && r.height() > 0.0 {
            (
                (r.left() - at.left()) * scale,
                (r.top() - at.top()) * scale,
                r.width() * scale,
                r.height() * scale,
            )
        } else {
            (0.0, 0.0, f64::from(w), f64::from(h))
        };
        ctx.draw_image_with_html_canvas_element_and_dw_and_dh(layer, x, y, lw, lh)
            .map_err(|_| "a layer of the chart could not be copied".to_string())?;
    }
    Ok(canvas)
}

fn save_blob(name: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let url = web_sys::Url::create_object_url_with_blob(blob)
        .map_err(|_| "the browser refused to offer the file".to_string())?;
    let result = click_link(name, &url);
    let _ = web_sys::Url::revoke_object_url(&url);
    result
}

fn click_link(name: &str, href: &str) -> Result<(), String> {
    let a: web_sys::HtmlAnchorElement = create("a")?;
    a.set_href(href);
    a.set_download(name);
    a.click();
    Ok(())
}
