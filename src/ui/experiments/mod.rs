//! The Experiments section: three experiments no playground offers, each with its own URL
//! state and a short explanation of what to look for.

mod born_dead;
mod compare;
mod depth;

use yew::prelude::*;

use crate::domain::experiments::{read_experiment, Experiment};
use crate::domain::state::page::Notice;
use crate::ui::shell::browser;

#[derive(Properties, PartialEq)]
pub struct ExperimentsProps {
    pub on_notice: Callback<Vec<Notice>>,
}

#[component]
pub fn Experiments(props: &ExperimentsProps) -> Html {
    let initial = use_memo((), |_| read_experiment(&browser::read_query()));
    let current = use_state(|| initial.0);
    {
        let (notice, on_notice) = (initial.1.clone(), props.on_notice.clone());
        use_effect_with((), move |_| {
            if let Some(n) = notice {
                on_notice.emit(vec![n]);
            }
        });
    }
    let tabs: Html = Experiment::ALL.iter().map(|&e| {
        let on = *current == e;
        let onclick = {
            let current = current.clone();
            Callback::from(move |_: MouseEvent| {
                let mut query = browser::read_query();
                query.set("exp", e.id());
                browser::write_query(&query);
                current.set(e);
            })
        };
        let testid = format!("exp-{}", e.id());
        html! {
            <button role="tab" aria-selected={on.to_string()} class={classes!("subtab", on.then_some("on"))}
                    data-testid={testid} {onclick}>{ e.label() }</button>
        }
    }).collect();
    let on_notice = props.on_notice.clone();
    html! {
        <div class="experiments">
            <div class="section-head">
                <h2>{ "Experiments" }</h2>
                <p class="muted">{ "Questions no playground answers: what changes when only the activation changes, how gradients fade through depth, and how often a ReLU network is dead before it learns anything." }</p>
            </div>
            <nav class="subtabs" role="tablist" aria-label="Experiments">{ tabs }</nav>
            { match *current {
                Experiment::Compare => html! { <compare::Compare {on_notice} /> },
                Experiment::Depth => html! { <depth::Depth {on_notice} /> },
                Experiment::BornDead => html! { <born_dead::BornDead {on_notice} /> },
            } }
        </div>
    }
}
