//! The Explorer: f and f′ of up to four activations, their parameters, kinks, saturation,
//! formulas and properties. Its state (curves, range) lives in the URL.

mod card;
mod chart;
mod cost;
mod cost_runner;
mod cost_table;
mod picker;
mod properties;
mod readout;

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::state::explorer::{curves_csv, ExplorerAction, ExplorerState, RANGES};
use crate::domain::state::page::Notice;
use crate::ui::export::download;
use crate::ui::export::export_menu::ExportMenu;
use crate::ui::shell::browser;

use card::ActivationCard;
use chart::ExplorerChart;
use cost::CostPanel;
use picker::Picker;
use properties::PropertiesTable;
use readout::Readout;

/// The reducer's state: pure `apply` from the core, no side effects here.
#[derive(Clone, PartialEq)]
struct Model(ExplorerState);

impl Reducible for Model {
    type Action = ExplorerAction;
    fn reduce(self: Rc<Self>, action: ExplorerAction) -> Rc<Self> {
        Rc::new(Model(self.0.apply(action)))
    }
}

#[derive(Properties, PartialEq)]
pub struct ExplorerProps {
    pub on_notice: Callback<Vec<Notice>>,
}

#[component]
pub fn Explorer(props: &ExplorerProps) -> Html {
    let initial = use_memo((), |_| ExplorerState::from_query(&browser::read_query()));
    let model = use_reducer(|| Model(initial.0.clone()));
    let hover = use_state(|| None::<f64>);
    let canvas = use_node_ref();
    let status = use_state(String::new);

    {
        let (notices, on_notice) = (initial.1.clone(), props.on_notice.clone());
        use_effect_with((), move |_| {
            if !notices.is_empty() {
                on_notice.emit(notices);
            }
        });
    }
    // The URL follows the state (replaceState: no history entry per slider step).
    use_effect_with(model.0.clone(), |state| {
        let mut query = browser::read_query();
        query.set("tab", "explore");
        state.write_query(&mut query);
        browser::write_query(&query);
    });

    let state = &model.0;
    let dispatch = {
        let model = model.clone();
        Callback::from(move |a: ExplorerAction| model.dispatch(a))
    };
    let on_hover = {
        let hover = hover.clone();
        Callback::from(move |x: Option<f64>| hover.set(x))
    };
    let on_png = {
        let (canvas, status) = (canvas.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            let layers: Vec<web_sys::HtmlCanvasElement> = canvas.cast().into_iter().collect();
            let status = status.clone();
            download::save_png(
                "activations.png",
                &layers,
                Callback::from(move |r| status.set(download::png_outcome(r).unwrap_or_default())),
            );
        })
    };
    let on_csv = {
        let (acts, range, status) = (state.activations.clone(), state.range, status.clone());
        Callback::from(move |_: MouseEvent| {
            let result = download::save_text("activations.csv", "text/csv", &curves_csv(&acts, range, 480));
            status.set(result.err().map(|e| format!("CSV not saved: {e}")).unwrap_or_default());
        })
    };

    let range_buttons = range_buttons(state.range, &dispatch);
    let cards: Html = state
        .activations
        .iter()
        .enumerate()
        .map(|(i, a)| html! { <ActivationCard index={i} activation={*a} /> })
        .collect();

    html! {
        <div class="explorer">
            <div class="section-head">
                <h2>{ "Explorer" }</h2>
                <p class="muted">{ "Each activation f with its derivative f′ and, shaded in its own colour, where its gradient is zero and neurons die or where it fades (deeper as f′ nears 0), and what happens at a kink. Overlay up to four." }</p>
            </div>
            <div class="explorer-top">
                <section class="panel explorer-controls" aria-label="Activations shown">
                    <Picker activations={state.activations.clone()} on_action={dispatch.clone()} />
                    <div class="row">
                        <span class="label" id="range-label">{ "x-range" }</span>
                        <div class="segmented" role="radiogroup" aria-labelledby="range-label">{ range_buttons }</div>
                    </div>
                    <div class="row">
                        <span class="label">{ "Export" }</span>
                        <button onclick={on_png} data-testid="export-png">{ "Chart as PNG" }</button>
                        <button onclick={on_csv} data-testid="export-csv">{ "Curves as CSV" }</button>
                    </div>
                    if !status.is_empty() { <p class="muted" role="status">{ (*status).clone() }</p> }
                    <ExportMenu name="explorer-controls" label="activations" />
                </section>
                <section class="panel explorer-chart" aria-label="Chart of f and its derivative">
                    <ExplorerChart activations={state.activations.clone()} range={state.range}
                                   hover_x={*hover} {on_hover} canvas_ref={canvas} />
                    <Readout activations={state.activations.clone()} hover_x={*hover} />
                    <ExportMenu name="explorer-chart" label="chart" />
                </section>
            </div>
            <div class="cards explorer-cards">
                { cards }
            </div>
            <PropertiesTable activations={state.activations.clone()} />
            <CostPanel activations={state.activations.clone()} />
        </div>
    }
}

/// The x-range choices as one radio group.
fn range_buttons(range: f64, dispatch: &Callback<ExplorerAction>) -> Html {
    RANGES
        .iter()
        .map(|&r| {
            let onclick = dispatch.reform(move |_: MouseEvent| ExplorerAction::SetRange(r));
            let checked = (range - r).abs() < 1e-9;
            let testid = format!("range-{r}");
            let text = format!("±{r}");
            html! {
                <button role="radio" aria-checked={checked.to_string()} class={classes!("seg", checked.then_some("on"))}
                        data-testid={testid} {onclick}>{ text }</button>
            }
        })
        .collect()
}
