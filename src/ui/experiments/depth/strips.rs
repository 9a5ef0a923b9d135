//! One heat strip per activation: layers down (layer 1 at the top, the output last), epochs
//! across, colour = log10 of the layer's gradient norm, on one colour range for all strips.

use yew::prelude::*;

use super::Snapshot;
use crate::charts::heat_strip::HeatStrip;
use crate::ui::by_id::ById;
use crate::ui::canvas::chart_canvas::{AnyChart, ChartCanvas, Sizing};

#[derive(Properties, PartialEq)]
pub struct HeatStripsProps {
    pub snapshot: ById<Snapshot>,
    pub version: u64,
}

/// Row labels: "layer 1" … "layer n", then "output".
pub fn layer_labels(rows: usize) -> Vec<String> {
    (0..rows).map(|l| if l + 1 == rows { "output".to_string() } else { format!("layer {}", l + 1) }).collect()
}

#[component]
pub fn HeatStrips(props: &HeatStripsProps) -> Html {
    let strips = use_memo((props.version, props.snapshot.clone()), {
        let snap = props.snapshot.clone();
        move |_| {
            let strip = |(i, v): (usize, &super::SlotView)| {
                let chart = HeatStrip {
                    title: format!("{} · gradient norm per layer", v.label),
                    epochs: v.strip_epochs.clone(),
                    values: v.strip_rows.clone(),
                    layer_labels: layer_labels(v.strip_rows.len()),
                    log_range: Some(snap.log_range),
                };
                let label = format!("Heat strip of {}: gradient norm of each layer over the epochs", v.label);
                (chart, AttrValue::from(label), AttrValue::from(format!("strip-{i}")))
            };
            snap.slots.iter().enumerate().map(strip).collect::<Vec<_>>()
        }
    });
    let rows = props.snapshot.slots.first().map_or(2, |v| v.strip_rows.len());
    let height = (70.0 + rows as f64 * 12.0).clamp(170.0, 320.0);
    let canvases: Html = strips
        .iter()
        .map(|(chart, label, testid)| {
            html! {
                <ChartCanvas chart={AnyChart::new(chart.clone())} label={label.clone()} testid={testid.clone()}
                                        sizing={Sizing::Fixed(height)} class="depth-canvas" />
            }
        })
        .collect();
    html! {
        <>
            <h3 class="depth-h">{ "Gradient norm per layer, over the epochs" }</h3>
            <div class="depth-strip-list">
                { canvases }
            </div>
            <p class="muted depth-note">
                { "Bright: large gradients, the layer learns. Dark: the gradient has vanished. A grey cell is a zero or non-finite norm." }
            </p>
        </>
    }
}
