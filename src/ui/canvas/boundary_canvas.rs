//! One decision boundary, drawn the way the Playground's output is: the probe's values
//! coloured into a heat layer of their own n×n pixels ([`HeatLayer`]: a canvas the compositor
//! scales over [`boundary::plot_rect`]) under a canvas with the points (and axes, when asked)
//! drawn as a [`Boundary`] chart. The heat layer is repainted with every new probe, the points
//! (hundreds of discs, the dear part) only when the data, the theme, the view or the size
//! change, so a boundary costs one n×n copy per frame. It reports how long each heatmap took
//! (for frame pacing). Its PNG button saves both layers as one picture. Errors become a
//! message under it.
//!
//! The heat layer ([`HeatLayer`], [`fill_around`], [`put_pixels`]) and square fitting
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
    let layer = use_mut_ref(HeatLayer::default);
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
        let (heat, over, layer, error) = (heat.clone(), points.clone(), layer.clone(), error.clone());
        let (probe, show_axes, on_drawn) = (props.probe.clone(), props.show_axes, props.on_drawn.clone());
        let deps = (props.version, props.probe.clone(), show_axes, dark, tick, view);
        use_effect_with(deps, move |_| {
            let (Some(h), Some(over)) = (heat.cast::<HtmlCanvasElement>(), over.cast::<HtmlCanvasElement>())
            else {
                return;
            };
            let start = browser::now_ms();
            let theme = view.theme(dark, pixel_ratio());
            let result = render_heat((&h, &over), &mut layer.borrow_mut(), &probe, show_axes, theme);
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
    let heat_testid = format!("{}-heat", props.testid);
    let message = error.as_ref().map(|e| format!("Not drawn: {e}"));
    html! {
        <figure class="boundary-canvas" data-png-chart={props.label.clone()} data-png-file={file}>
            <div class="boundary-stack">
                <canvas ref={heat.clone()} class="boundary-heat" data-testid={heat_testid}
                        aria-hidden="true" />
                <canvas ref={points.clone()} class="chart boundary boundary-points" data-testid={props.testid.clone()}
                        role="img" aria-label={props.label.clone()} />
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

/// A heat layer: the canvas under a chart's axes and points that holds the heatmap's own n×n
/// pixels, laid by CSS over the plot rectangle of the canvas above it. The compositor scales
/// it (smoothly, off the main thread), so a new probe costs one n×n copy, not a scaled
/// canvas-to-canvas draw of the whole plot.
#[derive(Default)]
pub struct HeatLayer {
    /// Where the layer was last laid (the plot rectangle in device pixels and the device pixels
    /// per CSS pixel): its style is written again only when that changes.
    placed: Option<(PlotRect, u64)>,
}

impl HeatLayer {
    /// Colours `map` into `heat` (sized to the map's n×n) and lays `heat` over `rect` (device
    /// pixels of a canvas drawn at `ratio` device pixels per CSS pixel).
    pub fn paint(
        &mut self,
        heat: &HtmlCanvasElement,
        map: &Heatmap,
        rect: PlotRect,
        ratio: f64,
        theme: &Theme,
    ) -> Result<(), String> {
        let n = map.n as u32;
        if heat.width() != n || heat.height() != n {
            heat.set_width(n);
            heat.set_height(n);
        }
        let key = (rect, ratio.to_bits());
        if self.placed != Some(key) {
            // Through the CSSOM: the page's CSP (`style-src 'self'`) refuses style attributes.
            let css = |px: i32| format!("{}px", f64::from(px) / ratio);
            let style = heat.style();
            for (name, px) in
                [("left", rect.left), ("top", rect.top), ("width", rect.width()), ("height", rect.height())]
            {
                style
                    .set_property(name, &css(px))
                    .map_err(|_| "the heatmap could not be placed".to_string())?;
            }
            self.placed = Some(key);
        }
        if n == 0 {
            return Ok(());
        }
        put_pixels(heat, &map.rgba(theme), map.n)
    }
}

/// Fills the canvas with the theme's background but for the plot rectangle, which stays clear
/// for the heat layer under it to show through.
pub fn fill_around(canvas: &HtmlCanvasElement, rect: PlotRect, theme: &Theme) -> Result<(), String> {
    let ctx = context(canvas)?;
    let (w, h) = (f64::from(canvas.width()), f64::from(canvas.height()));
    let (l, t, r, b) =
        (f64::from(rect.left), f64::from(rect.top), f64::from(rect.right), f64::from(rect.bottom));
    ctx.clear_rect(0.0, 0.0, w, h);
    let bg = theme.background;
    ctx.set_fill_style_str(&format!("rgb({},{},{})", bg.0, bg.1, bg.2));
    ctx.fill_rect(0.0, 0.0, w, t.max(0.0));
    ctx.fill_rect(0.0, b, w, (h - b).max(0.0));
    ctx.fill_rect(0.0, t, l.max(0.0), (b - t).max(0.0));
    ctx.fill_rect(r, t, (w - r).max(0.0), (b - t).max(0.0));
    Ok(())
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

/// The probe's output coloured into the heat layer under the plot rectangle of `over` (the
/// points' canvas, already fitted to its CSS size by the points' drawing: its size is not read
/// from the page again).
fn render_heat(
    (heat, over): (&HtmlCanvasElement, &HtmlCanvasElement),
    layer: &mut HeatLayer,
    probe: &GridProbe,
    show_axes: bool,
    theme: Theme,
) -> Result<(), String> {
    let _span = spans::span("lab:boundary-heat");
    let side = over.width();
    let rect = boundary::plot_rect((side, side), show_axes, boundary::tick_font(&theme));
    let map = Heatmap { values: &probe.output, n: probe.n, scale: 1.0, discretize: false };
    layer.paint(heat, &map, rect, pixel_ratio(), &theme)
}

/// The background around the plot, the points and the axes on the canvas laid over the heat
/// layer.
fn render_points(canvas: &HtmlCanvasElement, data: &Dataset, look: &Look) -> Result<(), String> {
    let side = fit_square(canvas, 60);
    let ratio = pixel_ratio();
    let theme = look.view.theme(look.dark, ratio);
    fill_around(
        canvas,
        boundary::plot_rect((side, side), look.show_axes, boundary::tick_font(&theme)),
        &theme,
    )?;
    let chart = Boundary {
        train: &data.train,
        test: None,
        regression: look.regression,
        point_radius: (look.radius * ratio).round().max(1.0) as u32,
        show_axes: look.show_axes,
    };
    draw_on(canvas, &chart, &theme).map(|_| ())
}
