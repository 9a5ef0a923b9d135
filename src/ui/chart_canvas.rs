//! A canvas drawn by a plotters closure (a line chart, a heat strip, the per-layer chart, the
//! histograms), redrawn when its version, the theme, the view or the window size changes, with
//! its PNG button. The height follows the width ([`Sizing`]). Drawing errors become a message
//! under the chart.

use std::rc::Rc;

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, IntoDrawingArea};
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use crate::charts::theme::Theme;
use crate::ui::hooks::{pixel_ratio, use_dark_mode, use_resize_tick};
use crate::ui::png_button::PngButton;
use crate::ui::view::View;

/// Draws the chart on the whole area with the given theme (already scaled to the pixel ratio).
pub type DrawFn = Rc<dyn Fn(&DrawingArea<CanvasBackend, Shift>, &Theme) -> Result<(), String>>;

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

#[derive(Properties)]
pub struct ChartCanvasProps {
    pub draw: DrawFn,
    /// Changes whenever what `draw` draws does.
    pub version: u64,
    /// The accessible name of the chart (and of its PNG button).
    pub label: AttrValue,
    pub testid: AttrValue,
    pub sizing: Sizing,
    /// Classes added to the figure's `line-canvas`.
    #[prop_or_default]
    pub class: Classes,
}

impl PartialEq for ChartCanvasProps {
    fn eq(&self, o: &Self) -> bool {
        self.version == o.version
            && Rc::ptr_eq(&self.draw, &o.draw)
            && self.label == o.label
            && self.sizing == o.sizing
            && self.testid == o.testid
            && self.class == o.class
    }
}

#[component]
pub fn ChartCanvas(props: &ChartCanvasProps) -> Html {
    let dark = use_dark_mode();
    let tick = use_resize_tick();
    let view = use_context::<View>().unwrap_or_default();
    let canvas = use_node_ref();
    let error = use_state(|| None::<String>);
    {
        let (canvas, error, draw) = (canvas.clone(), error.clone(), props.draw.clone());
        let sizing = props.sizing;
        let key = (
            props.version,
            dark,
            tick,
            Rc::as_ptr(&props.draw) as *const () as usize,
            format!("{sizing:?}"),
            view,
        );
        use_effect_with(key, move |_| {
            let Some(c) = canvas.cast::<HtmlCanvasElement>() else { return };
            let ratio = pixel_ratio();
            let w = f64::from(c.client_width().max(160));
            let h = sizing.height(w);
            let (pw, ph) = ((w * ratio) as u32, (h * ratio) as u32);
            if c.width() != pw || c.height() != ph {
                c.set_width(pw);
                c.set_height(ph);
            }
            let theme = view.theme(dark, ratio);
            let result = CanvasBackend::with_canvas_object(c)
                .ok_or_else(|| "no 2D context".to_string())
                .and_then(|b| draw(&b.into_drawing_area(), &theme));
            match result {
                Ok(()) if error.is_some() => error.set(None),
                Ok(()) => {}
                Err(e) => error.set(Some(e)),
            }
        });
    }
    html! {
        <figure class={classes!("line-canvas", props.class.clone())}>
            <canvas ref={canvas.clone()} class="chart" data-testid={props.testid.clone()} role="img" aria-label={props.label.clone()} />
            <figcaption>
                <PngButton layers={vec![canvas]} file={format!("{}.png", props.testid)} label={props.label.clone()} />
            </figcaption>
            if let Some(e) = &*error { <p class="error" role="alert">{ format!("Chart not drawn: {e}") }</p> }
        </figure>
    }
}
