//! The worker of the benchmark: trains a Playground session flat out in slices of a few
//! milliseconds, and between slices answers the page: when the page has drawn the last frame
//! (`ready`), the next slice ends by capturing a new one and transferring it.
//!
//! Messages out: `{type: "started"}` once listening (what the page sends before then is lost:
//! the wasm module loads asynchronously), a Float32Array (an encoded [`Frame`]), or
//! `{type: "error", message}`.
//! Messages in: `{type: "start", query: "?activation=relu&..."}`, `{type: "ready"}`.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageChannel, MessageEvent};

use super::wire::Frame;
use super::GRID;
use crate::core::play_url::PlayState;
use crate::core::query::Query;
use crate::core::trainer::Session;

/// How long one slice trains before the worker looks at its messages again.
const SLICE_MS: f64 = 8.0;

struct State {
    session: Option<Session>,
    /// The page has drawn the last frame and wants the next one.
    wanted: bool,
}

pub fn start() {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else { return };
    let Ok(channel) = MessageChannel::new() else { return };
    let state = Rc::new(RefCell::new(State { session: None, wanted: true }));

    // One slice, then a zero-delay message to itself for the next (setTimeout would clamp to 4 ms).
    let slice = {
        let (state, scope, port) = (state.clone(), scope.clone(), channel.port2());
        Closure::<dyn FnMut()>::new(move || {
            let mut state = state.borrow_mut();
            let wanted = state.wanted;
            let Some(session) = state.session.as_mut() else { return };
            let now = || scope.performance().map(|p| p.now()).unwrap_or(0.0);
            let t0 = now();
            while now() - t0 < SLICE_MS {
                if session.step(1).is_diverged() {
                    break;
                }
            }
            let diverged = session.status().is_diverged();
            if wanted || diverged {
                let data = Frame::capture(session, GRID).encode();
                let array = js_sys::Float32Array::from(&data[..]);
                let _ = scope.post_message_with_transfer(&array, &js_sys::Array::of1(&array.buffer()));
                state.wanted = false;
            }
            if !diverged {
                let _ = port.post_message(&JsValue::NULL);
            }
        })
    };
    channel.port1().set_onmessage(Some(slice.as_ref().unchecked_ref()));
    slice.forget();

    let on_message = {
        let (scope, port) = (scope.clone(), channel.port2());
        Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let data = e.data();
            let field =
                |name: &str| js_sys::Reflect::get(&data, &name.into()).ok().and_then(|v| v.as_string());
            match field("type").as_deref() {
                Some("start") => {
                    let query = Query::parse(&field("query").unwrap_or_default());
                    let (play, _) = PlayState::from_query(&query);
                    let fresh = state.borrow().session.is_none();
                    state.borrow_mut().session = Some(Session::new(play.settings));
                    if fresh {
                        let _ = port.post_message(&JsValue::NULL);
                    }
                }
                Some("ready") => state.borrow_mut().wanted = true,
                _ => {
                    let _ =
                        scope.post_message(&message(&[("type", "error"), ("message", "unknown message")]));
                }
            }
        })
    };
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&message(&[("type", "started")]));
}

fn message(fields: &[(&str, &str)]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in fields {
        let _ = js_sys::Reflect::set(&object, &(*key).into(), &(*value).into());
    }
    object.into()
}
