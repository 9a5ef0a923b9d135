//! Charts: plotters drawing functions generic over the drawing backend, one chart per file.
//! Natively they draw to SVG in tests; in the page they draw on a canvas.

pub mod activation_chart;
pub mod boundary;
pub mod heat_strip;
pub mod heatmap;
pub mod histogram;
pub mod line_chart;
pub mod probability_chart;
pub mod theme;
