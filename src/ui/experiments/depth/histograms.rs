//! Histograms of every hidden layer's activations at initialisation (over a grid of the input
//! plane), for one activation at a time: saturation shows as mass piled at the ends of a
//! bounded range (sigmoid, tanh), dead ReLUs as a spike at 0.

use yew::prelude::*;

use super::HIST_GRID;
use crate::charts::histogram::Histograms;
use crate::domain::activation::Activation;
use crate::domain::experiments::depth::DepthAction;
use crate::ui::by_id::ById;
use crate::ui::canvas::chart_canvas::{AnyChart, ChartCanvas, Sizing};

#[derive(Properties, PartialEq)]
pub struct InitHistogramsProps {
    pub activations: Vec<Activation>,
    pub slot: usize,
    /// `init[slot][layer]`: the activations at initialisation.
    pub init: ById<Vec<Vec<Vec<f32>>>>,
    pub on_action: Callback<DepthAction>,
}

/// Bins per panel.
const BINS: usize = 30;

#[component]
pub fn InitHistograms(props: &InitHistogramsProps) -> Html {
    let slot = props.slot;
    let act = props.activations.get(slot).copied().unwrap_or(Activation::Relu);
    let title = format!("Activations at initialisation · {act}");
    let layers = props.init.get(slot).map_or(0, Vec::len);
    // The slot's layers, copied out once per set of activations (the chart owns its data).
    let data = use_memo((props.init.clone(), slot), {
        let init = props.init.clone();
        move |_| init.get(slot).cloned().unwrap_or_default()
    });
    let (lo, hi) = act.range();
    let chart = Histograms {
        title: title.clone(),
        layers: data,
        bins: BINS,
        x_range: (lo.is_finite() && hi.is_finite()).then_some((lo, hi)),
        colour: slot,
    };
    let buttons: Html = props
        .activations
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let on = i == slot;
            let onclick = props.on_action.reform(move |_: MouseEvent| DepthAction::ShowHistograms(i));
            let testid = format!("hist-{i}");
            html! {
                <button role="radio" aria-checked={on.to_string()} class={classes!("seg", on.then_some("on"))}
                        data-testid={testid} {onclick}>{ a.to_string() }</button>
            }
        })
        .collect();
    let note = format!("One panel per hidden layer: the values of all its neurons over a {HIST_GRID}×{HIST_GRID} grid of the input plane [−6, 6]², before any training. The y-axis is the share of values in each bin.");
    html! {
        <>
            <div class="row">
                <h3 class="depth-h" id="depth-hist-label">{ "Activations at initialisation" }</h3>
                <div class="segmented" role="radiogroup" aria-labelledby="depth-hist-label">{ buttons }</div>
            </div>
            <ChartCanvas chart={AnyChart::new(chart)} label={title} testid="init-hist"
                                     sizing={Sizing::Panels(layers)} class="depth-canvas" />
            <p class="muted depth-note">{ note }</p>
        </>
    }
}
