//! One line chart (charts::line_chart) on a [`ChartCanvas`]: sizing, redrawing (when the chart
//! changed), the PNG button and drawing errors are the ChartCanvas's.

use std::rc::Rc;

use yew::prelude::*;

use crate::charts::line_chart::{LineChart, Marker, Series};
use crate::ui::by_id::ById;
use crate::ui::canvas::chart_canvas::{AnyChart, ChartCanvas, Sizing};

/// A line chart is about 0.62 times as tall as wide, within 150..=300 CSS px.
const SIZING: Sizing = Sizing::Aspect { aspect: 0.62, min: 150.0, max: 300.0 };
/// With more series than this the legend needs a column (or rows) of its own, beside the plot:
/// the chart is taller, so its plot keeps a useful size (nine entries fit one column).
const MANY_SERIES: usize = 4;
const SIZING_MANY: Sizing = Sizing::Aspect { aspect: 0.75, min: 215.0, max: 340.0 };

#[derive(Properties, PartialEq)]
pub struct LineCanvasProps {
    pub title: AttrValue,
    pub y_label: AttrValue,
    #[prop_or_default]
    pub log_y: bool,
    #[prop_or_default]
    pub y_from_zero: bool,
    #[prop_or_default]
    pub y_max: Option<f64>,
    /// On a log axis, the label of the floor band where exact zeros are drawn (e.g. "0 (no
    /// gradient)"); without it zeros are gaps.
    #[prop_or_default]
    pub zero_floor: Option<AttrValue>,
    /// Labelled vertical rules at epochs (e.g. where the learning rate changed).
    #[prop_or_default]
    pub markers: Rc<Vec<Marker>>,
    pub series: ById<Vec<Series>>,
    /// Changes whenever `series` does (Series are not compared value by value here).
    pub version: u64,
    pub testid: AttrValue,
}

#[component]
pub fn LineCanvas(props: &LineCanvasProps) -> Html {
    let chart = LineChart {
        title: props.title.to_string(),
        x_label: "epoch".into(),
        y_label: props.y_label.to_string(),
        series: props.series.rc(),
        log_y: props.log_y,
        y_from_zero: props.y_from_zero,
        y_max: props.y_max,
        zero_floor: props.zero_floor.as_ref().map(AttrValue::to_string),
        markers: props.markers.clone(),
    };
    let sizing = if props.series.len() > MANY_SERIES { SIZING_MANY } else { SIZING };
    // The accessible name says what the picture shows beyond the title.
    let label = match &props.zero_floor {
        Some(floor) => {
            AttrValue::from(format!("{}; exact zeros run along the floor marked “{floor}”", props.title))
        }
        None => props.title.clone(),
    };
    html! {
        <ChartCanvas chart={AnyChart::new(chart)} {label} testid={props.testid.clone()} {sizing}
                                class={classes!(props.testid.to_string())} />
    }
}
