//! The properties of the shown activations side by side.

use yew::prelude::*;

use crate::domain::activation::{Activation, Properties as Props};
use crate::ui::export::export_menu::ExportMenu;

#[derive(Properties, PartialEq)]
pub struct TableProps {
    pub activations: Vec<Activation>,
}

type Row = (&'static str, &'static str, fn(&Props) -> bool);

const ROWS: [Row; 9] = [
    ("monotonic", "never decreases", |p| p.monotonic),
    ("smooth", "f′ is continuous (no kink)", |p| p.smooth),
    ("bounded below", "outputs cannot go below a floor", |p| p.bounded_below),
    ("bounded above", "outputs cannot go above a ceiling", |p| p.bounded_above),
    ("zero-centred", "f(0) = 0 and outputs take both signs", |p| p.zero_centred),
    ("self-gated", "x times a gate of x", |p| p.self_gated),
    ("dying region", "f′ = 0 on a whole interval: neurons can die", |p| p.dying_region),
    (
        "saturates as x → −∞",
        "f′ → 0 on the far left: units pushed there stop learning (ReLU: exactly 0; sigmoid, ELU: fading)",
        |p| p.saturates_left,
    ),
    (
        "saturates as x → +∞",
        "f′ → 0 on the far right: large inputs pass back almost no gradient (sigmoid, tanh; never ReLU)",
        |p| p.saturates_right,
    ),
];

/// One table cell: a tick or a dash, with the word for screen readers.
fn cell(yes: bool) -> Html {
    if yes {
        html! { <td class="yes">{ "✓" }<span class="visually-hidden">{ "yes" }</span></td> }
    } else {
        html! { <td class="no">{ "—" }<span class="visually-hidden">{ "no" }</span></td> }
    }
}

/// A column head: the curve's colour swatch and its text form.
fn column_head(index: usize, activation: &Activation) -> Html {
    let swatch = classes!("swatch", format!("swatch-{index}"));
    html! { <th scope="col"><span class={swatch} aria-hidden="true"></span>{ activation.to_string() }</th> }
}

#[component]
pub fn PropertiesTable(props: &TableProps) -> Html {
    let props_of: Vec<Props> = props.activations.iter().map(|a| a.properties()).collect();
    let heads: Html = props.activations.iter().enumerate().map(|(i, a)| column_head(i, a)).collect();
    let rows: Html = ROWS
        .iter()
        .map(|(name, hint, get)| {
            let note = format!(" — {hint}");
            let cells: Html = props_of.iter().map(|p| cell(get(p))).collect();
            html! {
                <tr>
                    <th scope="row" title={*hint}>{ *name }<span class="muted hint">{ note }</span></th>
                    { cells }
                </tr>
            }
        })
        .collect();
    html! {
        <section class="panel explorer-properties" aria-label="Properties">
            <table class="properties" data-testid="properties">
                <thead><tr><th scope="col">{ "property" }</th>{ heads }</tr></thead>
                <tbody>{ rows }</tbody>
            </table>
            <ExportMenu name="explorer-properties" label="properties" />
        </section>
    }
}
