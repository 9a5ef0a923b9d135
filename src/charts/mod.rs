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
pub mod heat_strip;
pub mod heatmap;
pub mod histogram;
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
