//! The cost panel: on request ("Measure cost"), times f, f′ and a training epoch of each
//! activation shown on this device, and shows them as bars relative to ReLU with their spread
//! ([`CostChart`]) and as a table; a progress bar and Cancel while it runs.

use yew::prelude::*;

use crate::charts::cost_chart::CostChart;
use crate::domain::activation::Activation;
use crate::domain::cost::CostKind;
use crate::ui::canvas::chart_canvas::{AnyChart, ChartCanvas, Sizing};
use crate::ui::export::export_menu::ExportMenu;
use crate::ui::shell::view::View;

use super::cost_runner::{use_cost_job, CostSnapshot, CostStatus};
use super::cost_table::CostTable;

#[derive(Properties, PartialEq)]
pub struct CostPanelProps {
    pub activations: Vec<Activation>,
}

/// The status line, announced when the run starts, ends or is cancelled.
fn status_text(s: &CostSnapshot) -> String {
    match s.status {
        CostStatus::Idle => {
            "Not measured yet: the figures are this device's, measured when you ask.".to_string()
        }
        CostStatus::Running => "Measuring…".to_string(),
        CostStatus::Done { ms } if s.report.has_ratios() => format!("Measured in {:.1} s.", ms / 1000.0),
        CostStatus::Done { .. } => {
            "This browser's timer gave no reading, so nothing could be compared.".to_string()
        }
        CostStatus::Cancelled => {
            format!("Cancelled after {} of {} samples: the figures so far.", s.done, s.total)
        }
    }
}

/// What each bar times, for people.
fn descriptions() -> Html {
    CostKind::ALL.iter().map(|k| html! { <><dt>{ k.label() }</dt><dd>{ k.description() }</dd></> }).collect()
}

#[component]
pub fn CostPanel(props: &CostPanelProps) -> Html {
    let job = use_cost_job(&props.activations);
    let view = use_context::<View>().unwrap_or_default();
    let s = &job.snapshot;
    let running = s.status == CostStatus::Running;
    let chart = CostChart { report: (*s.report).clone() };
    let height = chart.height(f64::from(view.theme(false, 1.0).font_size));
    let chart = AnyChart::new(chart);
    let status = status_text(s);
    let (done, total) = (s.done.to_string(), s.total.max(1).to_string());
    // One button that starts and cancels, so keyboard focus stays on it (Enter, then Enter).
    let (on_click, button_text) = if running {
        (job.on_cancel.reform(|_: MouseEvent| ()), "Cancel")
    } else {
        (job.on_start.reform(|_: MouseEvent| ()), "Measure cost")
    };
    html! {
        <section class="panel explorer-cost" aria-label="What each activation costs">
            <h3>{ "What each activation costs" }</h3>
            <p class="muted">{ "Times f, f′ and one training epoch of each activation shown, on this device, in this browser, as a multiple of ReLU's time. It takes a few seconds; the page stays usable." }</p>
            <div class="row">
                <button class={classes!((!running).then_some("primary"))} data-testid="cost-measure"
                        aria-busy={running.to_string()} onclick={on_click}>{ button_text }</button>
                if running {
                    <progress data-testid="cost-progress" max={total} value={done} aria-label="Progress of the measurement" />
                }
            </div>
            <p role="status" aria-live="polite" data-testid="cost-status">{ status }</p>
            <ChartCanvas chart={chart} label="Time of each activation as a multiple of ReLU's" testid="cost-canvas"
                         sizing={Sizing::Fixed(height)} />
            <CostTable report={s.report.clone()} />
            <details class="cost-what">
                <summary>{ "What is timed" }</summary>
                <dl>{ descriptions() }</dl>
            </details>
            <ExportMenu name="explorer-cost" label="cost" />
        </section>
    }
}
