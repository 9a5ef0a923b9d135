//! The Explorer's state and the data behind its chart: which activations are shown (up to 4),
//! the x-range, their URL form (`act=relu,elu(0.5)&range=6`), sampled curves split at kinks,
//! the regions where gradients vanish or die, the hover readout and the CSV export.

use crate::domain::activation::{split_list, Activation};
use crate::domain::state::page::Notice;
use crate::domain::state::query::Query;

/// The x-ranges offered: ±3, ±6, ±20.
pub const RANGES: [f64; 3] = [3.0, 6.0, 20.0];
pub const MAX_CURVES: usize = 4;
/// |f′| below this (but not exactly 0) is shaded as saturated: gradients vanish there.
pub const SATURATION: f64 = 0.05;

#[derive(Clone, Debug, PartialEq)]
pub struct ExplorerState {
    pub activations: Vec<Activation>,
    pub range: f64,
}

impl Default for ExplorerState {
    fn default() -> Self {
        ExplorerState { activations: vec![Activation::Relu], range: 6.0 }
    }
}

impl ExplorerState {
    /// Reads `act` and `range`; what cannot be used is dropped (or clamped) with a notice.
    pub fn from_query(query: &Query) -> (ExplorerState, Vec<Notice>) {
        let mut state = ExplorerState::default();
        let mut notices = Vec::new();
        if let Some(list) = query.get("act") {
            let mut chosen = Vec::new();
            for text in split_list(list).into_iter().filter(|t| !t.is_empty()) {
                match Activation::parse(text) {
                    Ok(a) if chosen.len() < MAX_CURVES && !chosen.contains(&a) => chosen.push(a),
                    Ok(_) if chosen.len() >= MAX_CURVES => notices.push(Notice::new(
                        "act",
                        format!("At most {MAX_CURVES} activations can be overlaid: '{text}' was left out."),
                    )),
                    Ok(_) => {}
                    Err(e) => notices.push(Notice::new("act", format!("In the link's act=: {e}"))),
                }
            }
            if !chosen.is_empty() {
                state.activations = chosen;
            }
        }
        if let Some(text) = query.get("range") {
            match text.trim().parse::<f64>() {
                Ok(r) if RANGES.contains(&r) => state.range = r,
                Ok(r) if r.is_finite() => {
                    let nearest = nearest_range(r);
                    state.range = nearest;
                    notices.push(Notice::new(
                        "range",
                        format!("range={text} is not offered: showing ±{nearest} (choose 3, 6 or 20)."),
                    ));
                }
                _ => notices.push(Notice::new(
                    "range",
                    format!("range={text} is not a number: showing ±{} (choose 3, 6 or 20).", state.range),
                )),
            }
        }
        (state, notices)
    }

    pub fn write_query(&self, query: &mut Query) {
        let list: Vec<String> = self.activations.iter().map(|a| a.to_string()).collect();
        query.set("act", list.join(","));
        query.set("range", format_number(self.range));
    }
}

/// What the Explorer's controls can do. `ExplorerState::apply` is pure (the ui's reducer).
#[derive(Clone, Debug, PartialEq)]
pub enum ExplorerAction {
    /// Overlay another activation (ignored when 4 are shown or it is already there).
    Add(Activation),
    /// Remove the i-th curve (the last one stays).
    Remove(usize),
    /// Replace the i-th curve by another function (its default parameter).
    Replace(usize, Activation),
    /// Set the i-th curve's parameter (clamped into its range).
    SetParam(usize, f64),
    SetRange(f64),
}

impl ExplorerState {
    pub fn apply(&self, action: ExplorerAction) -> ExplorerState {
        let mut next = self.clone();
        match action {
            ExplorerAction::Add(a) => {
                if next.activations.len() < MAX_CURVES && !next.activations.contains(&a) {
                    next.activations.push(a);
                }
            }
            ExplorerAction::Remove(i) => {
                if next.activations.len() > 1 && i < next.activations.len() {
                    next.activations.remove(i);
                }
            }
            ExplorerAction::Replace(i, a) => {
                if let Some(slot) = next.activations.get_mut(i) {
                    *slot = a;
                }
            }
            ExplorerAction::SetParam(i, v) => {
                if let Some(slot) = next.activations.get_mut(i) {
                    if let Some(p) = slot.param() {
                        if let Ok(a) = slot.with_param(v.clamp(p.min, p.max)) {
                            *slot = a;
                        }
                    }
                }
            }
            ExplorerAction::SetRange(r) => next.range = nearest_range(r),
        }
        next
    }
}

fn nearest_range(r: f64) -> f64 {
    RANGES.into_iter().min_by(|a, b| (a - r).abs().total_cmp(&(b - r).abs())).unwrap_or(6.0)
}

fn format_number(x: f64) -> String {
    format!("{x}")
}

/// One sample of a curve.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sample {
    pub x: f64,
    pub f: f64,
    pub df: f64,
}

/// The curve of `act` over [lo, hi] in `n` steps, split into pieces at its kinks so that a jump
/// in f′ (or in f, for hardshrink) is drawn as a gap, never as a vertical line. Each piece ends
/// a hair before a kink and the next starts a hair after it. Where f or f′ is NaN or infinite
/// (a formula such as log(x) on x ≤ 0) the curve has a gap.
pub fn segments(act: &Activation, lo: f64, hi: f64, n: usize) -> Vec<Vec<Sample>> {
    let eps = (hi - lo) * 1e-9;
    let kinks: Vec<f64> = act.kinks().iter().map(|k| k.x).collect();
    let mut cuts: Vec<f64> = kinks.iter().copied().filter(|&x| x > lo && x < hi).collect();
    cuts.sort_by(f64::total_cmp);
    let mut bounds = vec![lo];
    bounds.extend(cuts);
    bounds.push(hi);
    let step = (hi - lo) / n.max(1) as f64;
    // A kink exactly at an end of the range (relu6's at 6 on ±6) is kept out too: the curve
    // stops a hair before it rather than drop to the value taken there.
    let (first, last) = (kinks.contains(&lo), kinks.contains(&hi));
    bounds
        .windows(2)
        .map(|w| {
            let a = w[0] + if w[0] > lo || first { eps } else { 0.0 };
            let b = w[1] - if w[1] < hi || last { eps } else { 0.0 };
            let mut xs = vec![a];
            let mut x = (a / step).floor() * step + step;
            while x < b {
                xs.push(x);
                x += step;
            }
            xs.push(b);
            xs.into_iter().map(|x| Sample { x, f: act.value(x), df: act.derivative(x) }).collect::<Vec<_>>()
        })
        .flat_map(|piece| finite_runs(&piece))
        .collect()
}

/// The runs of samples where both f and f′ are finite.
fn finite_runs(piece: &[Sample]) -> Vec<Vec<Sample>> {
    piece
        .split(|s| !(s.f.is_finite() && s.df.is_finite()))
        .filter(|run| !run.is_empty())
        .map(<[Sample]>::to_vec)
        .collect()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegionKind {
    /// f′ = 0 on a whole interval: a neuron whose inputs all land here gets no gradient (dies).
    Dead,
    /// 0 < |f′| < SATURATION: the gradient vanishes.
    Saturated,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Region {
    pub kind: RegionKind,
    pub from: f64,
    pub to: f64,
}

/// The intervals of [lo, hi] where `act`'s gradient is zero (dead) or fades (saturated), found
/// by sampling its own f′.
pub fn regions(act: &Activation, lo: f64, hi: f64, n: usize) -> Vec<Region> {
    let classify = |df: f64| {
        if df == 0.0 {
            Some(RegionKind::Dead)
        } else if df.abs() < SATURATION {
            Some(RegionKind::Saturated)
        } else {
            None
        }
    };
    let step = (hi - lo) / n.max(1) as f64;
    let mut out: Vec<Region> = Vec::new();
    let mut current: Option<Region> = None;
    for i in 0..=n {
        let x = lo + step * i as f64;
        // Sample just off the grid point so a kink exactly on it does not decide the class.
        let kind = classify(act.derivative(x + step * 1e-3));
        match (&mut current, kind) {
            (Some(r), Some(k)) if r.kind == k => r.to = x,
            (_, k) => {
                if let Some(r) = current.take() {
                    out.push(r);
                }
                current = k.map(|kind| Region { kind, from: x, to: x });
            }
        }
    }
    out.extend(current);
    // Saturation is where f′ fades towards an end of the line, on a side where it keeps fading
    // (the properties table's "saturates as x → −∞ / +∞"): not a turning point (GELU's or
    // hardswish's minimum) where f′ merely crosses zero, nor leaky ReLU's small but constant
    // slope, which never fades.
    let props = act.properties();
    let fades = |r: &Region| {
        (props.saturates_left && r.from <= lo + step * 0.5)
            || (props.saturates_right && r.to >= hi - step * 0.5)
    };
    out.into_iter()
        .filter(|r| r.to - r.from >= step)
        .filter(|r| r.kind == RegionKind::Dead || fades(r))
        .collect()
}

/// x, then f and f′ of each activation, `n`+1 rows over [-range, range].
pub fn curves_csv(acts: &[Activation], range: f64, n: usize) -> String {
    let mut out = String::from("x");
    for a in acts {
        out.push_str(&format!(",{},{}", csv_field(&format!("f {a}")), csv_field(&format!("df {a}"))));
    }
    out.push('\n');
    for i in 0..=n {
        let x = -range + 2.0 * range * i as f64 / n as f64;
        out.push_str(&format!("{x}"));
        for a in acts {
            out.push_str(&format!(",{},{}", a.value(x), a.derivative(x)));
        }
        out.push('\n');
    }
    out
}

/// A CSV field, quoted when it holds a comma or a quote (a formula such as max(a, b)).
fn csv_field(text: &str) -> String {
    if text.contains([',', '"']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The hover readout at x: (text form, f(x), f′(x)) for each shown activation.
pub fn readout(acts: &[Activation], x: f64) -> Vec<(String, f64, f64)> {
    acts.iter().map(|a| (a.to_string(), a.value(x), a.derivative(x))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_form_round_trips() {
        let state = ExplorerState {
            activations: vec![Activation::Relu, Activation::Elu { alpha: 0.5 }, Activation::Gelu],
            range: 20.0,
        };
        let mut q = Query::default();
        state.write_query(&mut q);
        assert_eq!(q.get("act"), Some("relu,elu(0.5),gelu"));
        let (back, notices) = ExplorerState::from_query(&q);
        assert_eq!(back, state);
        assert!(notices.is_empty());
    }

    #[test]
    fn bad_links_are_repaired_with_notices() {
        let (s, n) = ExplorerState::from_query(&Query::parse("act=relu,rleu,elu(-3)&range=7"));
        assert_eq!(s.activations, vec![Activation::Relu]);
        assert_eq!(s.range, 6.0);
        assert_eq!(n.len(), 3, "{n:?}");
        assert!(n[0].message.contains("rleu"));
        let (s, n) = ExplorerState::from_query(&Query::parse("act=relu,elu,gelu,silu,mish&range=abc"));
        assert_eq!(s.activations.len(), MAX_CURVES);
        assert!(n.iter().any(|n| n.message.contains("mish")));
        assert!(n.iter().any(|n| n.key == "range"));
        let (s, _) = ExplorerState::from_query(&Query::parse("act=,,"));
        assert_eq!(s, ExplorerState::default());
    }

    #[test]
    fn curves_break_at_kinks_and_not_elsewhere() {
        let relu = segments(&Activation::Relu, -3.0, 3.0, 60);
        assert_eq!(relu.len(), 2);
        assert!(relu[0].last().unwrap().x < 0.0 && relu[1][0].x > 0.0);
        assert!(relu[0].iter().all(|s| s.df == 0.0) && relu[1].iter().all(|s| s.df == 1.0));
        assert_eq!(segments(&Activation::Gelu, -3.0, 3.0, 60).len(), 1);
        // hardswish has kinks at ±3, both inside ±6.
        assert_eq!(segments(&Activation::Hardswish, -6.0, 6.0, 100).len(), 3);
        // relu6's kink at 6 is the end of ±6: f′ stays 1 up to it, no drop to 0 drawn there.
        let relu6 = segments(&Activation::Relu6, -6.0, 6.0, 60);
        let end = relu6.last().and_then(|p| p.last()).copied().unwrap();
        assert!(end.x < 6.0 && end.x > 5.99 && end.df == 1.0, "{end:?}");
    }

    #[test]
    fn regions_show_dead_and_saturated_zones() {
        let relu = regions(&Activation::Relu, -6.0, 6.0, 240);
        assert_eq!(relu.len(), 1);
        assert_eq!(relu[0].kind, RegionKind::Dead);
        assert!(relu[0].from <= -5.9 && relu[0].to.abs() < 0.1);
        let sig = regions(&Activation::Sigmoid, -6.0, 6.0, 240);
        assert_eq!(sig.len(), 2, "{sig:?}");
        assert!(sig.iter().all(|r| r.kind == RegionKind::Saturated));
        // sigmoid'(x) = 0.05 near |x| ≈ 2.94.
        assert!((sig[0].to + 2.94).abs() < 0.1 && (sig[1].from - 2.94).abs() < 0.1);
        assert!(regions(&Activation::LeakyRelu { slope: 0.2 }, -6.0, 6.0, 240).is_empty());
        // Leaky ReLU's default slope 0.01 is small but constant: its gradient never fades.
        assert!(regions(&Activation::LeakyRelu { slope: 0.01 }, -6.0, 6.0, 240).is_empty());
        let flat = regions(&Activation::LeakyRelu { slope: 0.0 }, -6.0, 6.0, 240);
        assert_eq!(flat.iter().map(|r| r.kind).collect::<Vec<_>>(), [RegionKind::Dead]);
        // log-sigmoid's f′ = σ(−x) fades on the right only; ELU's on the left only.
        let ls = regions(&Activation::LogSigmoid, -6.0, 6.0, 240);
        assert!(ls.len() == 1 && ls[0].from > 2.0 && ls[0].to >= 5.9, "{ls:?}");
        let elu = regions(&Activation::Elu { alpha: 1.0 }, -6.0, 6.0, 240);
        assert!(elu.len() == 1 && elu[0].from <= -5.9 && (elu[0].to + 3.0).abs() < 0.1, "{elu:?}");
        // hardtanh and relu6: f′ = 0 on both sides (relu6's right side beyond 6).
        let ht = regions(&Activation::Hardtanh, -6.0, 6.0, 240);
        assert!(ht.len() == 2 && ht.iter().all(|r| r.kind == RegionKind::Dead), "{ht:?}");
        assert_eq!(regions(&Activation::Relu6, -20.0, 20.0, 480).len(), 2);
        // GELU's minimum near x = -0.75 is a turning point, not saturation; its left tail is.
        let gelu = regions(&Activation::Gelu, -6.0, 6.0, 240);
        assert_eq!(gelu.len(), 1, "{gelu:?}");
        assert!(gelu[0].from <= -5.9 && gelu[0].to < -2.0);
        // softshrink's dead zone sits in the middle, between -λ and λ.
        let ss = regions(&Activation::Softshrink { lambda: 0.5 }, -6.0, 6.0, 240);
        assert_eq!(ss.len(), 1);
        assert!((ss[0].from + 0.5).abs() < 0.06 && (ss[0].to - 0.5).abs() < 0.06, "{ss:?}");
    }

    #[test]
    fn actions_keep_the_state_valid() {
        let s = ExplorerState::default();
        let s = s.apply(ExplorerAction::Add(Activation::Elu { alpha: 1.0 }));
        let s = s.apply(ExplorerAction::SetParam(1, 0.5));
        assert_eq!(s.activations[1], Activation::Elu { alpha: 0.5 });
        // A parameter outside the range is clamped, not refused.
        let s2 = s.apply(ExplorerAction::SetParam(1, 99.0));
        assert_eq!(s2.activations[1], Activation::Elu { alpha: 5.0 });
        // A duplicate is not added; at most four curves; the last curve cannot be removed.
        assert_eq!(s.apply(ExplorerAction::Add(Activation::Relu)).activations.len(), 2);
        let full = [Activation::Gelu, Activation::Silu, Activation::Mish]
            .into_iter()
            .fold(s.clone(), |st, a| st.apply(ExplorerAction::Add(a)));
        assert_eq!(full.activations.len(), MAX_CURVES);
        let one = ExplorerState::default().apply(ExplorerAction::Remove(0));
        assert_eq!(one.activations.len(), 1);
        assert_eq!(s.apply(ExplorerAction::Remove(0)).activations, vec![Activation::Elu { alpha: 0.5 }]);
        assert_eq!(s.apply(ExplorerAction::Replace(0, Activation::Tanh)).activations[0], Activation::Tanh);
        assert_eq!(s.apply(ExplorerAction::SetRange(20.0)).range, 20.0);
    }

    #[test]
    fn csv_has_a_column_pair_per_activation() {
        let csv = curves_csv(&[Activation::Relu, Activation::Tanh], 3.0, 6);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], "x,f relu,df relu,f tanh,df tanh");
        assert_eq!(lines.len(), 8);
        let row: Vec<f64> = lines[1].split(',').map(|v| v.parse().unwrap()).collect();
        let want = [-3.0, 0.0, 0.0, (-3.0f64).tanh(), 1.0 - (-3.0f64).tanh().powi(2)];
        for (got, want) in row.iter().zip(want) {
            assert!((got - want).abs() < 1e-12, "{row:?}");
        }
        let leaky = Activation::parse("custom(max(0.1*x, x))").expect("a formula");
        let header = curves_csv(&[leaky], 3.0, 2).lines().next().map(str::to_string);
        assert_eq!(header.as_deref(), Some("x,\"f custom(max(0.1*x, x))\",\"df custom(max(0.1*x, x))\""));
    }

    #[test]
    fn a_formula_undefined_on_part_of_the_range_has_a_gap_there_and_formulas_break_at_kinks() {
        let log = Activation::parse("custom(log(x))").expect("a formula");
        let pieces = segments(&log, -3.0, 3.0, 120);
        assert_eq!(pieces.len(), 1);
        assert!(pieces[0].iter().all(|s| s.x > 0.0 && s.f.is_finite() && s.df.is_finite()));
        assert!(pieces[0].last().is_some_and(|s| s.x == 3.0));
        let sqrt = Activation::parse("custom(sqrt(abs(x) - 1))").expect("a formula");
        assert_eq!(segments(&sqrt, -3.0, 3.0, 120).len(), 2, "a gap on (−1, 1)");
        let leaky = Activation::parse("custom(max(0.1*x, x))").expect("a formula");
        assert_eq!(segments(&leaky, -3.0, 3.0, 60).len(), 2);
        let zones = regions(&Activation::parse("custom(relu(x))").expect("a formula"), -6.0, 6.0, 240);
        assert_eq!(zones.len(), 1);
        assert_eq!((zones[0].kind, zones[0].from), (RegionKind::Dead, -6.0));
        let sig = regions(&Activation::parse("custom(sigmoid(x))").expect("a formula"), -6.0, 6.0, 240);
        assert_eq!(sig, regions(&Activation::Sigmoid, -6.0, 6.0, 240));
    }
}
