//! The experiment's controls: play/pause, step, reset, the epoch counter, and the settings
//! (depth, width, the activations with their parameters, initialisation, learning rate, data
//! set, seed).

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::domain::activation::Activation;
use crate::domain::experiments::depth::{
    DepthAction, DepthState, MAX_DEPTH, MAX_SLOTS, MAX_WIDTH, MIN_DEPTH, MIN_SLOTS,
};
use crate::domain::nn::data::DatasetKind;
use crate::domain::nn::settings::Init;
use crate::ui::controls::{activation_for, activation_options, number, opts, select, slider};
use crate::ui::formula_field::FormulaField;

/// TF Playground's learning rates.
const LEARNING_RATES: [f64; 11] = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0];

#[derive(Properties, PartialEq)]
pub struct DepthControlsProps {
    pub state: DepthState,
    pub running: bool,
    pub epoch: usize,
    pub all_diverged: bool,
    pub on_action: Callback<DepthAction>,
    pub on_run: Callback<bool>,
    pub on_step: Callback<()>,
    pub on_reset: Callback<()>,
}

fn activation_row(
    i: usize,
    shown: &[Activation],
    removable: bool,
    on_action: &Callback<DepthAction>,
) -> Html {
    let act = shown.get(i).copied().unwrap_or(Activation::Relu);
    let taken = shown.to_vec();
    let on_change = on_action.reform(move |e: Event| {
        let id = e.target_unchecked_into::<HtmlSelectElement>().value();
        DepthAction::SetActivation(i, activation_for(&id, &taken).unwrap_or(act))
    });
    let formula = matches!(act, Activation::Custom(_)).then(|| {
        let on_apply = on_action.reform(move |a| DepthAction::SetActivation(i, a));
        let (label, testid) = (format!("Formula of activation {}", i + 1), format!("act-formula-{i}"));
        html! { <FormulaField current={act} {label} {testid} {on_apply} /> }
    });
    let remove = on_action.reform(move |_: MouseEvent| DepthAction::RemoveActivation(i));
    let param = act.param().map(|p| {
        let on_input = on_action.reform(move |e: InputEvent| {
            DepthAction::SetParam(i, e.target_unchecked_into::<HtmlInputElement>().value_as_number())
        });
        let symbol = format!("{} =", p.symbol);
        let testid = format!("act-param-{i}");
        let aria = format!("{} of activation {}", p.name, i + 1);
        let value = format!("{}", p.value);
        html! {
            <label class="param">
                <span>{ symbol }</span>
                <input type="range" min={p.min.to_string()} max={p.max.to_string()} step={p.step.to_string()}
                       value={p.value.to_string()} oninput={on_input} data-testid={testid}
                       aria-label={aria} />
                <output>{ value }</output>
            </label>
        }
    });
    let swatch = classes!("swatch", format!("swatch-{i}"));
    let select_aria = format!("Activation {}", i + 1);
    let select_testid = format!("act-{i}");
    let options: Html = activation_options(true)
        .into_iter()
        .map(|(value, text)| {
            let selected = value == act.id();
            html! { <option {value} {selected}>{ text }</option> }
        })
        .collect();
    let remove_testid = format!("act-remove-{i}");
    let remove_aria = format!("Stop training {act}");
    html! {
        <div class="depth-act" key={i}>
            <span class={swatch} aria-hidden="true"></span>
            <select onchange={on_change} aria-label={select_aria} data-testid={select_testid}>
                { options }
            </select>
            { param.unwrap_or_default() }
            { formula.unwrap_or_default() }
            if removable {
                <button class="icon" onclick={remove} data-testid={remove_testid}
                        aria-label={remove_aria}>{ "×" }</button>
            }
        </div>
    }
}

#[component]
pub fn DepthControls(props: &DepthControlsProps) -> Html {
    let s = &props.state;
    let act = props.on_action.clone();
    let toggle = {
        let (on_run, running) = (props.on_run.clone(), props.running);
        Callback::from(move |_: MouseEvent| on_run.emit(!running))
    };
    let step = props.on_step.reform(|_: MouseEvent| ());
    let reset = props.on_reset.reform(|_: MouseEvent| ());
    let removable = s.activations.len() > MIN_SLOTS;
    let rows: Html =
        (0..s.activations.len()).map(|i| activation_row(i, &s.activations, removable, &act)).collect();
    let add = act.reform(|_: MouseEvent| DepthAction::AddActivation);

    let mut rates: Vec<(String, String)> =
        LEARNING_RATES.iter().map(|v| (v.to_string(), v.to_string())).collect();
    let lr = s.learning_rate.to_string();
    if !rates.iter().any(|(v, _)| *v == lr) {
        rates.push((lr.clone(), lr.clone()));
    }
    let datasets = opts(DatasetKind::CLASSIFICATION.iter().map(|d| (d.id(), d.label())));
    let inits = opts(Init::ALL.iter().map(|i| (i.id(), i.label())));

    html! {
        <div class="depth-controls panel" role="toolbar" aria-label="Training">
            <div class="transport">
                <button class="primary play" onclick={toggle} data-testid="play" disabled={props.all_diverged}
                        aria-pressed={props.running.to_string()}>
                    { if props.running { "❚❚ Pause" } else { "▶ Play" } }
                </button>
                <button onclick={step} data-testid="step" disabled={props.all_diverged} aria-label="Step one epoch">{ "Step" }</button>
                <button onclick={reset} data-testid="reset" aria-label="Reset to the same initial weights">{ "↺ Reset" }</button>
                <div class="epoch-box">
                    <span class="control-label" id="depth-epoch-label">{ "Epoch" }</span>
                    <span class="epoch" data-testid="epoch" aria-labelledby="depth-epoch-label">{ props.epoch }</span>
                </div>
                { slider("Depth (hidden layers)", "depth", MIN_DEPTH as f64, MAX_DEPTH as f64, 1.0, s.depth as f64,
                    s.depth.to_string(), act.reform(|v: f64| DepthAction::SetDepth(v.round() as usize))) }
                { slider("Width (neurons per layer)", "width", 1.0, MAX_WIDTH as f64, 1.0, s.width as f64,
                    s.width.to_string(), act.reform(|v: f64| DepthAction::SetWidth(v.round() as usize))) }
            </div>
            <div class="settings-row">
                { select("Initialisation", "init", &inits, s.init.id(),
                    act.reform(|v: String| DepthAction::SetInit(Init::from_id(&v).unwrap_or(Init::HeNormal)))) }
                { select("Learning rate", "learning-rate", &rates, &lr,
                    act.reform(|v: String| DepthAction::SetLearningRate(v.parse().unwrap_or(0.1)))) }
                { select("Data", "dataset", &datasets, s.dataset.id(),
                    act.reform(|v: String| DepthAction::SetDataset(DatasetKind::from_id(&v).unwrap_or(DatasetKind::Circle)))) }
                { number("Seed", "seed", Some(s.seed as f64), 1.0, "",
                    act.reform(|v: Option<f64>| DepthAction::SetSeed(v.unwrap_or(1.0).abs().min(9.0e15) as u64))) }
            </div>
            <div class="depth-acts" role="group" aria-label="Activations trained side by side">
                <span class="control-label">{ "Activations (same data, same initial weights)" }</span>
                { rows }
                if s.activations.len() < MAX_SLOTS {
                    <button onclick={add} data-testid="act-add">{ "+ Add activation" }</button>
                }
            </div>
        </div>
    }
}
