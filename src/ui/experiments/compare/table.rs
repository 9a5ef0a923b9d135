//! The summary table: per activation, the epochs to reach the target test loss ("—" until
//! then), the losses, accuracy, dead and saturated neurons and sparsity now.

use std::rc::Rc;

use yew::prelude::*;

use super::LETTERS;
use crate::domain::activation::Activation;
use crate::domain::experiments::compare::{epochs_text, fastest, loss_text, SlotSummary};
use crate::ui::export::export_menu::ExportMenu;

#[derive(Properties, PartialEq)]
pub struct SummaryTableProps {
    pub slots: Vec<Activation>,
    pub rows: Rc<Vec<SlotSummary>>,
    pub target: f64,
    pub version: u64,
}

fn percent(v: Option<f64>) -> String {
    v.filter(|v| v.is_finite()).map_or_else(|| "—".to_string(), |v| format!("{:.1}%", v * 100.0))
}

#[component]
pub fn SummaryTable(props: &SummaryTableProps) -> Html {
    let best = fastest(&props.rows);
    let rows = props.slots.iter().zip(props.rows.iter()).enumerate().map(|(i, (a, r))| {
        let class = classes!("cmp-row", (best == Some(i)).then_some("best"), r.diverged.then_some("diverged"));
        let status = if r.diverged {
            " (diverged)"
        } else if best == Some(i) {
            " ★"
        } else {
            ""
        };
        let cell = |name: &str| format!("{name}-{i}");
        let row_testid = format!("row-{i}");
        let letter_class = classes!("cmp-letter", format!("cmp-c{i}"));
        let dead_text = format!("{} / {}", r.dead, r.neurons);
        let sparsity_text = format!("{:.0}%", r.sparsity * 100.0);
        html! {
            <tr {class} data-testid={row_testid}>
                <th scope="row">
                    <span class={letter_class} aria-hidden="true">{ LETTERS[i.min(3)] }</span>
                    { a.to_string() }<span class="cmp-status">{ status }</span>
                </th>
                <td data-testid={cell("target-epochs")}>{ epochs_text(r.epochs_to_target) }</td>
                <td data-testid={cell("train-loss")}>{ loss_text(r.train_loss) }</td>
                <td data-testid={cell("test-loss")}>{ loss_text(r.test_loss) }</td>
                <td data-testid={cell("accuracy")}>{ percent(r.accuracy) }</td>
                <td data-testid={cell("dead")} class={(r.dead > 0).then_some("has-dead")}>{ dead_text }</td>
                <td data-testid={cell("saturated")}>{ r.saturated }</td>
                <td data-testid={cell("sparsity")}>{ sparsity_text }</td>
            </tr>
        }
    }).collect::<Html>();
    let target_heading = format!("Epochs to test loss ≤ {}", props.target);
    html! {
        <div class="cmp-table-wrap panel">
            <h3 id="cmp-table-title">{ "Now, per activation " }<span class="muted">{ "(★ reached the target first)" }</span></h3>
            <table class="cmp-table" data-testid="cmp-table" aria-labelledby="cmp-table-title">
                <thead>
                    <tr>
                        <th scope="col">{ "Activation" }</th>
                        <th scope="col" title="The first epoch whose test loss is at or below the target">{ target_heading }</th>
                        <th scope="col">{ "Train loss" }</th>
                        <th scope="col">{ "Test loss" }</th>
                        <th scope="col">{ "Test accuracy" }</th>
                        <th scope="col">{ "Dead" }</th>
                        <th scope="col" title="Alive but |f′| < 0.001 on every training point">{ "Saturated" }</th>
                        <th scope="col" title="Share of exactly-zero activations">{ "Sparsity" }</th>
                    </tr>
                </thead>
                <tbody>{ rows }</tbody>
            </table>
            <ExportMenu name="cmp-table" label="summary table" />
        </div>
    }
}
