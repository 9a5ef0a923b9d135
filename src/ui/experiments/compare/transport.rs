//! The transport bar: play/pause, step, reset, the epoch counter, and the one-click presets.

use yew::prelude::*;

use crate::domain::experiments::compare::{CompareAction, Preset};

#[derive(Properties, PartialEq)]
pub struct TransportProps {
    pub running: bool,
    pub epoch: usize,
    /// At least one run has not diverged (else there is nothing to play or step).
    pub any_running: bool,
    pub on_run: Callback<bool>,
    pub on_step: Callback<()>,
    pub on_reset: Callback<()>,
    pub on_action: Callback<CompareAction>,
}

#[component]
pub fn Transport(props: &TransportProps) -> Html {
    let toggle = {
        let (on_run, running) = (props.on_run.clone(), props.running);
        Callback::from(move |_: MouseEvent| on_run.emit(!running))
    };
    let step = props.on_step.reform(|_: MouseEvent| ());
    let reset = props.on_reset.reform(|_: MouseEvent| ());
    let (play_text, play_label) =
        if props.running { ("❚❚ Pause", "Pause (space)") } else { ("▶ Play", "Play (space)") };
    let preset = |p: Preset, testid: &'static str, title: &'static str| {
        let onclick = props.on_action.reform(move |_: MouseEvent| CompareAction::Preset(p));
        html! { <button {onclick} data-testid={testid} {title}>{ p.label() }</button> }
    };
    html! {
        <div class="cmp-transport panel" role="toolbar" aria-label="Training">
            <button class="primary play" onclick={toggle} data-testid="play" disabled={!props.any_running}
                    aria-label={play_label} aria-pressed={props.running.to_string()}>{ play_text }</button>
            <button onclick={step} data-testid="step" disabled={!props.any_running}
                    aria-label="Step one epoch (s)">{ "Step" }</button>
            <button onclick={reset} data-testid="reset" aria-label="Reset to the same initial weights (r)">{ "↺ Reset" }</button>
            <div class="epoch-box">
                <span class="control-label">{ "Epoch" }</span>
                <span class="epoch" data-testid="epoch">{ props.epoch }</span>
            </div>
            <div class="cmp-presets" role="group" aria-label="Presets">
                <span class="control-label">{ "Presets" }</span>
                <div class="cmp-preset-buttons">
                    { preset(Preset::DyingRelu, "preset-dying",
                        "relu, leaky_relu, elu, gelu on moons with [4,4], bias −0.5 and Adam at 0.2 (target loss 0.01): ReLUs die and on most seeds cannot fit the moons; the others lose none") }
                    { preset(Preset::Healthy, "preset-healthy",
                        "relu, leaky_relu, elu, gelu on [8,8] with the Playground's defaults: nothing dies") }
                </div>
            </div>
        </div>
    }
}
