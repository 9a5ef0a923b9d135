//! Charts: plotters drawing generic over the drawing backend, one chart per file. A chart is a
//! plain data value ([`Chart`]): natively it draws to SVG in tests; in the page one canvas
//! component (`ui::chart_canvas`) draws it, and redraws only when it changed (`PartialEq`).

use plotters::coord::Shift;
use plotters::drawing::DrawingAreaErrorKind;
use plotters::prelude::{DrawingArea, DrawingBackend};

use theme::Theme;

pub mod activation_chart;
pub mod activation_marks;
pub mod axis;
pub mod boundary;
pub mod cost_chart;
pub mod heat_strip;
pub mod heatmap;
pub mod histogram;
pub mod legend;
pub mod line_chart;
pub mod probability_chart;
pub mod theme;

/// What drawing on a plotters backend gives: the backend's own error, as plotters' examples
/// have it. It becomes a message once, where the page shows the chart.
pub type DrawResult<T, DB> = Result<T, DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// A chart: data that draws itself on the whole of any plotters area with a theme.
pub trait Chart: PartialEq {
    /// What the drawing tells its caller about where things went (e.g. the plot rectangle, to
    /// map pointer positions back to data); `()` for most charts.
    type Layout;

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        theme: &Theme,
    ) -> DrawResult<Self::Layout, DB>;
}

/// Reading the charts' SVG in tests: text positions, polylines by colour, the plot rectangle.
#[cfg(test)]
pub(crate) mod svg_probe {
    use plotters::style::RGBColor;

    /// An attribute's value in one SVG tag.
    fn attr(tag: &str, name: &str) -> Option<f64> {
        let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        tag[start..].split('"').next()?.parse().ok()
    }

    /// Every text element: its text and anchor point (x, y).
    pub fn texts(svg: &str) -> Vec<(String, f64, f64)> {
        svg.split("<text")
            .skip(1)
            .filter_map(|t| {
                let (tag, rest) = t.split_once('>')?;
                let text = rest.strip_prefix('\n')?.split("\n</text>").next()?;
                Some((text.to_string(), attr(tag, "x")?, attr(tag, "y")?))
            })
            .collect()
    }

    /// Where the text reading exactly `s` is anchored.
    pub fn text_at(svg: &str, s: &str) -> Option<(f64, f64)> {
        texts(svg).into_iter().find(|t| t.0 == s).map(|t| (t.1, t.2))
    }

    /// The points of every polyline stroked in colour `c`.
    pub fn polylines(svg: &str, c: RGBColor) -> Vec<Vec<(f64, f64)>> {
        let stroke = format!("stroke=\"#{:02X}{:02X}{:02X}\"", c.0, c.1, c.2);
        svg.lines()
            .filter(|l| l.starts_with("<polyline") && l.contains(&stroke))
            .filter_map(|l| {
                let start = l.find(" points=\"")? + 9;
                let pts = l[start..].split('"').next()?;
                Some(
                    pts.split_whitespace()
                        .filter_map(|p| p.split_once(','))
                        .filter_map(|(x, y)| Some((x.parse().ok()?, y.parse().ok()?)))
                        .collect(),
                )
            })
            .collect()
    }

    /// The plot rectangle `(left, top, right, bottom)`, from the axis lines drawn in `axis`:
    /// the longest horizontal one is the x-axis, the longest vertical one the y-axis.
    pub fn plot_rect(svg: &str, axis: RGBColor) -> (f64, f64, f64, f64) {
        let lines = polylines(svg, axis);
        let span = |l: &Vec<(f64, f64)>, f: fn(&(f64, f64)) -> f64| {
            let v: Vec<f64> = l.iter().map(f).collect();
            (
                v.iter().copied().fold(f64::INFINITY, f64::min),
                v.iter().copied().fold(f64::NEG_INFINITY, f64::max),
            )
        };
        let longest = |along: fn(&(f64, f64)) -> f64, across: fn(&(f64, f64)) -> f64| {
            lines
                .iter()
                .filter(|l| l.len() >= 2 && span(l, across).1 - span(l, across).0 < 0.5)
                .max_by(|a, b| {
                    let (a, b) = (span(a, along), span(b, along));
                    (a.1 - a.0).total_cmp(&(b.1 - b.0))
                })
                .map(|l| (span(l, along), span(l, across).0))
                .expect("the chart draws its axes")
        };
        let ((left, right), bottom) = longest(|p| p.0, |p| p.1);
        let ((top, _), _) = longest(|p| p.1, |p| p.0);
        (left, top, right, bottom)
    }
}
