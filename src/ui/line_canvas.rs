//! One line chart (charts::line_chart) on a [`ChartCanvas`]: the chart's drawing closure is
//! rebuilt when its data version or its look changes; sizing, redrawing, the PNG button and
//! drawing errors are the ChartCanvas's.

use std::rc::Rc;

use yew::prelude::*;

use crate::charts::line_chart::{draw, LineChart, Series};
use crate::ui::chart_canvas::{ChartCanvas, DrawFn, Sizing};

/// A line chart is about 0.62 times as tall as wide, within 150..=300 CSS px.
const SIZING: Sizing = Sizing::Aspect { aspect: 0.62, min: 150.0, max: 300.0 };

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
            && self.y_label == o.y_label
            && self.log_y == o.log_y
            && self.y_from_zero == o.y_from_zero
            && self.y_max == o.y_max
            && self.testid == o.testid
            && Rc::ptr_eq(&self.series, &o.series)
    }
}

#[component]
pub fn LineCanvas(props: &LineCanvasProps) -> Html {
    let key = (
        props.version,
        Rc::as_ptr(&props.series) as usize,
        props.title.clone(),
        props.y_label.clone(),
        props.log_y,
        props.y_from_zero,
        props.y_max.map(f64::to_bits),
    );
    let draw_fn = use_memo(key, {
        let series = props.series.clone();
        move |(_, _, title, y_label, log_y, y_from_zero, y_max)| {
            let (title, y_label, log_y, y_from_zero) = (title.clone(), y_label.clone(), *log_y, *y_from_zero);
            let y_max = y_max.map(f64::from_bits);
            let f: DrawFn = Rc::new(move |root, theme| {
                draw(
                    root,
                    &LineChart {
                        title: &title,
                        x_label: "epoch",
                        y_label: &y_label,
                        series: &series,
                        log_y,
                        y_from_zero,
                        y_max,
                        theme,
                    },
                )
            });
            f
        }
    });
    html! {
        <ChartCanvas draw={(*draw_fn).clone()} version={props.version} label={props.title.clone()}
                     testid={props.testid.clone()} sizing={SIZING} class={classes!(props.testid.to_string())} />
    }
}
