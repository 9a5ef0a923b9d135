//! The figures as text: p and its Wilson 95% interval for every chosen width at depths 5, 10,
//! 20, 50 (those up to the maximum depth), for each scheme run; updated live during a run. This
//! is also how a screen reader gets the chart.

use yew::prelude::*;

use crate::domain::experiments::born_dead::InitScheme;
use crate::domain::experiments::born_dead_view::{cell_parts, find, scheme_id, scheme_label, BornDeadView};

use super::{scheme_estimates, SchemeEstimates};

/// Equal when the version and the view are (compared first, so a changed run re-renders
/// without comparing the figures).
#[derive(Properties, PartialEq)]
pub struct BdTableProps {
    /// Changes whenever `estimates` does.
    pub version: u64,
    pub view: BornDeadView,
    pub estimates: SchemeEstimates,
}

#[component]
pub fn BdTable(props: &BdTableProps) -> Html {
    let view = &props.view;
    let depths = view.table_depths();
    let rows: Html = view
        .scheme
        .schemes()
        .iter()
        .flat_map(|&scheme| {
            let estimates = scheme_estimates(&props.estimates, scheme).unwrap_or(&[]);
            let sid = scheme_id(scheme);
            let depths = depths.clone();
            view.widths.iter().enumerate().map(move |(i, &w)| {
                let networks = estimates.iter().find(|e| e.width == w).map_or(0, |e| e.trials);
                let cells: Html = depths
                    .iter()
                    .map(|&d| {
                        let estimate = find(estimates, w, d);
                        let (p, interval) =
                            estimate.map(cell_parts).unwrap_or_else(|| ("—".into(), String::new()));
                        let data_p = estimate.filter(|e| e.trials > 0).map(|e| format!("{:.4}", e.p));
                        let testid = format!("bd-cell-{sid}-{w}-{d}");
                        html! {
                            <td data-testid={testid} data-p={data_p}>
                                <span class="bd-p">{ p }</span>
                                if !interval.is_empty() { { " " }<span class="bd-ci">{ interval }</span> }
                            </td>
                        }
                    })
                    .collect();
                let swatch = classes!("swatch", format!("swatch-{}", i % 4));
                let name = format!("{} · width {w}", short(scheme));
                let testid = format!("bd-n-{sid}-{w}");
                html! {
                    <tr class={classes!(matches!(scheme, InitScheme::Rai).then_some("bd-rai"))}>
                        <th scope="row">
                            <span class={swatch} />
                            { name }
                        </th>
                        { cells }
                        <td class="bd-n" data-testid={testid}>{ networks }</td>
                    </tr>
                }
            })
        })
        .collect();
    let schemes: Vec<&str> = view.scheme.schemes().iter().map(|&s| scheme_label(s)).collect();
    let title = format!(
        "Probability p that the network is born dead, with its Wilson 95% interval ({})",
        schemes.join(" and ")
    );
    let heads: Html = depths.iter().map(|d| depth_head(*d)).collect();
    html! {
        <>
        <h4 class="bd-table-title" id="bd-table-title">{ title }</h4>
        // Scrolls sideways on a narrow screen; focusable so the keyboard can scroll it too.
        <div class="bd-table-wrap" role="region" aria-labelledby="bd-table-title" tabindex="0">
            <table class="bd-table" data-testid="bd-table" aria-labelledby="bd-table-title">
                <thead>
                    <tr>
                        <th scope="col">{ "Scheme · width" }</th>
                        { heads }
                        <th scope="col">{ "networks" }</th>
                    </tr>
                </thead>
                <tbody>{ rows }</tbody>
            </table>
        </div>
        </>
    }
}

fn depth_head(depth: usize) -> Html {
    let text = format!("depth {depth}");
    html! { <th scope="col">{ text }</th> }
}

fn short(scheme: InitScheme) -> &'static str {
    match scheme {
        InitScheme::HeSymmetric => "He",
        InitScheme::Rai => "RAI",
    }
}
