//! One link of the network diagram: a line whose width and colour show its weight.

use yew::prelude::*;

pub struct NetLinkProps {
    /// From and to, in the links' SVG units.
    pub from: (f64, f64),
    pub to: (f64, f64),
    pub weight: f32,
}

fn fmt(v: f64) -> String {
    format!("{v:.1}")
}

/// A plain function, not a component: it has no state, and a component per node or link
/// would cost Yew bookkeeping (and download size) for nothing.
pub fn net_link(props: &NetLinkProps) -> Html {
    let w = props.weight;
    let ((x1, y1), (x2, y2)) = (props.from, props.to);
    let (x1, y1, x2, y2) = (fmt(x1), fmt(y1), fmt(x2), fmt(y2));
    let width = fmt((w.abs() as f64 * 2.0).clamp(0.4, 7.0));
    let class = if w >= 0.0 { "link w-pos" } else { "link w-neg" };
    let title = format!("weight {w:.3}");
    html! {
        <line {x1} {y1} {x2} {y2} vector-effect="non-scaling-stroke" {class} stroke-width={width}>
            <title>{ title }</title>
        </line>
    }
}
