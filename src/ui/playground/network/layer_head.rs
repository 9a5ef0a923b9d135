//! The header of a hidden layer's column in the network diagram: −/+ neuron buttons around its
//! width.

use yew::prelude::*;

use crate::domain::state::playground::{PlayAction, MAX_WIDTH};

pub struct LayerHeadProps {
    /// 0-based hidden layer.
    pub layer: usize,
    pub width: usize,
    pub dead: usize,
    /// Neurons that have died during the run, and those of them alive again.
    pub died: usize,
    pub revived: usize,
    pub on_action: Callback<PlayAction>,
}

pub fn layer_head(props: &LayerHeadProps) -> Html {
    let (l, width, dead) = (props.layer, props.width, props.dead);
    let minus = props.on_action.reform(move |_: MouseEvent| PlayAction::RemoveNeuron(l));
    let plus = props.on_action.reform(move |_: MouseEvent| PlayAction::AddNeuron(l));
    let class = classes!("col-head", "col-controls", format!("gc-{}", l + 2));
    let (minus_label, minus_id) =
        (format!("Remove a neuron from layer {}", l + 1), format!("neuron-minus-{}", l + 1));
    let (plus_label, plus_id) =
        (format!("Add a neuron to layer {}", l + 1), format!("neuron-plus-{}", l + 1));
    let title = format!(
        "layer {}: {width} neurons, {dead} dead (died {} · revived {})",
        l + 1,
        props.died,
        props.revived
    );
    html! {
        <div {class}>
            <button onclick={minus} disabled={width <= 1} aria-label={minus_label} data-testid={minus_id}>{ "−" }</button>
            <span {title}>{ width }</span>
            <button onclick={plus} disabled={width >= MAX_WIDTH} aria-label={plus_label} data-testid={plus_id}>{ "+" }</button>
        </div>
    }
}
