//! One decision boundary, drawn the way the Playground's output is: the probe's values
//! coloured into an off-screen n×n canvas ([`Heatmap::rgba`]) and scaled into
//! [`boundary::plot_rect`], with the points (and axes, when asked) drawn as a [`Boundary`] chart.
//! Two stacked canvases: the heatmap is redrawn with every new probe, the points (hundreds of
//! discs, the dear part) only when the data, the theme, the view or the size change, so a
//! boundary costs little per frame. It reports how long each heatmap took (for frame pacing).
//! Its PNG button saves both layers as one picture. Errors become a message under it.
//!
//! The heatmap painting ([`paint_heatmap`], [`put_pixels`]) and square fitting
//! ([`fit_square`]) are shared with the Playground's output.

use wasm_bindgen::Clamped;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};
use yew::prelude::*;

use crate::charts::boundary::{self, Boundary, PlotRect};
use crate::charts::heatmap::Heatmap;
use crate::charts::theme::Theme;
use crate::domain::nn::data::Dataset;
use crate::domain::nn::trainer::GridProbe;
use crate::ui::by_id::ById;
use crate::ui::canvas::chart_canvas::{css_width, draw_on, fit};
use crate::ui::hooks::{pixel_ratio, use_dark_mode, use_resize_tick};
use crate::ui::shell::browser::{self, context_2d as context};
use crate::ui::shell::view::View;
use crate::ui::spans;

#[derive(Properties)]
pub struct BoundaryCanvasProps {
    /// The network's output over the grid (`probe.output`, in the labels' scale).
    pub probe: ById<GridProbe>,
    /// The points drawn over it (the training set).
    pub data: ById<Dataset>,
    pub regression: bool,
    /// Changes whenever `probe` or `data` do (they are not compared value by value).
    pub version: u64,
    /// What the picture shows, for screen readers.
    pub label: AttrValue,
    pub testid: AttrValue,
    #[prop_or_default]
    pub show_axes: bool,
    /// Point radius in CSS pixels.
    #[prop_or(2.5)]
    pub point_radius: f64,
    /// Gets the time each drawing took, in ms.
    #[prop_or_default]
    pub on_drawn: Option<Callback<f64>>,
}

/// Everything but `on_drawn` (a fresh closure each render of the parent would redraw for nothing).
impl PartialEq for BoundaryCanvasProps {
    fn eq(&self, o: &Self) -> bool {
        self.version == o.version
            && self.probe == o.probe
            && self.data == o.data
            && self.regression == o.regression
            && self.label == o.label
            && self.show_axes == o.show_axes
            && self.point_radius == o.point_radius
    }
}

#[component]
pub fn BoundaryCanvas(props: &BoundaryCanvasProps) -> Html {
    let dark = use_dark_mode();
    let tick = use_resize_tick();
    let view = use_context::<View>().unwrap_or_default();
    let heat = use_node_ref();
    let points = use_node_ref();
    let image = use_mut_ref(HeatLayer::default);
    let error = use_state(|| None::<String>);
    // The points layer: only when the data, its look or the canvas size change.
    {
        let (points, error) = (points.clone(), error.clone());
        let look = Look {
            regression: props.regression,
            show_axes: props.show_axes,
            radius: props.point_radius,
            dark,
            view,
        };
        let deps = (props.data.clone(), look, tick);
        let data = props.data.clone();
        use_effect_with(deps, move |(_, look, _)| {
            let Some(c) = points.cast::<HtmlCanvasElement>() else { return };
            if let Err(e) = render_points(&c, &data, look) {
                error.set(Some(e));
            }
        });
    }
    // The heatmap layer: every new probe.
    {
        let (heat, image, error) = (heat.clone(), image.clone(), error.clone());
        let (probe, show_axes, on_drawn) = (props.probe.clone(), props.show_axes, props.on_drawn.clone());
        let deps = (props.version, props.probe.clone(), show_axes, dark, tick, view);
        use_effect_with(deps, move |&(.., tick, _)| {
            let Some(c) = heat.cast::<HtmlCanvasElement>() else { return };
            let start = browser::now_ms();
            let theme = view.theme(dark, pixel_ratio());
            let result = render_heat(&c, &mut image.borrow_mut(), &probe, (show_axes, tick), theme);
            if let Some(cb) = on_drawn {
                cb.emit(browser::now_ms() - start);
            }
            match result {
                Ok(()) if error.is_some() => error.set(None),
                Ok(()) => {}
                Err(e) => error.set(Some(e)),
            }
        });
    }
    let file = format!("{}.png", props.testid);
    let message = error.as_ref().map(|e| format!("Not drawn: {e}"));
    html! {
        <figure class="boundary-canvas" data-png-chart={props.label.clone()} data-png-file={file}>
            <div class="boundary-stack">
                <canvas ref={heat.clone()} class="chart boundary" data-testid={props.testid.clone()} role="img"
                        aria-label={props.label.clone()} />
                <canvas ref={points.clone()} class="chart boundary boundary-points" aria-hidden="true" />
            </div>
            if let Some(m) = message { <p class="error" role="alert">{ m }</p> }
        </figure>
    }
}

/// How the points are drawn.
#[derive(Clone, Copy, PartialEq)]
struct Look {
    regression: bool,
    show_axes: bool,
    /// In CSS pixels.
    radius: f64,
    dark: bool,
    view: View,
}

/// Sizes a square canvas to its CSS width (at least `min` CSS px); returns the side in device
/// pixels.
pub fn fit_square(canvas: &HtmlCanvasElement, min: i32) -> u32 {
    let css = css_width(canvas, min);
    fit(canvas, css, css).0
}

/// [`fit_square`], but reading the CSS width (which forces a layout of the page) only when
/// `key` (what the layout may have changed with: a resize tick, a chart version) differs from
/// the one `slot` was measured at, or the canvas was resized since; else the side kept there.
pub fn fit_square_at<K: PartialEq>(
    canvas: &HtmlCanvasElement,
    min: i32,
    slot: &mut Option<(K, u32)>,
    key: K,
) -> u32 {
    if let Some((at, side)) = slot {
        if *at == key && canvas.width() == *side {
            return *side;
        }
    }
    let side = fit_square(canvas, min);
    *slot = Some((key, side));
    side
}

/// Fills the (fitted) canvas with the background and scales the heatmap's n×n pixels into
/// `rect`, through the off-screen n×n canvas `image` (made once, remade when n changes).
pub fn paint_heatmap(
    canvas: &HtmlCanvasElement,
    image: &mut Option<HtmlCanvasElement>,
    map: &Heatmap,
    rect: PlotRect,
    theme: &Theme,
) -> Result<(), String> {
    let ctx = context(canvas)?;
    let bg = theme.background;
    ctx.set_fill_style_str(&format!("rgb({},{},{})", bg.0, bg.1, bg.2));
    ctx.fill_rect(0.0, 0.0, f64::from(canvas.width()), f64::from(canvas.height()));
    if map.n == 0 {
        return Ok(());
    }
    let off = offscreen(image, map.n)?;
    put_pixels(&off, &map.rgba(theme), map.n)?;
    ctx.draw_image_with_html_canvas_element_and_dw_and_dh(
        &off,
        f64::from(rect.left),
        f64::from(rect.top),
        f64::from(rect.width()),
        f64::from(rect.height()),
    )
    .map_err(|_| "the heatmap could not be drawn".to_string())
}

/// Copies n×n RGBA bytes into a canvas of that size.
pub fn put_pixels(canvas: &HtmlCanvasElement, rgba: &[u8], n: usize) -> Result<(), String> {
    put_rgba(&context(canvas)?, rgba, n)
}

/// Copies n×n RGBA bytes into the canvas of `context` (of that size).
pub fn put_rgba(context: &CanvasRenderingContext2d, rgba: &[u8], n: usize) -> Result<(), String> {
    let n = n as u32;
    let pixels = ImageData::new_with_u8_clamped_array_and_sh(Clamped(rgba), n, n)
        .map_err(|_| "the heatmap could not be built".to_string())?;
    context.put_image_data(&pixels, 0.0, 0.0).map_err(|_| "the heatmap could not be built".to_string())
}

/// The background and the probe's output coloured into the plot rectangle. The canvas's CSS
/// size is read (which forces a layout of the page) only when the window was resized since the
/// last drawing (`tick`) or the canvas is new; a frame that only brings a new probe keeps it.
fn render_heat(
    canvas: &HtmlCanvasElement,
    image: &mut HeatLayer,
    probe: &GridProbe,
    (show_axes, tick): (bool, u32),
    theme: Theme,
) -> Result<(), String> {
    let _span = spans::span("lab:boundary-heat");
    let side = fit_square_at(canvas, 60, &mut image.measured, tick);
    let rect = boundary::plot_rect((side, side), show_axes, boundary::tick_font(&theme));
    let map = Heatmap { values: &probe.output, n: probe.n, scale: 1.0, discretize: false };
    paint_heatmap(canvas, &mut image.image, &map, rect, &theme)
}

/// The heatmap's off-screen n×n canvas, and the side (device pixels) of the canvas with the
/// resize tick it was measured at.
#[derive(Default)]
struct HeatLayer {
    image: Option<HtmlCanvasElement>,
    measured: Option<(u32, u32)>,
}

/// The points (and axes) on a transparent canvas laid over the heatmap.
fn render_points(canvas: &HtmlCanvasElement, data: &Dataset, look: &Look) -> Result<(), String> {
    let side = fit_square(canvas, 60);
    let ratio = pixel_ratio();
    let theme = look.view.theme(look.dark, ratio);
    context(canvas)?.clear_rect(0.0, 0.0, f64::from(side), f64::from(side));
    let chart = Boundary {
        train: &data.train,
        test: None,
        regression: look.regression,
        point_radius: (look.radius * ratio).round().max(1.0) as u32,
        show_axes: look.show_axes,
    };
    draw_on(canvas, &chart, &theme).map(|_| ())
}

/// An off-screen n×n canvas kept in `slot` (made once, remade when n changes).
fn offscreen(slot: &mut Option<HtmlCanvasElement>, n: usize) -> Result<HtmlCanvasElement, String> {
    if let Some(c) = slot.as_ref().filter(|c| c.width() == n as u32) {
        return Ok(c.clone());
    }
    let c = browser::new_canvas(n as u32, n as u32)?;
    *slot = Some(c.clone());
    Ok(c)
}
