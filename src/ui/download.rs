//! Saving files from the page: a Blob (CSV, JSON) or a canvas (PNG) handed to an <a download>.
//! Inside a sandboxed iframe a download may be refused: that failure is returned, not thrown.

use wasm_bindgen::JsCast;

/// Offers `text` as a file named `name`.
pub fn save_text(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "the browser refused to build the file".to_string())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "the browser refused to offer the file".to_string())?;
    let result = click_link(name, &url);
    let _ = web_sys::Url::revoke_object_url(&url);
    result
}

/// Offers a canvas's pixels as a PNG file.
pub fn save_canvas_png(name: &str, canvas: &web_sys::HtmlCanvasElement) -> Result<(), String> {
    let url =
        canvas.to_data_url_with_type("image/png").map_err(|_| "the canvas could not be read".to_string())?;
    click_link(name, &url)
}

fn click_link(name: &str, href: &str) -> Result<(), String> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "no link element".to_string())?
        .dyn_into()
        .map_err(|_| "no link element".to_string())?;
    a.set_href(href);
    a.set_download(name);
    a.click();
    Ok(())
}
