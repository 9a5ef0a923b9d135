//! Canvases: the one generic chart canvas (`ChartCanvas<C: Chart>`), line charts on it, and the
//! one decision-boundary canvas with `put_pixels`.

pub(crate) mod boundary_canvas;
pub(crate) mod chart_canvas;
pub(crate) mod line_canvas;
pub(crate) mod measured_canvas;
