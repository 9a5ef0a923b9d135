//! The small "PNG" button of a chart: saves its canvas (or its stacked canvases, bottom layer
//! first) as one PNG file. A failure is said next to the button, never thrown. It carries
//! `data-png-skip`, so a picture of the whole panel leaves it out.

use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use crate::ui::export::download;

#[derive(Properties, PartialEq)]
pub struct PngButtonProps {
    /// The canvases saved, bottom layer first (all drawn at the size of the first).
    pub layers: Vec<NodeRef>,
    /// The file's name.
    pub file: AttrValue,
    /// What is saved, for the accessible name "Save {label} as PNG".
    pub label: AttrValue,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
    #[prop_or(classes!("tiny"))]
    pub class: Classes,
    #[prop_or(AttrValue::Static("PNG"))]
    pub text: AttrValue,
}

#[component]
pub fn PngButton(props: &PngButtonProps) -> Html {
    let message = use_state(|| None::<String>);
    let onclick = {
        let (layers, file, message) = (props.layers.clone(), props.file.clone(), message.clone());
        Callback::from(move |_: MouseEvent| {
            let canvases: Vec<HtmlCanvasElement> = layers.iter().filter_map(NodeRef::cast).collect();
            let message = message.clone();
            download::save_png(
                &file,
                &canvases,
                Callback::from(move |r| message.set(download::png_outcome(r))),
            );
        })
    };
    let aria = format!("Save {} as PNG", props.label);
    html! {
        <span class="png-button" data-png-skip="">
            <button class={props.class.clone()} {onclick} aria-label={aria}
                    data-testid={props.testid.clone()}>{ props.text.clone() }</button>
            if let Some(m) = &*message { <span class="png-message" role="status">{ m.clone() }</span> }
        </span>
    }
}
