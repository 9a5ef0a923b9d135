//! The settings every run shares: data set, noise, network shape, learning rate, optimiser,
//! initialisation, initial bias, seed, batch size, and the target loss of the table.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::domain::experiments::compare::{parse_shape, shape_text, CompareAction, CompareState};
use crate::domain::nn::data::DatasetKind;
use crate::domain::nn::settings::{Init, OptimizerKind};
use crate::ui::controls::{number, number_options, opts, select, slider};

/// TF Playground's learning rates, the values teachers know.
const LEARNING_RATES: [f64; 11] = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.2, 0.3, 1.0, 3.0];
const BATCH_SIZES: [usize; 8] = [1, 2, 5, 10, 20, 30, 50, 100];
const TARGETS: [f64; 7] = [0.5, 0.3, 0.2, 0.1, 0.05, 0.02, 0.01];

#[derive(Properties, PartialEq)]
pub struct SharedSettingsProps {
    pub state: CompareState,
    /// Number of training points (the largest batch).
    pub train_len: usize,
    pub on_action: Callback<CompareAction>,
}

#[component]
pub fn SharedSettings(props: &SharedSettingsProps) -> Html {
    let shape_error = use_state(|| None::<String>);
    let s = &props.state.shared;
    let act = props.on_action.clone();

    let datasets = opts(DatasetKind::ALL.iter().map(|k| (k.id(), k.label())));
    let (lrs, lr) = number_options(&LEARNING_RATES, s.learning_rate);
    let (targets, target) = number_options(&TARGETS, props.state.target);
    let train_len = props.train_len.max(1);
    let mut batches: Vec<(String, String)> =
        BATCH_SIZES.iter().filter(|&&b| b < train_len).map(|b| (b.to_string(), b.to_string())).collect();
    batches.push((train_len.to_string(), format!("all ({train_len})")));
    let batch_now = s.batch_size.min(train_len).to_string();
    if !batches.iter().any(|(v, _)| *v == batch_now) {
        batches.push((batch_now.clone(), batch_now.clone()));
    }

    let on_shape = {
        let (act, shape_error) = (act.clone(), shape_error.clone());
        Callback::from(move |e: Event| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            match parse_shape(&text) {
                Ok(shape) => {
                    shape_error.set(None);
                    act.emit(CompareAction::SetShape(shape));
                }
                Err(message) => shape_error.set(Some(message)),
            }
        })
    };
    let seed = s.seed;
    let next_seed = act.reform(move |_: MouseEvent| CompareAction::SetSeed(seed.wrapping_add(1)));
    let noise_text = format!("{}", s.noise);
    let optimizers = opts(OptimizerKind::ALL.iter().map(|o| (o.id(), o.label())));
    let inits = opts(Init::ALL.iter().map(|o| (o.id(), o.label())));
    let default_bias = format!("{}", s.init.default_bias());

    html! {
        <section class="cmp-shared" aria-label="Shared settings">
            <h3>{ "Shared by every run" }</h3>
            <div class="cmp-fields">
                { select("Data set", "cmp-dataset", &datasets, s.dataset.id(),
                    act.reform(|v: String| CompareAction::SetDataset(DatasetKind::from_id(&v).unwrap_or(DatasetKind::Circle)))) }
                { slider("Noise", "cmp-noise", 0.0, 50.0, 5.0, s.noise, noise_text,
                    act.reform(CompareAction::SetNoise)) }
                <label class="control">
                    <span class="control-label">{ "Hidden layers" }</span>
                    <input type="text" inputmode="numeric" value={shape_text(&s.hidden)} onchange={on_shape}
                           data-testid="cmp-shape" aria-describedby="cmp-shape-help"
                           aria-invalid={shape_error.is_some().to_string()} />
                    <span id="cmp-shape-help" class="hint muted">{ "widths, e.g. 8,8" }</span>
                </label>
                if let Some(e) = &*shape_error { <p class="error cmp-wide" role="alert" data-testid="cmp-shape-error">{ e.clone() }</p> }
                { select("Learning rate", "cmp-lr", &lrs, &lr,
                    act.reform(|v: String| CompareAction::SetLearningRate(v.parse().unwrap_or(0.03)))) }
                { select("Optimiser", "cmp-opt", &optimizers, s.optimizer.id(),
                    act.reform(|v: String| CompareAction::SetOptimizer(OptimizerKind::from_id(&v).unwrap_or(OptimizerKind::Sgd)))) }
                { select("Initialisation", "cmp-init", &inits, s.init.id(),
                    act.reform(|v: String| CompareAction::SetInit(Init::from_id(&v).unwrap_or(Init::HeNormal)))) }
                { number("Initial bias", "cmp-bias", s.bias_init, 0.1, &default_bias,
                    act.reform(CompareAction::SetBiasInit)) }
                { select("Batch size", "cmp-batch", &batches, &batch_now,
                    act.reform(|v: String| CompareAction::SetBatchSize(v.parse().unwrap_or(10)))) }
                { number("Seed", "cmp-seed", Some(seed as f64), 1.0, "",
                    act.reform(|v: Option<f64>| CompareAction::SetSeed(v.unwrap_or(1.0).abs().min(9.0e15) as u64))) }
                <div class="control cmp-next-seed">
                    <button onclick={next_seed} data-testid="cmp-next-seed"
                            title="The same comparison on new data and new initial weights">{ "⟳ Next seed" }</button>
                </div>
                { select("Target test loss", "cmp-target", &targets, &target,
                    act.reform(|v: String| CompareAction::SetTarget(v.parse().unwrap_or(0.1)))) }
            </div>
        </section>
    }
}
