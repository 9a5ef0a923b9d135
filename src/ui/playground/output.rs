//! The output: the decision boundary (100×100) with the training points (and test points when
//! shown), or the hovered neuron's heatmap large; the losses and dead counts as plain numbers.
//! Click (or tap) adds a point of the class picked above the plot ("Add: class +1 / class −1"),
//! shift-click the other class; right-click or long-press removes.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use super::{Live, PointEdit, GRID};
use crate::charts::boundary::{self, Boundary, PlotRect};
use crate::charts::heatmap::{self, Heatmap};
use crate::charts::theme::Theme;
use crate::domain::nn::data::{Dataset, Point};
use crate::domain::nn::explain::neuron_story;
use crate::domain::nn::metrics::{set_loss, EpochMetrics};
use crate::domain::nn::trainer::Status;
use crate::domain::state::play_url::PlayState;
use crate::domain::state::playground::{cannot_train, PlayAction};
use crate::ui::canvas::boundary_canvas::{fill_around, fit_square_at, HeatLayer};
use crate::ui::canvas::chart_canvas::draw_on;
use crate::ui::hooks::{pixel_ratio, text_scale, use_dark_mode, use_resize_tick};
use crate::ui::shell::view::View;
use crate::ui::spans;

#[derive(Properties, PartialEq)]
pub struct OutputProps {
    pub play: PlayState,
    pub live: Live,
    pub hovered: Option<(usize, usize)>,
    pub on_action: Callback<PlayAction>,
    pub on_point: Callback<PointEdit>,
}

/// Where the plot landed on the canvas (backend pixels), once drawn.
type SharedRect = Rc<RefCell<Option<PlotRect>>>;

#[component]
pub fn Output(props: &OutputProps) -> Html {
    let _span = spans::span("lab:output-render");
    let (canvas, heat) = (use_node_ref(), use_node_ref());
    let (rect, error) = use_output_drawing(canvas.clone(), heat.clone(), props);
    let regression = props.play.settings.is_regression();
    let negative = use_state(|| false);
    let edits = use_point_edits(rect, regression, *negative, props.on_point.clone());
    let picker = class_picker(&negative, regression);
    // The numbers follow at the chart rate (a pause or a step shows the last epoch's).
    let stats = use_memo((props.live.chart_version, props.live.session.id()), {
        let live = props.live.session.clone();
        move |_| {
            let session = live.borrow();
            let sizes = (session.dataset().train.len(), session.dataset().test.len());
            stats(session.metrics(), session.status().is_diverged(), sizes)
        }
    });
    let stats = (*stats).clone();
    let session = props.live.session.borrow();
    let diverged = match session.status() {
        Status::Diverged { message, .. } => html! {
            <div class="diverged" role="alert" data-testid="diverged">
                <strong>{ "Training diverged. " }</strong>{ message.clone() }
            </div>
        },
        Status::Running => Html::default(),
    };
    let data = session.dataset();
    let no_training = cannot_train(data.train.len(), data.test.len()).map(|why| {
        html! {
            <div class="no-training" role="alert" data-testid="no-training">{ why }</div>
        }
    });
    drop(session);
    let showing = showing(props);
    // The probe's cells a side (coarser while a big network trains, full when paused).
    let grid = props.live.probe.n.to_string();
    let message = error.map(|e| format!("The output could not be drawn: {e}"));
    let toggle_test = props.on_action.reform(|_: Event| PlayAction::ToggleTestData);
    let toggle_disc = props.on_action.reform(|_: Event| PlayAction::ToggleDiscretize);
    let PointEdits { onclick, oncontextmenu, onpointerdown, onpointerup } = edits;

    html! {
        <div class="output">
            <h3>{ "Output" }</h3>
            { diverged }
            { no_training.unwrap_or_default() }
            { stats }
            { picker }
            <p class="muted caption" data-testid="output-caption">{ showing }</p>
            <div class="output-stack" data-png-chart="the output plot" data-png-file="activation-lab-output.png">
            <canvas ref={heat} class="output-heat" data-testid="output-heat" aria-hidden="true" />
            <canvas ref={canvas.clone()} class="chart output-canvas" data-testid="output-canvas" data-grid={grid}
                    role="img" aria-label="Decision boundary with the data points; click or tap to add a point of the chosen class, shift-click for the other class, right-click or long-press to remove"
                    {onclick} {oncontextmenu} {onpointerdown} onpointerup={onpointerup.clone()} onpointerleave={onpointerup} />
            </div>
            if let Some(m) = message { <p class="error" role="alert">{ m }</p> }
            <div class="row">
                <label class="check"><input type="checkbox" checked={props.play.show_test_data} onchange={toggle_test}
                    data-testid="show-test" />{ " Show test data" }</label>
                <label class="check"><input type="checkbox" checked={props.play.discretize} onchange={toggle_disc}
                    data-testid="discretize" />{ " Discretize output" }</label>
            </div>
        </div>
    }
}

/// "Add: ● class +1 / ● class −1": which class a click or tap adds (shift-click adds the other),
/// two pressed-or-not buttons, so a touch screen can add either class.
fn class_picker(negative: &UseStateHandle<bool>, regression: bool) -> Html {
    let (pos_text, neg_text) =
        if regression { (" value +0.5", " value −0.5") } else { (" class +1", " class −1") };
    let pick = |neg: bool| {
        let negative = negative.clone();
        Callback::from(move |_: MouseEvent| negative.set(neg))
    };
    let (on_pos, on_neg) = (pick(false), pick(true));
    let (pos_on, neg_on) = ((!**negative).to_string(), (**negative).to_string());
    html! {
        <div class="class-picker" role="group" aria-label="Class of the point a click or tap adds">
            <span class="muted">{ "Add:" }</span>
            <button class="class-pick" aria-pressed={pos_on} onclick={on_pos} data-testid="add-class-pos"
                    title="A click or tap adds this class (shift-click: the other)">
                <span class="dot w-pos-bg" aria-hidden="true"></span>{ pos_text }</button>
            <button class="class-pick" aria-pressed={neg_on} onclick={on_neg} data-testid="add-class-neg"
                    title="A click or tap adds this class (shift-click: the other)">
                <span class="dot w-neg-bg" aria-hidden="true"></span>{ neg_text }</button>
        </div>
    }
}

/// What the plot shows: the output, or the hovered (focused) neuron and its story.
fn showing(props: &OutputProps) -> String {
    let Some((l, j)) = props.hovered else {
        return "Output: the network's prediction over the input plane".into();
    };
    let session = props.live.session.borrow();
    let story = session.metrics().layers.get(l).and_then(|m| m.neurons.get(j)).map(|m| {
        let activation = session.settings().activation_of(l);
        neuron_story(l, m, session.train_len(), &activation)
    });
    format!("Layer {} neuron {}. {}", l + 1, j + 1, story.unwrap_or_default())
}

/// The losses, accuracy and dead / saturated counts as plain numbers. A diverged run shows no
/// accuracy: its NaN outputs all fall on one side, which is no measure of anything.
/// An empty set shows "—" as its loss, its tooltip saying why (`sizes`: training and test points).
fn stats(m: &EpochMetrics, diverged: bool, (train, test): (usize, usize)) -> Html {
    let (train_loss, train_why) = set_loss(m.train_loss, train, "training");
    let (test_loss, test_why) = set_loss(m.test_loss, test, "test");
    let accuracy = m.test_accuracy.filter(|_| !diverged).map(|acc| format!("{:.1}%", acc * 100.0));
    let per_layer = m.layers.iter().enumerate().map(|(i, l)| {
        let (title, text, testid) = (
            format!("layer {}: died {} · revived {}", i + 1, l.died, l.revived),
            format!("L{}: ", i + 1),
            format!("dead-count-{}", i + 1),
        );
        let tally = (l.died > 0).then(|| format!(" (died {} · revived {})", l.died, l.revived));
        html! { <span class="layer-dead" {title}>{ text }<span data-testid={testid}>{ l.dead }</span>{ tally }</span> }
    }).collect::<Html>();
    html! {
        <dl class="stats">
            <div><dt>{ "Train loss" }</dt><dd data-testid="train-loss" title={train_why}>{ train_loss }</dd></div>
            <div><dt>{ "Test loss" }</dt><dd data-testid="test-loss" title={test_why}>{ test_loss }</dd></div>
            if let Some(acc) = accuracy {
                <div><dt>{ "Test accuracy" }</dt><dd data-testid="test-accuracy">{ acc }</dd></div>
            }
            <div><dt>{ "Dead neurons" }</dt><dd data-testid="dead-count">{ m.dead_count() }</dd></div>
            <div><dt>{ "Revived" }</dt><dd data-testid="revived-count">{ m.revived_count() }</dd></div>
            <div><dt>{ "Saturated" }</dt><dd data-testid="saturated-count">{ m.saturated_count() }</dd></div>
            <div class="per-layer"><dt>{ "Dead per layer" }</dt><dd>{ per_layer }</dd></div>
        </dl>
    }
}

/// Draws the output on `canvas` with every new probe, hover, option, theme or size; gives
/// where the plot landed and the drawing error, if any.
#[hook]
fn use_output_drawing(canvas: NodeRef, heat: NodeRef, props: &OutputProps) -> (SharedRect, Option<String>) {
    let dark = use_dark_mode();
    let tick = use_resize_tick();
    let view = use_context::<View>().unwrap_or_default();
    let rect = use_mut_ref(|| None::<PlotRect>);
    let layers = use_mut_ref(Layers::default);
    let error = use_state(|| None::<String>);
    {
        let (rect, error, live) = (rect.clone(), error.clone(), props.live.clone());
        let deps = (
            (live.version, live.probe.n),
            props.hovered,
            props.play.show_test_data,
            props.play.discretize,
            dark,
            tick,
            view,
        );
        use_effect_with(deps, move |&(_, hovered, show_test, discretize, dark, tick, view)| {
            let (Some(c), Some(h)) = (canvas.cast::<HtmlCanvasElement>(), heat.cast::<HtmlCanvasElement>())
            else {
                return;
            };
            let theme = view.theme(dark, pixel_ratio());
            let look = Look { hovered, show_test, discretize, theme, layout: (live.chart_version, tick) };
            match render((&c, &h), &mut layers.borrow_mut(), &live, &look) {
                Ok(r) => {
                    *rect.borrow_mut() = Some(r);
                    if error.is_some() {
                        error.set(None);
                    }
                }
                Err(e) => error.set(Some(e)),
            }
        });
    }
    (rect, (*error).clone())
}

/// The pointer handlers of the canvas that add and remove points.
struct PointEdits {
    onclick: Callback<MouseEvent>,
    oncontextmenu: Callback<MouseEvent>,
    onpointerdown: Callback<PointerEvent>,
    onpointerup: Callback<PointerEvent>,
}

/// Click adds a point of the picked class (`negative`: −1, else +1; ±0.5 in regression),
/// shift-click the other; right-click removes the nearest, and so does a touch held still for
/// 600 ms.
#[hook]
fn use_point_edits(
    rect: SharedRect,
    regression: bool,
    negative: bool,
    on_point: Callback<PointEdit>,
) -> PointEdits {
    let press = use_mut_ref(|| None::<gloo_timers::callback::Timeout>);
    let long_pressed = use_mut_ref(|| Rc::new(Cell::new(false)));
    let to_data = move |x: i32, y: i32| {
        rect.borrow().and_then(|r| r.to_data(f64::from(x) * pixel_ratio(), f64::from(y) * pixel_ratio()))
    };
    let onclick = {
        let (on_point, to_data, long_pressed) = (on_point.clone(), to_data.clone(), long_pressed.clone());
        Callback::from(move |e: MouseEvent| {
            if long_pressed.borrow().replace(false) {
                return;
            }
            if let Some((x, y)) = to_data(e.offset_x(), e.offset_y()) {
                let size = if regression { 0.5 } else { 1.0 };
                let label = if e.shift_key() != negative { -size } else { size };
                on_point.emit(PointEdit::Add(Point { x, y, label }));
            }
        })
    };
    let oncontextmenu = {
        let (on_point, to_data) = (on_point.clone(), to_data.clone());
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            if let Some((x, y)) = to_data(e.offset_x(), e.offset_y()) {
                on_point.emit(PointEdit::Remove(x, y));
            }
        })
    };
    let onpointerdown = {
        let press = press.clone();
        Callback::from(move |e: PointerEvent| {
            if e.pointer_type() != "touch" {
                return;
            }
            let Some((x, y)) = to_data(e.offset_x(), e.offset_y()) else { return };
            let (on_point, flag) = (on_point.clone(), long_pressed.borrow().clone());
            *press.borrow_mut() = Some(gloo_timers::callback::Timeout::new(600, move || {
                flag.set(true);
                on_point.emit(PointEdit::Remove(x, y));
            }));
        })
    };
    let onpointerup = Callback::from(move |_: PointerEvent| {
        press.borrow_mut().take();
    });
    PointEdits { onclick, oncontextmenu, onpointerdown, onpointerup }
}

/// What the output shows and how.
struct Look {
    hovered: Option<(usize, usize)>,
    show_test: bool,
    discretize: bool,
    theme: Theme,
    /// When the canvas's CSS size is read again (the chart version, the resize tick): reading
    /// it forces a layout of the page, so a frame that only brings a new probe does not.
    layout: (u64, u32),
}

/// Paints the heatmap (the output, or the hovered neuron scaled to its largest value) into the
/// heat layer under the plot rectangle; the axes and points over it on `canvas` (drawn again
/// only when they or their look changed).
fn render(
    (canvas, heat): (&HtmlCanvasElement, &HtmlCanvasElement),
    layers: &mut Layers,
    live: &Live,
    look: &Look,
) -> Result<PlotRect, String> {
    let _span = spans::span("lab:output-draw");
    let side = fit_square_at(canvas, 200, &mut layers.side, look.layout);
    let probe = &live.probe;
    let hovered = look.hovered.and_then(|(l, j)| probe.hidden.get(l)?.get(j));
    let (values, scale, snap): (&[f32], f32, bool) = match hovered {
        Some(v) => {
            (v, v.iter().fold(0.0f32, |m, x| if x.is_finite() { m.max(x.abs()) } else { m }).max(1e-6), false)
        }
        None => (&probe.output, 1.0, look.discretize),
    };
    let theme = &look.theme;
    let rect = boundary::plot_rect((side, side), true, boundary::tick_font(theme));
    // The probe is at the nodes' resolution: drawn here at the plot's.
    let factor = (GRID / probe.n.max(1)).max(1);
    let values = heatmap::upsample(values, probe.n, factor);
    let map = Heatmap { values: &values, n: probe.n * factor, scale, discretize: snap };
    layers.heat.paint(heat, &map, rect, pixel_ratio(), theme)?;
    let session = live.session.borrow();
    let key = PointsKey {
        data: session.dataset().clone(),
        show_test: look.show_test,
        regression: session.settings().is_regression(),
        side,
        radius: (3.0 * pixel_ratio() * text_scale()).round() as u32,
        theme: *theme,
    };
    drop(session);
    Ok(points_layer(canvas, &mut layers.points, key, rect)?.rect)
}

/// What the output's two canvases hold: the heat layer under the plot, and what the canvas
/// over it shows.
#[derive(Default)]
struct Layers {
    /// The canvas side (device pixels) and the layout key it was measured at.
    side: Option<((u64, u32), u32)>,
    heat: HeatLayer,
    points: Option<PointsLayer>,
}

/// What the points layer shows: it is drawn again when any of it changes.
#[derive(PartialEq)]
struct PointsKey {
    data: Dataset,
    show_test: bool,
    regression: bool,
    /// The canvas side, in device pixels.
    side: u32,
    /// The points' radius, in device pixels.
    radius: u32,
    theme: Theme,
}

/// What the output canvas shows over the heat layer (the background around the plot, the
/// axes and the points: hundreds of discs and the tick labels, the dear part of the picture),
/// and where the plot landed.
struct PointsLayer {
    key: PointsKey,
    rect: PlotRect,
}

/// Draws the background, axes and points on `canvas` unless `slot` says it shows `key` already
/// (`rect`: where the plot lands, the heat layer's hole; it follows from the key's side and
/// theme).
fn points_layer<'a>(
    canvas: &HtmlCanvasElement,
    slot: &'a mut Option<PointsLayer>,
    key: PointsKey,
    rect: PlotRect,
) -> Result<&'a PointsLayer, String> {
    if slot.as_ref().is_some_and(|layer| layer.key == key) {
        return slot.as_ref().ok_or_else(|| "no points layer".to_string());
    }
    // Until drawn again, nothing says what the canvas shows.
    *slot = None;
    fill_around(canvas, rect, &key.theme)?;
    let chart = Boundary {
        train: &key.data.train,
        test: key.show_test.then_some(&key.data.test[..]),
        regression: key.regression,
        point_radius: key.radius,
        show_axes: true,
    };
    let rect = draw_on(canvas, &chart, &key.theme)?;
    Ok(slot.insert(PointsLayer { key, rect }))
}
