//! One activation explained: its formulas (MathML, no JavaScript math library), range, kinks
//! with the derivative's convention there, and a few plain sentences.

use yew::prelude::*;

use crate::domain::activation::Activation;

#[derive(Properties, PartialEq)]
pub struct CardProps {
    pub index: usize,
    pub activation: Activation,
}

fn bound(v: f64) -> String {
    if v == f64::INFINITY {
        "∞".into()
    } else if v == f64::NEG_INFINITY {
        "−∞".into()
    } else {
        format!("{}", (v * 1e4).round() / 1e4)
    }
}

fn math(markup: &str) -> Html {
    Html::from_html_unchecked(AttrValue::from(format!(r#"<math display="block">{markup}</math>"#)))
}

#[component]
pub fn ActivationCard(props: &CardProps) -> Html {
    let a = props.activation;
    let formula = a.formula_mathml();
    let (lo, hi) = a.range();
    let kinks = a.kinks();
    let kink_note = (!kinks.is_empty()).then(|| {
        let items: Html = kinks
            .iter()
            .map(|k| {
                let (name, convention) = match a {
                    Activation::Custom(_) => (
                        "the formula",
                        "abs′, relu′ are 0 there; max and min take their first argument's slope at a tie",
                    ),
                    _ => (a.id(), "PyTorch's convention"),
                };
                let text = format!(
                    "At x = {}, f′ jumps from {} to {}; {} uses f′({}) = {} ({convention}).",
                    bound(k.x),
                    bound(k.left),
                    bound(k.right),
                    name,
                    bound(k.x),
                    bound(k.at)
                );
                html! { <li>{ text }</li> }
            })
            .collect();
        html! { <ul class="kinks">{ items }</ul> }
    });
    let testid = format!("card-{}", props.index);
    let swatch = classes!("swatch", format!("swatch-{}", props.index));
    let range = format!("Range: ({}, {})", bound(lo), bound(hi));
    let notes: Html = a.notes().iter().map(|n| html! { <p>{ *n }</p> }).collect();
    html! {
        <article class="panel card" data-testid={testid}>
            <h3><span class={swatch} aria-hidden="true"></span>{ a.label() }
                <code class="spec">{ a.to_string() }</code></h3>
            <div class="formulas">
                { math(&formula.f) }
                { math(&formula.df) }
            </div>
            <p class="muted">{ range }</p>
            { kink_note.unwrap_or_default() }
            { notes }
        </article>
    }
}
