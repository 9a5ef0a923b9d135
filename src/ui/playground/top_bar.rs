//! The top bar: play/pause, step, reset, the epoch counter, speed, and every training setting.

use yew::prelude::*;

use super::Live;
use crate::domain::activation::Activation;
use crate::domain::nn::settings::{Init, LossKind, OptimizerKind, Regularization};
use crate::domain::state::play_url::PlayState;
use crate::domain::state::playground::{cannot_train, PlayAction, MAX_SPEED};
use crate::ui::controls::{
    activation_options, number, number_options, opts, pick_activation, select, slider,
};
use crate::ui::formula_field::FormulaField;
use crate::ui::spans;

/// TF Playground's learning rates and regularization rates, the values teachers know.
const LEARNING_RATES: [f64; 11] = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0];
const REG_RATES: [f64; 10] = [0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0];
const SPEEDS: [u32; 7] = [1, 2, 3, 5, 10, 20, 50];

#[derive(Properties, PartialEq)]
pub struct TopBarProps {
    pub play: PlayState,
    pub running: bool,
    pub live: Live,
    pub on_action: Callback<PlayAction>,
    pub on_run: Callback<bool>,
    pub on_step: Callback<()>,
    pub on_reset: Callback<()>,
}

#[component]
pub fn TopBar(props: &TopBarProps) -> Html {
    let _span = spans::span("lab:topbar-render");
    let s = &props.play.settings;
    let act = props.on_action.clone();
    let session = props.live.session.borrow();
    let epoch = session.epoch();
    // A diverged run cannot train until it is reset, nor one without a training point.
    let diverged = session.status().is_diverged();
    let data = session.dataset();
    let stuck = cannot_train(data.train.len(), data.test.len()).is_some();
    drop(session);
    let off = diverged || stuck;
    let why_off = if diverged {
        Some("Training diverged: reset to train again")
    } else if stuck {
        Some("No training points: see the output")
    } else {
        None
    };

    let toggle = {
        let (on_run, running) = (props.on_run.clone(), props.running);
        Callback::from(move |_: MouseEvent| on_run.emit(!running))
    };
    let step = props.on_step.reform(|_: MouseEvent| ());
    let reset = props.on_reset.reform(|_: MouseEvent| ());

    // Layers with their own activations (chosen in the diagram): the top bar says so, and a
    // choice here sets every layer again.
    let mixed = s.has_layer_overrides();
    let mut activation_options = activation_options(true);
    if mixed {
        activation_options.insert(0, ("mixed".to_string(), "Per layer (see the diagram)".to_string()));
    }
    let activation_id = if mixed { "mixed" } else { s.activation.id() };
    let param = s.activation.param().map(|p| {
        let a = s.activation;
        let on_value = act.reform(move |v: f64| {
            PlayAction::SetActivation(a.with_param(v.clamp(p.min, p.max)).unwrap_or(a))
        });
        slider(p.name, "activation-param", p.min, p.max, p.step, p.value, format!("{}", p.value), on_value)
    });
    let formula = matches!(s.activation, Activation::Custom(_)).then(|| {
        html! { <FormulaField current={s.activation} label="Formula" testid="activation-formula"
        on_apply={act.reform(PlayAction::SetActivation)} /> }
    });
    let (lrs, lr) = number_options(&LEARNING_RATES, s.learning_rate);
    let (regs, reg) = number_options(&REG_RATES, s.reg_rate);
    let (speeds, speed) = number_options(&SPEEDS, props.play.speed);
    let problem = if s.is_regression() { "regression" } else { "classification" };
    let optimizers = opts(OptimizerKind::ALL.iter().map(|o| (o.id(), o.label())));
    let losses = opts(LossKind::ALL.iter().map(|o| (o.id(), o.label())));
    let regularizations = opts(Regularization::ALL.iter().map(|o| (o.id(), o.label())));
    let inits = opts(Init::ALL.iter().map(|o| (o.id(), o.label())));
    let default_bias = format!("{}", s.init.default_bias());
    let problems = opts([("classification", "Classification"), ("regression", "Regression")]);

    html! {
        <div class="top-bar play-controls panel" role="toolbar" aria-label="Training">
            <div class="transport">
                <button class="primary play" onclick={toggle} data-testid="play" disabled={off} title={why_off}
                        aria-label={if props.running { "Pause (space)" } else { "Play (space)" }}
                        aria-pressed={props.running.to_string()}>
                    { if props.running { "❚❚ Pause" } else { "▶ Play" } }
                </button>
                <button onclick={step} data-testid="step" disabled={off} title={why_off} aria-label="Step one epoch (s)">{ "Step" }</button>
                <button onclick={reset} data-testid="reset" aria-label="Reset to the same initial weights (r)">{ "↺ Reset" }</button>
                <div class="epoch-box">
                    <span class="control-label">{ "Epoch" }</span>
                    <span class="epoch" data-testid="epoch">{ epoch }</span>
                </div>
                { select("Speed (epochs/frame)", "speed", &speeds, &speed,
                    act.reform(|v: String| PlayAction::SetSpeed(v.parse().unwrap_or(5).min(MAX_SPEED)))) }
                { select("Learning rate", "learning-rate", &lrs, &lr,
                    act.reform(|v: String| PlayAction::SetLearningRate(v.parse().unwrap_or(0.03)))) }
                { select("Activation", "activation", &activation_options, activation_id,
                    pick_activation(&act, PlayAction::SetActivation)) }
                { param.unwrap_or_default() }
                { formula.unwrap_or_default() }
            </div>
            <div class="settings-row advanced">
                { select("Optimiser", "optimizer", &optimizers, s.optimizer.id(),
                    act.reform(|v: String| PlayAction::SetOptimizer(OptimizerKind::from_id(&v).unwrap_or(OptimizerKind::Sgd)))) }
                { select("Loss", "loss", &losses, s.loss.id(),
                    act.reform(|v: String| PlayAction::SetLoss(LossKind::from_id(&v).unwrap_or(LossKind::SigmoidBce)))) }
                { select("Regularization", "regularization", &regularizations, s.regularization.id(),
                    act.reform(|v: String| PlayAction::SetRegularization(Regularization::from_id(&v).unwrap_or(Regularization::None)))) }
                { select("Reg. rate", "reg-rate", &regs, &reg,
                    act.reform(|v: String| PlayAction::SetRegRate(v.parse().unwrap_or(0.0)))) }
                { select("Initialisation", "init", &inits, s.init.id(),
                    act.reform(|v: String| PlayAction::SetInit(Init::from_id(&v).unwrap_or(Init::HeUniform)))) }
                { number("Bias init", "bias-init", s.bias_init, 0.1, &default_bias,
                    act.reform(PlayAction::SetBiasInit)) }
                { select("Problem", "problem", &problems, problem,
                    act.reform(|v: String| PlayAction::SetRegression(v == "regression"))) }
                { number("Seed", "seed", Some(s.seed as f64), 1.0, "",
                    act.reform(|v: Option<f64>| PlayAction::SetSeed(v.unwrap_or(1.0).abs().min(9.0e15) as u64))) }
            </div>
        </div>
    }
}
