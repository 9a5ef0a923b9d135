//! The links' weights written straight onto their lines: the diagram renders the links once
//! per shape (their ends, names and keys), and this writes what the weights change, so a frame
//! of training never re-renders some 2000 links. While training, only the lines whose look
//! ([`LinkLook`]: width, sign) changed are written, at the chart rate; a link's words (its
//! title, aria-label and `data-weight`) are written when they are read (the pointer over it,
//! the focus on it). Paused, stepped or reshaped: every line and every word, at once, so a
//! screen reader, a tooltip or a test reads the weights of the epoch shown.

use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use super::net_link::parse_link;
use crate::domain::nn::features::Feature;
use crate::domain::nn::model::NetworkWeights;
use crate::domain::nn::settings::Settings;
use crate::domain::nn::weight_edit::{link_name, weight_text, LinkId, LinkLook};
use crate::ui::playground::Live;
use crate::ui::spans;

/// One link's elements: the drawn line and the hit line that holds its words.
struct LinkLine {
    link: LinkId,
    line: Element,
    hit: Element,
    /// Its editor is open (the render's class, kept when the sign is written).
    editing: bool,
    /// What was last written on `line` (`None`: nothing yet).
    look: Option<LinkLook>,
}

/// The diagram's link lines for one rendering of the links (found again after each).
#[derive(Default)]
pub struct LinkLines {
    rendered: u64,
    found: Vec<LinkLine>,
}

/// What the weights give a link's words.
fn describe(hit: &Element, name: &str, w: f32) {
    let text = weight_text(w);
    let _ = hit.set_attribute(
        "aria-label",
        &format!("Weight {name}: {text}. Enter edits it; arrow keys move between links."),
    );
    let _ = hit.set_attribute("data-weight", &text);
    if let Some(title) = hit.first_element_child() {
        title.set_text_content(Some(&format!("Weight {name}: {text} (click to edit)")));
    }
}

/// Every link line under `container` with its link, in the page's order.
fn find(container: &NodeRef) -> Vec<LinkLine> {
    let Some(root) = container.cast::<Element>() else { return Vec::new() };
    let Ok(hits) = root.query_selector_all("line.link-hit") else { return Vec::new() };
    (0..hits.length())
        .filter_map(|k| {
            let hit = hits.get(k)?.dyn_into::<Element>().ok()?;
            let link = parse_link(&hit.get_attribute("data-link")?)?;
            let line = hit.previous_element_sibling()?;
            let editing = line.get_attribute("class").is_some_and(|c| c.contains("editing"));
            Some(LinkLine { link, line, hit, editing, look: None })
        })
        .collect()
}

impl LinkLines {
    /// Writes the weights onto the lines: those whose look changed, and every word too when
    /// `all` (paused, stepped, a new rendering). `rendered` counts the links' renderings: a new
    /// one finds the lines again and writes everything (the render set their class afresh).
    pub fn paint(
        &mut self,
        container: &NodeRef,
        rendered: u64,
        weights: &NetworkWeights,
        names: (&[Feature], usize),
        all: bool,
    ) {
        let _span = spans::span("lab:net-links");
        let fresh = self.rendered != rendered || self.found.is_empty();
        if fresh {
            self.found = find(container);
            self.rendered = rendered;
        }
        for line in &mut self.found {
            let Some(w) = line.link.weight_in(weights) else { continue };
            let look = LinkLook::of(w);
            if fresh || line.look != Some(look) {
                let _ = line.line.set_attribute("stroke-width", &look.width_text());
                let sign = if look.positive { "w-pos" } else { "w-neg" };
                let class =
                    if line.editing { format!("link editing {sign}") } else { format!("link {sign}") };
                let _ = line.line.set_attribute("class", &class);
                line.look = Some(look);
            }
            if all || fresh {
                describe(&line.hit, &link_name(names.0, names.1, line.link), w);
            }
        }
    }
}

/// The words of the link at `target` (a hit line), from `weights`: for the pointer over it or
/// the focus on it while training, when the words are read.
pub fn describe_target(
    target: Option<web_sys::EventTarget>,
    weights: &NetworkWeights,
    names: (&[Feature], usize),
) {
    let Some(hit) = target.and_then(|t| t.dyn_into::<Element>().ok()) else { return };
    let Some(link) = hit.get_attribute("data-link").as_deref().and_then(parse_link) else { return };
    if let Some(w) = link.weight_in(weights) {
        describe(&hit, &link_name(names.0, names.1, link), w);
    }
}

/// Writes the weights onto the links rendered (`rendered`: their renderings so far) whenever
/// the charts move, the run pauses or the session changes; returns what the links' pointer-over
/// and focus-in events give their target, so the words read are those of the current weights.
#[hook]
pub fn use_link_paint(
    container: &NodeRef,
    live: &Live,
    running: bool,
    rendered: u64,
    settings: &Settings,
) -> Callback<Option<web_sys::EventTarget>> {
    let lines = use_mut_ref(LinkLines::default);
    let names = (settings.features.clone(), settings.hidden.len());
    {
        let (container, session, names) = (container.clone(), live.session.clone(), names.clone());
        let deps = (rendered, live.chart_version, running, live.session.id());
        use_effect_with(deps, move |&(rendered, _, running, _)| {
            let weights = session.borrow().weights();
            lines.borrow_mut().paint(&container, rendered, &weights, (&names.0, names.1), !running);
        });
    }
    let session = live.session.clone();
    use_callback(names, move |target, names| {
        describe_target(target, &session.borrow().weights(), (&names.0, names.1));
    })
}
