//! The live charts under the Playground: losses, dead neurons per layer, gradient norm per
//! layer on a log axis (vanishing gradients show as lines far below the others), sparsity.

use std::rc::Rc;

use yew::prelude::*;

use super::Live;
use crate::charts::line_chart::{Marker, Series};
use crate::domain::nn::metrics::History;
use crate::ui::canvas::line_canvas::LineCanvas;
use crate::ui::export::export_menu::ExportMenu;

#[derive(Properties, PartialEq)]
pub struct LiveChartsProps {
    pub live: Live,
}

/// At most this many points per series are handed to the chart (it decimates further).
const MAX_POINTS: usize = 1500;

fn per_layer(
    h: &History,
    pick: impl Fn(&crate::domain::nn::metrics::LayerHistory, usize) -> f64,
) -> Vec<Series> {
    h.layers
        .iter()
        .enumerate()
        .map(|(l, lh)| Series {
            label: format!("layer {}", l + 1),
            points: h.sampled(MAX_POINTS, |i| pick(lh, i)),
            colour: l,
            dashed: false,
        })
        .collect()
}

/// Dead neurons per layer (solid), and, dashed in the layer's colour, those that came back to
/// life (only for layers where any did).
fn dead_and_revived(h: &History) -> Vec<Series> {
    let mut series = per_layer(h, |lh, i| lh.dead[i] as f64);
    for (l, lh) in h.layers.iter().enumerate().filter(|(_, lh)| lh.revived.iter().any(|&r| r > 0)) {
        series.push(Series {
            label: format!("layer {} revived", l + 1),
            points: h.sampled(MAX_POINTS, |i| lh.revived[i] as f64),
            colour: l,
            dashed: true,
        });
    }
    series
}

#[component]
pub fn LiveCharts(props: &LiveChartsProps) -> Html {
    let charts = use_memo((props.live.chart_version, props.live.session.id()), {
        let live = props.live.clone();
        move |_| {
            let session = live.session.borrow();
            let h = session.history();
            let loss = vec![
                Series {
                    label: "train".into(),
                    points: h.sampled(MAX_POINTS, |i| h.train_loss[i]),
                    colour: 0,
                    dashed: false,
                },
                Series {
                    label: "test".into(),
                    points: h.sampled(MAX_POINTS, |i| h.test_loss[i]),
                    colour: 1,
                    dashed: true,
                },
            ];
            let mut grads = per_layer(h, |lh, i| lh.grad_norm[i]);
            grads.push(Series {
                label: "output".into(),
                points: h.sampled(MAX_POINTS, |i| h.output_grad_norm[i]),
                colour: h.layers.len(),
                dashed: true,
            });
            let width = session.settings().hidden.iter().copied().max().unwrap_or(1) as f64;
            // Every chart marks each change of a live setting at its epoch.
            let markers: Vec<Marker> =
                h.changes.iter().map(|c| Marker { x: c.epoch as f64, label: c.label.clone() }).collect();
            (
                Rc::new(loss),
                Rc::new(dead_and_revived(h)),
                Rc::new(grads),
                Rc::new(per_layer(h, |lh, i| lh.sparsity[i])),
                width,
                Rc::new(markers),
                h.thinned_note(),
            )
        }
    });
    let (loss, dead, grads, sparsity, width, markers, thinned) = (*charts).clone();
    let v = props.live.chart_version;
    html! {
        <section class="live-charts play-charts png-panel" aria-label="Training charts">
            if let Some(note) = thinned {
                <p class="muted chart-note" data-testid="charts-thinned">{ note }</p>
            }
            <LineCanvas title="Loss" y_label="loss" series={loss} version={v} y_from_zero=true
                        markers={markers.clone()} testid="chart-loss" />
            <LineCanvas title="Dead per layer (dashed: revived)" y_label="neurons" series={dead} version={v} y_from_zero=true
                        y_max={Some(width)} markers={markers.clone()} testid="chart-dead" />
            <LineCanvas title="Gradient norm per layer (log; weights + biases)" y_label="‖∂L/∂θ‖" series={grads} version={v} log_y=true
                        markers={markers.clone()} zero_floor={Some(AttrValue::from("0 (no gradient)"))} testid="chart-grad" />
            <LineCanvas title="Sparsity (share of exact zeros)" y_label="sparsity" series={sparsity} version={v}
                        y_from_zero=true y_max={Some(1.0)} {markers} testid="chart-sparsity" />
            <ExportMenu name="play-charts" label="training charts" />
        </section>
    }
}
