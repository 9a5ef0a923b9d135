//! The properties of the shown activations side by side.

use yew::prelude::*;

use crate::domain::activation::{Activation, Properties as Props};
use crate::ui::panel_png_button::PanelPngButton;

#[derive(Properties, PartialEq)]
pub struct TableProps {
    pub activations: Vec<Activation>,
}

type Row = (&'static str, &'static str, fn(&Props) -> bool);

const ROWS: [Row; 8] = [
    ("monotonic", "never decreases", |p| p.monotonic),
    ("smooth", "f′ is continuous (no kink)", |p| p.smooth),
    ("bounded below", "outputs cannot go below a floor", |p| p.bounded_below),
    ("bounded above", "outputs cannot go above a ceiling", |p| p.bounded_above),
    ("zero-centred", "f(0) = 0 and outputs take both signs", |p| p.zero_centred),
    ("self-gated", "x times a gate of x", |p| p.self_gated),
    ("dying region", "f′ = 0 on a whole interval: neurons can die", |p| p.dying_region),
    ("saturates", "f′ → 0 for large |x|: gradients vanish", |p| p.saturates),
];

#[component]
pub fn PropertiesTable(props: &TableProps) -> Html {
    let props_of: Vec<Props> = props.activations.iter().map(|a| a.properties()).collect();
    let rows = ROWS.iter().map(|(name, hint, get)| {
        html! {
            <tr>
                <th scope="row" title={*hint}>{ *name }<span class="muted hint">{ format!(" — {hint}") }</span></th>
                { for props_of.iter().map(|p| if get(p) {
                    html! { <td class="yes">{ "✓" }<span class="visually-hidden">{ "yes" }</span></td> }
                } else {
                    html! { <td class="no">{ "—" }<span class="visually-hidden">{ "no" }</span></td> }
                }) }
            </tr>
        }
    });
    html! {
        <section class="panel explorer-properties" aria-label="Properties">
            <table class="properties" data-testid="properties">
                <thead><tr><th scope="col">{ "property" }</th>
                    { for props.activations.iter().enumerate().map(|(i, a)| html! {
                        <th scope="col"><span class={classes!("swatch", format!("swatch-{i}"))} aria-hidden="true"></span>{ a.to_string() }</th>
                    }) }
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
            <PanelPngButton name="explorer-properties" label="properties" />
        </section>
    }
}
