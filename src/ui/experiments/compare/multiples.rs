//! Small multiples: one decision boundary per activation, with its dead-neuron count.

use std::rc::Rc;

use yew::prelude::*;

use super::slot_name;
use crate::domain::activation::Activation;
use crate::domain::nn::data::Dataset;
use crate::domain::nn::trainer::GridProbe;
use crate::ui::canvas::boundary_canvas::BoundaryCanvas;
use crate::ui::export::export_menu::ExportMenu;

#[derive(Properties)]
pub struct MultiplesProps {
    pub slots: Vec<Activation>,
    pub probes: Rc<Vec<Rc<GridProbe>>>,
    pub data: Rc<Dataset>,
    pub dead: Rc<Vec<usize>>,
    /// Hidden neurons of each network.
    pub neurons: usize,
    pub regression: bool,
    /// Changes whenever the probes do.
    pub version: u64,
    pub on_drawn: Callback<f64>,
}

impl PartialEq for MultiplesProps {
    fn eq(&self, o: &Self) -> bool {
        self.version == o.version
            && Rc::ptr_eq(&self.probes, &o.probes)
            && Rc::ptr_eq(&self.data, &o.data)
            && self.slots == o.slots
            && self.neurons == o.neurons
    }
}

#[component]
pub fn Multiples(props: &MultiplesProps) -> Html {
    let figures = props.slots.iter().zip(props.probes.iter()).enumerate().map(|(i, (a, probe))| {
        let name = slot_name(i, a);
        let dead = props.dead.get(i).copied().unwrap_or(0);
        let dead_class = if dead > 0 { "cmp-dead has-dead" } else { "cmp-dead" };
        let label = format!("Decision boundary of {name}: {dead} of {} neurons dead", props.neurons);
        let multiple_testid = format!("multiple-{i}");
        let letter_class = classes!("cmp-letter", format!("cmp-c{i}"));
        let dead_testid = format!("boundary-dead-{i}");
        let of_neurons = format!(" / {}", props.neurons);
        let boundary_testid = format!("boundary-{i}");
        html! {
            <div class="cmp-multiple" data-testid={multiple_testid}>
                <div class="cmp-multiple-head">
                    <span class={letter_class} aria-hidden="true">{ super::LETTERS[i.min(3)] }</span>
                    <span class="cmp-name">{ a.to_string() }</span>
                    <span class={dead_class}>{ "dead " }<span data-testid={dead_testid}>{ dead }</span>
                        { of_neurons }</span>
                </div>
                <BoundaryCanvas probe={probe.clone()} data={props.data.clone()} regression={props.regression}
                                version={props.version} label={label} testid={boundary_testid}
                                on_drawn={props.on_drawn.clone()} />
            </div>
        }
    }).collect::<Html>();
    let cols = format!("cmp-cols-{}", props.slots.len().clamp(2, 4));
    html! {
        <section class={classes!("cmp-multiples", "panel", cols)} aria-label="Decision boundaries">
            { figures }
            <ExportMenu name="cmp-boundaries" label="decision boundaries" />
        </section>
    }
}
