//! The per-layer gradient norms at the current epoch as text (for reading exact figures and
//! for screen readers): a row per layer, a column per activation, then layer 1 ÷ the last
//! hidden layer and the test accuracy. A norm below a thousandth of its network's largest is
//! marked as vanished.

use yew::prelude::*;

use super::Snapshot;
use crate::domain::experiments::depth::format_norm;
use crate::ui::by_id::ById;

#[derive(Properties, PartialEq)]
pub struct NormTableProps {
    pub snapshot: ById<Snapshot>,
    pub version: u64,
}

/// A norm this far below its network's largest is shown as vanished.
const VANISHED: f64 = 1e-3;

#[component]
pub fn NormTable(props: &NormTableProps) -> Html {
    let slots = &props.snapshot.slots;
    let rows = slots.iter().map(|v| v.norms.len()).max().unwrap_or(0);
    let depth = rows.saturating_sub(1);
    let epoch = slots.iter().map(|v| v.epoch).min().unwrap_or(0);
    let largest: Vec<f64> =
        slots.iter().map(|v| v.norms.iter().copied().filter(|n| n.is_finite()).fold(0.0, f64::max)).collect();
    let cell = |i: usize, l: usize| {
        let n = slots[i].norms.get(l).copied().unwrap_or(f64::NAN);
        let id = if l + 1 == rows { format!("norm-{i}-out") } else { format!("norm-{i}-{}", l + 1) };
        let vanished = n.is_finite() && n < largest[i] * VANISHED;
        html! { <td data-testid={id} class={classes!(vanished.then_some("vanished"))}>{ format_norm(n) }</td> }
    };
    let caption = format!("Gradient norm ‖∂L/∂W‖ of each layer at epoch {epoch}");
    let heads: Html = slots
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let swatch = classes!("swatch", format!("swatch-{i}"));
            html! {
                <th scope="col"><span class={swatch} aria-hidden="true"></span>{ v.label.clone() }</th>
            }
        })
        .collect();
    let body: Html = (0..rows)
        .map(|l| {
            let layer = if l + 1 == rows { "output".to_string() } else { (l + 1).to_string() };
            let cells: Html = (0..slots.len()).map(|i| cell(i, l)).collect();
            html! {
                <tr>
                    <th scope="row">{ layer }</th>
                    { cells }
                </tr>
            }
        })
        .collect();
    let ratio_label = format!("layer 1 ÷ layer {depth}");
    let ratios: Html = slots
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let testid = format!("ratio-{i}");
            let ratio = v.ratio.map_or("–".to_string(), format_norm);
            html! { <td data-testid={testid}>{ ratio }</td> }
        })
        .collect();
    let accuracies: Html = slots
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let testid = format!("acc-{i}");
            let accuracy = v.test_accuracy.map_or("–".to_string(), |a| format!("{:.0}%", a * 100.0));
            html! { <td data-testid={testid}>{ accuracy }</td> }
        })
        .collect();
    let diverged: Html = slots
        .iter()
        .filter_map(|v| {
            v.diverged.as_ref().map(|m| {
                let text = format!("{} stopped: {m}", v.label);
                html! { <p class="diverged" role="alert">{ text }</p> }
            })
        })
        .collect();
    html! {
        <div class="depth-table-wrap">
            <table class="readout depth-table" data-testid="norm-table">
                <caption>{ caption }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Layer" }</th>
                        { heads }
                    </tr>
                </thead>
                <tbody>
                    { body }
                </tbody>
                <tfoot>
                    <tr>
                        <th scope="row">{ ratio_label }</th>
                        { ratios }
                    </tr>
                    <tr>
                        <th scope="row">{ "test accuracy" }</th>
                        { accuracies }
                    </tr>
                </tfoot>
            </table>
            { diverged }
        </div>
    }
}
