//! The activation slots (2–4): a function and its parameter each, add and remove, and
//! "Copy A → B" / "Swap A ↔ B".

use yew::prelude::*;

use super::LETTERS;
use crate::domain::activation::Activation;
use crate::domain::experiments::compare::{CompareAction, MAX_SLOTS, MIN_SLOTS};
use crate::ui::controls::{activation_for, activation_options, select, slider};
use crate::ui::formula_field::FormulaField;

#[derive(Properties, PartialEq)]
pub struct SlotsProps {
    pub slots: Vec<Activation>,
    pub on_action: Callback<CompareAction>,
}

fn letter(i: usize) -> &'static str {
    LETTERS.get(i).copied().unwrap_or("?")
}

#[component]
pub fn Slots(props: &SlotsProps) -> Html {
    let pair = use_state(|| (0usize, 1usize));
    let n = props.slots.len();
    let (from, to) = (pair.0.min(n.saturating_sub(1)), pair.1.min(n.saturating_sub(1)));
    let act = props.on_action.clone();
    let functions = activation_options(true);

    let rows = props
        .slots
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let a = *a;
            let taken = props.slots.clone();
            let on_pick = act.reform(move |id: String| {
                CompareAction::SetSlot(i, activation_for(&id, &taken).unwrap_or(a))
            });
            let formula = matches!(a, Activation::Custom(_)).then(|| {
                let on_apply = act.reform(move |a| CompareAction::SetSlot(i, a));
                let (label, testid) = (format!("Formula of {}", letter(i)), format!("slot-formula-{i}"));
                html! { <FormulaField current={a} {label} {testid} {on_apply} /> }
            });
            let param = a.param().map(|p| {
                let label = format!("{} of {}", p.name, letter(i));
                slider(
                    &label,
                    &format!("slot-param-{i}"),
                    p.min,
                    p.max,
                    p.step,
                    p.value,
                    format!("{}", p.value),
                    act.reform(move |v: f64| CompareAction::SetParam(i, v)),
                )
            });
            let remove = (n > MIN_SLOTS).then(|| {
                let onclick = act.reform(move |_: MouseEvent| CompareAction::RemoveSlot(i));
                let remove_testid = format!("slot-remove-{i}");
                let remove_label = format!("Remove activation {}", letter(i));
                html! {
                    <button class="icon" {onclick} data-testid={remove_testid}
                            aria-label={remove_label} title="Remove">{ "×" }</button>
                }
            });
            let row_testid = format!("slot-row-{i}");
            let letter_class = classes!("cmp-letter", format!("cmp-c{i}"));
            let function_select = select(
                &format!("Activation {}", letter(i)),
                &format!("slot-{i}"),
                &functions,
                a.id(),
                on_pick,
            );
            html! {
                <div class="cmp-slot" data-testid={row_testid}>
                    <span class={letter_class} aria-hidden="true">{ letter(i) }</span>
                    <div class="cmp-slot-body">
                        { function_select }
                        { param.unwrap_or_default() }
                        { formula.unwrap_or_default() }
                    </div>
                    { remove.unwrap_or_default() }
                </div>
            }
        })
        .collect::<Html>();
    let add = (n < MAX_SLOTS).then(|| {
        let onclick = act.reform(|_: MouseEvent| CompareAction::AddSlot);
        let add_label = format!("+ Add activation {}", letter(n));
        html! { <button {onclick} data-testid="slot-add">{ add_label }</button> }
    });

    let letters: Vec<(String, String)> = (0..n).map(|i| (i.to_string(), letter(i).to_string())).collect();
    let pick = |which: usize| {
        let pair = pair.clone();
        Callback::from(move |v: String| {
            let i = v.parse().unwrap_or(0);
            pair.set(if which == 0 { (i, pair.1) } else { (pair.0, i) });
        })
    };
    let copy = act.reform(move |_: MouseEvent| CompareAction::Copy { from, to });
    let swap = act.reform(move |_: MouseEvent| CompareAction::Swap(from, to));
    let same = from == to;
    let copy_label = format!("Copy {} → {}", letter(from), letter(to));
    let swap_label = format!("Swap {} ↔ {}", letter(from), letter(to));
    html! {
        <section class="cmp-slots" aria-label="Activations compared">
            <h3>{ "Activations" }</h3>
            { rows }
            { add.unwrap_or_default() }
            <div class="cmp-copy" role="group" aria-label="Copy or swap activations">
                { select("From", "copy-from", &letters, &from.to_string(), pick(0)) }
                { select("To", "copy-to", &letters, &to.to_string(), pick(1)) }
                <button onclick={copy} data-testid="copy" disabled={same}
                        title="The second slot takes the first one's function and parameter">
                    { copy_label }</button>
                <button onclick={swap} data-testid="swap" disabled={same}>
                    { swap_label }</button>
            </div>
        </section>
    }
}
