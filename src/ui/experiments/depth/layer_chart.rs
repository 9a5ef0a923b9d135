//! The gradient norm of every layer at the current epoch, one line per activation, on a log
//! axis: x = layer 1 … depth, and depth + 1 = the output layer.

use yew::prelude::*;

use super::Snapshot;
use crate::charts::line_chart::{LineChart, Series};
use crate::ui::by_id::ById;
use crate::ui::canvas::chart_canvas::{AnyChart, ChartCanvas, Sizing};

#[derive(Properties, PartialEq)]
pub struct LayerChartProps {
    pub snapshot: ById<Snapshot>,
    pub version: u64,
}

#[component]
pub fn LayerChart(props: &LayerChartProps) -> Html {
    let snap = &props.snapshot;
    let epoch = snap.slots.iter().map(|v| v.epoch).min().unwrap_or(0);
    let depth = snap.slots.first().map_or(0, |v| v.norms.len().saturating_sub(1));
    let title = format!("Gradient norm per layer at epoch {epoch}");
    let series = use_memo((props.version, snap.clone()), {
        let snap = snap.clone();
        move |_| {
            snap.slots
                .iter()
                .enumerate()
                .map(|(i, v)| Series {
                    label: v.label.clone(),
                    points: v.norms.iter().enumerate().map(|(l, &n)| ((l + 1) as f64, n)).collect(),
                    colour: i,
                    dashed: false,
                })
                .collect::<Vec<Series>>()
        }
    });
    let chart = LineChart {
        title: title.clone(),
        x_label: format!("layer ({} = output)", depth + 1),
        y_label: "‖∂L/∂W‖".into(),
        y_max: None,
        series,
        log_y: true,
        y_from_zero: false,
        zero_floor: Some("0 (no gradient)".into()),
        markers: Default::default(),
    };
    html! {
        <ChartCanvas chart={AnyChart::new(chart)} label={title} testid="layer-chart"
                                sizing={Sizing::Aspect { aspect: 0.62, min: 220.0, max: 340.0 }} class="depth-canvas" />
    }
}
