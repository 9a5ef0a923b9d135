//! The output: the decision boundary (100×100) with the training points (and test points when
//! shown), or the hovered neuron's heatmap large; the losses and dead counts as plain numbers.
//! Click adds a point of class +1, shift-click class −1, right-click or long-press removes.

use std::cell::Cell;
use std::rc::Rc;

use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use super::network::put_pixels;
use super::{Live, PointEdit};
use crate::charts::boundary::{self, Boundary, PlotRect};
use crate::charts::heatmap;
use crate::charts::theme::Theme;
use crate::domain::nn::data::Point;
use crate::domain::nn::metrics::format_loss;
use crate::domain::state::play_url::PlayState;
use crate::domain::state::playground::PlayAction;
use crate::ui::browser;
use crate::ui::hooks::{pixel_ratio, use_dark_mode, use_resize_tick};
use crate::ui::png_button::PngButton;
use crate::ui::view::View;

#[derive(Properties, PartialEq)]
pub struct OutputProps {
    pub play: PlayState,
    pub live: Live,
    pub hovered: Option<(usize, usize)>,
    pub on_action: Callback<PlayAction>,
    pub on_point: Callback<PointEdit>,
}

#[component]
pub fn Output(props: &OutputProps) -> Html {
    let dark = use_dark_mode();
    let tick = use_resize_tick();
    let view = use_context::<View>().unwrap_or_default();
    let canvas = use_node_ref();
    let rect = use_mut_ref(|| None::<PlotRect>);
    let error = use_state(|| None::<String>);
    let press = use_mut_ref(|| None::<gloo_timers::callback::Timeout>);
    let long_pressed = use_mut_ref(|| Rc::new(Cell::new(false)));

    {
        let (canvas, rect, error, live) = (canvas.clone(), rect.clone(), error.clone(), props.live.clone());
        let deps =
            (live.version, props.hovered, props.play.show_test_data, props.play.discretize, dark, tick, view);
        use_effect_with(deps, move |&(_, hovered, show_test, discretize, dark, _, view)| {
            if let Some(c) = canvas.cast::<HtmlCanvasElement>() {
                match render(&c, &live, hovered, show_test, discretize, view.theme(dark, pixel_ratio())) {
                    Ok(r) => {
                        *rect.borrow_mut() = Some(r);
                        if error.is_some() {
                            error.set(None);
                        }
                    }
                    Err(e) => error.set(Some(e)),
                }
            }
        });
    }

    let to_data = {
        let rect = rect.clone();
        move |x: i32, y: i32| {
            rect.borrow().and_then(|r| r.to_data(f64::from(x) * pixel_ratio(), f64::from(y) * pixel_ratio()))
        }
    };
    let regression = props.play.settings.is_regression();
    let onclick = {
        let (on_point, to_data, long_pressed) =
            (props.on_point.clone(), to_data.clone(), long_pressed.clone());
        Callback::from(move |e: MouseEvent| {
            if long_pressed.borrow().replace(false) {
                return;
            }
            if let Some((x, y)) = to_data(e.offset_x(), e.offset_y()) {
                let label = if regression {
                    if e.shift_key() {
                        -0.5
                    } else {
                        0.5
                    }
                } else if e.shift_key() {
                    -1.0
                } else {
                    1.0
                };
                on_point.emit(PointEdit::Add(Point { x, y, label }));
            }
        })
    };
    let oncontextmenu = {
        let (on_point, to_data) = (props.on_point.clone(), to_data.clone());
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            if let Some((x, y)) = to_data(e.offset_x(), e.offset_y()) {
                on_point.emit(PointEdit::Remove(x, y));
            }
        })
    };
    // Long-press (touch): remove the nearest point after 600 ms held still.
    let onpointerdown = {
        let (on_point, to_data, press, long_pressed) =
            (props.on_point.clone(), to_data, press.clone(), long_pressed.clone());
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
    let onpointerup = {
        let press = press.clone();
        Callback::from(move |_: PointerEvent| {
            press.borrow_mut().take();
        })
    };
    let session = props.live.session.borrow();
    let m = session.metrics();
    let status = session.status().clone();
    let per_layer: Vec<usize> = m.layers.iter().map(|l| l.dead).collect();
    let stats = html! {
        <dl class="stats">
            <div><dt>{ "Train loss" }</dt><dd data-testid="train-loss">{ format_loss(m.train_loss) }</dd></div>
            <div><dt>{ "Test loss" }</dt><dd data-testid="test-loss">{ format_loss(m.test_loss) }</dd></div>
            if let Some(acc) = m.test_accuracy {
                <div><dt>{ "Test accuracy" }</dt><dd data-testid="test-accuracy">{ format!("{:.1}%", acc * 100.0) }</dd></div>
            }
            <div><dt>{ "Dead neurons" }</dt><dd data-testid="dead-count">{ m.dead_count() }</dd></div>
            <div><dt>{ "Saturated" }</dt><dd data-testid="saturated-count">{ m.saturated_count() }</dd></div>
            <div class="per-layer"><dt>{ "Dead per layer" }</dt><dd>
                { for per_layer.iter().enumerate().map(|(i, d)| html! {
                    <span class="layer-dead" title={format!("layer {}", i + 1)}>
                        { format!("L{}: ", i + 1) }<span data-testid={format!("dead-count-{}", i + 1)}>{ *d }</span>
                    </span>
                }) }
            </dd></div>
        </dl>
    };
    drop(session);

    let diverged = match status {
        crate::domain::nn::trainer::Status::Diverged { message, .. } => Some(html! {
            <div class="diverged" role="alert" data-testid="diverged">
                <strong>{ "Training diverged. " }</strong>{ message }
            </div>
        }),
        crate::domain::nn::trainer::Status::Running => None,
    };
    let showing = match props.hovered {
        Some((l, j)) => format!("Showing layer {} neuron {} (hover away for the output)", l + 1, j + 1),
        None => "Output: the network's prediction over the input plane".into(),
    };
    let toggle_test = props.on_action.reform(|_: Event| PlayAction::ToggleTestData);
    let toggle_disc = props.on_action.reform(|_: Event| PlayAction::ToggleDiscretize);

    html! {
        <div class="output">
            <h3>{ "Output" }</h3>
            { diverged.unwrap_or_default() }
            { stats }
            <p class="muted caption">{ showing }</p>
            <canvas ref={canvas.clone()} class="chart output-canvas" data-testid="output-canvas"
                    role="img" aria-label="Decision boundary with the data points; click to add a point, shift-click for the other class, right-click to remove"
                    {onclick} {oncontextmenu} {onpointerdown} onpointerup={onpointerup.clone()} onpointerleave={onpointerup} />
            if let Some(e) = &*error { <p class="error" role="alert">{ format!("The output could not be drawn: {e}") }</p> }
            <div class="row">
                <label class="check"><input type="checkbox" checked={props.play.show_test_data} onchange={toggle_test}
                    data-testid="show-test" />{ " Show test data" }</label>
                <label class="check"><input type="checkbox" checked={props.play.discretize} onchange={toggle_disc}
                    data-testid="discretize" />{ " Discretize output" }</label>
                <PngButton layers={vec![canvas.clone()]} file="activation-lab-output.png" label="the output plot"
                           testid="export-output-png" class={classes!()} />
            </div>
        </div>
    }
}

/// Paints the heatmap into the plot rectangle, then axes and points over it with plotters.
fn render(
    canvas: &HtmlCanvasElement,
    live: &Live,
    hovered: Option<(usize, usize)>,
    show_test: bool,
    discretize: bool,
    theme: Theme,
) -> Result<PlotRect, String> {
    let ratio = pixel_ratio();
    let css = f64::from(canvas.client_width().max(200));
    let side = (css * ratio) as u32;
    if canvas.width() != side || canvas.height() != side {
        canvas.set_width(side);
        canvas.set_height(side);
    }
    let probe = &live.probe;
    let (values, scale, snap): (&[f32], f32, bool) = match hovered
        .and_then(|(l, j)| probe.hidden.get(l)?.get(j))
    {
        Some(v) => {
            (v, v.iter().fold(0.0f32, |m, x| if x.is_finite() { m.max(x.abs()) } else { m }).max(1e-6), false)
        }
        None => (&probe.output, 1.0, discretize),
    };
    let ctx = browser::context_2d(canvas)?;
    ctx.set_fill_style_str(&format!(
        "rgb({},{},{})",
        theme.background.0, theme.background.1, theme.background.2
    ));
    ctx.fill_rect(0.0, 0.0, f64::from(side), f64::from(side));
    let rect = boundary::plot_rect((side, side), true, boundary::tick_font(&theme));
    let image = offscreen(probe.n)?;
    put_pixels(&image, heatmap::rgba(values, probe.n, scale, snap, &theme), probe.n);
    ctx.draw_image_with_html_canvas_element_and_dw_and_dh(
        &image,
        f64::from(rect.left),
        f64::from(rect.top),
        f64::from(rect.width()),
        f64::from(rect.height()),
    )
    .map_err(|_| "the heatmap could not be drawn".to_string())?;
    let session = live.session.borrow();
    let data = session.dataset();
    let backend = CanvasBackend::with_canvas_object(canvas.clone()).ok_or("no 2D context")?;
    let root = backend.into_drawing_area();
    boundary::draw(
        &root,
        &Boundary {
            train: &data.train,
            test: show_test.then_some(&data.test[..]),
            regression: session.settings().is_regression(),
            theme: &theme,
            point_radius: (3.0 * ratio).round() as u32,
            show_axes: true,
        },
    )
}

thread_local! {
    static OFFSCREEN: std::cell::RefCell<Option<HtmlCanvasElement>> = const { std::cell::RefCell::new(None) };
}

/// One reused off-screen n×n canvas to hold the heatmap before it is scaled into the plot.
fn offscreen(n: usize) -> Result<HtmlCanvasElement, String> {
    OFFSCREEN.with(|slot| {
        if let Some(c) = slot.borrow().as_ref() {
            if c.width() == n as u32 {
                return Ok(c.clone());
            }
        }
        let c = browser::new_canvas(n as u32, n as u32)?;
        *slot.borrow_mut() = Some(c.clone());
        Ok(c)
    })
}
