//! One "Export ▾" menu per panel, instead of a button in every corner: "PNG of this panel"
//! (composed by [`save_panel_png`], at twice the screen's pixel ratio at least), then a "PNG of
//! <chart>" for each chart of the panel (its canvases, found by their [`CHART_ATTRIBUTE`]:
//! a chart marks itself, the menu lists what its panel holds when it opens), then the panel's
//! own files (`extra`: CSV, model file, reusing their download actions).
//!
//! Keys: Enter or Space on the button opens it with the focus on the first item; the arrow
//! keys, Home and End move between items; Escape closes it and gives the focus back to the
//! button; Tab closes it and moves on. A tap or a click elsewhere closes it. The menu carries
//! `data-png-skip`: it is never in a picture, open or closed.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlCanvasElement, HtmlElement};
use yew::prelude::*;

use crate::ui::export::download::{png_outcome, save_png};
use crate::ui::export::panel_png::save_panel_png;
use panel_png::file_name;

/// What a panel is: a `.panel` box, or an area of charts marked `.png-panel`.
pub const PANEL_SELECTOR: &str = ".panel, .png-panel";
/// A chart's box (or its one canvas) carries this attribute, `data-png-chart`, holding what it
/// shows ("the loss chart"); its canvases are its layers, bottom first. `data-png-file` names
/// its file.
pub const CHART_ATTRIBUTE: &str = "data-png-chart";

/// A file the panel offers besides its pictures (the history CSV, the model file).
#[derive(Clone, PartialEq)]
pub struct ExportItem {
    pub label: AttrValue,
    pub testid: AttrValue,
    /// Saves the file; says why not, if it could not.
    pub save: Callback<(), Result<(), String>>,
}

#[derive(Properties, PartialEq)]
pub struct ExportMenuProps {
    /// Names the panel's file (`activation-lab-<name>.png`) and the test ids (`export-<name>`).
    pub name: AttrValue,
    /// The panel's name in the button's accessible name: "Export the {label} panel".
    pub label: AttrValue,
    #[prop_or_default]
    pub extra: Vec<ExportItem>,
}

/// The menu's panel and the charts in it (not those of a panel nested inside it).
fn panel_of(root: &NodeRef) -> Option<Element> {
    root.cast::<Element>()?.closest(PANEL_SELECTOR).ok()?
}

fn charts_in(panel: &Element) -> Vec<Element> {
    let selector = format!("[{CHART_ATTRIBUTE}]");
    let Ok(found) = panel.query_selector_all(&selector) else { return Vec::new() };
    (0..found.length())
        .filter_map(|k| found.get(k)?.dyn_into::<Element>().ok())
        .filter(|c| c.closest(PANEL_SELECTOR).ok().flatten().is_some_and(|p| p.is_same_node(Some(panel))))
        .collect()
}

/// Saves one chart of the panel (its canvases, bottom layer first).
fn save_chart(chart: &Element, done: Callback<Result<(), String>>) {
    let file = chart.get_attribute("data-png-file").unwrap_or_else(|| "activation-lab-chart.png".into());
    if let Some(canvas) = chart.dyn_ref::<HtmlCanvasElement>() {
        return save_png(&file, std::slice::from_ref(canvas), done);
    }
    let Ok(found) = chart.query_selector_all("canvas") else {
        return done.emit(Err("the chart is not on the page".into()));
    };
    let layers: Vec<HtmlCanvasElement> =
        (0..found.length()).filter_map(|k| found.get(k)?.dyn_into::<HtmlCanvasElement>().ok()).collect();
    save_png(&file, &layers, done);
}

/// The menu's items, as buttons, in order.
fn items(root: &NodeRef) -> Vec<HtmlElement> {
    let Some(el) = root.cast::<Element>() else { return Vec::new() };
    let Ok(found) = el.query_selector_all("[role=menuitem]") else { return Vec::new() };
    (0..found.length()).filter_map(|k| found.get(k)?.dyn_into::<HtmlElement>().ok()).collect()
}

/// Moves the focus among the items: `Some(k)` the k-th (negative from the end), or by `step`.
fn move_focus(root: &NodeRef, step: isize, absolute: Option<isize>) {
    let all = items(root);
    if all.is_empty() {
        return;
    }
    let n = all.len() as isize;
    let active = crate::ui::shell::browser::window().and_then(|w| w.document()?.active_element());
    let here = all.iter().position(|i| active.as_ref().is_some_and(|a| a.is_same_node(Some(i))));
    let next = match (absolute, here) {
        (Some(k), _) => k.rem_euclid(n),
        (None, Some(h)) => (h as isize + step).rem_euclid(n),
        (None, None) => 0,
    };
    let _ = all[next as usize].focus();
}

/// What the menu offers when it opens: the charts' names.
fn chart_names(root: &NodeRef) -> Vec<String> {
    panel_of(root).map_or_else(Vec::new, |p| {
        charts_in(&p).iter().map(|c| c.get_attribute(CHART_ATTRIBUTE).unwrap_or_default()).collect()
    })
}

#[component]
pub fn ExportMenu(props: &ExportMenuProps) -> Html {
    let (root, button) = (use_node_ref(), use_node_ref());
    let open = use_state(|| None::<Vec<String>>);
    let message = use_state(|| None::<String>);
    // Opened: the focus on the first item.
    {
        let root = root.clone();
        use_effect_with(open.is_some(), move |open| {
            if *open {
                move_focus(&root, 0, Some(0));
            }
        });
    }
    let close = {
        let (open, button) = (open.clone(), button.clone());
        Callback::from(move |refocus: bool| {
            open.set(None);
            if let (true, Some(b)) = (refocus, button.cast::<HtmlElement>()) {
                let _ = b.focus();
            }
        })
    };
    let on_toggle = {
        let (open, root) = (open.clone(), root.clone());
        Callback::from(move |_: MouseEvent| {
            open.set(if open.is_some() { None } else { Some(chart_names(&root)) })
        })
    };
    let done = {
        let message = message.clone();
        Callback::from(move |r: Result<(), String>| message.set(png_outcome(r)))
    };
    let on_keydown = {
        let (root, close) = (root.clone(), close.clone());
        Callback::from(move |e: KeyboardEvent| {
            let (step, absolute) = match e.key().as_str() {
                "ArrowDown" => (1, None),
                "ArrowUp" => (-1, None),
                "Home" => (0, Some(0)),
                "End" => (0, Some(-1)),
                "Escape" => {
                    e.prevent_default();
                    e.stop_propagation();
                    return close.emit(true);
                }
                "Tab" => return close.emit(false),
                _ => return,
            };
            e.prevent_default();
            move_focus(&root, step, absolute);
        })
    };
    // A click or a tap elsewhere takes the focus out of the menu: it closes.
    let on_focusout = {
        let (root, close, is_open) = (root.clone(), close.clone(), open.is_some());
        Callback::from(move |e: FocusEvent| {
            let inside = e.related_target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
            let root = root.cast::<Element>();
            let stays = inside.zip(root).is_some_and(|(n, r)| r.contains(Some(&n)));
            if is_open && !stays {
                close.emit(false);
            }
        })
    };
    let said = {
        let message = message.clone();
        Callback::from(move |m: Option<String>| message.set(m))
    };
    let entries = menu_entries(props, &root, open.as_deref().unwrap_or_default(), (&done, &said), &close);
    let expanded = if open.is_some() { "true" } else { "false" };
    let aria = format!("Export the {} panel", props.label);
    let (testid, menu_id) = (format!("export-{}", props.name), format!("export-menu-{}", props.name));
    html! {
        <div class="panel-tools export-menu" ref={root} onkeydown={on_keydown} onfocusout={on_focusout} data-png-skip="">
            if let Some(m) = &*message { <span class="png-message" role="status">{ m.clone() }</span> }
            <button ref={button} class="tiny export-toggle" onclick={on_toggle} aria-haspopup="menu" aria-expanded={expanded}
                    aria-controls={menu_id.clone()} aria-label={aria} data-testid={testid}>{ "Export ▾" }</button>
            if open.is_some() {
                <ul class="export-items" role="menu" id={menu_id} aria-label="Export">{ entries }</ul>
            }
        </div>
    }
}

/// The items: the panel's picture, each chart's, the panel's own files.
fn menu_entries(
    props: &ExportMenuProps,
    root: &NodeRef,
    charts: &[String],
    (done, said): (&Callback<Result<(), String>>, &Callback<Option<String>>),
    close: &Callback<bool>,
) -> Html {
    let item = |label: String, testid: String, act: Callback<()>| {
        let close = close.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            close.emit(true);
            act.emit(());
        });
        html! { <li role="none"><button role="menuitem" tabindex="-1" {onclick} data-testid={testid}>{ label }</button></li> }
    };
    let mut entries = Vec::new();
    let (panel_root, panel_done, file) = (root.clone(), done.clone(), file_name(&props.name));
    let save_panel = Callback::from(move |_: ()| match panel_of(&panel_root) {
        Some(panel) => save_panel_png(&panel, &file, panel_done.clone()),
        None => panel_done.emit(Err("the panel is not on the page".into())),
    });
    entries.push(item("PNG of this panel".into(), format!("panel-png-{}", props.name), save_panel));
    for (k, name) in charts.iter().enumerate() {
        let (chart_root, chart_done) = (root.clone(), done.clone());
        let save = Callback::from(move |_: ()| {
            match panel_of(&chart_root).and_then(|p| charts_in(&p).into_iter().nth(k)) {
                Some(chart) => save_chart(&chart, chart_done.clone()),
                None => chart_done.emit(Err("the chart is not on the page".into())),
            }
        });
        entries.push(item(format!("PNG of {name}"), format!("chart-png-{}-{k}", props.name), save));
    }
    for extra in &props.extra {
        let (save, said) = (extra.save.clone(), said.clone());
        let act =
            Callback::from(move |_: ()| said.emit(save.emit(()).err().map(|e| format!("Not saved: {e}"))));
        entries.push(item(extra.label.to_string(), extra.testid.to_string(), act));
    }
    entries.into_iter().collect()
}
