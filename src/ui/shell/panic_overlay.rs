//! A panic must never leave a blank page: the hook logs it and puts a visible overlay with the
//! message and a Reload button on top of whatever is there. It builds DOM with web-sys only,
//! because after a panic the Yew app can no longer be trusted to render.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&format!("Activation Lab panicked: {message}").into());
        show(&message);
    }));
}

/// Shows (or updates) the overlay. Never panics itself: every failure is ignored.
pub fn show(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(body) = document.body() else { return };
    if let Some(existing) = document.get_element_by_id("panic-overlay") {
        existing.remove();
    }
    let Ok(overlay) = document.create_element("div") else { return };
    overlay.set_id("panic-overlay");
    let _ = overlay.set_attribute("role", "alertdialog");
    let _ = overlay.set_attribute("aria-labelledby", "panic-title");
    let _ = overlay.set_attribute("data-testid", "panic-overlay");
    let parts = [
        ("h2", "panic-title", "Something went wrong"),
        ("p", "", "Activation Lab hit an internal error and stopped. Reloading the page starts it again; your settings are in the link."),
        ("pre", "", message),
    ];
    for (tag, id, text) in parts {
        if let Ok(el) = document.create_element(tag) {
            if !id.is_empty() {
                el.set_id(id);
            }
            el.set_text_content(Some(text));
            let _ = overlay.append_child(&el);
        }
    }
    if let Ok(button) = document.create_element("button") {
        button.set_text_content(Some("Reload"));
        let _ = button.set_attribute("data-testid", "reload");
        let reload = Closure::<dyn FnMut()>::new(|| {
            if let Some(window) = web_sys::window() {
                let _ = window.location().reload();
            }
        });
        let _ = button.add_event_listener_with_callback("click", reload.as_ref().unchecked_ref());
        reload.forget();
        let _ = overlay.append_child(&button);
    }
    let _ = body.append_child(&overlay);
}
