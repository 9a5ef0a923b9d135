//! Hooks that hold browser resources: every listener is removed when its component unmounts
//! (gloo's handles cancel on drop).

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::domain::keyboard::{self, TargetKind};

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
/// That happens in an effect, after the render that turned `active` false, and Yew may let
/// the browser run a frame before it: a callback whose work must stop at once (training after
/// a pause) checks a synchronous flag first (`use_budgeted_training` reads the reducer's
/// current state).
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

/// What the keydown's target is ([`keyboard::target_kind`]; the page when there is none).
fn target_kind(e: &web_sys::KeyboardEvent) -> TargetKind {
    let Some(el) = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
        return TargetKind::Page;
    };
    let (tag, input_type, role) = (el.tag_name(), el.get_attribute("type"), el.get_attribute("role"));
    let editable = el.dyn_ref::<web_sys::HtmlElement>().is_some_and(|h| h.is_content_editable());
    keyboard::target_kind(&keyboard::Element {
        tag: &tag,
        input_type: input_type.as_deref(),
        role: role.as_deref(),
        editable,
        href: el.has_attribute("href"),
    })
}

/// Calls `on_key` for the key presses anywhere on the page that may be shortcuts: never while
/// typing in a field, never Space or Enter while a control has focus (they press it), never
/// with Ctrl, Alt or Meta ([`keyboard::shortcut_allowed`]). Space with the page focused never
/// scrolls it, whether or not a shortcut takes it. Removed on unmount.
#[hook]
pub fn use_shortcuts(on_key: Callback<web_sys::KeyboardEvent>) {
    let latest = use_mut_ref(|| on_key.clone());
    *latest.borrow_mut() = on_key;
    use_effect_with((), move |_| {
        let listener = web_sys::window().map(|w| {
            // Not passive (gloo's default): a passive listener's preventDefault does nothing.
            let options = EventListenerOptions::enable_prevent_default();
            EventListener::new_with_options(&w, "keydown", options, move |e| {
                let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                if e.ctrl_key() || e.meta_key() || e.alt_key() {
                    return;
                }
                let (target, key) = (target_kind(e), e.key());
                if keyboard::stops_scrolling(target, &key) {
                    e.prevent_default();
                }
                if keyboard::shortcut_allowed(target, &key) {
                    let callback = latest.borrow().clone();
                    callback.emit(e.clone());
                }
            })
        });
        move || drop(listener)
    });
}
