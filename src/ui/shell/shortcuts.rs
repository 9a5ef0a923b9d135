//! The list of keyboard shortcuts, opened with `?` in any section: every shortcut of the lab
//! ([`keyboard::SHORTCUTS`]), grouped by where it works. It takes the focus when it opens (its
//! Close button) and gives it back when it closes.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::domain::keyboard::{self, Scope};

pub struct ShortcutsDialogProps {
    pub on_close: Callback<()>,
    /// The Close button (focused when the list opens).
    pub close_ref: NodeRef,
}

pub fn shortcuts_dialog(props: &ShortcutsDialogProps) -> Html {
    let onclick = props.on_close.reform(|_: MouseEvent| ());
    let groups: Html = Scope::ALL.iter().map(|&scope| group(scope)).collect();
    html! {
        <div class="shortcuts panel" role="dialog" aria-labelledby="shortcuts-title" data-testid="shortcuts">
            <h3 id="shortcuts-title">{ "Keyboard shortcuts" }</h3>
            <div class="shortcut-groups">{ groups }</div>
            <button ref={props.close_ref.clone()} {onclick} data-testid="shortcuts-close">{ "Close" }</button>
        </div>
    }
}

fn group(scope: Scope) -> Html {
    let rows: Html = keyboard::in_scope(scope)
        .map(|s| {
            let keys: Html = s.keys.iter().map(|k| html! { <kbd>{ *k }</kbd> }).collect();
            html! { <><dt>{ keys }</dt><dd>{ s.does }</dd></> }
        })
        .collect();
    html! {
        <section class="shortcut-group">
            <h4>{ scope.title() }</h4>
            <dl>{ rows }</dl>
        </section>
    }
}

/// Opens and closes the list: `?` toggles it, Escape closes it. Moves the focus into it when
/// it opens and back to where it was when it closes. Returns whether it is open, the Close
/// button's ref, and the callback that closes it.
pub struct ShortcutsState {
    pub open: bool,
    pub close_ref: NodeRef,
    pub on_close: Callback<()>,
    /// Handles `?` and Escape (returns whether it did).
    pub on_key: Callback<String, bool>,
}

#[hook]
pub fn use_shortcuts_dialog() -> ShortcutsState {
    let open = use_state(|| false);
    let close_ref = use_node_ref();
    let before = use_mut_ref(|| None::<web_sys::HtmlElement>);
    {
        let (close_ref, before) = (close_ref.clone(), before.clone());
        use_effect_with(*open, move |&open| {
            if open {
                *before.borrow_mut() = active_element();
                if let Some(close) = close_ref.cast::<web_sys::HtmlElement>() {
                    let _ = close.focus();
                }
            } else if let Some(element) = before.borrow_mut().take() {
                if element.is_connected() {
                    let _ = element.focus();
                }
            }
        });
    }
    let on_close = {
        let open = open.clone();
        Callback::from(move |_: ()| open.set(false))
    };
    let on_key = {
        let open = open.clone();
        Callback::from(move |key: String| match key.as_str() {
            "?" => {
                open.set(!*open);
                true
            }
            "Escape" if *open => {
                open.set(false);
                true
            }
            _ => false,
        })
    };
    ShortcutsState { open: *open, close_ref, on_close, on_key }
}

/// The focused element, unless that is the page itself.
fn active_element() -> Option<web_sys::HtmlElement> {
    let document = web_sys::window()?.document()?;
    let active = document.active_element()?;
    let body = document.body().map(web_sys::Element::from);
    if body.as_ref() == Some(&active) {
        return None;
    }
    active.dyn_into::<web_sys::HtmlElement>().ok()
}
