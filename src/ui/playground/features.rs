//! Input features, as TF Playground: X₁, X₂, X₁², X₂², X₁X₂, sin X₁, sin X₂.

use yew::prelude::*;

use crate::domain::nn::features::Feature;
use crate::domain::state::play_url::PlayState;
use crate::domain::state::playground::PlayAction;

#[derive(Properties, PartialEq)]
pub struct FeaturesProps {
    pub play: PlayState,
    pub on_action: Callback<PlayAction>,
}

#[component]
pub fn Features(props: &FeaturesProps) -> Html {
    let chosen = &props.play.settings.features;
    let toggles = Feature::ALL.iter().map(|&f| {
        let on = chosen.contains(&f);
        let onclick = props.on_action.reform(move |_: MouseEvent| PlayAction::ToggleFeature(f));
        let testid = format!("feature-{}", f.id());
        html! {
            <button class={classes!("feature", on.then_some("on"))} aria-pressed={on.to_string()} {onclick}
                    data-testid={testid}>{ f.label() }</button>
        }
    }).collect::<Html>();
    html! {
        <div class="features">
            <h3>{ "Features" }</h3>
            <div class="feature-list" role="group" aria-label="Input features">{ toggles }</div>
        </div>
    }
}
