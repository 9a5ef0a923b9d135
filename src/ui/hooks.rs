//! Hooks that hold browser resources: every listener is removed when its component unmounts
//! (gloo's handles cancel on drop).

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

const DARK_QUERY: &str = "(prefers-color-scheme: dark)";

fn prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media(DARK_QUERY).ok().flatten())
        .map(|m| m.matches())
        .unwrap_or(false)
}

/// Whether the page is in its dark theme (follows `prefers-color-scheme` live).
#[hook]
pub fn use_dark_mode() -> bool {
    let dark = use_state(prefers_dark);
    {
        let dark = dark.clone();
        use_effect_with((), move |_| {
            let listener =
                web_sys::window().and_then(|w| w.match_media(DARK_QUERY).ok().flatten()).map(|mql| {
                    let target: web_sys::EventTarget = mql.unchecked_into();
                    EventListener::new(&target, "change", move |_| dark.set(prefers_dark()))
                });
            move || drop(listener)
        });
    }
    *dark
}

/// A counter that changes whenever the window is resized (charts redraw at their new size).
#[hook]
pub fn use_resize_tick() -> u32 {
    let tick = use_state(|| 0u32);
    {
        let tick = tick.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window()
                .map(|w| EventListener::new(&w, "resize", move |_| tick.set(tick.wrapping_add(1))));
            move || drop(listener)
        });
    }
    *tick
}

/// The device pixel ratio (≥ 1), so canvases draw crisply on high-density screens.
pub fn pixel_ratio() -> f64 {
    web_sys::window().map(|w| w.device_pixel_ratio()).unwrap_or(1.0).clamp(1.0, 3.0)
}

/// How much larger than the usual 16 px the root font is (the stylesheet raises it on very
/// wide screens, e.g. a 4K projector at 100 % scaling): chart text and lines grow with it.
/// Charts ask on every redraw, some every frame; the computed style is read again only when
/// the window's width (what the stylesheet's breakpoints depend on) has changed.
pub fn text_scale() -> f64 {
    thread_local! {
        static CACHE: std::cell::Cell<Option<(f64, f64)>> = const { std::cell::Cell::new(None) };
    }
    let Some(window) = web_sys::window() else { return 1.0 };
    let width = window.inner_width().ok().and_then(|w| w.as_f64()).unwrap_or(0.0);
    if let Some((w, scale)) = CACHE.get() {
        if w == width {
            return scale;
        }
    }
    let root = window.document().and_then(|d| d.document_element()).and_then(|element| {
        window.get_computed_style(&element).ok().flatten()?.get_property_value("font-size").ok()
    });
    let scale = root
        .and_then(|size| size.trim_end_matches("px").parse::<f64>().ok())
        .map_or(1.0, |px| (px / 16.0).clamp(1.0, 3.0));
    CACHE.set(Some((width, scale)));
    scale
}

/// Calls `on_frame(timestamp)` on every animation frame while `active`; the pending frame is
/// cancelled when `active` turns false or the component unmounts (gloo's handle cancels on drop).
#[hook]
pub fn use_animation_loop(active: bool, on_frame: Callback<f64>) {
    use std::cell::RefCell;
    use std::rc::Rc;

    // The latest callback, so a re-render with a new closure does not restart the loop.
    let latest = use_mut_ref(|| on_frame.clone());
    *latest.borrow_mut() = on_frame;
    use_effect_with(active, move |&active| {
        let pending: Rc<RefCell<Option<gloo_render::AnimationFrame>>> = Rc::new(RefCell::new(None));
        if active {
            fn schedule(
                pending: Rc<RefCell<Option<gloo_render::AnimationFrame>>>,
                latest: Rc<RefCell<Callback<f64>>>,
            ) {
                let next = pending.clone();
                let handle = gloo_render::request_animation_frame(move |t| {
                    let callback = latest.borrow().clone();
                    callback.emit(t);
                    schedule(next, latest);
                });
                *pending.borrow_mut() = Some(handle);
            }
            schedule(pending.clone(), latest);
        }
        move || {
            pending.borrow_mut().take();
        }
    });
}

/// Calls `on_key` for key presses anywhere on the page, except while typing in a form field
/// (so the shortcuts never steal a keystroke from an input). Removed on unmount.
#[hook]
pub fn use_shortcuts(on_key: Callback<web_sys::KeyboardEvent>) {
    let latest = use_mut_ref(|| on_key.clone());
    *latest.borrow_mut() = on_key;
    use_effect_with((), move |_| {
        let listener = web_sys::window().map(|w| {
            EventListener::new(&w, "keydown", move |e| {
                let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                if e.ctrl_key() || e.meta_key() || e.alt_key() {
                    return;
                }
                let typing = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .map(|el| matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"))
                    .unwrap_or(false);
                if !typing {
                    let callback = latest.borrow().clone();
                    callback.emit(e.clone());
                }
            })
        });
        move || drop(listener)
    });
}
