//! Painting the diagram's heatmaps: the legend's colour bar and the inputs' maps (once per
//! theme and shape), every neuron's and the output's map (with every probe). The node
//! canvases and their 2D contexts are found once per shape and kept ([`NodeCanvases`]): a
//! frame of training only colours the probe's cells and copies them in, without searching the
//! page or asking each canvas for its context again. Copying a map into its canvas costs
//! about the same whatever its size, so while training a picture (every other frame) paints
//! at most [`maps_per_picture`] of them, taking turns: the default network and [8,8] all of
//! them, 8 layers of 16 (129 maps) a third, each map then one or two pictures behind, which
//! no eye sees on a 40-pixel square, and the frame keeps its time. Maps are 25×25
//! ([`NODE_MAP`]), the probe averaged.

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

use super::super::{Live, GRID, NODE_MAP};
use crate::charts::heatmap;
use crate::charts::theme::Theme;
use crate::domain::frame_budget::maps_per_picture;
use crate::domain::nn::data::DOMAIN;
use crate::domain::nn::features::Feature;
use crate::ui::canvas::boundary_canvas::put_rgba;
use crate::ui::shell::browser::context_2d;
use crate::ui::spans;

/// One node's canvas: its diagram column (0 the inputs) and index in the column.
struct NodeCanvas {
    column: usize,
    index: usize,
    canvas: HtmlCanvasElement,
    context: CanvasRenderingContext2d,
}

/// The node canvases of the diagram, for one shape of the network.
#[derive(Default)]
pub struct NodeCanvases {
    shape: Option<(Vec<Feature>, Vec<usize>)>,
    found: Vec<NodeCanvas>,
    /// Where the next frame's turn starts among the neuron maps.
    next: usize,
}

impl NodeCanvases {
    /// The canvases under `container` for `shape`: those found before when the shape is the
    /// same and every one is still in the page, else found again.
    fn current(&mut self, container: &NodeRef, shape: &(Vec<Feature>, Vec<usize>)) -> &[NodeCanvas] {
        let stale = self.shape.as_ref() != Some(shape)
            || self.found.is_empty()
            || self.found.iter().any(|n| !n.canvas.is_connected());
        if stale {
            self.found = find(container);
            self.shape = Some(shape.clone());
            self.next = 0;
        }
        &self.found
    }
}

/// Every node map in the diagram with its column, index and context.
fn find(container: &NodeRef) -> Vec<NodeCanvas> {
    let Some(root) = container.cast::<web_sys::Element>() else { return Vec::new() };
    let Ok(canvases) = root.query_selector_all("canvas.node-map") else { return Vec::new() };
    (0..canvases.length())
        .filter_map(|k| {
            let canvas = canvases.get(k)?.dyn_into::<HtmlCanvasElement>().ok()?;
            let attr = |name: &str| canvas.get_attribute(name).and_then(|v| v.parse::<usize>().ok());
            let (column, index) = (attr("data-column")?, attr("data-index")?);
            let context = context_2d(&canvas).ok()?;
            Some(NodeCanvas { column, index, canvas, context })
        })
        .collect()
}

/// The legend's colour bar: −1 at the left to 1 at the right, in the heatmaps' colours.
fn legend_values() -> Vec<f32> {
    (0..GRID * GRID).map(|k| (-1.0 + 2.0 * ((k % GRID) as f64 + 0.5) / GRID as f64) as f32).collect()
}

/// A feature's value over the nodes' maps (row 0 at the top), for the input nodes.
pub fn feature_grid(f: Feature) -> Vec<f32> {
    let coord = |i: usize| -DOMAIN + 2.0 * DOMAIN * (i as f64 + 0.5) / NODE_MAP as f64;
    (0..NODE_MAP * NODE_MAP).map(|k| f.eval(coord(k % NODE_MAP), -coord(k / NODE_MAP)) as f32).collect()
}

/// An input's map is scaled to its largest value, as a neuron's is.
fn feature_scale(values: &[f32]) -> f32 {
    values.iter().fold(0.0f32, |m, v| if v.is_finite() { m.max(v.abs()) } else { m }).max(1e-6)
}

/// The legend's colour bar and every input's map.
pub fn paint_inputs(
    container: &NodeRef,
    nodes: &mut NodeCanvases,
    shape: &(Vec<Feature>, Vec<usize>),
    inputs: &[Vec<f32>],
    dark: bool,
) {
    let _span = spans::span("lab:net-inputs");
    let Some(root) = container.cast::<web_sys::Element>() else { return };
    let theme = Theme::for_scheme(dark);
    if let Ok(Some(bar)) = root.query_selector("canvas.legend-map") {
        if let Ok(bar) = bar.dyn_into::<HtmlCanvasElement>() {
            let rgba = heatmap::rgba(&legend_values(), GRID, 1.0, false, &theme);
            // A bar that cannot be drawn stays blank; its ends are labelled anyway.
            if let Ok(context) = context_2d(&bar) {
                let _ = put_rgba(&context, &rgba, GRID);
            }
        }
    }
    for node in nodes.current(container, shape).iter().filter(|n| n.column == 0) {
        let Some(values) = inputs.get(node.index) else { continue };
        let rgba = heatmap::rgba(values, NODE_MAP, feature_scale(values), false, &theme);
        let _ = put_rgba(&node.context, &rgba, NODE_MAP);
    }
}

/// The hidden neurons' maps and the output's, from the probe (at the nodes' grid): all of
/// them when `all` (paused, a step, a new session), else the next [`maps_per_picture`] in turn.
pub fn paint_neurons(
    container: &NodeRef,
    nodes: &mut NodeCanvases,
    shape: &(Vec<Feature>, Vec<usize>),
    live: &Live,
    look: (bool, bool, bool),
) {
    let _span = spans::span("lab:net-paint");
    let (dark, discretize, all) = look;
    let theme = Theme::for_scheme(dark);
    let probe = &live.probe;
    let hidden_layers = probe.hidden.len();
    let start = nodes.next;
    let maps: Vec<&NodeCanvas> = nodes.current(container, shape).iter().filter(|n| n.column > 0).collect();
    let count = if all { maps.len() } else { maps_per_picture(maps.len()) };
    for node in maps.iter().cycle().skip(start % maps.len().max(1)).take(count) {
        let (c, j) = (node.column, node.index);
        let values: &[f32] = if c <= hidden_layers {
            match probe.hidden.get(c - 1).and_then(|l| l.get(j)) {
                Some(v) => v,
                None => continue,
            }
        } else {
            &probe.output
        };
        let values = heatmap::shrink(values, probe.n, NODE_MAP);
        // The output is in the labels' scale (−1..1); a neuron is scaled to its own largest value.
        let scale = if c > hidden_layers { 1.0 } else { feature_scale(&values) };
        let rgba = heatmap::rgba(&values, NODE_MAP, scale, discretize && c > hidden_layers, &theme);
        // A neuron's heatmap that cannot be drawn stays as it was; the output plot says why.
        let _ = put_rgba(&node.context, &rgba, NODE_MAP);
    }
    let total = maps.len().max(1);
    nodes.next = (start + count) % total;
}
