//! A canvas holding one line chart (charts::line_chart), redrawn when its data version, the
//! theme or the window size changes. Drawing errors become a message under the chart.

use std::rc::Rc;

use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use crate::charts::line_chart::{draw, LineChart, Series};
use crate::ui::download;
use crate::ui::hooks::{pixel_ratio, use_dark_mode, use_resize_tick};
use crate::ui::view::View;

#[derive(Properties)]
pub struct LineCanvasProps {
    pub title: AttrValue,
    pub y_label: AttrValue,
    #[prop_or_default]
    pub log_y: bool,
    #[prop_or_default]
    pub y_from_zero: bool,
    #[prop_or_default]
    pub y_max: Option<f64>,
    pub series: Rc<Vec<Series>>,
    /// Changes whenever `series` does (Series are not compared value by value).
    pub version: u64,
    pub testid: AttrValue,
}

impl PartialEq for LineCanvasProps {
    fn eq(&self, o: &Self) -> bool {
        self.version == o.version
            && self.title == o.title
            && self.log_y == o.log_y
            && self.y_max == o.y_max
            && Rc::ptr_eq(&self.series, &o.series)
    }
}

#[component]
pub fn LineCanvas(props: &LineCanvasProps) -> Html {
    let dark = use_dark_mode();
    let tick = use_resize_tick();
    let view = use_context::<View>().unwrap_or_default();
    let canvas = use_node_ref();
    let error = use_state(|| None::<String>);
    {
        let (canvas, error) = (canvas.clone(), error.clone());
        let (title, y_label, log_y, y_from_zero, y_max, series) = (
            props.title.clone(),
            props.y_label.clone(),
            props.log_y,
            props.y_from_zero,
            props.y_max,
            props.series.clone(),
        );
        use_effect_with((props.version, dark, tick, Rc::as_ptr(&props.series) as usize, view), move |_| {
            let Some(c) = canvas.cast::<HtmlCanvasElement>() else { return };
            let ratio = pixel_ratio();
            let w = f64::from(c.client_width().max(160));
            let (pw, ph) = ((w * ratio) as u32, ((w * 0.62).clamp(150.0, 300.0) * ratio) as u32);
            if c.width() != pw || c.height() != ph {
                c.set_width(pw);
                c.set_height(ph);
            }
            let theme = view.theme(dark, ratio);
            let result = CanvasBackend::with_canvas_object(c)
                .ok_or_else(|| "no 2D context".to_string())
                .and_then(|b| {
                    let root = b.into_drawing_area();
                    draw(
                        &root,
                        &LineChart {
                            title: &title,
                            x_label: "epoch",
                            y_label: &y_label,
                            series: &series,
                            log_y,
                            y_from_zero,
                            y_max,
                            theme: &theme,
                        },
                    )
                });
            match result {
                Ok(()) if error.is_some() => error.set(None),
                Ok(()) => {}
                Err(e) => error.set(Some(e)),
            }
        });
    }
    let on_png = {
        let (canvas, name) = (canvas.clone(), format!("{}.png", props.testid));
        Callback::from(move |_: MouseEvent| {
            if let Some(c) = canvas.cast::<HtmlCanvasElement>() {
                let _ = download::save_canvas_png(&name, &c);
            }
        })
    };
    html! {
        <figure class={classes!("line-canvas", props.testid.to_string())}>
            <canvas ref={canvas} class="chart" data-testid={props.testid.clone()} role="img" aria-label={props.title.clone()} />
            <figcaption>
                <button class="tiny" onclick={on_png} aria-label={format!("Save {} as PNG", props.title)}>{ "PNG" }</button>
            </figcaption>
            if let Some(e) = &*error { <p class="error" role="alert">{ format!("Chart not drawn: {e}") }</p> }
        </figure>
    }
}
