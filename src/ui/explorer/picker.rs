//! Choosing the curves: a function and its parameter slider per curve, remove, and overlay.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::domain::activation::Activation;
use crate::domain::state::explorer::{ExplorerAction, MAX_CURVES};
use crate::ui::controls::{activation_for, activation_options};
use crate::ui::formula_field::FormulaField;

#[derive(Properties, PartialEq)]
pub struct PickerProps {
    pub activations: Vec<Activation>,
    pub on_action: Callback<ExplorerAction>,
}

fn options(selected: Option<&str>) -> Html {
    activation_options(true)
        .into_iter()
        .map(|(value, text)| {
            let chosen = selected == Some(value.as_str());
            html! { <option {value} selected={chosen}>{ text }</option> }
        })
        .collect()
}

/// The formula field of curve `i`, when it is a formula (plotted as you type: the Explorer
/// only draws, so a formula undefined somewhere is allowed and shows gaps).
fn formula_field(i: usize, act: Activation, on_action: &Callback<ExplorerAction>) -> Html {
    if !matches!(act, Activation::Custom(_)) {
        return Html::default();
    }
    let on_apply = on_action.reform(move |a| ExplorerAction::Replace(i, a));
    let label = format!("Formula of curve {}", i + 1);
    let testid = format!("formula-{i}");
    html! { <FormulaField current={act} {label} {testid} training={false} live={true} {on_apply} /> }
}

#[component]
pub fn Picker(props: &PickerProps) -> Html {
    let shown = props.activations.clone();
    let rows: Html = props.activations.iter().enumerate().map(|(i, act)| {
        let taken = shown.clone();
        let on_change = props.on_action.reform(move |e: Event| {
            let id = e.target_unchecked_into::<HtmlSelectElement>().value();
            ExplorerAction::Replace(i, activation_for(&id, &taken).unwrap_or(Activation::Relu))
        });
        let remove = props.on_action.reform(move |_: MouseEvent| ExplorerAction::Remove(i));
        let slider = act.param().map(|p| {
            let on_input = props.on_action.reform(move |e: InputEvent| {
                let v = e.target_unchecked_into::<HtmlInputElement>().value_as_number();
                ExplorerAction::SetParam(i, v)
            });
            let symbol = format!("{} =", p.symbol);
            let param_testid = format!("param-{i}");
            let param_label = format!("{} of {}", p.name, act.label());
            let shown = format!("{}", p.value);
            html! {
                <label class="param">
                    <span>{ symbol }</span>
                    <input type="range" min={p.min.to_string()} max={p.max.to_string()} step={p.step.to_string()}
                           value={p.value.to_string()} oninput={on_input}
                           data-testid={param_testid}
                           aria-label={param_label} />
                    <output>{ shown }</output>
                </label>
            }
        });
        let swatch = classes!("swatch", format!("swatch-{i}"));
        let curve_label = format!("Curve {}", i + 1);
        let curve_testid = format!("curve-{i}");
        let spec_testid = format!("spec-{i}");
        let remove_label = format!("Remove {}", act.label());
        html! {
            <div class="curve-row" key={i}>
                <span class={swatch} aria-hidden="true"></span>
                <select onchange={on_change} aria-label={curve_label} data-testid={curve_testid}>
                    { options(Some(act.id())) }
                </select>
                { slider.unwrap_or_default() }
                <code class="spec" data-testid={spec_testid}>{ act.to_string() }</code>
                { formula_field(i, *act, &props.on_action) }
                if props.activations.len() > 1 {
                    <button class="icon" onclick={remove} aria-label={remove_label}>{ "×" }</button>
                }
            </div>
        }
    }).collect();
    let add = (props.activations.len() < MAX_CURVES).then(|| {
        let (on_action, taken) = (props.on_action.clone(), shown.clone());
        let on_add = Callback::from(move |e: Event| {
            let select = e.target_unchecked_into::<HtmlSelectElement>();
            let chosen = activation_for(&select.value(), &taken);
            select.set_value("");
            if let Some(a) = chosen {
                on_action.emit(ExplorerAction::Add(a));
            }
        });
        html! {
            <select class="add" onchange={on_add} aria-label="Overlay another activation" data-testid="add-curve">
                <option value="" selected=true>{ "+ overlay another…" }</option>
                { options(None) }
            </select>
        }
    });
    html! {
        <div class="picker">
            { rows }
            { add.unwrap_or_default() }
        </div>
    }
}
