//! The hover readout as text: x, f(x), f′(x) for every curve. Announced politely to screen
//! readers, so the chart's values are there without seeing it.

use yew::prelude::*;

use crate::domain::activation::Activation;
use crate::domain::state::explorer::readout;

#[derive(Properties, PartialEq)]
pub struct ReadoutProps {
    pub activations: Vec<Activation>,
    pub hover_x: Option<f64>,
}

fn fmt(v: f64) -> String {
    if v == 0.0 {
        "0".into()
    } else if v.abs() >= 1e4 || v.abs() < 1e-3 {
        format!("{v:.3e}")
    } else {
        format!("{v:.4}")
    }
}

#[component]
pub fn Readout(props: &ReadoutProps) -> Html {
    let Some(x) = props.hover_x else {
        return html! {
            <p class="readout muted" data-testid="readout" aria-live="polite">
                { "Point at the chart, touch it, or focus it and use ← → to read f(x) and f′(x)." }
            </p>
        };
    };
    let rows: Html = readout(&props.activations, x)
        .into_iter()
        .enumerate()
        .map(|(i, (name, f, df))| {
            let swatch = classes!("swatch", format!("swatch-{i}"));
            let f_testid = format!("readout-f-{i}");
            let df_testid = format!("readout-df-{i}");
            html! {
                <tr>
                    <th scope="row"><span class={swatch} aria-hidden="true"></span>{ name }</th>
                    <td data-testid={f_testid}>{ fmt(f) }</td>
                    <td data-testid={df_testid}>{ fmt(df) }</td>
                </tr>
            }
        })
        .collect();
    let x_text = format!("{x:.3}");
    html! {
        <table class="readout" data-testid="readout" aria-live="polite">
            <caption>{ "x = " }<span data-testid="readout-x">{ x_text }</span></caption>
            <thead><tr><th scope="col">{ "activation" }</th><th scope="col">{ "f(x)" }</th><th scope="col">{ "f′(x)" }</th></tr></thead>
            <tbody>{ rows }</tbody>
        </table>
    }
}
