//! One heat strip per activation: layers down (layer 1 at the top, the output last), epochs
//! across, colour = log10 of the layer's gradient norm, on one colour range for all strips.

use std::rc::Rc;

use yew::prelude::*;

use super::Snapshot;
use crate::charts::heat_strip::{draw, HeatStrip};
use crate::ui::chart_canvas::{ChartCanvas, DrawFn, Sizing};

#[derive(Properties)]
pub struct HeatStripsProps {
    pub snapshot: Rc<Snapshot>,
    pub version: u64,
}

impl PartialEq for HeatStripsProps {
    fn eq(&self, o: &Self) -> bool {
        self.version == o.version && Rc::ptr_eq(&self.snapshot, &o.snapshot)
    }
}

/// Row labels: "layer 1" … "layer n", then "output".
pub fn layer_labels(rows: usize) -> Vec<String> {
    (0..rows).map(|l| if l + 1 == rows { "output".to_string() } else { format!("layer {}", l + 1) }).collect()
}

#[component]
pub fn HeatStrips(props: &HeatStripsProps) -> Html {
    let draws = use_memo((props.version, Rc::as_ptr(&props.snapshot) as usize), {
        let snap = props.snapshot.clone();
        move |_| {
            (0..snap.slots.len())
                .map(|i| {
                    let snap = snap.clone();
                    let f: DrawFn = Rc::new(move |root, theme| {
                        let Some(v) = snap.slots.get(i) else { return Ok(()) };
                        let title = format!("{} · gradient norm per layer", v.label);
                        draw(
                            root,
                            &HeatStrip {
                                title: &title,
                                epochs: &v.strip_epochs,
                                values: &v.strip_rows,
                                layer_labels: &layer_labels(v.strip_rows.len()),
                                theme,
                                log_range: Some(snap.log_range),
                            },
                        )
                    });
                    f
                })
                .collect::<Vec<DrawFn>>()
        }
    });
    let rows = props.snapshot.slots.first().map_or(2, |v| v.strip_rows.len());
    let height = (70.0 + rows as f64 * 12.0).clamp(170.0, 320.0);
    html! {
        <>
            <h3 class="depth-h">{ "Gradient norm per layer, over the epochs" }</h3>
            <div class="depth-strip-list">
                { for props.snapshot.slots.iter().zip(draws.iter()).enumerate().map(|(i, (v, f))| html! {
                    <ChartCanvas draw={f.clone()} version={props.version}
                                 label={format!("Heat strip of {}: gradient norm of each layer over the epochs", v.label)}
                                 testid={format!("strip-{i}")} sizing={Sizing::Fixed(height)} class="depth-canvas" />
                }) }
            </div>
            <p class="muted depth-note">
                { "Bright: large gradients, the layer learns. Dark: the gradient has vanished. A grey cell is a zero or non-finite norm." }
            </p>
        </>
    }
}
