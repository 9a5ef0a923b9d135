//! The Explorer chart on a canvas: redrawn when the curves, range, hover, theme or size change.
//! Pointer and touch move the readout; with focus, ←/→ move it too.

use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use crate::charts::activation_chart::{ActivationChart, CurveMarks, Geometry};
use crate::domain::activation::Activation;
use crate::ui::canvas::chart_canvas::{css_width, draw_on, fit};
use crate::ui::hooks::{pixel_ratio, use_dark_mode, use_resize_tick};
use crate::ui::shell::view::View;

#[derive(Properties, PartialEq)]
pub struct ChartProps {
    pub activations: Vec<Activation>,
    pub range: f64,
    pub hover_x: Option<f64>,
    pub on_hover: Callback<Option<f64>>,
    pub canvas_ref: NodeRef,
}

#[component]
pub fn ExplorerChart(props: &ChartProps) -> Html {
    let dark = use_dark_mode();
    let tick = use_resize_tick();
    let view = use_context::<View>().unwrap_or_default();
    let geometry = use_mut_ref(|| None::<Geometry>);
    let error = use_state(|| None::<String>);

    {
        let (canvas_ref, geometry, error) = (props.canvas_ref.clone(), geometry.clone(), error.clone());
        let deps = (props.activations.clone(), props.range, props.hover_x, dark, tick, view);
        use_effect_with(deps, move |(acts, range, hover, dark, _, view)| {
            if let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() {
                let width = css_width(&canvas, 280);
                fit(&canvas, width, (width * 0.72).clamp(400.0, 640.0));
                let chart = ActivationChart { activations: acts, range: *range, hover_x: *hover };
                match draw_on(&canvas, &chart, &view.theme(*dark, pixel_ratio())) {
                    Ok(g) => {
                        // What each curve got marked with, for tests and curious readers:
                        // data-zones="1 0 2 2" data-kink-dots="2 2 0 0".
                        let list = |f: fn(&CurveMarks) -> usize| {
                            g.marks.iter().map(|m| f(m).to_string()).collect::<Vec<_>>().join(" ")
                        };
                        // An attribute that cannot be set only loses the test hook.
                        let _ = canvas.set_attribute("data-zones", &list(|m| m.zones));
                        let _ = canvas.set_attribute("data-kink-dots", &list(|m| m.dots));
                        *geometry.borrow_mut() = Some(g);
                        if error.is_some() {
                            error.set(None);
                        }
                    }
                    Err(e) => error.set(Some(e)),
                }
            }
        });
    }

    let x_at = {
        let geometry = geometry.clone();
        move |offset_x: i32| {
            geometry.borrow().as_ref().and_then(|g| g.x_at(f64::from(offset_x) * pixel_ratio()))
        }
    };
    let onpointermove = {
        let (on_hover, x_at) = (props.on_hover.clone(), x_at.clone());
        Callback::from(move |e: PointerEvent| on_hover.emit(x_at(e.offset_x())))
    };
    let onpointerdown = {
        let (on_hover, x_at) = (props.on_hover.clone(), x_at);
        Callback::from(move |e: PointerEvent| on_hover.emit(x_at(e.offset_x())))
    };
    let onkeydown = {
        let (on_hover, hover, range) = (props.on_hover.clone(), props.hover_x, props.range);
        Callback::from(move |e: KeyboardEvent| {
            let step = range / 60.0;
            let next = match e.key().as_str() {
                "ArrowRight" => hover.unwrap_or(0.0) + step,
                "ArrowLeft" => hover.unwrap_or(0.0) - step,
                "Home" => -range,
                "End" => range,
                _ => return,
            };
            e.prevent_default();
            on_hover.emit(Some(next.clamp(-range, range)));
        })
    };

    let message = error.as_ref().map(|e| format!("The chart could not be drawn: {e}"));
    html! {
        <div class="chart-box">
            <canvas ref={props.canvas_ref.clone()} class="chart explorer-canvas" tabindex="0"
                    data-testid="explorer-canvas" role="img"
                    aria-label="f (top) and f′ (bottom) of the chosen activations; use the left and right arrow keys to move the readout"
                    {onpointermove} {onpointerdown} {onkeydown} />
            if let Some(m) = message { <p class="error" role="alert">{ m }</p> }
        </div>
    }
}
