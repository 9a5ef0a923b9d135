//! Small labelled form controls shared by the panels (plain functions returning Html).

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::domain::activation::formula::field::starter;
use crate::domain::activation::Activation;

/// Options (value, text) for a <select> of numbers, with the current value added when it is not
/// among them (a link may carry any value in range); also the current value as text.
pub fn number_options<T: std::fmt::Display + Copy>(
    values: &[T],
    current: T,
) -> (Vec<(String, String)>, String) {
    let mut list: Vec<(String, String)> = values.iter().map(|v| (v.to_string(), v.to_string())).collect();
    let cur = current.to_string();
    if !list.iter().any(|(v, _)| *v == cur) {
        list.push((cur.clone(), cur.clone()));
    }
    (list, cur)
}

/// A labelled <select>; `on_pick` gets the chosen option's value.
pub fn select(
    label: &str,
    testid: &str,
    options: &[(String, String)],
    selected: &str,
    on_pick: Callback<String>,
) -> Html {
    let onchange = on_pick.reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value());
    let items: Html = options
        .iter()
        .map(|(value, text)| {
            html! {
                <option value={value.clone()} selected={value == selected}>{ text.clone() }</option>
            }
        })
        .collect();
    html! {
        <label class="control">
            <span class="control-label">{ label.to_string() }</span>
            <select {onchange} data-testid={testid.to_string()}>
                { items }
            </select>
        </label>
    }
}

/// A labelled range slider with its value shown; `on_value` gets the number.
#[allow(clippy::too_many_arguments)]
pub fn slider(
    label: &str,
    testid: &str,
    min: f64,
    max: f64,
    step: f64,
    value: f64,
    shown: String,
    on_value: Callback<f64>,
) -> Html {
    let oninput =
        on_value.reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value_as_number());
    html! {
        <label class="control">
            <span class="control-label">{ label.to_string() }</span>
            <span class="slider">
                <input type="range" min={min.to_string()} max={max.to_string()} step={step.to_string()}
                       value={value.to_string()} {oninput} data-testid={testid.to_string()} />
                <output>{ shown }</output>
            </span>
        </label>
    }
}

/// A labelled number box; `on_value` gets the number when it is one (a blank box gives None).
pub fn number(
    label: &str,
    testid: &str,
    value: Option<f64>,
    step: f64,
    placeholder: &str,
    on_value: Callback<Option<f64>>,
) -> Html {
    let onchange = on_value.reform(|e: Event| {
        let input = e.target_unchecked_into::<HtmlInputElement>();
        let text = input.value();
        if text.trim().is_empty() {
            None
        } else {
            text.trim().parse::<f64>().ok().filter(|v| v.is_finite())
        }
    });
    let value = value.map(|v| v.to_string()).unwrap_or_default();
    html! {
        <label class="control">
            <span class="control-label">{ label.to_string() }</span>
            <input type="number" step={step.to_string()} value={value}
                   placeholder={placeholder.to_string()} {onchange} data-testid={testid.to_string()} />
        </label>
    }
}

/// Options from (id, label) pairs.
pub fn opts<'a>(items: impl IntoIterator<Item = (&'a str, &'a str)>) -> Vec<(String, String)> {
    items.into_iter().map(|(v, t)| (v.to_string(), t.to_string())).collect()
}

/// The value of the "Custom formula…" choice of an activation `<select>` (a formula's own id).
pub const CUSTOM: &str = "custom";

/// The options of an activation `<select>`: every catalogue function (its label, or its id
/// where room is short), then "Custom formula…".
pub fn activation_options(labels: bool) -> Vec<(String, String)> {
    let mut list = opts(Activation::ALL.iter().map(|a| (a.id(), if labels { a.label() } else { a.id() })));
    let text = if labels { "Custom formula…" } else { "custom…" };
    list.push((CUSTOM.to_string(), text.to_string()));
    list
}

/// The activation an activation `<select>`'s value stands for: a catalogue function at its
/// default parameter, or for "custom" a starter formula not among `taken`.
pub fn activation_for(value: &str, taken: &[Activation]) -> Option<Activation> {
    if value == CUSTOM {
        return Some(starter(taken));
    }
    Activation::ALL.into_iter().find(|a| a.id() == value)
}

/// A callback for an activation `<select>`: the picked value's activation (see
/// [`activation_for`]), through `action` (any other value, such as "mixed", is ignored).
pub fn pick_activation<A: 'static>(
    act: &Callback<A>,
    action: impl Fn(Activation) -> A + 'static,
) -> Callback<String> {
    let act = act.clone();
    Callback::from(move |v: String| {
        if let Some(a) = activation_for(&v, &[]) {
            act.emit(action(a));
        }
    })
}
