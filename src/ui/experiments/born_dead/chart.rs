//! The born-dead probability against depth (`charts::probability_chart`): one colour per width,
//! He solid and RAI dashed, each over its Wilson 95% band. Redrawn when the estimates' version,
//! the settings, the theme or the window size change.

use std::rc::Rc;

use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use crate::charts::probability_chart::{ProbCurve, ProbabilityChart};
use crate::domain::experiments::born_dead::{Estimate, InitScheme};
use crate::domain::experiments::born_dead_view::{BornDeadView, SchemeChoice};
use crate::ui::canvas::chart_canvas::{css_width, draw_on, fit};
use crate::ui::hooks::{pixel_ratio, use_dark_mode, use_resize_tick};
use crate::ui::shell::view::View;

use super::scheme_estimates;
use crate::ui::by_id::ById;

#[derive(Properties, PartialEq)]
pub struct BdChartProps {
    pub view: BornDeadView,
    pub estimates: ById<Vec<(InitScheme, Vec<Estimate>)>>,
    /// Changes whenever `estimates` does.
    pub version: u64,
}

const TITLE: &str = "Probability that the network is born dead";
/// The chart carries its own legend (for the PNG) from this canvas width (CSS px) up.
const LEGEND_MIN_WIDTH: f64 = 520.0;

#[component]
pub fn BdChart(props: &BdChartProps) -> Html {
    let dark = use_dark_mode();
    let tick = use_resize_tick();
    let page_view = use_context::<View>().unwrap_or_default();
    let canvas = use_node_ref();
    let error = use_state(|| None::<String>);
    {
        let (canvas, error) = (canvas.clone(), error.clone());
        let curves = curves(&props.view, &props.estimates);
        let max_depth = props.view.max_depth as f64;
        let deps = (curves, max_depth, dark, tick, page_view);
        use_effect_with(deps, move |(curves, max_depth, dark, _, page_view)| {
            let Some(c) = canvas.cast::<HtmlCanvasElement>() else { return };
            let w = css_width(&c, 200);
            // On a narrow canvas the legend would hide the curves: the key below names them.
            let curves: Vec<ProbCurve> = if w >= LEGEND_MIN_WIDTH {
                curves.clone()
            } else {
                curves.iter().map(|k| ProbCurve { label: String::new(), ..k.clone() }).collect()
            };
            fit(&c, w, (w * 0.6).clamp(230.0, 430.0));
            let chart =
                ProbabilityChart { title: String::new(), curves: Rc::new(curves), max_depth: *max_depth };
            match draw_on(&c, &chart, &page_view.theme(*dark, pixel_ratio())) {
                Ok(()) if error.is_some() => error.set(None),
                Ok(()) => {}
                Err(e) => error.set(Some(e)),
            }
        });
    }
    let widths: Html = props
        .view
        .widths
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let swatch = classes!("swatch", format!("swatch-{}", i % 4));
            let text = format!("width {w}");
            html! { <li><span class={swatch} />{ text }</li> }
        })
        .collect();
    let schemes: Html = props
        .view
        .scheme
        .schemes()
        .iter()
        .map(|&s| html! { <li>{ line_sample(s) }{ key_text(s) }</li> })
        .collect();
    let aria = format!("{TITLE} against depth, one curve per width; the table below gives the figures.");
    let message = error.as_ref().map(|e| format!("Chart not drawn: {e}"));
    html! {
        <figure class="bd-figure" data-png-chart="the chart" data-png-file="born-dead.png">
            <figcaption class="bd-caption">
                <span class="bd-title">{ TITLE }</span>
            </figcaption>
            <canvas ref={canvas} class="chart" data-testid="bd-chart" role="img" aria-label={aria} />
            <ul class="bd-key" aria-label="How to read the chart">
                { widths }
                { schemes }
                <li><span class="bd-band-sample" />{ "95% interval" }</li>
            </ul>
            if let Some(m) = message { <p class="error" role="alert">{ m }</p> }
        </figure>
    }
}

/// One curve per (scheme, width) that has at least one network; the He curves carry the
/// legend (one entry per width), or the RAI ones when RAI runs alone.
fn curves(view: &BornDeadView, all: &[(InitScheme, Vec<Estimate>)]) -> Vec<ProbCurve> {
    let mut out = Vec::new();
    for &scheme in view.scheme.schemes() {
        let Some(estimates) = scheme_estimates(all, scheme) else { continue };
        let labelled = scheme == InitScheme::HeSymmetric || view.scheme == SchemeChoice::Rai;
        for (i, &w) in view.widths.iter().enumerate() {
            let points: Vec<(f64, f64, f64, f64)> = estimates
                .iter()
                .filter(|e| e.width == w && e.trials > 0)
                .map(|e| (e.depth as f64, e.p, e.lo, e.hi))
                .collect();
            if points.is_empty() {
                continue;
            }
            out.push(ProbCurve {
                label: if labelled { format!("width {w}") } else { String::new() },
                colour: i,
                dashed: scheme == InitScheme::Rai,
                points,
            });
        }
    }
    out
}

fn key_text(scheme: InitScheme) -> &'static str {
    match scheme {
        InitScheme::HeSymmetric => "He, zero bias (symmetric)",
        InitScheme::Rai => "RAI (asymmetric)",
    }
}

/// A short line drawn like the scheme's curves (solid or dashed).
fn line_sample(scheme: InitScheme) -> Html {
    let dash = if scheme == InitScheme::Rai { Some("9 5") } else { None };
    html! {
        <svg class="bd-line-sample" viewBox="0 0 28 10" width="28" height="10" aria-hidden="true">
            <line x1="0" y1="5" x2="28" y2="5" stroke="currentColor" stroke-width="2" stroke-dasharray={dash} />
        </svg>
    }
}
