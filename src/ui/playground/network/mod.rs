//! The network diagram: inputs, hidden layers and the output as small live heatmaps, links
//! whose width and colour show each weight, every bias, and dead (✕, greyed) or saturated (≈)
//! neurons marked with a tooltip saying since when and why. Hovering a neuron shows it large
//! in the output panel. Every input feature is in the first column, labelled; an unused one is
//! faded and a click adds it (a click on a used one removes it). A legend under the diagram
//! gives the colours' scale (−1 … 1) and the links' meaning.

use std::rc::Rc;

use yew::prelude::*;

mod frozen;
mod layer_head;
mod link_paint;
mod net_link;
mod net_node;
mod node_maps;
mod weight_editor;

use super::{Live, GRID};
use crate::domain::frame_budget::DearView;
use crate::domain::nn::explain::neuron_story;
use crate::domain::nn::features::Feature;
use crate::domain::nn::metrics::NeuronMetrics;
use crate::domain::nn::weight_edit::{link_name, LinkId};
use crate::domain::state::page::Notice;
use crate::domain::state::play_url::PlayState;
use crate::domain::state::playground::{PlayAction, MAX_LAYERS};
use crate::ui::hooks::use_dark_mode;
use crate::ui::shell::browser;
use crate::ui::spans;
use frozen::Frozen;
use layer_head::{layer_formulas, layer_head, LayerHeadProps};
use link_paint::use_link_paint;
use net_link::{link_key, net_link, NetLinkProps};
use net_node::{net_node, unused_input, NetNodeProps, UnusedInputProps};
use node_maps::{feature_grid, paint_inputs, paint_neurons, NodeCanvases};
use weight_editor::{use_link_editor, WeightEditor};

/// Grid rows are half a node step tall, so columns of different heights centre exactly.
const HALF_ROW_PX: f64 = 27.0;
/// Width of one column in the links' SVG units (the SVG stretches to the grid's width).
const COL_UNITS: f64 = 100.0;

#[derive(Properties, PartialEq, Clone)]
pub struct NetworkProps {
    pub play: PlayState,
    pub live: Live,
    pub on_action: Callback<PlayAction>,
    pub hovered: Option<(usize, usize)>,
    /// While training, a frame paints the neuron maps in turns (see `node_maps`).
    pub running: bool,
    pub on_hover: Callback<Option<(usize, usize)>>,
    /// A weight set by hand on a link.
    pub on_weight: Callback<(LinkId, f32)>,
    /// Notices for the banner (a clamped weight).
    pub on_notice: Callback<Vec<Notice>>,
}

/// For every node: its grid column (1-based), first grid row (1-based, spanning two rows),
/// and its centre in the links' SVG units. Columns of fewer nodes are centred vertically.
struct Layout {
    nodes: Vec<Vec<Placed>>,
    rows: usize,
}

/// (grid column, first grid row, centre in SVG units) of one node.
type Placed = (usize, usize, (f64, f64));

fn layout(columns: &[usize]) -> Layout {
    let tallest = columns.iter().copied().max().unwrap_or(1).max(1);
    let nodes = columns
        .iter()
        .enumerate()
        .map(|(c, &n)| {
            let offset = tallest - n; // in half steps
            (0..n)
                .map(|i| {
                    let row0 = offset + 2 * i; // 0-based first half-row
                    let centre = ((c as f64 + 0.5) * COL_UNITS, (row0 as f64 + 1.0) * HALF_ROW_PX);
                    (c + 1, row0 + 1, centre)
                })
                .collect()
        })
        .collect();
    Layout { nodes, rows: 2 * tallest }
}

fn neuron_title(
    layer: usize,
    index: usize,
    m: Option<&NeuronMetrics>,
    bias: f32,
    story: &dyn Fn(&NeuronMetrics) -> String,
) -> String {
    let name = format!("Layer {} neuron {}: bias {bias:.3}", layer + 1, index + 1);
    match m {
        Some(m) if m.dead || m.saturated || m.revived() => format!("{name}. {}", story(m)),
        _ => name,
    }
}

/// Every input (used ones as nodes, unused ones as faded buttons), every hidden neuron's
/// state and the output's bias, as nodes.
fn nodes(props: &NetworkProps, grid: &Layout) -> Vec<Html> {
    let session = props.live.session.borrow();
    let (weights, metrics) = (session.weights(), session.metrics());
    let (activations, points) = (session.activations(), session.train_len());
    let cols = grid.nodes.len();
    let node = |c: usize,
                j: usize,
                title: String,
                class: Classes,
                mark: Option<&'static str>,
                bias: Option<f32>,
                input: Option<(&'static str, Callback<MouseEvent>)>| {
        let (gc, gr, _) = grid.nodes[c][j];
        let hover_key = (c > 0 && c < cols - 1).then_some((c - 1, j));
        let (label, on_click) = input.map_or((None, None), |(l, cb)| (Some(l), Some(cb)));
        net_node(&NetNodeProps {
            column: c,
            index: j,
            place: (gc, gr),
            title: title.into(),
            class,
            mark,
            bias,
            hover_key,
            on_hover: props.on_hover.clone(),
            label,
            on_click,
        })
    };
    let mut nodes = Vec::new();
    let used = &props.play.settings.features;
    for (j, &f) in Feature::ALL.iter().enumerate() {
        let toggle = props.on_action.reform(move |_: MouseEvent| PlayAction::ToggleFeature(f));
        if used.contains(&f) {
            let title = format!("Input {}: click to stop using it", f.label());
            nodes.push(node(0, j, title, classes!("input"), None, None, Some((f.label(), toggle))));
        } else {
            let (gc, gr, _) = grid.nodes[0][j];
            let place = (gc, gr);
            nodes.push(unused_input(&UnusedInputProps {
                index: j,
                place,
                label: f.label(),
                onclick: toggle,
            }));
        }
    }
    for (l, &width) in props.play.settings.hidden.iter().enumerate() {
        for j in 0..width {
            let m = metrics.layers.get(l).and_then(|lm| lm.neurons.get(j));
            let bias = weights.layers.get(l).and_then(|lw| lw.biases.get(j)).copied().unwrap_or(0.0);
            let (class, mark) = match m {
                Some(m) if m.dead => (classes!("dead"), Some("✕")),
                Some(m) if m.revived() => (classes!("revived"), Some("↺")),
                Some(m) if m.saturated => (classes!("saturated"), Some("≈")),
                _ => (classes!(), None),
            };
            let hovered = props.hovered == Some((l, j));
            let class = classes!(class, hovered.then_some("hovered"));
            let activation = activations.get(l).copied().unwrap_or(props.play.settings.activation);
            let story = move |m: &NeuronMetrics| neuron_story(l, m, points, &activation);
            let title = neuron_title(l, j, m, bias, &story);
            nodes.push(node(l + 1, j, title, class, mark, Some(bias), None));
        }
    }
    let out_bias = weights.layers.last().and_then(|lw| lw.biases.first()).copied().unwrap_or(0.0);
    nodes.push(node(
        cols - 1,
        0,
        format!("Output: bias {out_bias:.3}"),
        classes!("output"),
        None,
        Some(out_bias),
        None,
    ));
    nodes
}

/// Where a link starts and ends in the links' SVG units: weights[l][out][in] joins column l to
/// column l+1 (the first layer's inputs are the used features, placed at their row among all
/// of them). `None` for a link the layout does not have.
fn ends(grid: &Layout, used: &[usize], link: LinkId) -> Option<((f64, f64), (f64, f64))> {
    let row_in = if link.layer == 0 { used.get(link.from).copied()? } else { link.from };
    let from = grid.nodes.get(link.layer)?.get(row_in)?.2;
    let to = grid.nodes.get(link.layer + 1)?.get(link.to)?.2;
    Some((from, to))
}

/// Links, drawn under the nodes; the first is the links' one stop in the tab order. Only their
/// places and keys: the weights are written onto them by [`link_paint`].
fn links(props: &NetworkProps, grid: &Layout, used: &[usize], editing: Option<LinkId>) -> Vec<Html> {
    let session = props.live.session.borrow();
    let mut links = Vec::new();
    for (l, layer) in session.weights().layers.iter().enumerate() {
        for (o, row) in layer.weights.iter().enumerate() {
            for i in 0..row.len() {
                let link = LinkId { layer: l, to: o, from: i };
                let Some((from, to)) = ends(grid, used, link) else { continue };
                let (tab_stop, editing) = (links.is_empty(), editing == Some(link));
                links.push(net_link(&NetLinkProps { link, from, to, tab_stop, editing }));
            }
        }
    }
    links
}

/// Column headers: the inputs, each hidden layer with −/+ neuron buttons, the output.
fn headers(props: &NetworkProps, cols: usize) -> Vec<Html> {
    let session = props.live.session.borrow();
    let metrics = session.metrics();
    let mut headers = vec![html! { <div class="col-head gc-1">{ "inputs" }</div> }];
    for (l, &width) in props.play.settings.hidden.iter().enumerate() {
        let (dead, died, revived) = metrics.layers.get(l).map_or((0, 0, 0), |m| (m.dead, m.died, m.revived));
        headers.push(layer_head(&LayerHeadProps {
            layer: l,
            width,
            dead,
            died,
            revived,
            activation: props.play.settings.activation_of(l),
            on_action: props.on_action.clone(),
        }));
    }
    let class = classes!("col-head", format!("gc-{cols}"));
    headers.push(html! { <div {class}>{ "output" }</div> });
    headers
}

#[component]
pub fn Network(props: &NetworkProps) -> Html {
    let _span = spans::span("lab:net-render");
    let dark = use_dark_mode();
    let container = use_node_ref();
    let settings = &props.play.settings;
    // Where each used feature sits among all of them (the first layer's weights follow them).
    let used: Vec<usize> = Feature::ALL
        .iter()
        .enumerate()
        .filter(|(_, f)| settings.features.contains(f))
        .map(|(p, _)| p)
        .collect();
    let feature_maps =
        use_memo((), |_| Feature::ALL.iter().map(|f| feature_grid(*f)).collect::<Vec<Vec<f32>>>());

    // The inputs and the legend bar never change with training: painted when the theme or the
    // shape (which nodes there are) changed. The node canvases are found once per shape.
    let shape = (settings.features.clone(), settings.hidden.clone());
    let canvases = use_mut_ref(NodeCanvases::default);
    {
        let (container, maps, canvases) = (container.clone(), feature_maps.clone(), canvases.clone());
        use_effect_with((dark, shape.clone()), move |(dark, shape)| {
            paint_inputs(&container, &mut canvases.borrow_mut(), shape, &maps, *dark);
        });
    }
    // The neurons and the output: with every new probe too.
    {
        let (container, live) = (container.clone(), props.live.clone());
        let (discretize, all) = (props.play.discretize, !props.running);
        use_effect_with(
            ((live.version, live.probe.n), dark, shape, discretize, all),
            move |(_, dark, shape, discretize, all)| {
                paint_neurons(
                    &container,
                    &mut canvases.borrow_mut(),
                    shape,
                    &live,
                    (*dark, *discretize, *all),
                );
            },
        );
    }

    let mut columns = vec![Feature::ALL.len()];
    columns.extend(settings.hidden.iter().copied());
    columns.push(1);
    let cols = columns.len();
    let grid = layout(&columns);
    let height = grid.rows as f64 * HALF_ROW_PX;
    let edit = use_link_editor(&props.live, &props.on_weight, &props.on_notice, &container);
    let editing = edit.open.map(|(link, _)| link);
    let editor = edit.open.and_then(|(link, weight)| {
        let ((x1, y1), (x2, y2)) = ends(&grid, &used, link)?;
        let at = (50.0 * (x1 + x2) / (cols as f64 * COL_UNITS), 50.0 * (y1 + y2) / height);
        let name = link_name(&settings.features, settings.hidden.len(), link);
        let (on_set, on_cancel) = (edit.on_set.clone(), edit.on_cancel.clone());
        Some(html! { <WeightEditor key={link_key(link)} name={name} {weight} {at} {on_set} {on_cancel} /> })
    });
    // The links are rendered once per shape (and open editor); their weights are written onto
    // them at the chart rate while training, and in full on a pause or a step ([`link_paint`]).
    let links_key = (settings.features.clone(), settings.hidden.clone(), props.live.session.id(), editing);
    let rendered = use_mut_ref(|| 0u64);
    let links = use_memo(links_key, {
        let (props, grid, used, rendered) = (props.clone(), layout(&columns), used.clone(), rendered.clone());
        move |_| {
            let _span = spans::span("lab:net-links-render");
            *rendered.borrow_mut() += 1;
            links(&props, &grid, &used, editing).into_iter().collect::<Html>()
        }
    });
    let describe = use_link_paint(&container, &props.live, props.running, *rendered.borrow(), settings);
    // Node marks and tooltips follow the weights at the chart rate (a weight moves a hair per
    // epoch: 8 redraws a second show it as well as 60, at a fraction of the layout and paint),
    // and at once on any other change (settings, hover, a new session, a pause, an edit). A big
    // network's nodes (8 layers of 16: 129) are dearer to redraw: while training they follow at
    // most every 20 times their cost ([`DearView`]).
    let dear = use_mut_ref(DearView::default);
    let shown = dear.borrow_mut().version(props.live.chart_version, browser::now_ms(), props.running);
    let key = (shown, props.live.session.id(), props.play.clone(), props.hovered);
    let parts = use_memo(key, {
        let props = props.clone();
        move |_| {
            let _span = spans::span("lab:net-diagram");
            let start = browser::now_ms();
            let (nodes, headers) = (nodes(&props, &grid), headers(&props, cols));
            let parts: (Rc<Html>, Rc<Html>) =
                (Rc::new(nodes.into_iter().collect()), Rc::new(headers.into_iter().collect()));
            dear.borrow_mut().drawn(browser::now_ms() - start);
            parts
        }
    });
    let (nodes, headers) = (*parts).clone();
    let (on_over, on_focus_in) =
        (describe.reform(|e: MouseEvent| e.target()), describe.reform(|e: FocusEvent| e.target()));

    let layers = settings.hidden.len();
    let add_layer = props.on_action.reform(|_: MouseEvent| PlayAction::AddLayer);
    let remove_layer = props.on_action.reform(|_: MouseEvent| PlayAction::RemoveLayer);
    let title = format!("{layers} hidden layer{}", if layers == 1 { "" } else { "s" });
    let (heads_class, grid_class) =
        (classes!("net-heads", format!("cols-{cols}")), classes!("net-grid", format!("cols-{cols}")));
    let view_box = format!("0 0 {} {}", fmt(cols as f64 * COL_UNITS), fmt(height));
    html! {
        <div class="network" ref={container}>
            <div class="row network-head">
                <h3>{ title }</h3>
                <button onclick={remove_layer} disabled={layers == 0} data-testid="layer-minus" aria-label="Remove a hidden layer" data-png-skip="">{ "− layer" }</button>
                <button onclick={add_layer} disabled={layers >= MAX_LAYERS} data-testid="layer-plus" aria-label="Add a hidden layer" data-png-skip="">{ "+ layer" }</button>
                <span class="legend-inline muted"><span class="mark">{ "✕" }</span>{ " dead " }<span class="mark revived">{ "↺" }</span>{ " revived " }<span class="mark sat">{ "≈" }</span>{ " saturated" }</span>
            </div>
            <div class={heads_class}><Frozen html={headers} /></div>
            <div class={grid_class} role="group"
                 aria-label="Network diagram: each square shows what a neuron computes over the input plane; each line is a weight">
                <svg class="net-links" viewBox={view_box} preserveAspectRatio="none" role="group" aria-label="Weights"
                     onclick={edit.on_click} onkeydown={edit.on_keydown}
                     onmouseover={on_over} onfocusin={on_focus_in}>
                    <Frozen html={links} />
                </svg>
                <Frozen html={nodes} />
                { editor.unwrap_or_default() }
            </div>
            { layer_formulas(settings, &props.on_action) }
            { legend() }
        </div>
    }
}

/// The colour scale of the heatmaps (−1 … 1: the output, and each neuron scaled to its own
/// largest value) and what the links' and biases' colours and widths say.
fn legend() -> Html {
    let size = GRID.to_string();
    html! {
        <div class="net-legend" data-testid="net-legend">
            <div class="legend-scale">
                <span class="muted">{ "Heatmaps" }</span>
                <span class="legend-end">{ "−1" }</span>
                <canvas class="legend-map" width={size.clone()} height={size} data-testid="legend-map"
                        role="img" aria-label="Colour scale from −1 (orange) through 0 to 1 (blue)" />
                <span class="legend-end">{ "1" }</span>
            </div>
            <div class="legend-links">
                <span class="muted">{ "Weights" }</span>
                <span class="legend-swatch w-neg-bg" aria-hidden="true"></span>{ " negative " }
                <span class="legend-swatch w-pos-bg" aria-hidden="true"></span>{ " positive" }
                <span class="muted">{ " · thicker: larger · small square: bias" }</span>
            </div>
            <span class="muted legend-inputs">{ "Click an input to use it or leave it out (faded); click a line to set its weight." }</span>
        </div>
    }
}

fn fmt(v: f64) -> String {
    format!("{v:.1}")
}
