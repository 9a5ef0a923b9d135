//! Embedding: the content height posted to the parent page (auto-height), the command
//! messages a course page can send, the epoch events sent back, and the "Copy embed code"
//! dialog. Inside `<iframe sandbox="allow-scripts">` storage and clipboard may throw: every
//! such failure degrades quietly.

use crate::ui::shell::caveats::LinkCaveats;
use gloo_events::EventListener;
use gloo_timers::callback::Interval;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::domain::state::embed::{
    panels_for, snippet, too_long, Command, SnippetOptions, COMMAND_TYPE, HEIGHT_TYPE, MAX_SETTINGS_LEN,
    REPLY_TYPE,
};
use crate::domain::state::page::{autoplay, page_flag, read_tab, Notice};
use crate::domain::state::query::Query;
use crate::ui::shell::browser;

/// Whether the lab runs inside a frame (embedded in another page).
pub fn in_frame() -> bool {
    web_sys::window().map(|w| w.parent().ok().flatten().is_some_and(|p| p != w)).unwrap_or(false)
}

/// Posts `message` to the parent page, if there is one. Any origin may embed the lab, so
/// the target origin is `*`; the messages hold nothing private.
pub fn post_to_parent(message: &JsValue) {
    if !in_frame() {
        return;
    }
    if let Some(parent) = web_sys::window().and_then(|w| w.parent().ok().flatten()) {
        let _ = parent.post_message(message, "*");
    }
}

/// A plain object from (key, value) pairs.
pub fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let obj = js_sys::Object::new();
    for (k, v) in fields {
        let _ = js_sys::Reflect::set(&obj, &JsValue::from_str(k), v);
    }
    obj.into()
}

/// While embedded, tells the parent the content's height whenever it changes
/// (`{type: "activation-lab:height", height}`), checked four times a second.
#[hook]
pub fn use_embed_height(embed: bool) {
    use_effect_with(embed, |&embed| {
        let mut last = 0;
        let interval = (embed && in_frame()).then(|| {
            Interval::new(250, move || {
                let height = content_height();
                if height != last && height > 0 {
                    last = height;
                    post_to_parent(&object(&[("type", HEIGHT_TYPE.into()), ("height", height.into())]));
                }
            })
        });
        move || drop(interval)
    });
}

/// The height the lab's content needs: the shell's own height (in embed mode it does not
/// stretch to the frame), so the frame can shrink as well as grow. The document's scroll height
/// would never report less than the frame's current height.
fn content_height() -> i32 {
    let document = browser::document();
    let shell = document.as_ref().and_then(|d| d.query_selector(".shell").ok().flatten());
    match shell.and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok()) {
        Some(shell) => shell.offset_height(),
        None => document.and_then(|d| d.document_element()).map_or(0, |e| e.scroll_height()),
    }
}

/// Answers a command (`{type: "activation-lab:reply", command, ok, notices: [{key,
/// message}]}`): `ok` when nothing was refused, clamped or ignored, else the notices say what
/// and what was kept instead.
pub fn reply(command: &str, notices: &[Notice]) {
    let list = js_sys::Array::new();
    for n in notices {
        list.push(&object(&[("key", n.key.as_str().into()), ("message", n.message.as_str().into())]));
    }
    post_to_parent(&object(&[
        ("type", REPLY_TYPE.into()),
        ("command", command.into()),
        ("ok", notices.is_empty().into()),
        ("notices", list.into()),
    ]));
}

/// Calls `on_command` for well-formed command messages from the parent page
/// (`{type: "activation-lab:command", command: "play"|"pause"|"step"|"reset"|"set", settings?}`);
/// a malformed one of that type is answered with a [`reply`] saying why. Messages of any
/// other type are ignored.
#[hook]
pub fn use_commands(on_command: Callback<Command>) {
    let latest = use_mut_ref(|| on_command.clone());
    *latest.borrow_mut() = on_command;
    use_effect_with((), move |_| {
        let listener = web_sys::window().map(|w| {
            EventListener::new(&w, "message", move |e| {
                let Some(e) = e.dyn_ref::<web_sys::MessageEvent>() else { return };
                let data = e.data();
                // A string field is copied into wasm only when it fits a command: its length is
                // read on the JS side first (a huge string would stay in wasm memory for good).
                let get = |k: &str| -> Result<Option<String>, usize> {
                    let v = js_sys::Reflect::get(&data, &JsValue::from_str(k)).ok();
                    match v.as_ref().and_then(|v| v.dyn_ref::<js_sys::JsString>()) {
                        Some(s) if s.length() as usize > MAX_SETTINGS_LEN => Err(s.length() as usize),
                        Some(s) => Ok(s.as_string()),
                        None => Ok(None),
                    }
                };
                let field = |k: &str| get(k).ok().flatten();
                if !data.is_object() || field("type").as_deref() != Some(COMMAND_TYPE) {
                    return;
                }
                let name = field("command").unwrap_or_default();
                let settings = match get("settings") {
                    Ok(settings) => settings,
                    Err(len) => return reply(&name, &[Notice::new("command", too_long(len))]),
                };
                match Command::parse(&name, settings.as_deref()) {
                    Ok(command) => {
                        let callback = latest.borrow().clone();
                        callback.emit(command);
                    }
                    Err(message) => reply(&name, &[Notice::new("command", message)]),
                }
            })
        });
        move || drop(listener)
    });
}

/// The lab's address without query, as the snippet names it.
fn page_address() -> String {
    let location = web_sys::window().map(|w| w.location());
    let origin = location.as_ref().and_then(|l| l.origin().ok()).unwrap_or_default();
    let path = location.as_ref().and_then(|l| l.pathname().ok()).unwrap_or_default();
    format!("{origin}{path}")
}

/// The dialog's starting choices: those of the current link.
fn initial_options(query: &Query, tab: &str) -> SnippetOptions {
    let chosen: Vec<String> =
        query.get("panels").unwrap_or_default().split(',').map(str::trim).map(String::from).collect();
    SnippetOptions {
        panels: panels_for(tab)
            .iter()
            .filter(|p| chosen.iter().any(|c| c == *p))
            .map(|p| p.to_string())
            .collect(),
        controls: page_flag(query, "controls", true).0,
        autoplay: autoplay(query).0,
    }
}

/// A readable name for a panel id in the dialog.
fn panel_label(id: &str) -> String {
    let name = id.strip_prefix("explorer-").or_else(|| id.strip_prefix("play-")).unwrap_or(id);
    name.replace("chart-", "chart: ").replace('-', " ")
}

#[derive(Properties, PartialEq)]
pub struct EmbedDialogProps {
    pub on_close: Callback<()>,
}

/// "Copy embed code": the snippet, copied to the clipboard, or selected for Ctrl+C where the
/// clipboard is not allowed.
#[component]
pub fn EmbedDialog(props: &EmbedDialogProps) -> Html {
    let query = use_memo((), |_| browser::read_query());
    let tab = read_tab(&query).0.id();
    let options = use_state(|| initial_options(&query, tab));
    let code = use_memo(((*options).clone(), query.clone()), |(options, query)| {
        snippet(&page_address(), query, options)
    });
    let toggle = |change: fn(&mut SnippetOptions, String)| {
        let options = options.clone();
        move |value: String| {
            let mut next = (*options).clone();
            change(&mut next, value);
            options.set(next);
        }
    };
    let on_controls = toggle(|o, _| o.controls = !o.controls);
    let on_autoplay = toggle(|o, _| o.autoplay = !o.autoplay);
    let on_panel = toggle(|o, id| {
        if o.panels.contains(&id) {
            o.panels.retain(|p| *p != id);
        } else {
            o.panels.push(id);
        }
    });
    let panel_boxes: Html = panels_for(tab)
        .iter()
        .map(|id| {
            let on_panel = on_panel.clone();
            let checked = options.panels.iter().any(|p| p == id);
            let onchange = Callback::from(move |_: Event| on_panel(id.to_string()));
            let testid = format!("embed-panel-{id}");
            html! {
                <label class="check"><input type="checkbox" {checked} {onchange} data-testid={testid} />{ panel_label(id) }</label>
            }
        })
        .collect();
    let has_panels = !panels_for(tab).is_empty();
    let is_play = tab == "play";
    let on_controls = Callback::from(move |_: Event| on_controls(String::new()));
    let on_autoplay = Callback::from(move |_: Event| on_autoplay(String::new()));
    let caveats = use_context::<LinkCaveats>().map(|c| c.get()).unwrap_or_default();
    let caveats: Html = caveats
        .into_iter()
        .map(|c| html! { <p class="caveat" data-testid="embed-caveat">{ c }</p> })
        .collect();
    let status = use_state(String::new);
    let area = use_node_ref();
    let on_copy = {
        let (code, status, area) = (code.clone(), status.clone(), area.clone());
        Callback::from(move |_: MouseEvent| {
            let (code, status, area) = ((*code).clone(), status.clone(), area.clone());
            let clipboard = web_sys::window().map(|w| w.navigator().clipboard());
            wasm_bindgen_futures::spawn_local(async move {
                let copied = match clipboard {
                    Some(c) => JsFuture::from(c.write_text(&code)).await.is_ok(),
                    None => false,
                };
                if copied {
                    status.set("Copied. Paste it into your course page.".into());
                } else {
                    if let Some(a) = area.cast::<HtmlTextAreaElement>() {
                        let _ = a.focus();
                        a.select();
                    }
                    status.set(
                        "The browser did not allow copying: the code is selected, press Ctrl+C (⌘C).".into(),
                    );
                }
            });
        })
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <div class="dialog-backdrop">
            <div class="dialog panel" role="dialog" aria-modal="true" aria-labelledby="embed-title" data-testid="embed-dialog">
                <h2 id="embed-title">{ "Embed this view" }</h2>
                <p>{ "Paste this into a course page (HTML, Jupyter Book, Quarto, MkDocs, Moodle or Canvas: see docs/embedding.md). It opens exactly what you see now; its script grows the frame to the lab's height." }</p>
                { caveats }
                <fieldset class="embed-options">
                    <legend>{ "Options" }</legend>
                    <label class="check"><input type="checkbox" checked={options.controls} onchange={on_controls} data-testid="embed-controls" />{ "Show the controls" }</label>
                    if is_play {
                        <label class="check"><input type="checkbox" checked={options.autoplay} onchange={on_autoplay} data-testid="embed-autoplay" />{ "Start training when the page opens" }</label>
                    }
                    if has_panels {
                        <p class="muted">{ "Show only these panels (none ticked: all of them):" }</p>
                        <div class="embed-panels">{ panel_boxes }</div>
                    }
                </fieldset>
                <textarea ref={area} readonly=true rows="6" data-testid="embed-snippet" aria-label="Embed code" value={(*code).clone()} />
                <div class="row">
                    <button class="primary" onclick={on_copy} data-testid="embed-copy">{ "Copy embed code" }</button>
                    <button onclick={close}>{ "Close" }</button>
                </div>
                if !status.is_empty() { <p role="status" class="muted" data-testid="embed-status">{ (*status).clone() }</p> }
            </div>
        </div>
    }
}
