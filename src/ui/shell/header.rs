//! The header: the app's name and the section tabs (a WAI-ARIA tablist with a roving tabindex:
//! Tab reaches the selected tab only; the arrow keys, Home and End select another and move the
//! focus with it).

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::domain::state::page::Tab;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub current: Tab,
    pub on_select: Callback<Tab>,
    pub presenting: bool,
    pub on_present: Callback<()>,
    pub on_embed: Callback<()>,
}

#[component]
pub fn Header(props: &HeaderProps) -> Html {
    let onkeydown = {
        let (current, on_select) = (props.current, props.on_select.clone());
        Callback::from(move |e: KeyboardEvent| {
            if let Some(next) = neighbour(current, &e.key()) {
                e.prevent_default();
                on_select.emit(next);
                focus_tab(next);
            }
        })
    };
    let fullscreen = Callback::from(|_: MouseEvent| {
        let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element());
        if let Some(root) = root {
            // Refused inside an iframe without allow="fullscreen": nothing to do then.
            let _ = root.request_fullscreen();
        }
    });
    let tabs: Html = Tab::ALL
        .iter()
        .map(|&tab| {
            let selected = tab == props.current;
            let onclick = props.on_select.reform(move |_: MouseEvent| tab);
            let id = format!("tab-{}", tab.id());
            let testid = format!("tab-{}", tab.id());
            html! {
                <button id={id} role="tab" class="tab"
                        data-testid={testid}
                        aria-selected={selected.to_string()} aria-controls="main"
                        tabindex={if selected { "0" } else { "-1" }} {onclick}>
                    { tab.label() }
                </button>
            }
        })
        .collect();
    html! {
        <header class="app-header">
            <h1 class="brand"><span class="brand-mark" aria-hidden="true">{ "⌁" }</span>{ "Activation Lab" }</h1>
            <nav class="tabs" role="tablist" aria-label="Sections" {onkeydown}>{ tabs }</nav>
            <div class="header-tools">
                <a href="?lesson=what-is-relu" class="lessons-link" data-testid="lessons">{ "Lessons" }</a>
                <button onclick={props.on_present.reform(|_: MouseEvent| ())} aria-pressed={props.presenting.to_string()}
                        data-testid="present" title="Presentation mode (f)">
                    { if props.presenting { "Exit presentation" } else { "Present" } }
                </button>
                <button onclick={fullscreen} title="Fullscreen" data-testid="fullscreen">{ "Fullscreen" }</button>
                <button onclick={props.on_embed.reform(|_: MouseEvent| ())} data-testid="embed-code">{ "Embed" }</button>
            </div>
        </header>
    }
}

/// Focuses the tab of `tab` (every tab is in the page, so it can take the focus before the
/// render that makes it the one reachable with Tab).
fn focus_tab(tab: Tab) {
    let id = format!("tab-{}", tab.id());
    let element = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&id));
    if let Some(element) = element.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
}

fn neighbour(current: Tab, key: &str) -> Option<Tab> {
    let i = Tab::ALL.iter().position(|&t| t == current)?;
    let n = Tab::ALL.len();
    match key {
        "ArrowRight" => Some(Tab::ALL[(i + 1) % n]),
        "ArrowLeft" => Some(Tab::ALL[(i + n - 1) % n]),
        "Home" => Some(Tab::ALL[0]),
        "End" => Some(Tab::ALL[n - 1]),
        _ => None,
    }
}
