//! The cost figures as text (how a screen reader gets the chart): per measured activation the
//! multiple of ReLU's time for each item, with the time itself and the range of the rounds.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::cost::stats::cell_text;
use crate::domain::cost::{CostKind, CostReport, CostRow};

#[derive(Properties, PartialEq)]
pub struct CostTableProps {
    pub report: Rc<CostReport>,
}

fn row(r: &CostRow) -> Html {
    let id = r.activation.id();
    let cells: Html = CostKind::ALL
        .iter()
        .map(|&kind| {
            let cell = r.cell(kind);
            let (ratio, detail) = cell_text(cell);
            let data_ratio = cell.and_then(|c| c.ratio).map(|s| format!("{:.4}", s.median));
            let testid = format!("cost-cell-{id}-{}", kind.index());
            html! {
                <td data-testid={testid} data-ratio={data_ratio}>
                    <span class="cost-ratio">{ ratio }</span>
                    if !detail.is_empty() { { " " }<span class="cost-detail muted">{ detail }</span> }
                </td>
            }
        })
        .collect();
    let testid = format!("cost-row-{id}");
    html! { <tr data-testid={testid}><th scope="row">{ r.label() }</th>{ cells }</tr> }
}

#[component]
pub fn CostTable(props: &CostTableProps) -> Html {
    let report = &props.report;
    if report.rows.is_empty() {
        return html! {};
    }
    let heads: Html = CostKind::ALL.iter().map(|k| html! { <th scope="col">{ k.label() }</th> }).collect();
    let rows: Html = report.rows.iter().map(row).collect();
    let caption = format!(
        "Median of {} round{} as a multiple of ReLU's time; then the time (ms per million values, per epoch \
         for the epoch) and the range of the rounds.",
        report.rounds,
        if report.rounds == 1 { "" } else { "s" }
    );
    html! {
        <div class="cost-table-wrap">
            <p class="muted cost-caption" id="cost-caption">{ caption }</p>
            <table class="cost-table" data-testid="cost-table" aria-describedby="cost-caption">
                <thead><tr><th scope="col">{ "activation" }</th>{ heads }</tr></thead>
                <tbody>{ rows }</tbody>
            </table>
        </div>
    }
}
