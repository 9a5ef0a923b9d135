//! The "Panel as PNG" button at the foot of a panel: saves the panel it sits in (its nearest
//! ancestor matching [`PANEL_SELECTOR`]) as one PNG, composed by `ui::panel_png`. A failure is
//! said next to it, never thrown; the button itself is left out of the picture.

use web_sys::Element;
use yew::prelude::*;

use crate::ui::export::download::png_outcome;
use crate::ui::export::panel_png::save_panel_png;
use panel_png::file_name;

/// What a panel is: a `.panel` box, or an area of charts marked `.png-panel`.
pub const PANEL_SELECTOR: &str = ".panel, .png-panel";

#[derive(Properties, PartialEq)]
pub struct PanelPngButtonProps {
    /// Names the file (`activation-lab-<name>.png`) and the test id (`panel-png-<name>`).
    pub name: AttrValue,
    /// The panel's name in the button's accessible name: "Save the {label} panel as PNG".
    pub label: AttrValue,
}

#[component]
pub fn PanelPngButton(props: &PanelPngButtonProps) -> Html {
    let tools = use_node_ref();
    let message = use_state(|| None::<String>);
    let onclick = {
        let (tools, message, file) = (tools.clone(), message.clone(), file_name(&props.name));
        Callback::from(move |_: MouseEvent| {
            let message = message.clone();
            let done = Callback::from(move |r: Result<(), String>| message.set(png_outcome(r)));
            match tools.cast::<Element>().and_then(|t| t.closest(PANEL_SELECTOR).ok().flatten()) {
                Some(panel) => save_panel_png(&panel, &file, done),
                None => done.emit(Err("the panel is not on the page".into())),
            }
        })
    };
    let aria_label = format!("Save the {} panel as PNG", props.label);
    let testid = format!("panel-png-{}", props.name);
    html! {
        <div class="panel-tools" data-png-skip="" ref={tools}>
            if let Some(m) = &*message { <span class="png-message" role="status">{ m.clone() }</span> }
            <button class="tiny" {onclick} aria-label={aria_label}
                    data-testid={testid}>{ "Panel as PNG" }</button>
        </div>
    }
}
