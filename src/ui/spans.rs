//! Named spans on the page's performance timeline (`performance.measure`, `lab:NAME` in
//! Chromium's trace), so `scripts/frame-cost.mjs` can say where a frame goes (training, probe,
//! heatmaps, charts, the diagram). Recorded only when the page set `window.__labSpans = true`
//! before the app started (the benchmark does); otherwise a span costs one flag read.

use crate::ui::shell::browser;

thread_local! {
    static ON: bool = browser::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"__labSpans".into()).ok())
        .is_some_and(|v| v.is_truthy());
}

/// An open span: measured from its start to its drop.
pub struct Span {
    name: &'static str,
}

/// Opens the span `name` (a static name, e.g. `"lab:probe"`), if spans are recorded.
pub fn span(name: &'static str) -> Option<Span> {
    if !ON.with(|on| *on) {
        return None;
    }
    let performance = browser::window()?.performance()?;
    performance.mark(name).ok()?;
    Some(Span { name })
}

impl Drop for Span {
    fn drop(&mut self) {
        if let Some(performance) = browser::window().and_then(|w| w.performance()) {
            let _ = performance.measure_with_start_mark(self.name, self.name);
            performance.clear_marks_with_mark_name(self.name);
            performance.clear_measures_with_measure_name(self.name);
        }
    }
}
