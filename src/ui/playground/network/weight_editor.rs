//! Editing a link's weight by hand, as in TensorFlow Playground: a click or a tap on a link,
//! or Enter or Space on a focused one, opens a small box at the link's middle with its weight
//! selected; Enter (or Set) sets what is typed, Escape (or ✕) keeps the weight. A non-number is
//! refused in the box, which stays open; a weight beyond ±100 is clamped, with a notice
//! ([`read_weight`]). The arrow keys move the focus from link to link (only one link is in the
//! page's tab order). Closing the box gives the focus back to its link.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, SvgElement};
use yew::prelude::*;

use super::net_link::{link_key, parse_link};
use crate::domain::nn::weight_edit::{read_weight, weight_text, LinkId};
use crate::domain::state::page::Notice;
use crate::ui::playground::Live;

/// The link being edited and what the diagram's links and the editor do.
pub struct LinkEditing {
    /// The link being edited and its weight when the editor opened.
    pub open: Option<(LinkId, f32)>,
    /// For the links' SVG: a click or a tap on a link opens its editor.
    pub on_click: Callback<MouseEvent>,
    /// For the links' SVG: Enter or Space opens the focused link's editor, arrows move the focus.
    pub on_keydown: Callback<KeyboardEvent>,
    pub on_set: Callback<(f32, Option<String>)>,
    pub on_cancel: Callback<()>,
}

/// The link whose hit line is (or holds) the event's target.
fn target_link(target: Option<web_sys::EventTarget>) -> Option<(Element, LinkId)> {
    let el = target?.dyn_into::<Element>().ok()?.closest("[data-link]").ok()??;
    let link = parse_link(&el.get_attribute("data-link")?)?;
    Some((el, link))
}

fn focus_link(container: &NodeRef, link: LinkId) {
    let Some(root) = container.cast::<Element>() else { return };
    let selector = format!("[data-link=\"{}\"]", link_key(link));
    if let Some(el) =
        root.query_selector(&selector).ok().flatten().and_then(|e| e.dyn_into::<SvgElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Moves the focus `by` links (in the diagram's order) from `from`, stopping at the ends.
fn move_focus(container: &NodeRef, from: &Element, by: isize) {
    let Some(root) = container.cast::<Element>() else { return };
    let Ok(all) = root.query_selector_all(".link-hit") else { return };
    let here = (0..all.length()).find(|&k| all.get(k).is_some_and(|n| n.is_same_node(Some(from))));
    let Some(here) = here else { return };
    let next = (here as isize + by).clamp(0, all.length() as isize - 1) as u32;
    if let Some(el) = all.get(next).and_then(|n| n.dyn_into::<SvgElement>().ok()) {
        let _ = el.focus();
    }
}

#[hook]
pub fn use_link_editor(
    live: &Live,
    on_weight: &Callback<(LinkId, f32)>,
    on_notice: &Callback<Vec<Notice>>,
    container: &NodeRef,
) -> LinkEditing {
    let open = use_state(|| None::<(LinkId, f32)>);
    let start = {
        let (open, session) = (open.clone(), live.session.clone());
        Callback::from(move |link: LinkId| {
            let weights = session.borrow().weights();
            if let Some(w) = link.weight_in(&weights) {
                open.set(Some((link, w)));
            }
        })
    };
    let on_click = {
        let start = start.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some((_, link)) = target_link(e.target()) {
                start.emit(link);
            }
        })
    };
    let on_keydown = {
        let (start, container) = (start.clone(), container.clone());
        Callback::from(move |e: KeyboardEvent| {
            let Some((el, link)) = target_link(e.target()) else { return };
            let by = match e.key().as_str() {
                "Enter" | " " => {
                    e.prevent_default();
                    return start.emit(link);
                }
                "ArrowRight" | "ArrowDown" => 1,
                "ArrowLeft" | "ArrowUp" => -1,
                _ => return,
            };
            e.prevent_default();
            move_focus(&container, &el, by);
        })
    };
    let close = {
        let (open, container) = (open.clone(), container.clone());
        Callback::from(move |link: LinkId| {
            open.set(None);
            focus_link(&container, link);
        })
    };
    let current = *open;
    let on_set = {
        let (close, on_weight, on_notice) = (close.clone(), on_weight.clone(), on_notice.clone());
        Callback::from(move |(w, note): (f32, Option<String>)| {
            let Some((link, _)) = current else { return };
            on_weight.emit((link, w));
            if let Some(note) = note {
                on_notice.emit(vec![Notice::new("weight", note)]);
            }
            close.emit(link);
        })
    };
    let on_cancel = Callback::from(move |_: ()| {
        if let Some((link, _)) = current {
            close.emit(link);
        }
    });
    LinkEditing { open: current, on_click, on_keydown, on_set, on_cancel }
}

#[derive(Properties, PartialEq)]
pub struct WeightEditorProps {
    /// "X₁ → L1.2".
    pub name: AttrValue,
    /// The weight when the editor opened (what Escape keeps).
    pub weight: f32,
    /// The link's middle, in percent of the diagram's width and height.
    pub at: (f64, f64),
    /// A weight read from the box (clamped) and the note about its clamping, if any.
    pub on_set: Callback<(f32, Option<String>)>,
    pub on_cancel: Callback<()>,
}

/// Places the box at the link's middle: through the CSSOM, as the page's CSP allows no style
/// attribute. Where it cannot be placed it stays at the diagram's top left, still usable.
fn place(root: &NodeRef, (x, y): (f64, f64)) {
    let Some(el) = root.cast::<HtmlElement>() else { return };
    let style = el.style();
    let _ = style.set_property("left", &format!("{:.1}%", x.clamp(0.0, 100.0)));
    let _ = style.set_property("top", &format!("{:.1}%", y.clamp(0.0, 100.0)));
}

#[component]
pub fn WeightEditor(props: &WeightEditorProps) -> Html {
    let (root, input) = (use_node_ref(), use_node_ref());
    let error = use_state(|| None::<String>);
    // Opened: placed, the weight written in and selected. The box is not bound to a value
    // (the diagram re-renders every frame while training: a bound value would undo the typing).
    {
        let (root, input, at, initial) = (root.clone(), input.clone(), props.at, weight_text(props.weight));
        use_effect_with(at, move |at| {
            place(&root, *at);
            if let Some(input) = input.cast::<HtmlInputElement>() {
                input.set_value(&initial);
                let _ = input.focus();
                input.select();
            }
        });
    }
    let onsubmit = {
        let (input, error, on_set) = (input.clone(), error.clone(), props.on_set.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let text = input.cast::<HtmlInputElement>().map(|i| i.value()).unwrap_or_default();
            match read_weight(&text) {
                Ok(read) => on_set.emit(read),
                Err(why) => error.set(Some(why)),
            }
        })
    };
    let onkeydown = {
        let on_cancel = props.on_cancel.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                e.stop_propagation();
                on_cancel.emit(());
            }
        })
    };
    let on_close = props.on_cancel.reform(|_: MouseEvent| ());
    let label = format!("Weight {}", props.name);
    let invalid = if error.is_some() { "true" } else { "false" };
    html! {
        <form class="weight-editor" ref={root} {onsubmit} {onkeydown} data-testid="weight-editor" data-png-skip="">
            <label for="weight-input">{ label }</label>
            <span class="row">
                <input id="weight-input" ref={input} type="text" inputmode="decimal" autocomplete="off"
                       aria-invalid={invalid} aria-describedby="weight-help" data-testid="weight-input" />
                <button type="submit" data-testid="weight-set">{ "Set" }</button>
                <button type="button" onclick={on_close} aria-label="Cancel: keep the weight" data-testid="weight-cancel">{ "✕" }</button>
            </span>
            if let Some(why) = &*error {
                <p class="weight-error" id="weight-help" role="alert" data-testid="weight-error">{ why.clone() }</p>
            } else {
                <p class="muted weight-help" id="weight-help">{ "Enter sets it (−100 to 100), Escape keeps it." }</p>
            }
        </form>
    }
}
