//! The overlaid charts: every run's test loss (log scale) and dead neurons over the epochs.

use std::rc::Rc;

use yew::prelude::*;

use crate::charts::line_chart::Series;
use crate::ui::canvas::line_canvas::LineCanvas;
use crate::ui::export::export_menu::ExportMenu;

#[derive(Properties, PartialEq)]
pub struct CompareChartsProps {
    pub loss: Rc<Vec<Series>>,
    pub dead: Rc<Vec<Series>>,
    /// Hidden neurons of each network (the dead chart's top).
    pub neurons: usize,
    pub version: u64,
    /// What a thinned history keeps ("Before epoch 12,000: every 8th epoch…"), when it is.
    #[prop_or_default]
    pub thinned: Option<String>,
}

#[component]
pub fn CompareCharts(props: &CompareChartsProps) -> Html {
    let v = props.version;
    let top = Some(props.neurons.max(1) as f64);
    html! {
        <section class="cmp-charts png-panel" aria-label="Training curves">
            if let Some(note) = props.thinned.clone() {
                <p class="muted chart-note" data-testid="cmp-charts-thinned">{ note }</p>
            }
            <LineCanvas title="Test loss (log scale)" y_label="test loss" series={props.loss.clone()} version={v}
                        log_y=true testid="cmp-chart-loss" />
            <LineCanvas title="Dead neurons" y_label="dead" series={props.dead.clone()} version={v}
                        y_from_zero=true y_max={top} testid="cmp-chart-dead" />
            <ExportMenu name="cmp-charts" label="training curves" />
        </section>
    }
}
