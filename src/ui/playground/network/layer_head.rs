//! The header of a hidden layer's column in the network diagram: −/+ neuron buttons around its
//! width.

use yew::prelude::*;

use web_sys::HtmlSelectElement;

use crate::domain::activation::Activation;
use crate::domain::nn::settings::Settings;
use crate::domain::state::playground::{PlayAction, MAX_WIDTH};
use crate::ui::controls::{activation_options, pick_activation};
use crate::ui::formula_field::FormulaField;

pub struct LayerHeadProps {
    /// 0-based hidden layer.
    pub layer: usize,
    pub width: usize,
    pub dead: usize,
    /// Neurons that have died during the run, and those of them alive again.
    pub died: usize,
    pub revived: usize,
    /// The layer's activation (its own, or the global one).
    pub activation: Activation,
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
    let options = activation_options(false);
    let on_pick = pick_activation(&props.on_action, move |a| PlayAction::SetLayerActivation(l, a));
    let onchange = on_pick.reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value());
    let (act_label, act_id) = (format!("Activation of layer {}", l + 1), format!("layer-act-{}", l + 1));
    let items: Html = options.iter().map(|(v, t)| option(v, t, v == props.activation.id())).collect();
    let act_class = classes!("col-head", "layer-act", format!("gc-{}", l + 2));
    let title = format!(
        "layer {}: {width} neurons, {dead} dead (died {} · revived {})",
        l + 1,
        props.died,
        props.revived
    );
    html! {
        <>
        <div {class}>
            <button onclick={minus} disabled={width <= 1} aria-label={minus_label} data-testid={minus_id} data-png-skip="">{ "−" }</button>
            <span {title}>{ width }</span>
            <button onclick={plus} disabled={width >= MAX_WIDTH} aria-label={plus_label} data-testid={plus_id} data-png-skip="">{ "+" }</button>
        </div>
        <select class={act_class} {onchange} aria-label={act_label} data-testid={act_id} title="This layer's activation">
            { items }
        </select>
        </>
    }
}

fn option(value: &str, text: &str, selected: bool) -> Html {
    html! { <option value={value.to_string()} {selected}>{ text.to_string() }</option> }
}

/// A formula field for each layer whose own activation is a formula (the diagram's columns are
/// too narrow for one), below the diagram.
pub fn layer_formulas(settings: &Settings, on_action: &Callback<PlayAction>) -> Html {
    let fields: Vec<(usize, Activation)> = settings
        .layer_activations
        .iter()
        .enumerate()
        .filter_map(|(l, a)| a.filter(|a| matches!(a, Activation::Custom(_))).map(|a| (l, a)))
        .collect();
    if fields.is_empty() {
        return Html::default();
    }
    let items: Html = fields
        .into_iter()
        .map(|(l, a)| {
            let label = format!("Formula of layer {}", l + 1);
            let testid = format!("layer-formula-{}", l + 1);
            let on_apply = on_action.reform(move |a| PlayAction::SetLayerActivation(l, a));
            html! { <FormulaField current={a} {label} {testid} {on_apply} /> }
        })
        .collect();
    html! { <div class="layer-formulas">{ items }</div> }
}
