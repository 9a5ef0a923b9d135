//! One link of the network diagram: a line whose width and colour show its weight, under a
//! wider invisible line that takes the pointer, the focus and the keys (a thin link is still
//! easy to hit, 44 px wide on a touch screen). A click, a tap, or Enter or Space on a focused
//! link opens its weight's editor ([`super::weight_editor`]); the diagram handles those events
//! for all links at once, reading the link from `data-link`. What the weight gives a link
//! (its width, colour, title, aria-label and `data-weight`) is written onto these lines by
//! [`super::link_paint`], not rendered: a frame of training re-renders no link.

use yew::prelude::*;

use crate::domain::nn::weight_edit::LinkId;

pub struct NetLinkProps {
    pub link: LinkId,
    /// From and to, in the links' SVG units.
    pub from: (f64, f64),
    pub to: (f64, f64),
    /// The one link in the page's tab order (the arrow keys reach the others).
    pub tab_stop: bool,
    /// Its editor is open.
    pub editing: bool,
}

fn fmt(v: f64) -> String {
    format!("{v:.1}")
}

/// The `data-link` value of a link ("layer-to-from"), read back by [`parse_link`].
pub fn link_key(link: LinkId) -> String {
    format!("{}-{}-{}", link.layer, link.to, link.from)
}

/// The link a `data-link` value names.
pub fn parse_link(key: &str) -> Option<LinkId> {
    let mut parts = key.split('-').map(|p| p.parse::<usize>().ok());
    let (layer, to, from) = (parts.next()??, parts.next()??, parts.next()??);
    parts.next().is_none().then_some(LinkId { layer, to, from })
}

/// A plain function, not a component: it has no state, and a component per node or link
/// would cost Yew bookkeeping (and download size) for nothing.
pub fn net_link(props: &NetLinkProps) -> Html {
    let ((x1, y1), (x2, y2)) = (props.from, props.to);
    let (x1, y1, x2, y2) = (fmt(x1), fmt(y1), fmt(x2), fmt(y2));
    let class = classes!("link", props.editing.then_some("editing"));
    let (key, tabindex) = (link_key(props.link), if props.tab_stop { "0" } else { "-1" });
    let testid = format!("link-{key}");
    html! {
        <g>
            <line x1={x1.clone()} y1={y1.clone()} x2={x2.clone()} y2={y2.clone()} vector-effect="non-scaling-stroke" {class} />
            <line {x1} {y1} {x2} {y2} vector-effect="non-scaling-stroke" class="link-hit" role="button"
                  {tabindex} data-link={key} data-testid={testid}>
                <title></title>
            </line>
        </g>
    }
}
