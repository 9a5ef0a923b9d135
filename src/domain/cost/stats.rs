//! The samples of a cost run reduced to what the page shows: per activation and item the
//! median and the min–max of its samples, in milliseconds (per million values, or per epoch)
//! and as a multiple of ReLU's median for the same item.

use super::CostKind;
use crate::domain::activation::Activation;

/// A median with the smallest and largest sample.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spread {
    pub median: f64,
    pub min: f64,
    pub max: f64,
}

impl Spread {
    /// The median and range of the finite samples; `None` without any.
    pub fn of(samples: &[f64]) -> Option<Spread> {
        let mut v: Vec<f64> = samples.iter().copied().filter(|x| x.is_finite()).collect();
        if v.is_empty() {
            return None;
        }
        v.sort_by(f64::total_cmp);
        let n = v.len();
        let median = if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 };
        Some(Spread { median, min: v[0], max: v[n - 1] })
    }

    /// Every figure divided by `by` (a positive finite number), else `None`.
    pub fn over(&self, by: f64) -> Option<Spread> {
        (by.is_finite() && by > 0.0).then(|| Spread {
            median: self.median / by,
            min: self.min / by,
            max: self.max / by,
        })
    }
}

/// One item of one activation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CostCell {
    /// Milliseconds per million values (per epoch for [`CostKind::Epoch`]).
    pub ms: Spread,
    /// The same divided by ReLU's median; `None` when ReLU's time is not a positive number
    /// (a timer that never moved).
    pub ratio: Option<Spread>,
}

/// One activation's figures, one cell per [`CostKind`] (in [`CostKind::ALL`]'s order; `None`
/// until a sample of it is in).
#[derive(Clone, Debug, PartialEq)]
pub struct CostRow {
    pub activation: Activation,
    /// ReLU added as the reference (not one of the activations shown).
    pub reference: bool,
    pub cells: [Option<CostCell>; 5],
}

impl CostRow {
    pub fn cell(&self, kind: CostKind) -> Option<&CostCell> {
        self.cells[kind.index()].as_ref()
    }

    /// The row's name: the text form, with "(reference)" for an added ReLU.
    pub fn label(&self) -> String {
        if self.reference {
            format!("{} (reference)", self.activation)
        } else {
            self.activation.to_string()
        }
    }
}

/// Everything measured so far.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CostReport {
    pub rows: Vec<CostRow>,
    /// Rounds whose samples are all in.
    pub rounds: usize,
}

impl CostReport {
    /// Reduces `samples[activation][kind]` (ms per million values, or per epoch) to rows.
    pub fn from_samples(
        measured: &[(Activation, bool)],
        samples: &[[Vec<f64>; 5]],
        rounds: usize,
    ) -> CostReport {
        let relu = measured.iter().position(|(a, _)| *a == Activation::Relu);
        let spreads: Vec<[Option<Spread>; 5]> =
            samples.iter().map(|per_kind| std::array::from_fn(|k| Spread::of(&per_kind[k]))).collect();
        let rows = measured
            .iter()
            .zip(&spreads)
            .map(|(&(activation, reference), row)| CostRow {
                activation,
                reference,
                cells: std::array::from_fn(|k| {
                    let ms = row[k]?;
                    let base = relu.and_then(|r| spreads[r][k]).map(|s| s.median);
                    Some(CostCell { ms, ratio: base.and_then(|b| ms.over(b)) })
                }),
            })
            .collect();
        CostReport { rows, rounds }
    }

    /// The largest ratio (whisker included) of any cell, for a chart's axis.
    pub fn max_ratio(&self) -> f64 {
        self.rows
            .iter()
            .flat_map(|r| r.cells.iter().flatten())
            .filter_map(|c| c.ratio)
            .map(|s| s.max)
            .fold(0.0, f64::max)
    }

    /// The largest median ratio of any cell (a chart's axis: whiskers may run past it).
    pub fn max_median_ratio(&self) -> f64 {
        self.rows
            .iter()
            .flat_map(|r| r.cells.iter().flatten())
            .filter_map(|c| c.ratio)
            .map(|s| s.median)
            .fold(0.0, f64::max)
    }

    /// Whether any cell has a ratio (else the timer never moved, or nothing was measured).
    pub fn has_ratios(&self) -> bool {
        self.rows.iter().flat_map(|r| r.cells.iter().flatten()).any(|c| c.ratio.is_some())
    }
}

/// `3.2×`, `12×`, `0.95×`: two significant digits at least, never scientific notation.
pub fn ratio_text(r: f64) -> String {
    if !r.is_finite() {
        "—".to_string()
    } else if r >= 10.0 {
        format!("{r:.0}×")
    } else {
        format!("{r:.2}×")
    }
}

/// `0.42 ms`, `12.3 ms`, `1 234 ms`.
pub fn ms_text(ms: f64) -> String {
    if !ms.is_finite() {
        "—".to_string()
    } else if ms >= 100.0 {
        format!("{ms:.0} ms")
    } else if ms >= 10.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{ms:.3} ms")
    }
}

/// A table cell for people: the ratio, the time, and the ratio's min–max. `—` when missing.
pub fn cell_text(cell: Option<&CostCell>) -> (String, String) {
    let Some(c) = cell else { return ("—".to_string(), String::new()) };
    let detail = match c.ratio {
        Some(r) => format!("{} ({}–{})", ms_text(c.ms.median), ratio_text(r.min), ratio_text(r.max)),
        None => format!("{} (min {}, max {})", ms_text(c.ms.median), ms_text(c.ms.min), ms_text(c.ms.max)),
    };
    (c.ratio.map_or_else(|| "—".to_string(), |r| ratio_text(r.median)), detail)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn samples(v: &[f64]) -> [Vec<f64>; 5] {
        std::array::from_fn(|k| v.iter().map(|x| x * (k + 1) as f64).collect())
    }

    #[test]
    fn spread_is_the_median_and_range_of_the_finite_samples() {
        assert_eq!(Spread::of(&[3.0, 1.0, 2.0]), Some(Spread { median: 2.0, min: 1.0, max: 3.0 }));
        assert_eq!(
            Spread::of(&[4.0, 1.0, f64::NAN, 2.0, 3.0]),
            Some(Spread { median: 2.5, min: 1.0, max: 4.0 })
        );
        assert_eq!(Spread::of(&[f64::INFINITY]), None);
        assert_eq!(Spread::of(&[]), None);
        let s = Spread { median: 2.0, min: 1.0, max: 4.0 };
        assert_eq!(s.over(2.0), Some(Spread { median: 1.0, min: 0.5, max: 2.0 }));
        assert_eq!(s.over(0.0), None);
        assert_eq!(s.over(f64::NAN), None);
    }

    #[test]
    fn relu_is_exactly_one_and_the_others_are_divided_by_its_median() {
        let measured = [(Activation::Relu, true), (Activation::Gelu, false)];
        let all = [samples(&[0.3, 0.1, 0.7]), samples(&[3.0, 1.5, 0.9])];
        let report = CostReport::from_samples(&measured, &all, 3);
        assert_eq!(report.rounds, 3);
        for kind in CostKind::ALL {
            let relu = report.rows[0].cell(kind).and_then(|c| c.ratio).expect("relu has a ratio");
            assert_eq!(relu.median, 1.0, "{kind:?}");
            let gelu = report.rows[1].cell(kind).and_then(|c| c.ratio).expect("gelu has a ratio");
            assert!((gelu.median - 1.5 / 0.3).abs() < 1e-12, "{gelu:?}");
            assert!((gelu.min - 3.0).abs() < 1e-12 && (gelu.max - 10.0).abs() < 1e-12, "{gelu:?}");
        }
        let relu_ms = report.rows[0].cell(CostKind::Epoch).expect("cell").ms;
        assert_eq!(relu_ms, Spread { median: 1.5, min: 0.5, max: 3.5 }, "the epoch samples times 5");
        assert!((report.max_ratio() - 10.0).abs() < 1e-12);
        assert!((report.max_median_ratio() - 1.5 / 0.3).abs() < 1e-9, "gelu's median, 5× in every item");
        assert_eq!(report.rows[0].label(), "relu (reference)");
        assert_eq!(report.rows[1].label(), "gelu");
    }

    #[test]
    fn a_timer_that_never_moved_gives_no_ratio_and_missing_samples_no_cell() {
        let measured = [(Activation::Relu, false), (Activation::Tanh, false)];
        let mut zero = samples(&[0.0, 0.0]);
        zero[4].clear();
        let report = CostReport::from_samples(&measured, &[zero.clone(), zero], 0);
        assert!(!report.has_ratios());
        assert_eq!(report.rows[1].cell(CostKind::Value).and_then(|c| c.ratio), None);
        assert_eq!(report.rows[1].cell(CostKind::Epoch), None);
        assert_eq!(cell_text(report.rows[1].cell(CostKind::Epoch)), ("—".to_string(), String::new()));
        let (ratio, detail) = cell_text(report.rows[1].cell(CostKind::Value));
        assert_eq!((ratio.as_str(), detail.as_str()), ("—", "0.000 ms (min 0.000 ms, max 0.000 ms)"));
        // No ReLU at all: no ratios either.
        let report = CostReport::from_samples(&[(Activation::Tanh, false)], &[samples(&[1.0])], 1);
        assert!(!report.has_ratios());
    }

    #[test]
    fn figures_read_well() {
        assert_eq!(ratio_text(1.0), "1.00×");
        assert_eq!(ratio_text(3.256), "3.26×");
        assert_eq!(ratio_text(12.4), "12×");
        assert_eq!(ratio_text(f64::NAN), "—");
        assert_eq!(ms_text(0.4213), "0.421 ms");
        assert_eq!(ms_text(12.34), "12.3 ms");
        assert_eq!(ms_text(1234.0), "1234 ms");
        let cell = CostCell {
            ms: Spread { median: 2.0, min: 1.9, max: 2.4 },
            ratio: Some(Spread { median: 4.0, min: 3.8, max: 4.8 }),
        };
        assert_eq!(cell_text(Some(&cell)), ("4.00×".to_string(), "2.000 ms (3.80×–4.80×)".to_string()));
    }
}
