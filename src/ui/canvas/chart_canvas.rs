//! The one canvas a chart ([`Chart`]) is drawn on (a line chart, a heat strip, the per-layer
//! chart, the histograms), redrawn when the chart, the theme, the view or the window size
//! changes, with its PNG button. The height follows the width ([`Sizing`]). Also the canvas
//! helpers every chart on a canvas uses: fitting the canvas to its CSS size ([`fit`]) and
//! drawing a chart on it ([`draw_on`]), the one place a drawing error becomes a message.

use std::any::Any;
use std::rc::Rc;

use plotters::prelude::IntoDrawingArea;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use crate::charts::theme::Theme;
use crate::charts::Chart;
use crate::ui::canvas::measured_canvas::MeasuredCanvas;
use crate::ui::hooks::{pixel_ratio, use_dark_mode, use_resize_tick};
use crate::ui::shell::view::View;
use crate::ui::spans;

/// How tall the canvas is for its width (CSS pixels).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Sizing {
    /// `width × aspect`, clamped into min..=max.
    Aspect { aspect: f64, min: f64, max: f64 },
    /// A fixed height.
    Fixed(f64),
    /// A grid of `n` small panels (the histograms): as many columns of at least 150 px as fit
    /// (at most 5), panels 1.6 times as wide as tall, plus room for the title.
    Panels(usize),
}

impl Sizing {
    pub fn height(self, width: f64) -> f64 {
        match self {
            Sizing::Aspect { aspect, min, max } => (width * aspect).clamp(min, max.max(min)),
            Sizing::Fixed(h) => h,
            Sizing::Panels(n) => {
                let n = n.max(1);
                let cols = ((width / 150.0).floor() as usize).clamp(1, 5).min(n);
                let rows = n.div_ceil(cols);
                let panel = (width / cols as f64 / 1.6).max(90.0);
                rows as f64 * panel + 34.0
            }
        }
    }
}

/// The canvas's CSS width, at least `min` CSS pixels.
pub fn css_width(canvas: &HtmlCanvasElement, min: i32) -> f64 {
    f64::from(canvas.client_width().max(min))
}

/// Sizes the canvas's pixels to `width × height` CSS pixels times the pixel ratio (untouched
/// when already so, which keeps its content); returns the size in device pixels.
pub fn fit(canvas: &HtmlCanvasElement, width: f64, height: f64) -> (u32, u32) {
    let ratio = pixel_ratio();
    let (w, h) = ((width * ratio) as u32, (height * ratio) as u32);
    if canvas.width() != w || canvas.height() != h {
        canvas.set_width(w);
        canvas.set_height(h);
    }
    (w, h)
}

/// Draws the chart on the whole canvas (over what is there) with the theme.
pub fn draw_on<C: Chart>(canvas: &HtmlCanvasElement, chart: &C, theme: &Theme) -> Result<C::Layout, String> {
    let _span = spans::span("lab:chart");
    let backend = MeasuredCanvas::new(canvas).ok_or("no 2D context")?;
    chart.draw(&backend.into_drawing_area(), theme).map_err(|e| e.to_string())
}

/// Any chart, behind one type: what [`ChartCanvas`] takes. The canvas compares charts through
/// it (a chart of another type is never equal) and draws them through it, so one component
/// serves every chart type without a copy of the component per type.
#[derive(Clone)]
pub struct AnyChart(Rc<dyn CanvasChart>);

impl AnyChart {
    pub fn new<C: Chart + 'static>(chart: C) -> AnyChart {
        AnyChart(Rc::new(chart))
    }
}

impl PartialEq for AnyChart {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0) || self.0.same_as(other.0.as_any())
    }
}

/// A [`Chart`] seen without its type: drawn on a canvas, compared with another.
trait CanvasChart {
    fn draw_canvas(&self, canvas: &HtmlCanvasElement, theme: &Theme) -> Result<(), String>;
    fn as_any(&self) -> &dyn Any;
    fn same_as(&self, other: &dyn Any) -> bool;
}

impl<C: Chart + 'static> CanvasChart for C {
    fn draw_canvas(&self, canvas: &HtmlCanvasElement, theme: &Theme) -> Result<(), String> {
        draw_on(canvas, self, theme).map(|_| ())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn same_as(&self, other: &dyn Any) -> bool {
        other.downcast_ref::<C>() == Some(self)
    }
}

#[derive(Properties, PartialEq)]
pub struct ChartCanvasProps {
    /// What is drawn; the canvas is redrawn when it is no longer equal.
    pub chart: AnyChart,
    /// The accessible name of the chart (and of its PNG button).
    pub label: AttrValue,
    pub testid: AttrValue,
    pub sizing: Sizing,
    /// Classes added to the figure's `line-canvas`.
    #[prop_or_default]
    pub class: Classes,
}

#[component]
pub fn ChartCanvas(props: &ChartCanvasProps) -> Html {
    let dark = use_dark_mode();
    let tick = use_resize_tick();
    let view = use_context::<View>().unwrap_or_default();
    let canvas = use_node_ref();
    let error = use_state(|| None::<String>);
    {
        let (canvas, error) = (canvas.clone(), error.clone());
        let deps = (props.chart.clone(), props.sizing, dark, tick, view);
        use_effect_with(deps, move |(chart, sizing, dark, _, view)| {
            let Some(c) = canvas.cast::<HtmlCanvasElement>() else { return };
            let w = css_width(&c, 160);
            fit(&c, w, sizing.height(w));
            match chart.0.draw_canvas(&c, &view.theme(*dark, pixel_ratio())) {
                Ok(_) if error.is_some() => error.set(None),
                Ok(_) => {}
                Err(e) => error.set(Some(e)),
            }
        });
    }
    let file = format!("{}.png", props.testid);
    let message = error.as_ref().map(|e| format!("Chart not drawn: {e}"));
    html! {
        <figure class={classes!("line-canvas", props.class.clone())} data-png-chart={props.label.clone()} data-png-file={file}>
            <canvas ref={canvas} class="chart" data-testid={props.testid.clone()} role="img" aria-label={props.label.clone()} />
            if let Some(m) = message { <p class="error" role="alert">{ m }</p> }
        </figure>
    }
}
