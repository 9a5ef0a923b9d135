//! The experiment's settings (widths, depth, networks per width, inputs, seed, schemes) and the
//! Start / Cancel buttons. The settings are locked (a disabled fieldset) while a run goes on.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::domain::experiments::born_dead_view::{
    BornDeadAction, BornDeadView, SchemeChoice, MAX_DEPTH, MAX_WIDTHS, SAMPLE_CHOICES, TRIAL_CHOICES,
    WIDTH_RANGE,
};
use crate::domain::state::play_url::seed_from_text;
use crate::ui::controls::{select, slider};

#[derive(Properties, PartialEq)]
pub struct BdControlsProps {
    pub view: BornDeadView,
    pub running: bool,
    /// A run finished or was cancelled since the settings last changed (Start then reads
    /// "Run again").
    pub has_run: bool,
    pub on_action: Callback<BornDeadAction>,
    pub on_start: Callback<()>,
    pub on_cancel: Callback<()>,
}

#[component]
pub fn BdControls(props: &BdControlsProps) -> Html {
    let view = &props.view;
    let act = &props.on_action;

    let width_buttons = width_buttons(view, act);

    let depth = slider(
        "Max depth (hidden layers)",
        "bd-depth",
        1.0,
        MAX_DEPTH as f64,
        1.0,
        view.max_depth as f64,
        view.max_depth.to_string(),
        act.reform(|v: f64| {
            BornDeadAction::SetMaxDepth(if v.is_finite() { v.round().max(1.0) as usize } else { 1 })
        }),
    );
    let trials = select(
        "Networks per width (K)",
        "bd-trials",
        &choices(&TRIAL_CHOICES, view.trials, |k| k.to_string()),
        &view.trials.to_string(),
        act.reform(|text: String| BornDeadAction::SetTrials(text.parse().unwrap_or(1000))),
    );
    let samples = select(
        "Inputs tested",
        "bd-samples",
        &choices(&SAMPLE_CHOICES, view.samples, sample_label),
        &view.samples.to_string(),
        act.reform(|text: String| BornDeadAction::SetSamples(text.parse().unwrap_or(1024))),
    );
    let on_seed = act.reform(|e: Event| {
        let text = e.target_unchecked_into::<HtmlInputElement>().value();
        BornDeadAction::SetSeed(seed_from_text(&text))
    });
    let scheme_buttons = scheme_buttons(view, act);
    let on_start = props.on_start.reform(|_: MouseEvent| ());
    let on_cancel = props.on_cancel.reform(|_: MouseEvent| ());
    let widths_label = format!("Widths (up to {MAX_WIDTHS})");

    html! {
        <div class="bd-controls">
            <fieldset disabled={props.running} class="bd-fieldset">
                <legend class="visually-hidden">{ "Settings (locked while a run goes on)" }</legend>
                <div class="control">
                    <span class="control-label" id="bd-widths-label">{ widths_label }</span>
                    <div class="bd-widths" role="group" aria-labelledby="bd-widths-label">{ width_buttons }</div>
                </div>
                { depth }
                <div class="bd-pair">
                    { trials }
                    { samples }
                </div>
                <div class="bd-pair">
                    <label class="control">
                        <span class="control-label">{ "Seed" }</span>
                        <input type="text" inputmode="numeric" class="bd-seed" value={view.seed.to_string()}
                               onchange={on_seed} data-testid="bd-seed" />
                    </label>
                </div>
                <div class="control">
                    <span class="control-label" id="bd-scheme-label">{ "Initialisation" }</span>
                    <div class="segmented bd-schemes" role="radiogroup" aria-labelledby="bd-scheme-label">
                        { scheme_buttons }
                    </div>
                </div>
            </fieldset>
            <div class="bd-actions">
                <button class="primary bd-start" onclick={on_start} disabled={props.running} data-testid="bd-start">
                    { if props.has_run { "Run again" } else { "Start" } }
                </button>
                <button onclick={on_cancel} disabled={!props.running} data-testid="bd-cancel">{ "Cancel" }</button>
            </div>
        </div>
    }
}

/// One toggle button per offered width, coloured by its place among the chosen ones.
fn width_buttons(view: &BornDeadView, act: &Callback<BornDeadAction>) -> Html {
    (WIDTH_RANGE.0..=WIDTH_RANGE.1)
        .map(|w| {
            let chosen = view.widths.iter().position(|&x| x == w);
            let onclick = act.reform(move |_: MouseEvent| BornDeadAction::ToggleWidth(w));
            let title = match chosen {
                Some(_) if !view.can_toggle(w) => "The last width stays".to_string(),
                Some(_) => format!("Remove width {w}"),
                None if !view.can_toggle(w) => format!("At most {MAX_WIDTHS} widths: remove one first"),
                None => format!("Add width {w}"),
            };
            let class = classes!("bd-width", chosen.map(|i| format!("bd-on-{i}")));
            let testid = format!("bd-width-{w}");
            html! {
                <button {class}
                        aria-pressed={chosen.is_some().to_string()} disabled={!view.can_toggle(w)}
                        {title} data-testid={testid} {onclick}>
                    { w }
                </button>
            }
        })
        .collect()
}

/// The initialisation schemes as one radio group.
fn scheme_buttons(view: &BornDeadView, act: &Callback<BornDeadAction>) -> Html {
    SchemeChoice::ALL
        .iter()
        .map(|&s| {
            let on = view.scheme == s;
            let onclick = act.reform(move |_: MouseEvent| BornDeadAction::SetScheme(s));
            let testid = format!("bd-scheme-{}", s.id());
            html! {
                <button role="radio" aria-checked={on.to_string()} class={classes!("seg", on.then_some("on"))}
                        aria-label={s.label()} data-testid={testid} {onclick}>{ s.short() }</button>
            }
        })
        .collect()
}

/// The offered values plus the current one when a link chose another, as (value, text) pairs.
fn choices(offered: &[usize], current: usize, text: fn(usize) -> String) -> Vec<(String, String)> {
    let mut values = offered.to_vec();
    if !values.contains(&current) {
        values.push(current);
        values.sort_unstable();
    }
    values.into_iter().map(|v| (v.to_string(), text(v))).collect()
}

fn sample_label(n: usize) -> String {
    let side = (n as f64).sqrt().floor() as usize;
    if side * side == n {
        format!("{n} ({side}×{side} grid)")
    } else {
        format!("{n} (→ {side}×{side} grid)")
    }
}
