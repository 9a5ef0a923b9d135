//! Axis ranges and tick labels shared by the charts.

/// Whole decades around the given log10 values (the heat strips' colour range; the domain's
/// `shared_log_range` uses it too, so it lives there).
pub use crate::domain::experiments::depth::decade_range;

/// A tick label for a linear axis: "0" for (almost) zero, integers without decimals, other
/// values with at most `decimals` decimals (trailing zeros trimmed), very large or very small
/// ones in scientific form.
pub fn number_label(v: f64, decimals: usize) -> String {
    if v.abs() < 1e-12 {
        return "0".to_string();
    }
    if (v - v.round()).abs() < 1e-9 * v.abs().max(1.0) && v.abs() < 1e7 {
        return format!("{}", v.round() as i64);
    }
    if v.abs() >= 0.01 && v.abs() < 1e7 {
        let s = format!("{v:.decimals$}");
        return s.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    format!("{v:.1e}")
}

/// A tick label for log10(y) = `e`: "1e-3", with plain numbers from 0.01 to 1000 (the log
/// axes and the heat strip's colour-bar labels).
pub fn log_label(e: f64) -> String {
    let r = e.round();
    if (e - r).abs() > 1e-9 {
        return format!("{:.1e}", 10f64.powf(e));
    }
    match r as i32 {
        -2 => "0.01".to_string(),
        -1 => "0.1".to_string(),
        k @ 0..=3 => 10i64.pow(k as u32).to_string(),
        k => format!("1e{k}"),
    }
}

/// The range of log10(y) on a log axis: from the decade below the smallest value (so the
/// bottom tick is a power of 10) to a little above the largest (or log10(y_max) when that is
/// given), spanning at least one decade.
pub fn log_range(ys: impl Iterator<Item = f64>, y_max: Option<f64>) -> (f64, f64) {
    let (lo, hi) = ys.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), y| (lo.min(y), hi.max(y)));
    let (mut lo, hi) = match (lo <= hi, y_max.filter(|m| m.is_finite() && *m > 0.0)) {
        (true, None) => (lo.floor(), hi + 0.05 * (hi - lo.floor()).max(1.0)),
        (true, Some(m)) => (lo.floor(), m.log10()),
        // No positive values: three decades up to the bound, or up to 1.
        (false, m) => {
            let hi = m.map_or(0.0, f64::log10);
            ((hi - 3.0).floor(), hi)
        }
    };
    if hi - lo < 1.0 {
        lo = (hi - 1.0).floor();
    }
    (lo, hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_labels_are_short() {
        assert_eq!(number_label(0.0, 3), "0");
        assert_eq!(number_label(1e-13, 2), "0");
        assert_eq!(number_label(-3.0, 2), "-3");
        assert_eq!(number_label(0.125, 3), "0.125");
        assert_eq!(number_label(0.125, 2), "0.12");
        assert_eq!(number_label(0.5, 2), "0.5");
        assert_eq!(number_label(0.001, 2), "1.0e-3");
        assert_eq!(number_label(2e8, 2), "2.0e8");
        assert_eq!(log_label(-3.0), "1e-3");
        assert_eq!(log_label(2.0), "100");
        assert_eq!(decade_range([-2.5, -2.2]), (-3.0, -2.0));
    }
}
