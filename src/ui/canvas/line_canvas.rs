//! One line chart (charts::line_chart) on a [`ChartCanvas`]: sizing, redrawing (when the chart
//! changed), the PNG button and drawing errors are the ChartCanvas's.

use yew::prelude::*;

use crate::charts::line_chart::{LineChart, Series};
use crate::ui::by_id::ById;
use crate::ui::canvas::chart_canvas::{AnyChart, ChartCanvas, Sizing};

/// A line chart is about 0.62 times as tall as wide, within 150..=300 CSS px.
const SIZING: Sizing = Sizing::Aspect { aspect: 0.62, min: 150.0, max: 300.0 };

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
    };
    html! {
        <ChartCanvas chart={AnyChart::new(chart)} label={props.title.clone()} testid={props.testid.clone()} sizing={SIZING}
                                class={classes!(props.testid.to_string())} />
    }
}
