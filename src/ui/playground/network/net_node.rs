//! One node of the network diagram: its live heatmap (painted by the diagram), a dead (✕) or
//! saturated (≈) mark, its bias; hovering a hidden neuron shows it large in the output panel.
//! An input is labelled with its feature (X₁, sin(X₂), …); an unused one is a faded button that
//! adds it.

use yew::prelude::*;

use crate::ui::playground::NODE_MAP;

pub struct NetNodeProps {
    /// Column (0 the inputs) and index in it.
    pub column: usize,
    pub index: usize,
    /// Grid column and first grid row (1-based).
    pub place: (usize, usize),
    pub title: AttrValue,
    pub class: Classes,
    pub mark: Option<&'static str>,
    pub bias: Option<f32>,
    /// The hidden neuron (layer, index) this node is, if it is one.
    pub hover_key: Option<(usize, usize)>,
    pub on_hover: Callback<Option<(usize, usize)>>,
    /// An input's feature label, shown to the left of its node.
    pub label: Option<&'static str>,
    /// An input node's click: toggles its feature off.
    pub on_click: Option<Callback<MouseEvent>>,
}

/// A plain function, not a component: it has no state, and a component per node or link
/// would cost Yew bookkeeping (and download size) for nothing.
pub fn net_node(props: &NetNodeProps) -> Html {
    let (c, j, (gc, gr)) = (props.column, props.index, props.place);
    let hover_key = props.hover_key;
    let on_enter = props.on_hover.reform(move |_: MouseEvent| hover_key);
    let on_leave = props.on_hover.reform(|_: MouseEvent| None);
    // Focus shows the neuron as hovering does (keyboard users, and a tap on a touch screen).
    let on_focus = props.on_hover.reform(move |_: FocusEvent| hover_key);
    let on_blur = props.on_hover.reform(|_: FocusEvent| None);
    let bias_mark = props.bias.map(|b| {
        let size = match b.abs() {
            a if a < 0.05 => "b-s",
            a if a < 0.5 => "b-m",
            _ => "b-l",
        };
        let class = classes!("bias", size, if b >= 0.0 { "w-pos-bg" } else { "w-neg-bg" });
        let title = format!("bias {b:.3}");
        html! { <span {class} {title}></span> }
    });
    let class = classes!("net-node", format!("gc-{gc}"), format!("gr-{gr}"), props.class.clone());
    let testid = format!("node-{c}-{j}");
    let tabindex = if hover_key.is_some() { "0" } else { "-1" };
    let (size, column, index) = (NODE_MAP.to_string(), c.to_string(), j.to_string());
    let label = props.label.map(|l| html! { <span class="input-label" aria-hidden="true">{ l }</span> });
    html! {
        <div {class} title={props.title.clone()} onmouseenter={on_enter} onmouseleave={on_leave}
             onfocus={on_focus} onblur={on_blur} onclick={props.on_click.clone()}
             data-testid={testid} {tabindex}>
            { label.unwrap_or_default() }
            <canvas class="node-map" width={size.clone()} height={size} data-column={column} data-index={index} />
            if let Some(m) = props.mark { <span class="node-mark" aria-hidden="true">{ m }</span> }
            { bias_mark.unwrap_or_default() }
        </div>
    }
}

pub struct UnusedInputProps {
    /// Index in `Feature::ALL`, and grid column and first grid row (1-based).
    pub index: usize,
    pub place: (usize, usize),
    pub label: &'static str,
    pub onclick: Callback<MouseEvent>,
}

/// An input feature the network does not use: its map faded, a button that adds it (as TF
/// Playground's greyed inputs).
pub fn unused_input(props: &UnusedInputProps) -> Html {
    let (j, (gc, gr)) = (props.index, props.place);
    let class = classes!("net-input-off", format!("gc-{gc}"), format!("gr-{gr}"));
    let (aria, title) =
        (format!("Use input {}", props.label), format!("Input {} (unused): click to use it", props.label));
    let (testid, size, index) = (format!("input-off-{j}"), NODE_MAP.to_string(), j.to_string());
    html! {
        <button {class} {title} aria-label={aria} aria-pressed="false" onclick={props.onclick.clone()}
                data-testid={testid}>
            <span class="input-label" aria-hidden="true">{ props.label }</span>
            <canvas class="node-map" width={size.clone()} height={size} data-column="0" data-index={index} />
        </button>
    }
}
